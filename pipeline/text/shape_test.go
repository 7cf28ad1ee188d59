package text

import (
	"reflect"
	"testing"
	"unicode"

	"github.com/polypress/polypress/pipeline/internal/typesetting/segmenter"
)

// TestSpaceSeparates checks the verdict on each bundled font. Noto Sans
// Devanagari positions Vedic marks ("dist") by the glyphs before them,
// across a space (a chaining rule whose backtrack class 0 holds the space
// glyph), so its words are shaped run by run; Noto Nastaliq Urdu names the
// space only as the glyph after a word-final form, which the piece "word "
// keeps, so it is shaped word by word like the rest.
func TestSpaceSeparates(t *testing.T) {
	lib := library(t)
	for _, name := range lib.Names() {
		p, err := lib.Font(name).parse()
		if err != nil {
			t.Fatal(err)
		}
		want := name != "NotoSansDevanagari-Regular" && name != "NotoSansDevanagari-Bold"
		if p.separates != want {
			t.Errorf("%s: separates %v, want %v", name, p.separates, want)
		}
	}
}

// TestPieceStartsAGrapheme checks that a piece never starts inside a
// grapheme cluster: wherever pieceStart accepts a character after a space,
// Unicode's segmentation puts a grapheme boundary before it.
func TestPieceStartsAGrapheme(t *testing.T) {
	var seg segmenter.Segmenter
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r == ' ' || !pieceStart(r) {
			continue
		}
		text := []rune{'a', ' ', r, 'b'}
		seg.Init(text)
		it := seg.GraphemeIterator()
		boundary := false
		for it.Next() {
			if it.Grapheme().Offset == 2 {
				boundary = true
			}
		}
		if !boundary {
			t.Errorf("%U: no grapheme boundary after a space, but a piece may start with it", r)
		}
	}
}

// TestWordCacheKeysPieceEnds: "بنی۔" shaped as one piece, and "بنی" shaped
// before a "۔" in another style (its context), have the same runes; the
// cache must tell them apart (the fuzzer found they once shared an entry).
func TestWordCacheKeysPieceEnds(t *testing.T) {
	lib := &Library{fonts: library(t).fonts, families: library(t).families, names: library(t).names}
	sh := NewShaper(lib)
	sh.Layout(para("میں بنی۔", true), 100)
	whole := NewShaper(lib)
	whole.wholeRuns = true
	p := para("ں بنی۔", true)
	bold := p.Spans[0].Style
	bold.Bold = true
	p.Spans = []Span{{Text: "ں بنی", Style: p.Spans[0].Style}, {Text: "۔", Style: bold}}
	if got, want := sh.Layout(p, 100), whole.Layout(p, 100); !reflect.DeepEqual(got, want) {
		t.Errorf("word by word:\n%+v\nwhole runs:\n%+v", got, want)
	}
}
