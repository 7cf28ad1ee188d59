// Package pdf renders an Edition as a print-ready, tagged PDF. It composes
// the statement into lines with the text engine (pipeline/text), cuts them
// into pages with keep rules, and draws each page as soon as it is cut,
// through a PDF writer of the project's own (internal/pdfw) that writes
// the page's compressed content and lets it go.
//
// Text is drawn so that every reader extracts it in reading order (see
// glyphWriter), and the file is a tagged PDF: a structure tree of
// headings, paragraphs, lists of clauses, quotations, links and figures,
// with running heads, page numbers and marks as artifacts.
package pdf

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/render/pdf/internal/pdfw"
	"github.com/polypress/polypress/pipeline/text"
)

// Options configure a PDF rendering.
type Options struct {
	Layout *layout.Layout
	// Shaper lays out text; it must not be shared between goroutines.
	Shaper *text.Shaper
	// Created is written as the creation and modification date, so that
	// the same input gives the same bytes (SOURCE_DATE_EPOCH, or the
	// statement's date).
	Created time.Time
	// Creator names the program, e.g. "polypress 0.1.0".
	Creator string
	// Bleed, in points, is printed around the finished (trim) page:
	// backgrounds run into it so that no white edge shows after cutting.
	Bleed float64
	// CropMarks draws cut marks outside the bleed.
	CropMarks bool
}

// Result describes what was rendered.
type Result struct {
	Pages int
	// Fonts are the fonts the file embeds, sorted by name.
	Fonts []*text.Font
}

// Render writes ed as a PDF to w. Pages are written as they are laid out,
// so memory does not grow with the statement's length beyond the edition
// itself.
func Render(w io.Writer, ed *doc.Edition, opts Options) (Result, error) {
	if opts.Layout == nil || opts.Shaper == nil {
		return Result{}, fmt.Errorf("pdf: layout and shaper are required")
	}
	r := newRenderer(w, ed, opts)
	lo, done := layouter(ed, r.lay, r.sh)
	defer done()
	c := newComposer(ed, r.lay, lo)
	r.start(c)
	header := strings.Join(nonEmpty(ed.KindLabel, ed.DateLine), " · ")
	pg := &pager{height: r.bodyHeight, noteGap: r.lay.Footnotes.Gap}
	pg.draw = func(pb pageBody) error {
		i := r.pw.NextPageIndex()
		h, logo := "", ""
		if i > 0 {
			h = header
		} else {
			logo = ed.Logo
		}
		return r.drawPage(page{boxes: pb.boxes, notes: pb.notes, header: h, footer: true, logo: logo, logoTag: r.logoNode(c)})
	}
	c.emit = func(bs []box) int { return pg.take(bs, false) }
	rest := c.compose()
	c.emit = nil
	pg.take(rest, true)
	if pg.err == nil && pg.pages == 0 {
		pg.err = pg.draw(pageBody{})
	}
	if pg.err != nil {
		return Result{}, pg.err
	}
	return r.finish(info{
		title: ed.Title, author: ed.Issuer,
		subject:  strings.TrimSpace(ed.KindLabel + " " + ed.DateLine),
		keywords: strings.Join(nonEmpty(ed.KindLabel, ed.Issuer, ed.Reference, ed.Lang), ", "),
		lang:     ed.Lang,
	})
}

// layouter returns what lays out ed's paragraphs: sh, or, for a long
// edition on several cores, a text.Ahead that lays them out on every core
// before the composer asks for them, told which by composing the edition
// once with a text.Recorder (which costs a few milliseconds). The
// recording measures clause markers for real, since the widths of the
// clauses that follow depend on them.
func layouter(ed *doc.Edition, lay *layout.Layout, sh *text.Shaper) (text.Layouter, func()) {
	if runtime.GOMAXPROCS(0) < 2 {
		return sh, func() {}
	}
	rec := text.Recorder{Measure: sh}
	newComposer(ed, lay, &rec).compose()
	if rec.Bytes < text.ParallelBytes {
		return sh, func() {}
	}
	a := sh.Ahead(rec.Requests)
	return a, func() {
		a.Close()
		laidOutAhead(a.Stats())
	}
}

// laidOutAhead is told how an edition laid out ahead was served; tests
// set it to see that a long edition takes that path.
var laidOutAhead = func(text.AheadStats) {}

type renderer struct {
	ed   *doc.Edition
	lay  *layout.Layout
	sh   *text.Shaper
	opts Options

	pw  *pdfw.Writer
	gw  *glyphWriter
	els *elements
	c   *composer // sets running heads and page numbers

	pageW, pageH float64
	colLeft      float64
	colWidth     float64
	top          float64
	bodyHeight   float64
	// offset is the bleed plus the crop marks' margin around the page.
	offset float64

	draft   *text.Line
	headers map[string]*text.Line
	// footers are the page-number streams to write once the page count
	// is known, by page index (0: the page has none).
	footers []pdfw.Ref
	// links maps a pack's statement numbers (1 based) to the index of
	// the page they start on.
	links map[int]int
	// figures counts the figures drawn, for the PDF/UA claim.
	figuresWithoutAlt int
	// anchors are where the places links within the document lead to
	// ("clause-18-c", "fn-3") were drawn; pending are the links drawn
	// before their target, written once it is.
	anchors map[string]pdfw.Dest
	pending map[string][]func(pdfw.Dest)
	// logo is the figure of a statement's logo.
	logo *node
	// tableParts are the parts of tables cut by page breaks.
	tableParts map[*node]tablePart
}

// page is one page to draw: its boxes from the top margin down (or from
// top, when set), its running head, and what links and bookmarks point at
// it.
type page struct {
	boxes []box
	// notes are the footnote lines set at the foot of the page.
	notes  []box
	top    float64 // where the boxes start; 0: the top margin
	header string  // the running head; empty: none
	footer bool    // whether the page carries its number
	// cover draws a pack's cover band first, and logo (a PNG, JPEG or
	// SVG file) in it when set, as a figure of node logoTag.
	cover   bool
	logo    string
	logoTag *node
	// logoData is the logo's content when the manifest was read with it.
	logoData []byte
	// bookmarks are outline entries at the top of the page that have no
	// box of their own (the pack's title on its cover).
	bookmarks []outlineEntry
	// draw, when set, draws the rest of the page after its boxes (the
	// columns of a parallel edition), in trim coordinates.
	draw func(s surface, p *pdfw.Page) error
}

// info is the document information dictionary, repeated in XMP.
type info struct {
	title, author, subject, keywords, lang string
}

func newRenderer(w io.Writer, ed *doc.Edition, opts Options) *renderer {
	r := &renderer{ed: ed, lay: opts.Layout, sh: opts.Shaper, opts: opts, headers: map[string]*text.Line{}}
	r.geometry(ed.Dir)
	r.pw = pdfw.New(w)
	r.gw = newGlyphWriter(r.pw, ed.Lang)
	return r
}

// start readies the renderer to draw pages with c's document node as the
// structure tree's root.
func (r *renderer) start(c *composer) {
	r.c = c
	r.els = newElements(r.pw, c.cur)
	if r.ed.Draft {
		// One line drawn at a place of its own: its leading is not used.
		r.draft = c.firstLine(r.ed.Labels.Draft, look{stack: c.display, size: r.lay.Draft.Size, leading: 1, bold: true, color: r.lay.Colors.Draft, align: text.Start})
	}
}

func (r *renderer) geometry(dir doc.Direction) {
	lay := r.lay
	r.pageW, r.pageH = float64(lay.Page.Width), float64(lay.Page.Height)
	r.colWidth = r.pageW - float64(lay.Margins.Start+lay.Margins.End)
	r.colLeft = float64(lay.Margins.Start)
	if dir == doc.RTL {
		r.colLeft = float64(lay.Margins.End)
	}
	r.top = float64(lay.Margins.Top)
	r.bodyHeight = r.pageH - float64(lay.Margins.Top+lay.Margins.Bottom)
	r.offset = r.opts.Bleed
	if r.opts.CropMarks {
		r.offset += r.lay.Marks.Area
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// y converts a distance from the top of the trim box to PDF user space.
func (r *renderer) y(top float64) float64 { return r.pageH - top }

// drawPage draws one page and writes it.
func (r *renderer) drawPage(pg page) error {
	lay := r.lay
	o := r.offset
	p := r.pw.NewPage(pdfw.Rect{X1: r.pageW + 2*o, Y1: r.pageH + 2*o})
	if o > 0 {
		b := r.opts.Bleed
		p.Trim = &pdfw.Rect{X0: o, Y0: o, X1: o + r.pageW, Y1: o + r.pageH}
		p.Bleed = &pdfw.Rect{X0: o - b, Y0: o - b, X1: o + r.pageW + b, Y1: o + r.pageH + b}
	}
	s := &pageSurface{p: p, gw: r.gw, offset: o, inner: r.inner}
	mediaH := r.pageH + 2*o
	for _, b := range pg.bookmarks {
		r.pw.Bookmark(b.title, b.level, pdfw.Dest{Page: p.Ref(), Y: mediaH})
	}
	if o > 0 {
		// Draw the page in trim coordinates.
		s.raw(fmt.Sprintf("q 1 0 0 1 %s %s cm\n", num(o), num(o)))
	}
	if pg.cover {
		r.drawCoverBand(s)
	}
	if pg.logo != "" {
		if err := r.drawLogo(s, pg.logo, pg.logoData, r.els.elem(pg.logoTag)); err != nil {
			return err
		}
	}
	if pg.header != "" {
		hl, ok := r.headers[pg.header]
		if !ok {
			// Most pages share their head: set each text once.
			small := r.runningLook()
			small.align = text.End
			hl = r.c.fitLine(pg.header, small)
			r.headers[pg.header] = hl
		}
		if hl != nil {
			s.artifact(pdfw.ArtifactHeader)
			if err := s.text(hl, [6]float64{1, 0, 0, 1, r.colLeft, r.y(float64(lay.Running.HeaderOffset))}, solid(lay.Colors.Muted), nil); err != nil {
				return err
			}
			y := r.y(float64(lay.Running.HeaderOffset) + lay.Running.RuleGap)
			s.rule(r.colLeft, y, r.colLeft+r.colWidth, y, lay.Running.RuleWeight, lay.Colors.Rule)
			s.end()
		}
	}
	if r.draft != nil {
		s.artifact(pdfw.ArtifactWatermark)
		if err := r.drawDraft(s, r.draft); err != nil {
			return err
		}
		s.end()
	}
	top := r.top
	if pg.top > 0 {
		top = pg.top
	}
	r.placeAnchors(p, pg, top)
	if err := r.drawBoxes(s, p, pg.boxes, top); err != nil {
		return err
	}
	if err := r.drawNotes(s, p, pg.boxes, pg.notes); err != nil {
		return err
	}
	if pg.draw != nil {
		if err := pg.draw(s, p); err != nil {
			return err
		}
	}
	if o > 0 {
		s.raw("Q\n")
		if r.opts.CropMarks {
			s.artifact(pdfw.ArtifactLayout)
			r.drawCropMarks(s)
			s.end()
		}
	}
	for len(r.footers) <= p.Index() {
		r.footers = append(r.footers, 0)
	}
	if pg.footer && r.ed.Labels.PageOf != nil {
		r.footers[p.Index()] = p.Later()
	}
	r.pw.FinishPage(p)
	return r.pw.Err()
}

// runningLook is the look of running heads and feet, single lines drawn
// at the layout's offsets: their leading is not used.
func (r *renderer) runningLook() look {
	return look{stack: r.c.display, size: r.lay.Running.Size, leading: 1.2, color: r.lay.Colors.Muted, align: text.Center}
}

// finish writes the page numbers, now that the page count is known, and
// closes the file.
func (r *renderer) finish(in info) (Result, error) {
	r.flushPending()
	n := r.pw.NextPageIndex()
	lay := r.lay
	for i, ref := range r.footers {
		if ref == 0 {
			continue
		}
		l := r.c.firstLine(r.ed.Labels.PageOf(i+1, n), r.runningLook())
		sheet := r.pw.Sheet()
		s := &pageSurface{p: sheet, gw: r.gw, offset: r.offset}
		if r.offset > 0 {
			s.raw(fmt.Sprintf("q 1 0 0 1 %s %s cm\n", num(r.offset), num(r.offset)))
		}
		s.artifact(pdfw.ArtifactFooter)
		if err := s.text(l, [6]float64{1, 0, 0, 1, r.colLeft, float64(lay.Running.FooterOffset)}, solid(lay.Colors.Muted), nil); err != nil {
			return Result{}, err
		}
		s.end()
		if r.offset > 0 {
			s.raw("Q\n")
		}
		r.pw.WriteLater(ref, sheet.Content().Bytes())
	}
	err := r.pw.Close(pdfw.Info{
		Title: in.title, Author: in.author, Subject: in.subject, Keywords: in.keywords,
		Creator: r.opts.Creator, Producer: r.opts.Creator, Lang: in.lang, Created: r.opts.Created,
		// The checks docs/accessibility.md lists hold for every
		// document drawn this way, given a title, a language, and
		// alternative text on every figure.
		PDFUA: in.title != "" && in.lang != "" && r.figuresWithoutAlt == 0,
	})
	if err != nil {
		return Result{}, err
	}
	return Result{Pages: n, Fonts: r.gw.usedFonts()}, nil
}

// drawBoxes draws the boxes of one page, from top down.
func (r *renderer) drawBoxes(s surface, p *pdfw.Page, boxes []box, top float64) error {
	rtl := r.ed.Dir == doc.RTL
	mediaH := r.pageH + 2*r.offset
	y := top
	// prevMarker is where the last label drawn starts, from the column's
	// start edge (-1: none yet on this page).
	prevMarker := -1.0
	for i := range boxes {
		b := &boxes[i]
		if b.outline != nil {
			r.pw.Bookmark(b.outline.title, b.outline.level, pdfw.Dest{Page: p.Ref(), Y: mediaH - r.offset - y})
		}
		switch {
		case b.cells != nil:
			if err := r.drawRow(s, p, b, y); err != nil {
				return err
			}
		case b.rule:
			x := r.colLeft
			if rtl {
				x = r.colLeft + r.colWidth - b.ruleW
			}
			yy := r.y(y + b.height/2)
			s.artifact(pdfw.ArtifactLayout)
			s.rule(x, yy, x+b.ruleW, yy, b.height, b.color)
			s.end()
		case b.line != nil:
			base := r.y(y + b.baseline)
			if b.marker != nil {
				mx := r.colLeft + b.markerAt
				if rtl {
					mx = r.colLeft + r.colWidth - b.markerAt - b.marker.Width
				}
				// A label back out of a nested list ("3." after "c)")
				// lies left of the nested labels above it, with no
				// block between them: poppler would read it before
				// them (see rowEnd), unless a row end across the
				// column from the label on lies between.
				if end := b.markerAt + b.marker.Width; prevMarker >= 0 && end <= prevMarker {
					x0, x1 := mx, r.colLeft+r.colWidth
					if rtl {
						x0, x1 = r.colLeft, mx+b.marker.Width
					}
					if err := s.rowEnd(x0, x1, r.y(y)); err != nil {
						return err
					}
				}
				prevMarker = b.markerAt
				// The label first: it is read first.
				if err := r.drawTagged(s, b.marker, mx, base, b.color, b.markerTag); err != nil {
					return err
				}
			}
			left := r.colLeft + b.indent
			if rtl {
				left = r.colLeft + r.colWidth - b.indent - b.width
			}
			if err := r.drawTagged(s, b.line, left, base, b.color, b.tag); err != nil {
				return err
			}
			if b.linkTo != 0 {
				if target, ok := r.links[b.linkTo]; ok {
					s.link(r.colLeft, r.y(y+b.height), r.colWidth, b.height, "",
						pdfw.Dest{Page: r.pw.PageRef(target), Y: mediaH}, r.els.elem(b.tag), b.line.Text())
				}
			}
		}
		y += b.height
	}
	return nil
}

// drawTagged draws a line as the content of node n (an artifact when n is
// nil).
func (r *renderer) drawTagged(s surface, l *text.Line, x, base float64, c layout.Color, n *node) error {
	if l == nil || len(l.Runs) == 0 {
		return nil
	}
	e := r.els.elem(n)
	if e == nil {
		s.artifact(pdfw.ArtifactLayout)
		defer s.end()
	}
	return s.text(l, [6]float64{1, 0, 0, 1, x, base}, solid(c), e)
}

// drawDraft sets the localized draft mark diagonally across the page, as
// a tint rather than transparency: paper white mixed in.
func (r *renderer) drawDraft(s surface, l *text.Line) error {
	angle := math.Atan2(r.pageH, r.pageW)
	cos, sin := math.Cos(angle), math.Sin(angle)
	// Centre the line on the page centre along the diagonal.
	cx, cy := r.pageW/2, r.pageH/2
	w := l.Width
	x := cx - cos*w/2 + sin*l.Ascent/3
	y := cy - sin*w/2 - cos*l.Ascent/3
	return s.text(l, [6]float64{cos, sin, -sin, cos, x, y}, paint{r.lay.Colors.Draft, r.lay.Draft.Tint}, nil)
}
