package pdfw

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/polypress/polypress/pipeline/render/pdf/internal/truetype"
)

// Font is a TrueType font embedded as a Type0 font with a CIDFontType2
// descendant (PDF 32000-1 §9.7).
//
// Character codes are CIDs the writer hands out, one per pair of drawn
// glyph and text: the ToUnicode map gives each code exactly the text its
// glyph shows in that place, and the CIDToGIDMap the glyph. A glyph that
// shows different texts in different places (one Arabic form serving two
// letters, say) gets a code for each, so every occurrence extracts right.
type Font struct {
	index int
	ref   Ref
	name  string
	src   *truetype.Font
	upem  float64

	glyphs []truetype.Glyph
	// byID is the handle of each of the font's glyphs plus one (0: not
	// drawn yet), a slice rather than a map: it is read for every glyph
	// drawn.
	byID    []int32
	byParts map[string]int
	blanks  map[uint16]int
	codes   []code // by CID - 1
	codeOf  map[codeKey]uint16
	// lastCode is, by drawn glyph, the code it was last given and its
	// text: a glyph nearly always shows the same text, and comparing it
	// costs less than hashing it into codeOf for every cluster drawn.
	lastCode []lastCode
}

// lastCode is the code a drawn glyph was last given, with its text; code
// 0 (codes start at 1) for none yet.
type lastCode struct {
	text string
	code uint16
}

type code struct {
	glyph int
	text  string
}

type codeKey struct {
	glyph int
	text  string
}

// AddFont parses a TrueType font to embed under name (its file name
// without extension). A font that cannot be read is an error.
func (w *Writer) AddFont(name string, data []byte) (*Font, error) {
	src, err := truetype.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", name, err)
	}
	f := &Font{index: len(w.fonts), ref: w.Alloc(), name: name, src: src, upem: float64(src.UnitsPerEm()),
		byID: make([]int32, src.NumGlyphs()), byParts: map[string]int{}, blanks: map[uint16]int{}, codeOf: map[codeKey]uint16{}}
	w.fonts = append(w.fonts, f)
	return f, nil
}

// UnitsPerEm is the size of the font's em square in font units.
func (f *Font) UnitsPerEm() float64 { return f.upem }

// Glyph returns the drawn-glyph handle of the font's glyph id.
func (f *Font) Glyph(id uint16) (int, error) {
	if int(id) >= len(f.byID) {
		return 0, fmt.Errorf("font %s has no glyph %d", f.name, id)
	}
	if i := f.byID[id]; i > 0 {
		return int(i) - 1, nil
	}
	f.glyphs = append(f.glyphs, truetype.Glyph{ID: id})
	f.byID[id] = int32(len(f.glyphs))
	return len(f.glyphs) - 1, nil
}

// Composite returns the drawn-glyph handle of a composite glyph of the
// font's glyphs, made once for each set of components and advance. Each
// gets an anchor (see truetype.Glyph): a composite is drawn where a
// cluster's glyphs stray from the baseline.
func (f *Font) Composite(parts []truetype.Component, advance uint16) (int, error) {
	key := make([]byte, 0, 8*len(parts)+2)
	for _, p := range parts {
		if int(p.Glyph) >= f.src.NumGlyphs() {
			return 0, fmt.Errorf("font %s has no glyph %d", f.name, p.Glyph)
		}
		key = binary.BigEndian.AppendUint16(key, p.Glyph)
		key = binary.BigEndian.AppendUint16(key, uint16(p.DX))
		key = binary.BigEndian.AppendUint16(key, uint16(p.DY))
	}
	key = binary.BigEndian.AppendUint16(key, advance)
	if i, ok := f.byParts[string(key)]; ok {
		return i, nil
	}
	f.glyphs = append(f.glyphs, truetype.Glyph{Components: append([]truetype.Component(nil), parts...), Advance: advance, Anchor: true})
	f.byParts[string(key)] = len(f.glyphs) - 1
	return len(f.glyphs) - 1, nil
}

// Blank returns the drawn-glyph handle of a glyph that draws nothing and
// advances by advance font units: a carrier of text that no glyph shows
// on its own (see the renderer's text drawing).
func (f *Font) Blank(advance uint16) int {
	if i, ok := f.blanks[advance]; ok {
		return i
	}
	f.glyphs = append(f.glyphs, truetype.Glyph{Empty: true, Advance: advance})
	f.blanks[advance] = len(f.glyphs) - 1
	return len(f.glyphs) - 1
}

// Reshape returns the handle of drawn glyph g (a font glyph or a
// composite) with another advance, in font units.
func (f *Font) Reshape(g int, advance uint16) (int, error) {
	src := f.glyphs[g]
	switch {
	case src.Empty:
		return f.Blank(advance), nil
	case len(src.Components) > 0:
		return f.Composite(src.Components, advance)
	}
	return f.Composite([]truetype.Component{{Glyph: src.ID}}, advance)
}

// Width is the advance of a drawn glyph in thousandths of an em, as the
// font's /W array gives it.
func (f *Font) Width(glyph int) float64 {
	g := f.glyphs[glyph]
	adv := g.Advance
	if len(g.Components) == 0 && !g.Empty {
		adv, _ = f.src.Advance(g.ID)
	}
	return math.Round(float64(adv) * 1000 / f.upem)
}

// Advance is a font glyph's advance width in font units.
func (f *Font) Advance(id uint16) uint16 {
	a, _ := f.src.Advance(id)
	return a
}

// maxCodes is how many codes a font's two-byte encoding holds (CID 0 is
// .notdef).
const maxCodes = 0xFFFF

// Code returns the two-byte character code that draws glyph and extracts
// as text.
func (f *Font) Code(glyph int, text string) (uint16, error) {
	if text == "" {
		return 0, fmt.Errorf("font %s: a code must extract as some text", f.name)
	}
	if glyph >= 0 && glyph < len(f.lastCode) && f.lastCode[glyph].code != 0 && f.lastCode[glyph].text == text {
		return f.lastCode[glyph].code, nil
	}
	k := codeKey{glyph, text}
	if c, ok := f.codeOf[k]; ok {
		f.remember(glyph, text, c)
		return c, nil
	}
	if len(f.codes) >= maxCodes {
		return 0, fmt.Errorf("font %s: more than %d distinct glyphs and texts in one document", f.name, maxCodes)
	}
	f.codes = append(f.codes, code{glyph, text})
	c := uint16(len(f.codes))
	f.codeOf[k] = c
	f.remember(glyph, text, c)
	return c, nil
}

// remember notes that glyph showing text has code c.
func (f *Font) remember(glyph int, text string, c uint16) {
	if glyph < 0 {
		return
	}
	for len(f.lastCode) <= glyph {
		f.lastCode = append(f.lastCode, lastCode{})
	}
	f.lastCode[glyph] = lastCode{text: text, code: c}
}

// writeFont writes the font's objects: the Type0 font, its CIDFont,
// descriptor, subset font program, widths, CIDToGIDMap and ToUnicode map.
func (w *Writer) writeFont(f *Font) error {
	sub, ids, err := f.src.Subset(f.glyphs)
	if err != nil {
		return fmt.Errorf("font %s: %w", f.name, err)
	}
	// A subset's name is tagged with six capital letters (PDF 32000-1
	// §9.6.4), here derived from the subset itself.
	sum := sha256.Sum256(sub)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	base := string(tag) + "+" + postScriptName(f.name)

	program := w.Alloc()
	w.Stream(program, "/Length1 "+strconv.Itoa(len(sub)), sub, true)

	m := f.src.Metrics()
	flags := 4 // symbolic: glyphs are addressed by CID, not a standard encoding
	if m.FixedPitch {
		flags |= 1
	}
	if m.Serif {
		flags |= 2
	}
	if m.Italic {
		flags |= 64
	}
	desc := w.Alloc()
	w.Object(desc, []byte(fmt.Sprintf("<</Type/FontDescriptor/FontName%s/Flags %d/FontBBox[%s %s %s %s]/ItalicAngle %s/Ascent %s/Descent %s/CapHeight %s/StemV 80/FontFile2 %s>>",
		Name(base), flags, Num(m.BBox[0]), Num(m.BBox[1]), Num(m.BBox[2]), Num(m.BBox[3]),
		Num(m.ItalicAngle), Num(m.Ascent), Num(m.Descent), Num(m.CapHeight), program)))

	// CIDToGIDMap: two bytes per CID, CID 0 to the last.
	c2g := make([]byte, 2*(len(f.codes)+1))
	for i, c := range f.codes {
		binary.BigEndian.PutUint16(c2g[2*(i+1):], ids[c.glyph])
	}
	c2gRef := w.Alloc()
	w.Stream(c2gRef, "", c2g, true)

	// Widths, in runs of consecutive CIDs.
	var wa bytes.Buffer
	wa.WriteString("[")
	for i := 0; i < len(f.codes); {
		j := min(i+64, len(f.codes))
		wa.WriteString(strconv.Itoa(i+1) + "[")
		for k := i; k < j; k++ {
			if k > i {
				wa.WriteByte(' ')
			}
			wa.WriteString(Num(f.Width(f.codes[k].glyph)))
		}
		wa.WriteString("]")
		i = j
	}
	wa.WriteString("]")

	cid := w.Alloc()
	w.Object(cid, []byte("<</Type/Font/Subtype/CIDFontType2/BaseFont"+Name(base)+
		"/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor "+desc.String()+
		"/DW 1000/W "+wa.String()+"/CIDToGIDMap "+c2gRef.String()+">>"))

	toUni := w.Alloc()
	w.Stream(toUni, "", f.toUnicode(), true)
	w.Object(f.ref, []byte("<</Type/Font/Subtype/Type0/BaseFont"+Name(base)+"/Encoding/Identity-H/DescendantFonts["+
		cid.String()+"]/ToUnicode "+toUni.String()+">>"))
	return nil
}

// toUnicode writes the ToUnicode CMap: each code to its text in UTF-16BE.
func (f *Font) toUnicode() []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n" +
		"/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n")
	for i := 0; i < len(f.codes); i += 100 {
		j := min(i+100, len(f.codes))
		fmt.Fprintf(&b, "%d beginbfchar\n", j-i)
		for k := i; k < j; k++ {
			fmt.Fprintf(&b, "<%04X><", k+1)
			for _, u := range utf16.Encode([]rune(f.codes[k].text)) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// postScriptName keeps the characters a PostScript font name may hold.
func postScriptName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7F && !strings.ContainsRune("[](){}<>/%", r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Font"
	}
	return b.String()
}
