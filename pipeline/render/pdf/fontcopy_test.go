package pdf

import (
	"bytes"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/polypress/polypress/fonts"
	"github.com/polypress/polypress/pipeline/internal/typesetting/font"
)

// The font copy must map each assigned code point to its glyph, for both
// our shaper's parser and fpdf's.
func TestWithCmapMapsCodesToGlyphs(t *testing.T) {
	data, err := fonts.FS.ReadFile("NotoNaskhArabic-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	gids := []uint16{300, 5, 6, 7, 42, 1000}
	codes, err := glyphCodes(gids)
	if err != nil {
		t.Fatal(err)
	}
	if codes[5] != 0xE000 || codes[6] != 0xE001 || codes[1000] != 0xE005 {
		t.Errorf("codes not assigned in glyph order from U+E000: %v", codes)
	}
	copied, err := withCmap(data, codes)
	if err != nil {
		t.Fatal(err)
	}
	face, err := font.ParseTTF(bytes.NewReader(copied))
	if err != nil {
		t.Fatalf("the copy does not parse: %v", err)
	}
	for gid, code := range codes {
		got, ok := face.NominalGlyph(code)
		if !ok || uint16(got) != gid {
			t.Errorf("U+%04X maps to %d (%v), want glyph %d", code, got, ok, gid)
		}
	}
	if _, ok := face.NominalGlyph('ب'); ok {
		t.Error("the copy still maps the original characters")
	}
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("copy", "", copied)
	pdf.SetFont("copy", "", 10)
	if err := pdf.Error(); err != nil {
		t.Errorf("fpdf refuses the copy: %v", err)
	}
}

func TestGlyphCodesOverflowIntoTheBMP(t *testing.T) {
	gids := make([]uint16, 7000)
	for i := range gids {
		gids[i] = uint16(i + 1)
	}
	codes, err := glyphCodes(gids)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[rune]bool{}
	for _, c := range codes {
		if seen[c] || c < 0x100 || (c >= 0xD800 && c <= 0xDFFF) || c > 0xFFFF {
			t.Fatalf("bad or repeated code U+%04X", c)
		}
		seen[c] = true
	}
	if _, err := glyphCodes(make([]uint16, maxGlyphsPerFont+1)); err == nil {
		t.Error("more glyphs than codes should be an error")
	}
}
