package pdf

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/render/pdf/internal/pdfw"
	"github.com/polypress/polypress/pipeline/render/pdf/internal/truetype"
	"github.com/polypress/polypress/pipeline/text"
	"golang.org/x/text/unicode/bidi"
)

// surface is what drawing a page needs from a PDF writer: shaped lines,
// rules and fills, images, links, and the marks that make a tagged PDF.
// Coordinates are PDF user space of the trim box (origin at its lower
// left, y up). The page drawing code talks only to this interface;
// composition and pagination never see it.
type surface interface {
	// text draws line l in the text space m (origin at the line's left
	// end on its baseline) filled with c. Its content belongs to
	// structure element e, or is an artifact when e is nil (the caller
	// has opened the artifact).
	text(l *text.Line, m [6]float64, c paint, e *pdfw.Elem) error
	// rule strokes a line from (x0, y0) to (x1, y1).
	rule(x0, y0, x1, y1, width float64, c layout.Color)
	// fill fills a rectangle.
	fill(x, y, w, h float64, c layout.Color)
	// raw appends operators that need no resources (paths, state).
	raw(ops string)
	// image draws img in the rectangle x, y, w, h.
	image(img *pdfw.Image, x, y, w, h float64)
	// link makes the rectangle x, y, w, h a link to uri, or to dest
	// when uri is empty, belonging to the Link element e; contents
	// describes it.
	link(x, y, w, h float64, uri string, dest pdfw.Dest, e *pdfw.Elem, contents string)
	// rowEnd ends a row of blocks set side by side (a table row) along
	// the line from (x0, y) to (x1, y): text readers that order blocks
	// by position read the row's blocks before what lies below the line.
	rowEnd(x0, x1, y float64) error
	// tag and artifact open marked content; end closes it.
	tag(e *pdfw.Elem)
	artifact(kind string)
	end()
}

// pageSurface draws into a pdfw page. offset is where the trim box's
// origin is in the page's default user space (the bleed and the crop
// marks' margin): content is drawn shifted by it, annotations are placed
// with it.
type pageSurface struct {
	p      *pdfw.Page
	gw     *glyphWriter
	offset float64
	// inner resolves a link within the document ("#clause-4") to its
	// destination, or, when its target is not drawn yet, takes the
	// function that writes the link once it is; nil: such links are
	// not made.
	inner func(name string, later func(pdfw.Dest)) (pdfw.Dest, bool)
}

func (s *pageSurface) text(l *text.Line, m [6]float64, c paint, e *pdfw.Elem) error {
	if err := s.gw.line(s.p, l, m, c, e); err != nil {
		return err
	}
	// Links inside the line: the rectangle from its runs' extent, on an
	// unrotated line.
	for _, lr := range s.gw.links {
		x, y, w, h := m[4]+lr.x0, m[5]-0.3*lr.size, lr.x1-lr.x0, 1.1*lr.size
		name, inner := strings.CutPrefix(lr.uri, "#")
		if !inner {
			s.link(x, y, w, h, lr.uri, pdfw.Dest{}, lr.elem, lr.text)
			continue
		}
		if s.inner == nil {
			continue
		}
		o := s.offset
		rect := pdfw.Rect{X0: o + x, Y0: o + y, X1: o + x + w, Y1: o + y + h}
		if dest, ok := s.inner(name, nil); ok {
			s.p.Link(rect, "", dest, lr.elem, strings.TrimSpace(lr.text))
		} else {
			s.inner(name, s.p.LinkLater(rect, lr.elem, lr.text))
		}
	}
	return nil
}

func (s *pageSurface) link(x, y, w, h float64, uri string, dest pdfw.Dest, e *pdfw.Elem, contents string) {
	o := s.offset
	s.p.Link(pdfw.Rect{X0: o + x, Y0: o + y, X1: o + x + w, Y1: o + y + h}, uri, dest, e, strings.TrimSpace(contents))
}

func (s *pageSurface) rule(x0, y0, x1, y1, width float64, c layout.Color) {
	r, g, b := c.RGB()
	fmt.Fprintf(s.p.Content(), "%s %s %s RG %s w %s %s m %s %s l S\n", num(r), num(g), num(b), num(width), num(x0), num(y0), num(x1), num(y1))
}

func (s *pageSurface) fill(x, y, w, h float64, c layout.Color) {
	r, g, b := c.RGB()
	fmt.Fprintf(s.p.Content(), "q %s %s %s rg %s %s %s %s re f Q\n", num(r), num(g), num(b), num(x), num(y), num(w), num(h))
}

func (s *pageSurface) raw(ops string) { s.p.Content().WriteString(ops) }

func (s *pageSurface) image(img *pdfw.Image, x, y, w, h float64) {
	fmt.Fprintf(s.p.Content(), "q %s 0 0 %s %s %s cm %s Do Q\n", num(w), num(h), num(x), num(y), s.p.ImageName(img))
}

func (s *pageSurface) rowEnd(x0, x1, y float64) error { return s.gw.rowEnd(s.p, x0, x1, y) }

func (s *pageSurface) tag(e *pdfw.Elem)     { s.p.BeginTag(e) }
func (s *pageSurface) artifact(kind string) { s.p.BeginArtifact(kind) }
func (s *pageSurface) end()                 { s.p.End() }

// paint is how text is filled: in its colour, or in the colours its runs
// ask for (links) when alpha is 1; with paper white mixed in as alpha
// falls (a tint rather than transparency, for the draft mark).
type paint struct {
	color layout.Color
	alpha float64
}

func solid(c layout.Color) paint { return paint{c, 1} }

// rgb is the fill for a run.
func (pt paint) rgb(run *text.Run) (r, g, b float64) {
	col := pt.color
	if run.Style.Color != 0 && run.Style.Color != uint32(col) && pt.alpha == 1 {
		col = layout.Color(run.Style.Color)
	}
	r, g, b = col.RGB()
	if pt.alpha < 1 {
		a := pt.alpha
		r, g, b = 1-(1-r)*a, 1-(1-g)*a, 1-(1-b)*a
	}
	return r, g, b
}

// num formats a number for a content stream.
func num(v float64) string { return pdfw.Num(v) }

// glyphWriter draws shaped lines as text that every reader extracts in
// logical order, whatever it does with what it extracts:
//
//   - Each cluster is drawn as one glyph whose code maps, through the
//     font's ToUnicode map, to the cluster's characters. A cluster shaped
//     as several glyphs, or as a glyph moved off its place (a letter with
//     marks, a Nastaliq letter drawn as body and dots, a raised Nastaliq
//     letter), is drawn as a composite glyph made for it, whose origin is
//     the cluster's place on the baseline.
//   - Runs are written in logical order, and a right-to-left run's
//     clusters right to left: MuPDF (mutool 1.21) gives text in content
//     order without reordering it.
//   - Each right-to-left cluster is its own text-showing operator inside
//     its own marked-content sequence: PDF.js starts a text item at every
//     marked-content operator and reverses the right-to-left characters
//     of each item, PDFium sorts text objects on a line by position and
//     reverses right-to-left stretches, and poppler orders characters by
//     position. One character per item, and per object, comes out right
//     in all of them.
//   - A right-to-left cluster of several characters (a letter with its
//     marks, the lam-alef ligature) draws its glyph with its last
//     character and, before it, blank glyphs carrying the others, placed
//     right to left across the cluster: a code mapping to several
//     right-to-left characters comes out reversed in PDF.js, PDFium and
//     poppler and in order in MuPDF.
//   - A space between right-to-left words maps to a right-to-left mark
//     and the space: PDF.js makes spaces only from forward gaps and drops
//     space glyphs, and right-to-left text in logical order only moves
//     back. The mark is invisible and right for a space between
//     right-to-left words.
//   - Default-ignorable format characters (joiners) at the end of a
//     cluster are carried by a blank glyph of their own: PDF.js drops a
//     glyph whose text ends with one, letter and all. (It drops the
//     joiner all the same: docs/accessibility.md, reader limits.)
//   - A row of blocks side by side (a table row), and a list label back
//     out of a nested list, end with an invisible mark across them
//     (rowEnd): poppler orders blocks by position, and read a table
//     column by column.
//
// No ActualText is written: every reader gets the text from the codes.
type glyphWriter struct {
	w     *pdfw.Writer
	fonts map[*text.Font]*pdfw.Font
	// lang is the document's language; runs in another are tagged with
	// theirs.
	lang string
	// scripts caches the scripts each language is written in.
	scripts map[string]map[string]bool
	// langElems reuses a language span's element across the runs of
	// one parent, while nothing else comes between them.
	last struct {
		parent, elem *pdfw.Elem
		key          string
	}
	// links are the link annotations of the line being drawn.
	links []linkRun
	// lastFont is the font drawn with last, for the marks that draw no
	// glyph (rowEnd).
	lastFont *pdfw.Font
	// parts and drawn are scratch space, reused from cluster to cluster.
	parts []truetype.Component
	drawn []drawn
}

// linkRun is a link's extent on a line, for its annotation.
type linkRun struct {
	uri    string
	elem   *pdfw.Elem
	x0, x1 float64 // in the line's text space
	size   float64
	text   string
}

func newGlyphWriter(w *pdfw.Writer, lang string) *glyphWriter {
	return &glyphWriter{w: w, fonts: map[*text.Font]*pdfw.Font{}, lang: lang, scripts: map[string]map[string]bool{}}
}

// usedFonts returns the fonts drawn with, sorted by name.
func (gw *glyphWriter) usedFonts() []*text.Font {
	out := make([]*text.Font, 0, len(gw.fonts))
	for f := range gw.fonts {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func (gw *glyphWriter) font(f *text.Font) (*pdfw.Font, error) {
	if pf := gw.fonts[f]; pf != nil {
		return pf, nil
	}
	pf, err := gw.w.AddFont(f.Name, f.Data)
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	gw.fonts[f] = pf
	return pf, nil
}

// line draws l. See glyphWriter.
func (gw *glyphWriter) line(p *pdfw.Page, l *text.Line, m [6]float64, c paint, e *pdfw.Elem) error {
	if l == nil || len(l.Runs) == 0 {
		return nil
	}
	b := p.Content()
	order := make([]int, len(l.Runs))
	for i := range order {
		order[i] = i
	}
	// Logical order: by each run's first character in the paragraph.
	slices.SortStableFunc(order, func(a, b int) int { return l.Runs[a].Start - l.Runs[b].Start })
	gw.links = gw.links[:0]
	b.WriteString("BT\n")
	var open *pdfw.Elem
	// edge is the far side, in line space, of the stretch of runs against
	// the line's direction being drawn: its left edge in a right-to-left
	// line, its right edge in a left-to-right one.
	var edge float64
	// Stretches against the line's direction holding a character PDFium
	// takes as neutral (a space, a bracket) are read by PDFium as lines
	// of their own; see pdfiumBreak.
	against := func(k int) bool { return k >= 0 && k < len(order) && l.Runs[order[k]].RTL != l.RTL }
	breaks := make([]bool, len(order)) // the stretch run k belongs to needs breaks
	for k := 0; k < len(order); {
		if !against(k) {
			k++
			continue
		}
		j := k
		var sb strings.Builder
		for ; against(j); j++ {
			sb.WriteString(l.Runs[order[j]].Text)
		}
		var before, after rune
		if k > 0 {
			before, _ = utf8.DecodeLastRuneInString(l.Runs[order[k-1]].Text)
		}
		if j < len(order) {
			after, _ = utf8.DecodeRuneInString(l.Runs[order[j]].Text)
		}
		need := pdfiumSplits(sb.String()) || weakNeighbour(before) || weakNeighbour(after)
		for ; k < j; k++ {
			breaks[k] = need
		}
	}
	for k, ri := range order {
		run := &l.Runs[ri]
		if len(run.Glyphs) == 0 {
			continue
		}
		var mark *stretchMark
		if run.RTL != l.RTL {
			first, last := run.Glyphs[0], run.Glyphs[len(run.Glyphs)-1]
			left, right := run.X+first.Pen, run.X+last.Pen+last.Advance
			if k == 0 || l.Runs[order[k-1]].RTL == l.RTL {
				edge = left
				if !l.RTL {
					edge = right
				}
			}
			if l.RTL {
				edge = math.Min(edge, left)
			} else {
				edge = math.Max(edge, right)
			}
			// The stretch ends here, and a neutral follows it.
			if k+1 < len(order) && l.Runs[order[k+1]].RTL == l.RTL {
				if r, _ := utf8.DecodeRuneInString(l.Runs[order[k+1]].Text); !strong(r) {
					mark = &stretchMark{x: edge - run.X, text: "\u200f"}
					if !l.RTL {
						mark.text = "\u200e"
					}
				}
			}
		}
		r, g, bl := c.rgb(run)
		f, err := gw.font(run.Font)
		if err != nil {
			return err
		}
		gw.lastFont = f
		fmt.Fprintf(b, "%s %s %s rg %s %s Tf\n", num(r), num(g), num(bl), p.FontName(f), num(run.Size))
		if run.Embolden > 0 {
			// Synthetic bold (text.Run.Embolden): the glyphs are
			// stroked in their fill colour as well as filled.
			fmt.Fprintf(b, "%s %s %s RG %s w\n", num(r), num(g), num(bl), num(run.Embolden))
		}
		// The PDFium breaks are artifacts, outside the element's content:
		// nested sequences would end poppler's reading of the element's
		// content at their first end.
		if breaks[k] && !against(k-1) {
			if open != nil {
				p.End()
				open = nil
			}
			if err := gw.pdfiumBreak(b, f, run, m, false); err != nil {
				return err
			}
		}
		var target *pdfw.Elem
		if e != nil {
			target = gw.target(e, run)
			if target != open {
				if open != nil {
					p.End()
				}
				p.BeginTag(target)
				open = target
			}
			if run.Style.Link != "" {
				gw.addLink(run, target)
			}
		}
		var next rune
		if k+1 < len(order) {
			next, _ = utf8.DecodeRuneInString(l.Runs[order[k+1]].Text)
		}
		// split makes PDF.js start a new text item: a new marked-content
		// sequence of the same element, or an empty one in an artifact.
		split := func() {
			if target != nil {
				p.End()
				p.BeginTag(target)
			} else {
				b.WriteString("/Span BMC EMC\n")
			}
		}
		// A stretch that ends with a PDFium break gets its mark after
		// the break, on the line again: read by PDFium on the stretch's
		// own line, a right-to-left mark made PDFium take that line as
		// right to left and put its pieces in the other order
		// ("COVID-19" read "-19COVID").
		endBreak := breaks[k] && !against(k+1)
		runMark := mark
		if endBreak {
			runMark = nil
		}
		markGlyph, err := gw.run(b, f, run, m, runMark, next, split)
		if err != nil {
			return err
		}
		if endBreak {
			if open != nil {
				p.End()
				open = nil
			}
			if err := gw.pdfiumBreak(b, f, run, m, true); err != nil {
				return err
			}
			if mark != nil {
				if target != nil {
					p.BeginTag(target)
					open = target
				}
				tj := tjWriter{b: b, size: run.Size, pen: run.Glyphs[0].Pen}
				x0 := run.X + run.Glyphs[0].Pen
				fmt.Fprintf(b, "%s %s %s %s %s %s Tm\n", num(m[0]), num(m[1]), num(m[2]), num(m[3]),
					num(m[4]+m[0]*x0), num(m[5]+m[1]*x0))
				if err := gw.stretchMark(&tj, f, run, mark, markGlyph); err != nil {
					return err
				}
				tj.finish()
			}
		}
	}
	if open != nil {
		p.End()
	}
	b.WriteString("ET\n")
	return nil
}

// target is the structure element a run's content belongs to: e, or a
// Link or language Span inside it.
func (gw *glyphWriter) target(e *pdfw.Elem, run *text.Run) *pdfw.Elem {
	lang := gw.runLang(run, e)
	key := run.Style.Link + "\x00" + lang
	if key == "\x00" {
		gw.last.parent = nil
		return e
	}
	if gw.last.parent == e && gw.last.key == key {
		return gw.last.elem
	}
	var el *pdfw.Elem
	if run.Style.Link != "" {
		el = gw.w.Add(e, "Link")
	} else {
		el = gw.w.Add(e, "Span")
	}
	el.Lang = lang
	gw.last.parent, gw.last.elem, gw.last.key = e, el, key
	return el
}

func (gw *glyphWriter) addLink(run *text.Run, e *pdfw.Elem) {
	if n := len(gw.links); n > 0 && gw.links[n-1].uri == run.Style.Link && gw.links[n-1].elem == e {
		lr := &gw.links[n-1]
		lr.x0 = math.Min(lr.x0, run.X)
		lr.x1 = math.Max(lr.x1, run.X+run.Width)
		lr.text += run.Text
		return
	}
	gw.links = append(gw.links, linkRun{uri: run.Style.Link, elem: e, x0: run.X, x1: run.X + run.Width, size: run.Size, text: run.Text})
}

// drawn is one glyph to draw: a glyph of the font or a composite, where
// it goes (x from the run's origin), the text its code extracts as, and
// whether it is an invisible carrier of text (text render mode 3).
type drawn struct {
	glyph     int
	x         float64
	text      string
	invisible bool
}

// stretchMark is a direction mark that ends a stretch of text against the
// line's direction, where a neutral character follows it: x (from the
// run's origin) is the stretch's far side.
//
// Poppler orders a line with a bidi pass of its own that gives the
// neutral characters next to such a stretch (spaces, brackets, commas)
// to the stretch, so that "(IOJ&K)" in an Arabic line came out as
// "( )IOJ&K" and "22 يونيو" as "22يونيو". An invisible right-to-left mark
// just left of a left-to-right stretch (numbers too) in a right-to-left
// line, or a left-to-right mark just right of a right-to-left stretch in
// a left-to-right line, stops that, as it does in any bidi algorithm; it
// is read right after the stretch, where it changes nothing else.
type stretchMark struct {
	x    float64
	text string
}

// pdfiumBreak writes an invisible glyph a font size below the line, at
// the start of run (its end, when end is set), as an artifact with an
// empty ActualText; its code maps to a zero-width space.
//
// PDFium reads a line in the order of its text objects' positions and
// then reverses its right-to-left stretches, but only within each stretch
// of one direction class: the words of a right-to-left phrase in a
// left-to-right line (three Arabic words, spaces between) came back in
// visual order, and "IOJ&K" in an Arabic line as "K&IOJ". A text object
// off the line makes PDFium start a new line, read on its own and in
// content order, so that such a stretch is read whole, in reading order.
// Readers of ActualText (poppler) take nothing from it, PDF.js drops
// glyphs whose text is a format character, and MuPDF and PDFium read an
// invisible character on a line of its own.
func (gw *glyphWriter) pdfiumBreak(b *bytes.Buffer, f *pdfw.Font, run *text.Run, m [6]float64, end bool) error {
	g, err := f.Glyph(run.Glyphs[0].ID)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	code, err := f.Code(g, "\u200b")
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	x := run.X + run.Glyphs[0].Pen
	if end {
		last := run.Glyphs[len(run.Glyphs)-1]
		x = run.X + last.Pen + last.Advance
	}
	y := -run.Size
	fmt.Fprintf(b, "%s %s %s %s %s %s Tm /Artifact BMC /Span<</ActualText<FEFF>>>BDC 3 Tr <", num(m[0]), num(m[1]), num(m[2]), num(m[3]),
		num(m[4]+m[0]*x+m[2]*y), num(m[5]+m[1]*x+m[3]*y))
	writeHex4(b, uint32(code))
	b.WriteString(">Tj 0 Tr EMC EMC\n")
	return nil
}

// rowEndHeight is the height, in points, of the text that ends a row
// (rowEnd): far from a twentieth of any text's size, so that poppler,
// which puts only text of sizes within 5% of each other in one block,
// never joins it to a cell's text.
const rowEndHeight = 1

// rowEnd writes, as an artifact, invisible glyphs that draw nothing,
// spanning x0 to x1 on the baseline y, rowEndHeight high, whose code maps
// to a zero-width space: the end of a row of blocks side by side, or of
// a nested list (drawBoxes).
//
// Poppler reads a page block by block, a block before another if it lies
// above it and they overlap across, or if it lies left of it with no
// block between them (the rules of T. M. Breuel's "High Performance
// Document Layout Analysis", TextBlock::visitDepthFirst in
// TextOutputDev.cc). A table's cells are blocks of their own, so poppler
// read a table column by column: "Partie", "République de Karavie",
// then "Part des coûts"... A block across the table between two rows
// comes after every cell of the row above and before every cell of the
// row below, so that poppler reads row by row, as do the other readers;
// and one across the column under a nested list keeps the label after
// it ("3." after "c)") from being read before the nested items, as it
// lies left of them.
// A zero-width space is not white space to poppler (which would make no
// block of it), and is read as nothing by the other readers: PDF.js drops
// a glyph whose text is a format character, MuPDF and PDFium read it as
// an invisible character on a line of its own.
func (gw *glyphWriter) rowEnd(p *pdfw.Page, x0, x1, y float64) error {
	f := gw.lastFont
	if f == nil || x1-x0 < 3 {
		return nil
	}
	code, err := f.Code(f.Blank(uint16(f.UnitsPerEm())), "\u200b")
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	b := p.Content()
	p.BeginArtifact(pdfw.ArtifactLayout)
	// A glyph one em wide at size 1, so one point wide, at each end, and
	// between them the same glyph stretched to the rest of the row, each
	// its own text object. PDFium puts a text object on the line of the
	// one before it when their baselines are less than half the wider of
	// the two characters that meet apart (CPDF_TextPage::ProcessTextObject),
	// and orders a line's objects by position: a mark of one wide glyph
	// joined the line above it and came first on it, between a
	// hyphenated word's halves. Narrow ends keep the mark a line of its
	// own, which poppler reads as one word all the same.
	fmt.Fprintf(b, "BT 3 Tr %s 1 Tf\n", p.FontName(f))
	for _, part := range [][2]float64{{x0, 1}, {x0 + 1, x1 - x0 - 2}, {x1 - 1, 1}} {
		fmt.Fprintf(b, "%s 0 0 %s %s %s Tm <", num(part[1]), num(rowEndHeight), num(part[0]), num(y))
		writeHex4(b, uint32(code))
		b.WriteString(">Tj\n")
	}
	b.WriteString("0 Tr ET\n")
	p.End()
	return nil
}

// startsWithMark reports whether s starts with a combining mark.
func startsWithMark(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.Is(unicode.Mn, r)
}

// pdfiumClass is the class PDFium's bidi pass gives a character: strong
// left-to-right (L), strong right-to-left (R), weak (numbers, the
// separators around them, and combining marks: W) or neutral (N).
func pdfiumClass(r rune) byte {
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.L:
		return 'L'
	case bidi.R, bidi.AL:
		return 'R'
	case bidi.AN, bidi.EN, bidi.NSM, bidi.CS, bidi.ES, bidi.ET, bidi.BN:
		return 'W'
	}
	return 'N'
}

// pdfiumSplits reports whether PDFium's bidi pass cuts s into several
// stretches, whose order it would then get wrong in a line of the other
// direction: s holds a neutral character, or both letters and numbers.
func pdfiumSplits(s string) bool {
	var seen byte
	for _, r := range s {
		c := pdfiumClass(r)
		if c == 'N' {
			return true
		}
		if seen != 0 && c != seen {
			return true
		}
		seen = c
	}
	return false
}

// weakNeighbour reports whether r, next to a stretch, would join it in
// PDFium's bidi pass: a number-like character or a neutral other than
// white space.
func weakNeighbour(r rune) bool {
	if r == 0 || unicode.IsSpace(r) {
		return false
	}
	c := pdfiumClass(r)
	return c == 'W' || c == 'N'
}

// run writes one run's glyphs, and mark after them.
// nextRune is the first character after the run in reading order (0 at
// the line's end).
// It returns the glyph a stretch mark after the run is made from.
func (gw *glyphWriter) run(b *bytes.Buffer, f *pdfw.Font, run *text.Run, m [6]float64, mark *stretchMark, nextRune rune, split func()) (int, error) {
	clusters := mergeClusters(run)
	// The text space of the run: origin at the run's first glyph.
	x0 := run.X + run.Glyphs[0].Pen
	fmt.Fprintf(b, "%s %s %s %s %s %s Tm\n", num(m[0]), num(m[1]), num(m[2]), num(m[3]),
		num(m[4]+m[0]*x0), num(m[5]+m[1]*x0))
	tj := tjWriter{b: b, size: run.Size, pen: run.Glyphs[0].Pen}
	if run.Embolden > 0 {
		tj.visible = 2
	}
	var markGlyph int
	if !run.RTL {
		for _, cl := range clusters {
			ds, err := gw.cluster(gw.drawn[:0], f, run, cl, false, false)
			gw.drawn = ds
			if err != nil {
				return 0, err
			}
			for _, d := range ds {
				if err := tj.show(f, d); err != nil {
					return 0, err
				}
			}
			markGlyph = ds[0].glyph
		}
	} else {
		started := false
		for i := len(clusters) - 1; i >= 0; i-- {
			// PDFium takes a combining mark for a character that goes
			// with numbers: a mark ending a word right before a comma
			// or a number would be read after them, unless a
			// right-to-left mark stands between.
			next := nextRune
			if i > 0 {
				next, _ = utf8.DecodeRuneInString(clusters[i-1].Text)
			}
			last, _ := utf8.DecodeLastRuneInString(clusters[i].Text)
			mark := unicode.Is(unicode.Mn, last) && weakNeighbour(next)
			ds, err := gw.cluster(gw.drawn[:0], f, run, clusters[i], true, mark)
			gw.drawn = ds
			if err != nil {
				return 0, err
			}
			for _, d := range ds {
				// PDF.js reads each text item's right-to-left characters
				// reversed, so every character must be an item of its
				// own. It starts a new item where the pen jumps back a
				// fifth of the size, and keeps a combining mark with
				// the item before whatever its place; elsewhere (a
				// mark, narrow glyphs) the item is split.
				if started && (startsWithMark(d.text) || tj.pen-d.x < 0.25*run.Size) {
					tj.finish()
					split()
				}
				if err := tj.show(f, d); err != nil {
					return 0, err
				}
				tj.finish()
				started = true
			}
			markGlyph = ds[0].glyph
		}
	}
	if mark != nil {
		if err := gw.stretchMark(&tj, f, run, mark, markGlyph); err != nil {
			return 0, err
		}
	}
	tj.finish()
	return markGlyph, nil
}

// stretchMark writes mark, for the stretch run ends, with tj: an
// invisible glyph without width made from glyph g of the run, a hair
// outside the stretch so that readers ordering by position put it
// outside (left of a left-to-right stretch, right of a right-to-left
// one).
func (gw *glyphWriter) stretchMark(tj *tjWriter, f *pdfw.Font, run *text.Run, mark *stretchMark, g int) error {
	g, err := f.Reshape(g, 0)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	x := mark.x - 0.01
	if run.RTL {
		x = mark.x + 0.01
	}
	return tj.show(f, drawn{g, x, mark.text, true})
}

// mergeClusters joins clusters so that every cluster shows some text and
// moves the pen forward: a cluster that shows no text, or whose glyphs do
// not advance in all (the alef Noto Naskh draws over a lam for the
// lam-alef ligature) or go back (a Nastaliq letter joined by cursive
// attachment), joins the cluster before it in reading order (after it,
// when it comes first). Readers that order characters by position
// (poppler, PDFium) could not tell such a cluster's place from its
// neighbour's, and a glyph must not extract as nothing.
func mergeClusters(run *text.Run) []text.Cluster {
	cs := run.Clusters
	for i := range cs {
		if cs[i].Hyphen && cs[i].Text == "" {
			// The hyphen the line breaker added (text.Cluster.Hyphen)
			// extracts as a hyphen-minus at the line's end, which
			// poppler and the recall measure join with the next
			// line's word ("hyphen", not "hy- phen").
			if &cs[0] == &run.Clusters[0] {
				cs = append([]text.Cluster(nil), cs...)
			}
			cs[i].Text = "-"
		}
	}
	if len(cs) < 2 {
		return cs
	}
	bad := func(c *text.Cluster) bool {
		if c.Text == "" {
			return true
		}
		adv := 0.0
		for _, g := range run.Glyphs[c.Start:c.End] {
			adv += g.Advance
		}
		return adv <= 1e-6
	}
	// Nearly every run needs nothing joined: find out without copying
	// each cluster into a call (this runs for every run drawn).
	needs := false
	for i := range cs {
		c := &cs[i]
		if c.Text == "" {
			needs = true
			break
		}
		adv := 0.0
		for _, g := range run.Glyphs[c.Start:c.End] {
			adv += g.Advance
		}
		if adv <= 1e-6 {
			needs = true
			break
		}
	}
	if !needs {
		return cs
	}
	out := append([]text.Cluster(nil), cs...)
	join := func(a int) { // visual a and a+1 into one
		first, second := out[a], out[a+1]
		txt := first.Text + second.Text
		if run.RTL {
			txt = second.Text + first.Text
		}
		out[a] = text.Cluster{Text: txt, Start: first.Start, End: second.End}
		out = append(out[:a+1], out[a+2:]...)
	}
	for i := 0; i < len(out) && len(out) > 1; {
		if !bad(&out[i]) {
			i++
			continue
		}
		// Join the reading predecessor: the left neighbour in
		// left-to-right text, the right one in right-to-left.
		switch {
		case !run.RTL && i > 0:
			join(i - 1)
			i--
		case run.RTL && i == len(out)-1:
			join(i - 1)
			i--
		default:
			join(i)
		}
	}
	return out
}

// cluster appends to dst the glyphs that draw one cluster, in the order
// they are to be written, with their texts (see glyphWriter). In
// right-to-left text, mark adds a right-to-left mark after the cluster's
// characters (see run).
func (gw *glyphWriter) cluster(dst []drawn, f *pdfw.Font, run *text.Run, cl text.Cluster, rtl, mark bool) ([]drawn, error) {
	gs := run.Glyphs[cl.Start:cl.End]
	if len(gs) == 0 {
		return dst, nil
	}
	// The cluster's box on the baseline, whatever order and direction its
	// glyphs advance in.
	pen, right := math.Inf(1), math.Inf(-1)
	for _, g := range gs {
		pen = math.Min(pen, math.Min(g.Pen, g.Pen+g.Advance))
		right = math.Max(right, math.Max(g.Pen, g.Pen+g.Advance))
	}
	advance := right - pen
	unit := run.Size / f.UnitsPerEm() // points per font unit
	// A cluster of several glyphs, or of one off its place, is drawn as a
	// composite glyph whose origin is the cluster's place on the baseline.
	single := len(gs) == 1 && math.Abs(gs[0].X-gs[0].Pen) < 1e-6 && gs[0].Y == 0
	if !single {
		gw.parts = gw.parts[:0]
		for _, g := range gs {
			dx, dy := math.Round((g.X-pen)/unit), math.Round(g.Y/unit)
			if math.Abs(dx) > math.MaxInt16 || math.Abs(dy) > math.MaxInt16 {
				return dst, fmt.Errorf("pdf: glyph placed beyond a font's coordinate range")
			}
			gw.parts = append(gw.parts, truetype.Component{Glyph: g.ID, DX: int16(dx), DY: int16(dy)})
		}
	}
	txt := cl.Text
	if space, format := splitTrailingFormat(txt); rtl && isSpace(space) && format != "" {
		// A space kept by a joiner after it (a table cell's last
		// space): the space reads as any space between right-to-left
		// words, the joiner rides on an invisible glyph without width.
		// Carried by one glyph, the space would be dropped by PDF.js,
		// which drops a glyph whose text starts with white space and
		// one whose text ends with a format character.
		g, err := gw.drawnGlyph(f, gs[0].ID, single, -1, advance, unit)
		if err != nil {
			return dst, err
		}
		t, err := gw.drawnGlyph(f, gs[0].ID, single, 0, advance, unit)
		if err != nil {
			return dst, err
		}
		return append(dst, drawn{g, pen, "\u200f" + space, false}, drawn{t, pen, format, true}), nil
	}
	if rtl && mark {
		txt += "\u200f"
	}
	if rtl && !isSpace(txt) && utf8.RuneCountInString(txt) > 1 {
		// One character to a slot of the cluster's box, the first on
		// the right; invisible copies of the glyph carry all but the
		// last, the glyph itself the last, on the left.
		n := utf8.RuneCountInString(txt)
		slot := advance / float64(n)
		g, err := gw.drawnGlyph(f, gs[0].ID, single, slot, advance, unit)
		if err != nil {
			return dst, err
		}
		j := 0
		for _, r := range txt {
			if j == n-1 {
				return append(dst, drawn{g, pen, string(r), false}), nil
			}
			dst = append(dst, drawn{g, pen + slot*float64(n-1-j), string(r), true})
			j++
		}
		return dst, nil
	}
	g, err := gw.drawnGlyph(f, gs[0].ID, single, -1, advance, unit)
	if err != nil {
		return dst, err
	}
	if rtl {
		if isSpace(txt) {
			txt = "\u200f" + txt
		}
		return append(dst, drawn{g, pen, txt, false}), nil
	}
	// The glyph carries the cluster's text up to its first combining
	// mark; the rest goes on an invisible copy of it without width at the
	// cluster's end, and trailing format characters (joiners) on another:
	// PDF.js takes a glyph whose text holds a combining mark for a mark
	// without width, and then sees a gap, a space, after it ("प्रतिशत"
	// came back as "प्र तिशत"), and drops a glyph whose text ends with a
	// format character whole. The rest stays on one glyph: PDFium drops a
	// character whose code it has just read within 0.07 em of the same
	// place (cpdf_textpage.cpp, taking it for text drawn twice to look
	// bold), and poppler a one-character word drawn twice in one place,
	// so two carriers of the same virama at the end of "ष्ट्र" lost one.
	main, rest := splitAtMark(txt)
	if main == "" {
		main, rest = rest, ""
	}
	dst = append(dst, drawn{g, pen, main, false})
	if rest != "" {
		t, err := gw.drawnGlyph(f, gs[0].ID, single, 0, advance, unit)
		if err != nil {
			return dst, err
		}
		body, tail := splitTrailingFormat(rest)
		for _, piece := range []string{body, tail} {
			if piece != "" {
				dst = append(dst, drawn{t, pen + advance, piece, true})
			}
		}
	}
	return dst, nil
}

// splitAtMark splits s before its first combining mark (category Mn) or
// its trailing format characters (Cf), whichever comes first.
func splitAtMark(s string) (main, rest string) {
	m, tail := splitTrailingFormat(s)
	for i, r := range m {
		if unicode.Is(unicode.Mn, r) {
			return s[:i], s[i:]
		}
	}
	return m, tail
}

// drawnGlyph returns the handle of the glyph that draws the cluster whose
// composite parts are in gw.parts (unless single: the font's glyph id as
// it is), with the advance adv in points (adv < 0: the cluster's own).
func (gw *glyphWriter) drawnGlyph(f *pdfw.Font, id uint16, single bool, adv, own, unit float64) (int, error) {
	if single && adv < 0 {
		g, err := f.Glyph(id)
		if err != nil {
			return 0, fmt.Errorf("pdf: %w", err)
		}
		return g, nil
	}
	parts := gw.parts
	if single {
		parts = append(parts[:0], truetype.Component{Glyph: id})
	}
	if adv < 0 {
		adv = own
	}
	u := math.Min(math.Round(math.Max(0, adv)/unit), math.MaxUint16)
	g, err := f.Composite(parts, uint16(u))
	if err != nil {
		return 0, fmt.Errorf("pdf: %w", err)
	}
	return g, nil
}

// splitTrailingFormat splits s into what precedes its trailing format
// characters (category Cf: joiners, marks of direction) and those.
func splitTrailingFormat(s string) (main, tail string) {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.Is(unicode.Cf, r) {
			break
		}
		i -= size
	}
	return s[:i], s[i:]
}

// strong reports whether c has a strong direction (bidi class L, R or AL).
func strong(c rune) bool {
	p, _ := bidi.LookupRune(c)
	switch p.Class() {
	case bidi.L, bidi.R, bidi.AL:
		return true
	}
	return false
}

func isSpace(s string) bool {
	return s != "" && strings.TrimFunc(s, unicode.IsSpace) == ""
}

// tjWriter writes glyphs into TJ arrays, keeping track of where a
// viewer's pen is (after each glyph the viewer advances by the font's
// width for it), so that each glyph lands where shaping put it.
type tjWriter struct {
	b    *bytes.Buffer
	size float64
	pen  float64 // the viewer's pen, in points from the run's origin
	open bool
	// mode is the text render mode in force: 0 (fill) outside the
	// writer's glyphs, visible (0, or 2 to fill and stroke for synthetic
	// bold) for visible glyphs, 3 (invisible) for the glyphs that only
	// carry text.
	mode, visible int
}

func (t *tjWriter) show(f *pdfw.Font, d drawn) error {
	code, err := f.Code(d.glyph, d.text)
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	want := t.visible
	if d.invisible {
		want = 3
	}
	if want != t.mode {
		t.close()
		t.b.WriteString(strconv.Itoa(want) + " Tr ")
		t.mode = want
	}
	if !t.open {
		t.b.WriteString("[")
		t.open = true
	}
	// TJ numbers move the pen back by thousandths of the font size.
	if adj := (t.pen - d.x) * 1000 / t.size; math.Abs(adj) >= 0.05 {
		t.b.WriteString(num(adj))
	}
	t.b.WriteByte('<')
	writeHex4(t.b, uint32(code))
	t.b.WriteByte('>')
	t.pen = d.x + f.Width(d.glyph)*t.size/1000
	return nil
}

func (t *tjWriter) close() {
	if t.open {
		t.b.WriteString("]TJ\n")
		t.open = false
	}
}

// finish closes the TJ array and leaves text visible.
func (t *tjWriter) finish() {
	t.close()
	if t.mode != 0 {
		t.b.WriteString("0 Tr\n")
		t.mode = 0
	}
}

// writeHex4 writes v as four upper-case hex digits.
func writeHex4(b *bytes.Buffer, v uint32) {
	const digits = "0123456789ABCDEF"
	b.Write([]byte{digits[v>>12&0xF], digits[v>>8&0xF], digits[v>>4&0xF], digits[v&0xF]})
}
