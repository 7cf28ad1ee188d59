package pdf

import (
	"strings"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
)

// box is one entry of the vertical list a statement is composed into: a
// line of text (with, for the first line of a clause, its hanging marker),
// a rule, or discardable space. Pagination cuts the list into pages.
type box struct {
	height float64
	// space boxes are dropped at the top of a page.
	space bool
	// keep forbids a page break right after this box: headings and lead-ins
	// keep with what follows, and the first and next-to-last lines of a
	// paragraph keep with their neighbours so no line is left alone.
	keep bool

	line     *text.Line
	baseline float64 // from the top of the box
	indent   float64 // from the start edge of the column
	width    float64 // the measure the line was set to
	marker   *text.Line
	markerAt float64 // start edge of the marker, from the column's start edge
	rule     bool
	ruleW    float64
	color    layout.Color

	outline *outlineEntry
	// linkTo makes the line a link to the start of statement linkTo (1
	// based) of a pack: the entries of its contents.
	linkTo int

	// tag is the structure node the line belongs to, markerTag its
	// marker's (a list item's label); a box without one is an artifact.
	tag, markerTag *node

	// anchor names the box as the target of links within the document
	// ("clause-18-c", "fn-3").
	anchor string
	// breakBefore starts a new page with this box (an annex).
	breakBefore bool
	// notes are the lines of the footnotes referenced on this line, one
	// slice per footnote, which go to the foot of its page.
	notes [][]box
	// cells make the box a row of cells side by side: a table row, or
	// signatures. rowRule is the thickness of the rule under the row.
	cells   []cell
	rowRule float64
	// head is, on a table's body row, the table's header row, which is
	// repeated when the row opens a page. table is the Table node of a
	// table's rows, and repeat marks a header row repeated on a page.
	head   *box
	table  *node
	repeat bool
}

// cell is one cell of a row: its lines, at x from the start edge of the
// row (which starts at the box's indent), width wide, as the content of
// node tag.
type cell struct {
	x, width float64
	lines    []cellLine
	tag      *node
}

// cellLine is a line of a cell, its baseline measured from the row's top.
type cellLine struct {
	line     *text.Line
	baseline float64
	color    layout.Color
}

type outlineEntry struct {
	title string
	level int
}

// composer turns an Edition into a vertical list of boxes.
type composer struct {
	ed      *doc.Edition
	lay     *layout.Layout
	sh      text.Layouter
	rtl     bool
	width   float64
	text    *text.Stack
	display *text.Stack
	boxes   []box

	// In a pack, a statement's outline entries sit one level below the
	// pack's, and its authors go to the pack's contributors section.
	outlineBase int
	noAuthors   bool
	// clauseLevel is the outline level of the next operative clause's
	// entry: under the last heading, if any (0: under the title).
	clauseLevel int
	// markers are the widths of the widest clause marker of each depth
	// and a word space (see markerWidths); nil: measured when composing.
	markers []float64

	// cur is the structure node new paragraphs go into (the document, a
	// list item's body...).
	cur *node
	// emit, when set, takes the boxes composed so far after each block
	// and returns how many from the front it has used (laid out on
	// finished pages); those are dropped, so that a long statement's
	// lines need not all be in memory at once. any records that a box
	// was ever added.
	emit func([]box) int
	any  bool

	// noteLines are the lines of each footnote, by anchor ("fn-3"),
	// until a line that references it takes them to its page.
	noteLines map[string][]box
	// anchor is given to the next line set: the target of links to the
	// clause or heading being set.
	anchor string
	// articles is set when level-1 clauses are articles, whose label is
	// a line of its own: the levels below hang as clauses otherwise do.
	articles bool
}

func newComposer(ed *doc.Edition, lay *layout.Layout, sh text.Layouter) *composer {
	return &composer{
		ed: ed, lay: lay, sh: sh,
		rtl:     ed.Dir == doc.RTL,
		width:   float64(lay.Page.Width - lay.Margins.Start - lay.Margins.End),
		text:    lay.Stack(layout.TextRole, ed.Lang),
		display: lay.Stack(layout.DisplayRole, ed.Lang),
		cur:     &node{typ: "Document"},
	}
}

// flush hands the boxes composed so far to emit, if set, and drops those
// it used.
func (c *composer) flush() {
	if c.emit == nil || len(c.boxes) == 0 {
		return
	}
	n := c.emit(c.boxes)
	if n <= 0 {
		return
	}
	rest := copy(c.boxes, c.boxes[n:])
	clear(c.boxes[rest:])
	c.boxes = c.boxes[:rest]
}

// in runs fn with n as the node new paragraphs go into.
func (c *composer) in(n *node, fn func()) {
	saved := c.cur
	c.cur = n
	fn()
	c.cur = saved
}

// look is the typographic look of a paragraph.
type look struct {
	stack   *text.Stack
	size    float64
	leading float64 // multiple of size
	bold    bool
	italic  bool
	color   layout.Color
	align   text.Align
}

func (c *composer) bodyLook() look {
	align := text.Justify
	if from := c.lay.Body.JustifyFrom; from > 0 && c.width < from*c.lay.Body.Size {
		// A narrow column (a parallel edition's) is set ragged: see
		// body.justify_from.
		align = text.Start
	}
	return look{stack: c.text, size: c.lay.Body.Size, leading: c.lay.Body.Leading, color: c.lay.Colors.Text, align: align}
}

func (c *composer) spans(in doc.Inline, lk look) []text.Span {
	out := make([]text.Span, 0, len(in))
	for _, s := range in {
		if s.Note != nil {
			// A footnote reference: its mark, smaller, raised after
			// layout (see raiseNoteRefs), linking to the note.
			st := text.Style{Stack: lk.stack, Size: lk.size * c.lay.Footnotes.RefSize, Bold: lk.bold, Color: uint32(c.lay.Colors.Accent), Link: "#" + noteAnchor(s.Note)}
			// A word joiner keeps the mark on the word's line and tells
			// text extraction where the word ends: "platform³" copies
			// as "platform" and "3", not as one word.
			out = append(out, text.Span{Text: "\u2060" + s.Text + "\u2060", Style: st})
			continue
		}
		st := text.Style{Stack: lk.stack, Size: lk.size, Bold: lk.bold, Italic: lk.italic, Color: uint32(lk.color), Link: s.Link}
		if s.Style&doc.Strong != 0 {
			st.Bold = true
		}
		if s.Style&doc.Emphasis != 0 {
			st.Italic = !st.Italic
		}
		if s.Link != "" {
			st.Color = uint32(c.lay.Colors.Accent)
		}
		out = append(out, text.Span{Text: s.Text, Style: st, Lang: s.Lang})
	}
	return out
}

func plain(s string) doc.Inline { return doc.Inline{{Text: s}} }

// setLines lays a paragraph out at the given indent and returns its lines.
func (c *composer) setLines(in doc.Inline, lk look, indent, endIndent float64) []text.Line {
	return c.setWidth(in, lk, c.width-indent-endIndent)
}

// setWidth lays a paragraph out in lines of the given width.
func (c *composer) setWidth(in doc.Inline, lk look, width float64) []text.Line {
	p := text.Paragraph{Spans: c.spans(in, lk), Lang: c.ed.Lang, RTL: c.rtl, Align: lk.align, Typography: &c.ed.Conventions.Typography}
	lines := c.sh.Layout(p, width)
	raiseNoteRefs(lines, lk.size, c.lay.Footnotes.RefRise)
	return lines
}

// addPara appends a paragraph's lines with widow and orphan control, as
// an element of type typ (P, H2...) in the current node. The marker, if
// any, hangs beside the first line.
func (c *composer) addPara(typ string, in doc.Inline, lk look, indent, endIndent float64, marker *text.Line, markerAt float64, keepAll bool) {
	lines := c.setLines(in, lk, indent, endIndent)
	c.addLines(c.cur.child(typ), lines, lk, indent, endIndent, marker, nil, markerAt, keepAll)
}

// addLines appends lines belonging to node n; the marker belongs to
// markerN.
func (c *composer) addLines(n *node, lines []text.Line, lk look, indent, endIndent float64, marker *text.Line, markerN *node, markerAt float64, keepAll bool) {
	count := len(lines)
	for i := range lines {
		l := &lines[i]
		h, base := lineBox(l, lk, c.lay.Body.Extent)
		b := box{height: h, baseline: base, line: l, indent: indent, width: c.width - indent - endIndent, color: lk.color, tag: n}
		if i == 0 && marker != nil {
			b.marker, b.markerAt, b.markerTag = marker, markerAt, markerN
		}
		// No orphan (first line alone at a page foot) and no widow (last
		// line alone at a page head).
		b.keep = keepAll || (count > 1 && (i == 0 || i == count-2))
		// Nor a word cut across the turn of a page, unless the layout
		// allows it.
		if i < count-1 && !c.lay.Keep.HyphenAtPageEnd && l.Hyphenated() {
			b.keep = true
		}
		b.notes = c.lineNotes(l)
		if i == 0 {
			b.anchor, c.anchor = c.anchor, ""
		}
		c.boxes = append(c.boxes, b)
		c.any = true
	}
}

// lineBox returns the height of a line's box and its baseline from the top:
// the layout's leading, grown to the fonts' height times extent when a
// script's glyphs reach further (Naskh and Nastaliq are taller than Latin).
func lineBox(l *text.Line, lk look, extent float64) (height, baseline float64) {
	h := lk.size * lk.leading
	ext := (l.Ascent - l.Descent) * extent
	if ext > h {
		h = ext
	}
	// Centre the font's extents in the box.
	extra := h - (l.Ascent - l.Descent)
	return h, extra/2 + l.Ascent
}

func (c *composer) space(h float64) {
	if c.any && h > 0 {
		c.boxes = append(c.boxes, box{height: h, space: true})
	}
}

// keepLast makes the last box that is not space, and the space after it,
// keep with the next box: pagination steps back over kept boxes only, so a
// kept space after a line that may end a page would not hold the line
// ("Demanded that India:" was left at a page foot, its sub-clauses on the
// next).
func (c *composer) keepLast() {
	for k := len(c.boxes) - 1; k >= 0; k-- {
		c.boxes[k].keep = true
		if !c.boxes[k].space {
			return
		}
	}
}

func (c *composer) compose() []box {
	ed, lay := c.ed, c.lay
	dlook := func(size float64, bold bool, color layout.Color) look {
		return look{stack: c.display, size: size, leading: lay.Title.MetaLeading, bold: bold, color: color, align: text.Start}
	}
	if c.markers == nil {
		c.markers = c.markerWidths()
	}
	c.prepareNotes()
	c.articles = hasArticles(ed.Body)
	// Title block.
	start := len(c.boxes)
	if ed.Logo != "" {
		// Room for the logo, which the renderer draws at the top of
		// page 1.
		c.boxes = append(c.boxes, box{height: lay.Logo.Height + lay.Logo.Space, keep: true})
		c.any = true
	}
	if ed.Embargo != "" {
		c.addPara("P", plain(ed.Embargo), dlook(lay.Title.KindSize*lay.Title.EmbargoSize, true, lay.Colors.Draft), 0, 0, nil, 0, true)
		c.space(lay.Title.KindSize)
	}
	if ed.KindLabel != "" {
		c.addPara("P", plain(ed.KindLabel), dlook(lay.Title.KindSize, true, lay.Colors.Accent), 0, 0, nil, 0, true)
	}
	if ed.Issuer != "" {
		c.addPara("P", plain(ed.Issuer), dlook(lay.Title.KindSize, false, lay.Colors.Muted), 0, 0, nil, 0, true)
		c.space(lay.Title.Size * lay.Title.IssuerSpace)
	}
	tl := look{stack: c.text, size: lay.Title.Size, leading: lay.Title.Leading, bold: true, color: lay.Colors.Text, align: text.Start}
	titleAt := len(c.boxes)
	c.addPara(heading(c.outlineBase), plain(ed.Title), tl, 0, 0, nil, 0, true)
	c.boxes[titleAt].outline = &outlineEntry{title: ed.Title, level: c.outlineBase}
	if ed.Subtitle != "" {
		c.space(lay.Title.SubtitleSpace)
		c.addPara("P", plain(ed.Subtitle), look{stack: c.text, size: lay.Title.SubtitleSize, leading: lay.Title.SubtitleLeading, italic: true, color: lay.Colors.Muted, align: text.Start}, 0, 0, nil, 0, true)
	}
	c.space(lay.Title.RuleSpaceBefore)
	c.boxes = append(c.boxes, box{height: lay.Title.RuleWeight, rule: true, ruleW: c.width, color: lay.Colors.Rule, keep: true})
	c.space(lay.Title.RuleSpaceAfter)
	meta := dlook(lay.Title.MetaSize, false, lay.Colors.Muted)
	if ed.DateLine != "" {
		c.addPara("P", plain(ed.DateLine), meta, 0, 0, nil, 0, true)
	}
	if ed.Reference != "" {
		c.addPara("P", plain(ed.Reference), meta, 0, 0, nil, 0, true)
	}
	if ed.Original != "" {
		c.addPara("P", plain(ed.Original), meta, 0, 0, nil, 0, true)
	}
	for i := start; i < len(c.boxes); i++ {
		c.boxes[i].keep = true
	}
	c.space(lay.Title.Size)
	c.flush()

	for _, b := range ed.Body {
		c.block(b)
		c.flush()
	}

	if len(ed.Authors) > 0 && !c.noAuthors {
		c.space(lay.Heading.SpaceBefore * lay.Authors.SpaceBefore)
		c.boxes = append(c.boxes, box{height: lay.Authors.RuleWeight, rule: true, ruleW: c.width * lay.Authors.RuleLength, color: lay.Colors.Rule, keep: true})
		c.space(lay.Heading.SpaceAfter * lay.Authors.RuleSpaceAfter)
		c.keepLast()
		c.authors(ed.Labels.AboutAuthors, ed.Authors, c.outlineBase+1, lay.Heading.Size)
	}
	return c.boxes
}

// authors sets a heading and each author's name, role and biography, as a
// section of the document.
func (c *composer) authors(title string, authors []*doc.Author, level int, headingSize float64) {
	lay := c.lay
	sect := c.cur.child("Sect")
	sect.title = title
	c.in(sect, func() {
		at := len(c.boxes)
		c.addPara(heading(level), plain(title), look{stack: c.display, size: headingSize, leading: lay.Heading.Leading, bold: true, color: lay.Colors.Accent, align: text.Start}, 0, 0, nil, 0, true)
		c.boxes[at].outline = &outlineEntry{title: title, level: level}
		c.space(max(lay.Heading.SpaceAfter, headingSize*lay.Authors.HeadingSpace))
		c.keepLast()
		for i, a := range authors {
			if i > 0 {
				c.space(lay.Body.ParagraphSpace)
			}
			from := len(c.boxes)
			c.addPara("P", plain(a.Name), look{stack: c.text, size: lay.Body.Size, leading: lay.Body.Leading, bold: true, color: lay.Colors.Text, align: text.Start}, 0, 0, nil, 0, true)
			if a.Role != "" {
				c.addPara("P", plain(a.Role), look{stack: c.text, size: lay.Body.Size * lay.Authors.RoleSize, leading: lay.Body.Leading, italic: true, color: lay.Colors.Muted, align: text.Start}, 0, 0, nil, 0, true)
			}
			c.space(lay.Authors.BioSpace)
			c.keepLast()
			bio := len(c.boxes)
			for _, p := range a.Bio {
				c.addPara("P", p.Text, c.bodyLook(), 0, 0, nil, 0, false)
				c.space(lay.Body.ParagraphSpace)
			}
			c.keepBio(from, bio)
		}
	})
}

func (c *composer) block(b doc.Block) { b.Accept(c) }

// Paragraph sets a body paragraph.
func (c *composer) Paragraph(b *doc.Paragraph) {
	c.addPara("P", b.Text, c.bodyLook(), 0, 0, nil, 0, false)
	c.space(c.lay.Body.ParagraphSpace)
}

// Heading sets a section heading, kept with what follows.
func (c *composer) Heading(b *doc.Heading) {
	lay := c.lay
	c.space(lay.Heading.SpaceBefore)
	at := len(c.boxes)
	c.anchor = b.Key
	c.addPara(heading(c.outlineBase+1), b.Text, look{stack: c.display, size: lay.Heading.Size, leading: lay.Heading.Leading, bold: true, color: lay.Colors.Accent, align: text.Start}, 0, 0, nil, 0, true)
	c.boxes[at].outline = &outlineEntry{title: b.Text.Plain(), level: c.outlineBase + 1}
	c.clauseLevel = c.outlineBase + 2
	c.space(lay.Heading.SpaceAfter)
	c.keepLast()
}

// Quote sets a block quotation, indented on both sides.
func (c *composer) Quote(b *doc.Quote) {
	lay := c.lay
	q := c.bodyLook()
	q.italic = true
	c.in(c.cur.child("BlockQuote"), func() {
		for _, p := range b.Paras {
			c.addPara("P", p.Text, q, float64(lay.Body.ClauseIndent), float64(lay.Body.ClauseIndent), nil, 0, false)
			c.space(lay.Body.ParagraphSpace)
		}
	})
}

// ClauseList sets a lead-in and its clauses, a list.
func (c *composer) ClauseList(b *doc.ClauseList) {
	lay := c.lay
	if b.LeadIn != nil {
		lk := c.bodyLook()
		lk.align = text.Start
		c.addPara("P", b.LeadIn.Text, lk, 0, 0, nil, 0, true)
		c.space(lay.Body.ParagraphSpace)
		c.keepLast()
	}
	var style doc.NumberStyle
	if len(b.Clauses) > 0 {
		style = b.Clauses[0].Style
	}
	list := c.list(1, style)
	for _, cl := range b.Clauses {
		c.clause(list, cl)
		// A statement may be one list of thousands of clauses.
		c.flush()
	}
}

// listNumbering names, by depth, how clauses are numbered by default:
// operative clauses by number, sub-clauses by letter, then by roman
// numeral, then by capital letter.
var listNumbering = []string{"Decimal", "LowerAlpha", "LowerRoman", "UpperAlpha"}

// styleNumbering names how a numbering style numbers, in a list's
// /ListNumbering attribute; an article's label is a word and a number.
var styleNumbering = map[doc.NumberStyle]string{
	doc.StyleDecimal: "Decimal", doc.StyleParenDecimal: "Decimal", doc.StyleArticle: "Decimal",
	doc.StyleLower: "LowerAlpha", doc.StyleUpper: "UpperAlpha",
	doc.StyleRoman: "LowerRoman", doc.StyleUpperRoman: "UpperRoman",
}

// list makes a list node for clauses of the given depth and style.
func (c *composer) list(depth int, style doc.NumberStyle) *node {
	l := c.cur.child("L")
	l.listNumbering = listNumbering[min(depth, len(listNumbering))-1]
	if n, ok := styleNumbering[style]; ok {
		l.listNumbering = n
	}
	return l
}

// flush moves a line's runs so that its content starts at x = 0, whatever
// alignment it was set with; markers are placed by their own edges.
func flush(l *text.Line) *text.Line {
	if len(l.Runs) == 0 {
		return l
	}
	dx := l.Runs[0].X
	for i := range l.Runs {
		l.Runs[i].X -= dx
	}
	return l
}

// firstLine sets s and returns its first line (running heads are one line).
func (c *composer) firstLine(s string, lk look) *text.Line {
	ls := c.setLines(plain(s), lk, 0, 0)
	if len(ls) == 0 {
		return nil
	}
	return &ls[0]
}

// fitLine sets s on one line, dropping words from its end, with an
// ellipsis, until it fits: a long statement title in a running head.
func (c *composer) fitLine(s string, lk look) *text.Line {
	words := strings.Fields(s)
	for n := len(words); n > 0; n-- {
		t := strings.Join(words[:n], " ")
		if n < len(words) {
			t = strings.TrimRight(t, ",;:·—–-") + "…"
		}
		if ls := c.setLines(plain(t), lk, 0, 0); len(ls) == 1 {
			return &ls[0]
		}
	}
	return c.firstLine(s, lk)
}
