// Package pdf renders an Edition as a print-ready PDF. It composes the
// statement into lines with the text engine (pipeline/text), cuts them into
// pages with keep rules, and draws the shaped glyphs through fpdf, which
// writes the file, embeds font subsets, and keeps the outline and metadata.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"codeberg.org/go-pdf/fpdf"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
	"golang.org/x/text/unicode/bidi"
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

// Render writes ed as a PDF to w.
func Render(w io.Writer, ed *doc.Edition, opts Options) (Result, error) {
	if opts.Layout == nil || opts.Shaper == nil {
		return Result{}, fmt.Errorf("pdf: layout and shaper are required")
	}
	r := &renderer{ed: ed, lay: opts.Layout, sh: opts.Shaper, opts: opts}
	return r.render(w)
}

type renderer struct {
	ed   *doc.Edition
	lay  *layout.Layout
	sh   *text.Shaper
	opts Options
	pdf  *fpdf.Fpdf

	pageW, pageH float64
	colLeft      float64
	colWidth     float64
	top          float64

	bodyHeight float64
	// offset is the bleed plus the crop marks' margin around the page.
	offset float64

	codes    map[*text.Font]map[uint16]rune
	fontKeys map[*text.Font]string
	links    map[int]int // statement number → fpdf link
	subsets  [][2]string // font names fpdf writes → names with a subset tag
	// content holds one run's operators on their way to the page; reused
	// so that each run does not grow a buffer of its own.
	content bytes.Buffer
}

// page is one page to draw: its boxes from the top margin down (or from
// top, when set), its running lines, and what links and bookmarks point at
// it.
type page struct {
	boxes                 []box
	top                   float64 // where the boxes start; 0: the top margin
	header, footer, draft *text.Line
	// cover draws a pack's cover band first, and logo (a PNG, JPEG or
	// SVG file) in it when set.
	cover bool
	logo  string
	// targets are the link targets (statement numbers) that start here.
	targets []int
	// bookmarks are outline entries at the top of the page that have no
	// box of their own (the pack's title on its cover).
	bookmarks []outlineEntry
}

// info is the document information dictionary, repeated in XMP.
type info struct {
	title, author, subject, keywords, lang string
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
		r.offset += cropMarkArea
	}
}

func (r *renderer) render(w io.Writer) (Result, error) {
	ed := r.ed
	r.geometry(ed.Dir)
	lo, done := r.layouter(ed)
	defer done()
	c := newComposer(ed, r.lay, lo)
	var pages []page
	for _, bs := range paginate(c.compose(), r.bodyHeight) {
		pages = append(pages, page{boxes: bs})
	}
	r.running(c, pages, func(i int) string {
		if i == 0 {
			return ""
		}
		return strings.Join(nonEmpty(ed.KindLabel, ed.DateLine), " · ")
	}, ed.Labels, ed.Draft)
	return r.write(w, pages, info{
		title: ed.Title, author: ed.Issuer,
		subject:  strings.TrimSpace(ed.KindLabel + " " + ed.DateLine),
		keywords: strings.Join(nonEmpty(ed.KindLabel, ed.Issuer, ed.Reference, ed.Lang), ", "),
		lang:     ed.Lang,
	})
}

// layouter returns what lays out ed's paragraphs: the renderer's Shaper,
// or, for a long edition on several cores, a text.Ahead that lays them out
// on every core before the composer asks for them, told which by composing
// the edition once with a text.Recorder (which costs a few milliseconds).
func (r *renderer) layouter(ed *doc.Edition) (text.Layouter, func()) {
	if runtime.GOMAXPROCS(0) < 2 {
		return r.sh, func() {}
	}
	var rec text.Recorder
	newComposer(ed, r.lay, &rec).compose()
	if rec.Bytes < text.ParallelBytes {
		return r.sh, func() {}
	}
	a := r.sh.Ahead(rec.Requests)
	return a, a.Close
}

// write draws the pages with fpdf and writes the file.
func (r *renderer) write(w io.Writer, pages []page, in info) (Result, error) {
	lay := r.lay
	// Every glyph of the document is known now: make the font copies.
	used := map[*text.Font]map[uint16]bool{}
	note := func(l *text.Line) {
		if l == nil {
			return
		}
		for _, run := range l.Runs {
			m := used[run.Font]
			if m == nil {
				m = map[uint16]bool{}
				used[run.Font] = m
			}
			for _, g := range run.Glyphs {
				m[g.ID] = true
			}
		}
	}
	for _, p := range pages {
		for i := range p.boxes {
			note(p.boxes[i].line)
			note(p.boxes[i].marker)
		}
		note(p.header)
		note(p.footer)
		note(p.draft)
	}

	mediaW, mediaH := r.pageW+2*r.offset, r.pageH+2*r.offset
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: mediaW, Ht: mediaH}})
	r.pdf = pdf
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(r.opts.Created)
	pdf.SetModificationDate(r.opts.Created)
	pdf.SetTitle(in.title, true)
	pdf.SetAuthor(in.author, true)
	pdf.SetSubject(in.subject, true)
	pdf.SetKeywords(in.keywords, true)
	pdf.SetCreator(r.opts.Creator, true)
	pdf.SetLang(in.lang)
	pdf.SetXmpMetadata(xmp(in, r.opts))
	if r.offset > 0 {
		// The finished page, and the bleed around it, inside a media box
		// that also holds the crop marks. fpdf takes boxes as x, y from
		// the bottom left, width, height.
		pdf.SetPageBox("trim", r.offset, r.offset, r.pageW, r.pageH)
		b := r.opts.Bleed
		pdf.SetPageBox("bleed", r.offset-b, r.offset-b, r.pageW+2*b, r.pageH+2*b)
	}

	if err := r.addFonts(used); err != nil {
		return Result{}, err
	}
	links := map[int]int{}
	for _, p := range pages {
		for _, t := range p.targets {
			links[t] = pdf.AddLink()
		}
	}
	r.links = links
	for pi, p := range pages {
		pdf.AddPage()
		if pi == 0 {
			r.registerGlyphs()
		}
		for _, t := range p.targets {
			pdf.SetLink(links[t], 0, pi+1)
		}
		for _, b := range p.bookmarks {
			pdf.Bookmark(b.title, b.level, 0)
		}
		if r.offset > 0 {
			// Draw the page in trim coordinates.
			pdf.RawWriteStr(fmt.Sprintf("q 1 0 0 1 %s %s cm\n", num(r.offset), num(r.offset)))
		}
		if p.cover {
			r.drawCoverBand()
			if p.logo != "" {
				if err := r.drawLogo(p.logo); err != nil {
					return Result{}, err
				}
			}
		}
		if p.draft != nil {
			r.drawDraft(p.draft)
		}
		top := r.top
		if p.top > 0 {
			top = p.top
		}
		r.drawPage(p.boxes, top)
		// Drawn: let the page's lines go, so the lines still to draw and
		// the content streams written do not both fill memory at the end.
		clear(p.boxes)
		if p.header != nil {
			r.drawLine(p.header, r.colLeft, float64(lay.Running.HeaderOffset), lay.Colors.Muted)
			y := float64(lay.Running.HeaderOffset) + 4
			r.rule(r.colLeft, y, r.colWidth, 0.4, lay.Colors.Rule)
		}
		if p.footer != nil {
			r.drawLine(p.footer, r.colLeft, r.pageH-float64(lay.Running.FooterOffset), lay.Colors.Muted)
		}
		if r.offset > 0 {
			pdf.RawWriteStr("Q\n")
			if r.opts.CropMarks {
				r.drawCropMarks()
			}
		}
	}
	if err := pdf.Error(); err != nil {
		return Result{}, fmt.Errorf("pdf: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return Result{}, fmt.Errorf("pdf: %w", err)
	}
	if _, err := w.Write(r.subsetTags(orderPageBoxes(buf.Bytes()))); err != nil {
		return Result{}, err
	}
	fonts := make([]*text.Font, 0, len(used))
	for f := range used {
		fonts = append(fonts, f)
	}
	sort.Slice(fonts, func(i, j int) bool { return fonts[i].Name < fonts[j].Name })
	return Result{Pages: len(pages), Fonts: fonts}, nil
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

// running sets the header, footer and draft mark of every page. header
// returns the header text of page i (empty: none); the cover has no footer.
func (r *renderer) running(c *composer, pages []page, header func(i int) string, labels doc.Labels, isDraft bool) {
	lay := r.lay
	small := look{stack: c.display, size: lay.Running.Size, leading: 1.2, color: lay.Colors.Muted, align: text.Center}
	var draft *text.Line
	if isDraft {
		draft = c.firstLine(labels.Draft, look{stack: c.display, size: 72, leading: 1, bold: true, color: lay.Colors.Draft, align: text.Start})
	}
	// Most pages share their header: set each text once.
	headers := map[string]*text.Line{}
	for i := range pages {
		pages[i].draft = draft
		if pages[i].cover {
			continue
		}
		if labels.PageOf != nil {
			pages[i].footer = c.firstLine(labels.PageOf(i+1, len(pages)), small)
		}
		if h := header(i); h != "" {
			if _, ok := headers[h]; !ok {
				hl := small
				hl.align = text.End
				headers[h] = c.fitLine(h, hl)
			}
			pages[i].header = headers[h]
		}
	}
}

// addFonts gives fpdf one font copy per font used, whose cmap maps a code
// point per glyph (see fontcopy.go).
func (r *renderer) addFonts(used map[*text.Font]map[uint16]bool) error {
	fonts := make([]*text.Font, 0, len(used))
	for f := range used {
		fonts = append(fonts, f)
	}
	sort.Slice(fonts, func(i, j int) bool { return fonts[i].Name < fonts[j].Name })
	r.codes = map[*text.Font]map[uint16]rune{}
	r.fontKeys = map[*text.Font]string{}
	for _, f := range fonts {
		gids := make([]uint16, 0, len(used[f]))
		for g := range used[f] {
			gids = append(gids, g)
		}
		codes, err := glyphCodes(gids)
		if err != nil {
			return fmt.Errorf("pdf: font %s: %w", f.Name, err)
		}
		data, err := withCmap(f.Data, codes)
		if err != nil {
			return fmt.Errorf("pdf: font %s: %w", f.Name, err)
		}
		// fpdf names the font "utf8" + key; "sub" makes that as long as
		// the subset tag that subsetTags puts in its place.
		key := "sub" + strings.ToLower(f.Name)
		r.subsets = append(r.subsets, subsetName(key, f.Name, gids))
		r.pdf.AddUTF8FontFromBytes(key, "", data)
		if err := r.pdf.Error(); err != nil {
			return fmt.Errorf("pdf: font %s: %w", f.Name, err)
		}
		// fpdf reports some font problems only on stdout; make sure the
		// font is really there before drawing with it.
		r.pdf.SetFont(key, "", 10)
		if err := r.pdf.Error(); err != nil {
			return fmt.Errorf("pdf: font %s could not be embedded: %w", f.Name, err)
		}
		r.codes[f] = codes
		r.fontKeys[f] = key
	}
	return nil
}

// registerGlyphs tells fpdf which code points of each font copy are used, so
// that its subsetter keeps their glyphs. fpdf records used characters only
// when it draws text itself, so each font's codes are drawn once, invisibly
// (text render mode 3), far outside the page, clipped away and marked as an
// artifact: viewers and text extraction ignore it.
func (r *renderer) registerGlyphs() {
	fonts := make([]*text.Font, 0, len(r.codes))
	for f := range r.codes {
		fonts = append(fonts, f)
	}
	sort.Slice(fonts, func(i, j int) bool { return fonts[i].Name < fonts[j].Name })
	for _, f := range fonts {
		codes := make([]rune, 0, len(r.codes[f]))
		for _, c := range r.codes[f] {
			codes = append(codes, c)
		}
		sort.Slice(codes, func(i, j int) bool { return codes[i] < codes[j] })
		r.pdf.SetFont(r.fontKeys[f], "", 10)
		r.pdf.RawWriteStr("/Artifact BMC q 0 0 0 0 re W n 3 Tr\n")
		r.pdf.Text(-10000, -10000, string(codes))
		r.pdf.RawWriteStr("\nQ EMC\n")
	}
}

// drawPage draws the boxes of one page, from y down.
func (r *renderer) drawPage(boxes []box, y float64) {
	rtl := r.ed.Dir == doc.RTL
	for i := range boxes {
		b := &boxes[i]
		switch {
		case b.rule:
			x := r.colLeft
			if rtl {
				x = r.colLeft + r.colWidth - b.ruleW
			}
			r.rule(x, y+b.height/2, b.ruleW, b.height, b.color)
		case b.line != nil:
			left := r.colLeft + b.indent
			if rtl {
				left = r.colLeft + r.colWidth - b.indent - b.width
			}
			base := y + b.baseline
			r.drawLine(b.line, left, base, b.color)
			if b.linkTo != 0 {
				r.pdf.Link(r.offset+r.colLeft, r.offset+y, r.colWidth, b.height, r.links[b.linkTo])
			}
			if b.marker != nil {
				mx := r.colLeft + b.markerAt
				if rtl {
					mx = r.colLeft + r.colWidth - b.markerAt - b.marker.Width
				}
				r.drawLine(b.marker, mx, base, b.color)
			}
		}
		if b.outline != nil {
			r.pdf.Bookmark(b.outline.title, b.outline.level, r.offset+y)
		}
		y += b.height
	}
}

// drawDraft sets the localized draft mark diagonally across the page.
func (r *renderer) drawDraft(l *text.Line) {
	angle := math.Atan2(r.pageH, r.pageW)
	cos, sin := math.Cos(angle), math.Sin(angle)
	// Centre the line on the page centre along the diagonal.
	cx, cy := r.pageW/2, r.pageH/2
	w := l.Width
	x := cx - cos*w/2 + sin*l.Ascent/3
	y := cy - sin*w/2 - cos*l.Ascent/3
	r.drawLineMatrix(l, [6]float64{cos, sin, -sin, cos, x, y}, r.lay.Colors.Draft, 0.25)
}

func (r *renderer) rule(x, y, w, thickness float64, c layout.Color) {
	cr, cg, cb := c.RGB()
	r.pdf.RawWriteStr(fmt.Sprintf("%s %s %s RG %s w %s %s m %s %s l S\n",
		num(cr), num(cg), num(cb), num(thickness),
		num(x), num(r.pageH-y), num(x+w), num(r.pageH-y)))
}

// drawLine draws a line whose left edge is at x and baseline at y (from the
// top of the page).
func (r *renderer) drawLine(l *text.Line, x, y float64, c layout.Color) {
	r.drawLineMatrix(l, [6]float64{1, 0, 0, 1, x, r.pageH - y}, c, 1)
	for _, run := range l.Runs {
		if run.Style.Link != "" {
			r.pdf.LinkString(r.offset+x+run.X, r.offset+y-run.Size*0.8, run.Width, run.Size*1.1, run.Style.Link)
		}
	}
}

// drawLineMatrix draws the line's runs in a text space given by m (PDF
// coordinates, origin at the line's left end on the baseline). Each glyph
// is placed where shaping put it, by TJ adjustments against the advance
// widths fpdf wrote for the font, and each cluster is wrapped in an
// ActualText span so that copying and searching give back the characters.
func (r *renderer) drawLineMatrix(l *text.Line, m [6]float64, c layout.Color, alpha float64) {
	if l == nil {
		return
	}
	for ri, run := range l.Runs {
		if len(run.Glyphs) == 0 {
			continue
		}
		// Whether this run begins or ends (visually) a stretch of runs
		// of one direction: fonts split such a stretch into runs.
		opensDir := ri == 0 || l.Runs[ri-1].RTL != run.RTL
		closesDir := ri == len(l.Runs)-1 || l.Runs[ri+1].RTL != run.RTL
		col := c
		if run.Style.Color != 0 && run.Style.Color != uint32(c) && alpha == 1 {
			col = layout.Color(run.Style.Color)
		}
		cr, cg, cb := col.RGB()
		if alpha < 1 {
			// Tint instead of transparency: paper white mixed in.
			cr, cg, cb = 1-(1-cr)*alpha, 1-(1-cg)*alpha, 1-(1-cb)*alpha
		}
		key := r.fontKeys[run.Font]
		r.pdf.SetFont(key, "", run.Size)
		codes := r.codes[run.Font]
		b := &r.content
		b.Reset()
		fmt.Fprintf(b, "%s %s %s rg BT %s %s %s %s %s %s Tm\n", num(cr), num(cg), num(cb),
			num(m[0]), num(m[1]), num(m[2]), num(m[3]),
			num(m[4]+m[0]*(run.X+run.Glyphs[0].X)), num(m[5]+m[1]*(run.X+run.Glyphs[0].X)))
		tj := glyphWriter{b: b, size: run.Size, font: run.Font, codes: codes, pen: run.Glyphs[0].X, visible: "0 Tr "}
		if run.Embolden > 0 {
			// Synthetic bold (text.Run.Embolden): fill and stroke.
			fmt.Fprintf(b, "%s %s %s RG %s w 2 Tr ", num(cr), num(cg), num(cb), num(run.Embolden))
			tj.visible = "2 Tr "
		}
		var units [2]uint16
		for i, cl := range run.Clusters {
			b.WriteString("/Span<</ActualText<FEFF")
			if cl.Hyphen {
				// A hyphen the line breaker added (text.Cluster.Hyphen)
				// extracts as a hyphen-minus at the line end, which
				// poppler joins with the next line's word ("hyphen",
				// not "hy- phen") and PDFium reports as a soft hyphen.
				// An empty ActualText would leave two half words.
				b.WriteString("002D")
			} else if !l.RTL && !run.RTL {
				// No marks and no reordering in left-to-right text of a
				// left-to-right line (see extractionText): write the
				// characters as they are, without allocating per cluster.
				for _, c := range cl.Text {
					for _, u := range utf16.AppendRune(units[:0], c) {
						writeHex4(b, uint32(u))
					}
				}
			} else {
				for _, u := range utf16.Encode(extractionText(cl.Text, l.RTL, run.RTL, opensDir && i == 0, closesDir && i == len(run.Clusters)-1)) {
					writeHex4(b, uint32(u))
				}
			}
			b.WriteString(">>>BDC ")
			tj.cluster(run.Glyphs[cl.Start:cl.End])
			tj.close()
			b.WriteString("EMC\n")
		}
		if tj.rise != 0 {
			b.WriteString("0 Ts ")
		}
		if tj.invisible || run.Embolden > 0 {
			b.WriteString("0 Tr ")
		}
		b.WriteString("ET\n")
		r.pdf.RawWriteBuf(b)
	}
}

// num formats a number for a content stream: at most three decimals, no
// trailing zeros, so output is stable and small.
func num(v float64) string {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// extractionText returns the characters to write as a cluster's
// ActualText, in the order poppler (pdftotext, evince) needs to give the
// text back in logical order.
//
// One span per cluster is the granularity that extracts right: a span per
// run comes out reversed in right-to-left text. Poppler lays the characters
// of a span out left to right across the cluster's box and then reads a
// right-to-left word from right to left, so a right-to-left cluster's
// characters (a lam-alef ligature, a letter with its marks) are written in
// visual order, which puts them back in logical order.
//
// Poppler then rebuilds each line's logical order with a simplified bidi
// pass: in a right-to-left line it takes every character that is neither
// right-to-left nor numeric-like (spaces, brackets) into the
// left-to-right section beside it, so "22 يونيو" came back as "22يونيو"
// and "(IOJ&K)،" as "(،)IOJ&K". A right-to-left mark (U+200F) at the
// visual left edge of each stretch of left-to-right text (first) and of
// each digit-like separator stops that. In a left-to-right line, a
// left-to-right mark (U+200E) at the right edge of each stretch of
// right-to-left text (last) does the same.
// The marks are invisible formatting characters: they change nothing in
// copied text but the direction of its neutrals, and only for the better.
func extractionText(s string, lineRTL, runRTL, first, last bool) []rune {
	r := []rune(s)
	if runRTL {
		slices.Reverse(r)
	}
	lead := lineRTL && !runRTL && first || // left edge of left-to-right text
		lineRTL && runRTL && len(r) > 0 && numberLike(r[len(r)-1]) ||
		!lineRTL && runRTL && first // left edge of right-to-left text
	if lead {
		r = append([]rune{'\u200f'}, r...)
	}
	if !lineRTL && runRTL && last {
		r = append(r, '\u200e')
	}
	return r
}

// numberLike reports whether poppler groups c with digits when it orders a
// right-to-left line: European and Arabic digits and the separators and
// terminators around numbers (".", ",", "،", "-", "%"...).
func numberLike(c rune) bool {
	p, _ := bidi.LookupRune(c)
	switch p.Class() {
	case bidi.EN, bidi.AN, bidi.CS, bidi.ES, bidi.ET, bidi.L:
		return true
	}
	return false
}

// glyphWriter writes glyphs into TJ arrays, keeping track of where a
// viewer's pen is (after each glyph the viewer advances by the font's own
// width), so that each glyph lands where shaping put it.
type glyphWriter struct {
	b     *bytes.Buffer
	size  float64
	font  *text.Font
	codes map[uint16]rune

	pen       float64 // the viewer's pen, in points from the run origin
	rise      float64 // current text rise (Ts)
	invisible bool    // text render mode 3 is on
	visible   string  // the operator back to visible glyphs: "0 Tr ", or "2 Tr " for synthetic bold
	open, hex bool    // inside "[" and inside "<"
}

// anchorSlack is how far, as a fraction of the font size, a cluster's
// drawn extent may stray from its box on the baseline before it gets
// anchors. Poppler starts a new word at a gap of a tenth of the size.
const anchorSlack = 0.03

// cluster draws one cluster's glyphs. Poppler gives an ActualText span the
// extent from the first glyph's origin to the last glyph's origin plus its
// width, on the first glyph's baseline. A mark drawn first (right-to-left
// clusters put it before its base), a glyph offset sideways, or a raised
// Nastaliq glyph would make that extent stray from the cluster's place on
// the line, and poppler would then cut the word there. So when the
// cluster's first or last glyph does not sit on the cluster's edges, an
// invisible anchor glyph (text render mode 3) is drawn on the baseline at
// that edge, inside the span.
func (w *glyphWriter) cluster(gs []text.Glyph) {
	if len(gs) == 0 {
		return
	}
	left := gs[0].Pen
	last := gs[len(gs)-1]
	right := last.Pen + last.Advance
	slack := anchorSlack * w.size
	first := gs[0]
	if math.Abs(first.X-left) > slack || first.Y != 0 {
		w.glyph(first.ID, left, 0, true)
	}
	for _, g := range gs {
		w.glyph(g.ID, g.X, g.Y, false)
	}
	if end := last.X + w.width(last.ID); math.Abs(end-right) > slack || last.Y != 0 {
		w.glyph(last.ID, right-w.width(last.ID), 0, true)
	}
}

// width is the glyph's width as a viewer takes it: the font's advance.
func (w *glyphWriter) width(id uint16) float64 {
	return w.font.AdvanceEm(id) * w.size / 1000
}

// glyph draws a glyph with its origin at x (from the run origin) and rise y.
func (w *glyphWriter) glyph(id uint16, x, y float64, invisible bool) {
	if y != w.rise {
		w.close()
		fmt.Fprintf(w.b, "%s Ts ", num(y))
		w.rise = y
	}
	if invisible != w.invisible {
		w.close()
		if invisible {
			w.b.WriteString("3 Tr ")
		} else {
			w.b.WriteString(w.visible)
		}
		w.invisible = invisible
	}
	if !w.open {
		w.b.WriteString("[")
		w.open = true
	}
	// TJ numbers move the pen back by thousandths of the font size.
	if adj := (w.pen - x) * 1000 / w.size; math.Abs(adj) >= 0.05 {
		if w.hex {
			w.b.WriteString(">")
			w.hex = false
		}
		w.b.WriteString(num(adj))
	}
	if !w.hex {
		w.b.WriteString("<")
		w.hex = true
	}
	writeHex4(w.b, uint32(w.codes[id]))
	w.pen = x + w.width(id)
}

// writeHex4 writes v as four upper-case hex digits, as fmt's "%04X" would
// for values below 0x10000, without fmt's cost (it runs once per glyph).
func writeHex4(b *bytes.Buffer, v uint32) {
	const digits = "0123456789ABCDEF"
	if v > 0xFFFF {
		fmt.Fprintf(b, "%04X", v)
		return
	}
	b.Write([]byte{digits[v>>12&0xF], digits[v>>8&0xF], digits[v>>4&0xF], digits[v&0xF]})
}

// close ends the open TJ array, if any.
func (w *glyphWriter) close() {
	if w.hex {
		w.b.WriteString(">")
		w.hex = false
	}
	if w.open {
		w.b.WriteString("]TJ ")
		w.open = false
	}
}
