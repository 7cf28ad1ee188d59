package text

import (
	"github.com/polypress/polypress/pipeline/internal/typesetting/bidi"
	"github.com/polypress/polypress/pipeline/internal/typesetting/font"
	"github.com/polypress/polypress/pipeline/internal/typesetting/harfbuzz"
	"github.com/polypress/polypress/pipeline/internal/typesetting/segmenter"
	"github.com/polypress/polypress/pipeline/internal/typesetting/shaping"
)

// Shaper lays out paragraphs. It holds the per-goroutine state of the
// engine (HarfBuzz buffers, glyph caches), so each goroutine that builds
// editions uses its own Shaper over a shared Library.
type Shaper struct {
	lib     *Library
	seg     shaping.Segmenter
	bidi    bidi.Paragraph
	lines   segmenter.Segmenter
	faces   map[*Font]*font.Face
	fonts   map[*font.Face]*Font
	byStyle map[styleKey]*font.Face
	// hyphens caches each font's hyphen glyph and its advance in font
	// units; points is scratch space for hyphenation points.
	hyphens map[*Font]hyphenInfo
	points  []int
	// hyphenWords remembers the hyphenation points of words.
	hyphenWords map[uint64]*hyphenWord
	covers      map[coversKey]*Font
	ascii       map[coversKey]*asciiCovers
	langs       map[string]langScript
	asciiFaces  map[faceKey]*[0x80]*font.Face
	// lastASCII is the ASCII table Covers used last.
	lastASCII *asciiCovers

	// HarfBuzz's buffer and fonts, and scratch space for shaping.
	buf     *harfbuzz.Buffer
	hbFonts map[*font.Face]*harfbuzz.Font
	scratch []glyph
	key     []rune
	cuts    []int
	// wholeRuns shapes each run whole and uncached (tests compare).
	wholeRuns bool
	// tmp is scratch space for one paragraph's layout.
	tmp layoutScratch
}

// layoutScratch holds the working arrays of laying out a paragraph,
// reused by the next: nothing in them outlives Layout.
type layoutScratch struct {
	runes        []rune
	styleOf      []int
	adv          []float64
	clusterStart []bool
	levels       []bidi.Level
	items        []item
	glyphs       []glyph
	segs         []segment
	opps         []opportunity
	breaking     breakScratch
}

// zeroed returns *buf resized to n elements, all zero, growing it when it
// is too small.
func zeroed[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	}
	s := (*buf)[:n]
	clear(s)
	*buf = s
	return s
}

type hyphenInfo struct {
	gid uint16
	adv float64
}

type styleKey struct {
	family       string
	bold, italic bool
}

// NewShaper returns a Shaper drawing fonts from lib.
func NewShaper(lib *Library) *Shaper {
	return &Shaper{
		lib:        lib,
		faces:      map[*Font]*font.Face{},
		fonts:      map[*font.Face]*Font{},
		byStyle:    map[styleKey]*font.Face{},
		hyphens:    map[*Font]hyphenInfo{},
		covers:     map[coversKey]*Font{},
		ascii:      map[coversKey]*asciiCovers{},
		langs:      map[string]langScript{},
		asciiFaces: map[faceKey]*[0x80]*font.Face{},
		hbFonts:    map[*font.Face]*harfbuzz.Font{},
	}
}

// hyphenGlyph returns the glyph the line breaker draws for a hyphen in
// fnt, U+2010 HYPHEN where the font has it, else U+002D, and its advance
// in font units.
func (sh *Shaper) hyphenGlyph(fnt *Font) (uint16, float64) {
	if h, ok := sh.hyphens[fnt]; ok {
		return h.gid, h.adv
	}
	var h hyphenInfo
	if f := sh.faceOf(fnt); f != nil {
		for _, r := range []rune{'\u2010', '-'} {
			if gid, ok := f.NominalGlyph(r); ok {
				h = hyphenInfo{gid: uint16(gid), adv: float64(f.HorizontalAdvance(gid))}
				break
			}
		}
	}
	sh.hyphens[fnt] = h
	return h.gid, h.adv
}

// Library returns the fonts the shaper draws from.
func (sh *Shaper) Library() *Library { return sh.lib }

// face returns this shaper's go-text face for the family member closest to
// the style, or nil when the family is unknown.
func (sh *Shaper) face(family string, bold, italic bool) *font.Face {
	k := styleKey{family, bold, italic}
	if f, ok := sh.byStyle[k]; ok {
		return f
	}
	var face *font.Face
	if fnt := sh.lib.Face(family, bold, italic); fnt != nil {
		face = sh.faceOf(fnt)
	}
	sh.byStyle[k] = face
	return face
}

// faceOf parses the font if no one has yet, and returns this shaper's
// face for it; nil when the font does not parse, which makes the font
// count as missing (the stack's last resort is checked by Stack.Check).
func (sh *Shaper) faceOf(fnt *Font) *font.Face {
	if f, ok := sh.faces[fnt]; ok {
		return f
	}
	p, err := fnt.parse()
	if err != nil {
		sh.faces[fnt] = nil
		return nil
	}
	f := font.NewFace(p.font)
	sh.faces[fnt] = f
	sh.fonts[f] = fnt
	return f
}
