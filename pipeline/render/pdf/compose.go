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
}

func newComposer(ed *doc.Edition, lay *layout.Layout, sh text.Layouter) *composer {
	return &composer{
		ed: ed, lay: lay, sh: sh,
		rtl:     ed.Dir == doc.RTL,
		width:   float64(lay.Page.Width - lay.Margins.Start - lay.Margins.End),
		text:    lay.Stack(layout.TextRole, ed.Lang),
		display: lay.Stack(layout.DisplayRole, ed.Lang),
	}
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
	return look{stack: c.text, size: c.lay.Body.Size, leading: c.lay.Body.Leading, color: c.lay.Colors.Text, align: text.Justify}
}

func (c *composer) spans(in doc.Inline, lk look) []text.Span {
	out := make([]text.Span, 0, len(in))
	for _, s := range in {
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
	p := text.Paragraph{Spans: c.spans(in, lk), Lang: c.ed.Lang, RTL: c.rtl, Align: lk.align, Typography: &c.ed.Conventions.Typography}
	return c.sh.Layout(p, c.width-indent-endIndent)
}

// addPara appends a paragraph's lines with widow and orphan control. The
// marker, if any, hangs beside the first line.
func (c *composer) addPara(in doc.Inline, lk look, indent, endIndent float64, marker *text.Line, markerAt float64, keepAll bool) {
	lines := c.setLines(in, lk, indent, endIndent)
	c.addLines(lines, lk, indent, endIndent, marker, markerAt, keepAll)
}

func (c *composer) addLines(lines []text.Line, lk look, indent, endIndent float64, marker *text.Line, markerAt float64, keepAll bool) {
	n := len(lines)
	for i := range lines {
		l := &lines[i]
		h, base := lineBox(l, lk)
		b := box{height: h, baseline: base, line: l, indent: indent, width: c.width - indent - endIndent, color: lk.color}
		if i == 0 && marker != nil {
			b.marker, b.markerAt = marker, markerAt
		}
		// No orphan (first line alone at a page foot) and no widow (last
		// line alone at a page head).
		b.keep = keepAll || (n > 1 && (i == 0 || i == n-2))
		c.boxes = append(c.boxes, b)
	}
}

// lineBox returns the height of a line's box and its baseline from the top:
// the layout's leading, grown when a script's glyphs reach further (Naskh
// and Nastaliq are taller than Latin).
func lineBox(l *text.Line, lk look) (height, baseline float64) {
	h := lk.size * lk.leading
	ext := (l.Ascent - l.Descent) * 1.05
	if ext > h {
		h = ext
	}
	// Centre the font's extents in the box.
	extra := h - (l.Ascent - l.Descent)
	return h, extra/2 + l.Ascent
}

func (c *composer) space(h float64) {
	if len(c.boxes) > 0 && h > 0 {
		c.boxes = append(c.boxes, box{height: h, space: true})
	}
}

// keepLast makes the last box keep with the next one.
func (c *composer) keepLast() {
	if n := len(c.boxes); n > 0 {
		c.boxes[n-1].keep = true
	}
}

func (c *composer) compose() []box {
	ed, lay := c.ed, c.lay
	dlook := func(size float64, bold bool, color layout.Color) look {
		return look{stack: c.display, size: size, leading: 1.3, bold: bold, color: color, align: text.Start}
	}
	// Title block.
	start := len(c.boxes)
	if ed.KindLabel != "" {
		c.addPara(plain(ed.KindLabel), dlook(lay.Title.KindSize, true, lay.Colors.Accent), 0, 0, nil, 0, true)
	}
	if ed.Issuer != "" {
		c.addPara(plain(ed.Issuer), dlook(lay.Title.KindSize, false, lay.Colors.Muted), 0, 0, nil, 0, true)
		c.space(lay.Title.Size * 0.5)
	}
	tl := look{stack: c.text, size: lay.Title.Size, leading: lay.Title.Leading, bold: true, color: lay.Colors.Text, align: text.Start}
	titleAt := len(c.boxes)
	c.addPara(plain(ed.Title), tl, 0, 0, nil, 0, true)
	c.boxes[titleAt].outline = &outlineEntry{title: ed.Title, level: c.outlineBase}
	if ed.Subtitle != "" {
		c.space(3)
		c.addPara(plain(ed.Subtitle), look{stack: c.text, size: lay.Title.SubtitleSize, leading: 1.3, italic: true, color: lay.Colors.Muted, align: text.Start}, 0, 0, nil, 0, true)
	}
	c.space(8)
	c.boxes = append(c.boxes, box{height: 0.8, rule: true, ruleW: c.width, color: lay.Colors.Rule, keep: true})
	c.space(6)
	meta := dlook(lay.Title.MetaSize, false, lay.Colors.Muted)
	if ed.DateLine != "" {
		c.addPara(plain(ed.DateLine), meta, 0, 0, nil, 0, true)
	}
	if ed.Reference != "" {
		c.addPara(plain(ed.Reference), meta, 0, 0, nil, 0, true)
	}
	if ed.Original != "" {
		c.addPara(plain(ed.Original), meta, 0, 0, nil, 0, true)
	}
	for i := start; i < len(c.boxes); i++ {
		c.boxes[i].keep = true
	}
	c.space(lay.Title.Size)

	for _, b := range ed.Body {
		c.block(b)
	}

	if len(ed.Authors) > 0 && !c.noAuthors {
		c.space(lay.Heading.SpaceBefore * 1.5)
		c.boxes = append(c.boxes, box{height: 0.6, rule: true, ruleW: c.width * 0.3, color: lay.Colors.Rule, keep: true})
		c.space(lay.Heading.SpaceAfter * 2)
		c.authors(ed.Labels.AboutAuthors, ed.Authors, c.outlineBase+1, lay.Heading.Size)
	}
	return c.boxes
}

// authors sets a heading and each author's name, role and biography.
func (c *composer) authors(heading string, authors []*doc.Author, level int, headingSize float64) {
	lay := c.lay
	at := len(c.boxes)
	c.addPara(plain(heading), look{stack: c.display, size: headingSize, leading: 1.3, bold: true, color: lay.Colors.Accent, align: text.Start}, 0, 0, nil, 0, true)
	c.boxes[at].outline = &outlineEntry{title: heading, level: level}
	c.space(max(lay.Heading.SpaceAfter, headingSize*0.6))
	for i, a := range authors {
		if i > 0 {
			c.space(lay.Body.ParagraphSpace)
		}
		c.addPara(plain(a.Name), look{stack: c.text, size: lay.Body.Size, leading: lay.Body.Leading, bold: true, color: lay.Colors.Text, align: text.Start}, 0, 0, nil, 0, true)
		if a.Role != "" {
			c.addPara(plain(a.Role), look{stack: c.text, size: lay.Body.Size * 0.95, leading: lay.Body.Leading, italic: true, color: lay.Colors.Muted, align: text.Start}, 0, 0, nil, 0, true)
		}
		c.space(2)
		for _, p := range a.Bio {
			c.addPara(p.Text, c.bodyLook(), 0, 0, nil, 0, false)
			c.space(lay.Body.ParagraphSpace)
		}
	}
}

func (c *composer) block(b doc.Block) {
	lay := c.lay
	switch b := b.(type) {
	case *doc.Paragraph:
		c.addPara(b.Text, c.bodyLook(), 0, 0, nil, 0, false)
		c.space(lay.Body.ParagraphSpace)
	case *doc.Heading:
		c.space(lay.Heading.SpaceBefore)
		at := len(c.boxes)
		c.addPara(b.Text, look{stack: c.display, size: lay.Heading.Size, leading: 1.3, bold: true, color: lay.Colors.Accent, align: text.Start}, 0, 0, nil, 0, true)
		c.boxes[at].outline = &outlineEntry{title: b.Text.Plain(), level: c.outlineBase + 1}
		c.space(lay.Heading.SpaceAfter)
		c.keepLast()
	case *doc.Quote:
		q := c.bodyLook()
		q.italic = true
		for _, p := range b.Paras {
			c.addPara(p.Text, q, float64(lay.Body.ClauseIndent), float64(lay.Body.ClauseIndent), nil, 0, false)
			c.space(lay.Body.ParagraphSpace)
		}
	case *doc.ClauseList:
		if b.LeadIn != nil {
			at := len(c.boxes)
			lk := c.bodyLook()
			lk.align = text.Start
			c.addPara(b.LeadIn.Text, lk, 0, 0, nil, 0, true)
			c.boxes[at].outline = &outlineEntry{title: strings.TrimSpace(b.LeadIn.Text.Plain()), level: c.outlineBase + 1}
			c.space(lay.Body.ParagraphSpace)
			c.keepLast()
		}
		for _, cl := range b.Clauses {
			c.clause(cl)
		}
	}
}

// clause sets a clause: its marker hangs in the indent before the first
// line, its paragraphs and sub-clauses are indented by depth.
func (c *composer) clause(cl *doc.Clause) {
	lay := c.lay
	hang := float64(lay.Body.ClauseIndent)
	indent := hang + float64(cl.Depth-1)*float64(lay.Body.SubclauseIndent)
	if cl.Depth > 1 {
		hang = float64(lay.Body.SubclauseIndent)
	}
	lk := c.bodyLook()
	mlook := lk
	mlook.align = text.Start
	if cl.Depth == 1 {
		mlook.bold = true
	}
	var marker *text.Line
	if ml := c.setLines(plain(cl.Label), mlook, 0, 0); len(ml) > 0 {
		marker = flush(&ml[0])
	}
	space := lay.Body.ParagraphSpace
	if cl.Depth > 1 {
		space *= 0.6
	}
	for i, p := range cl.Paras {
		m := marker
		if i > 0 {
			m = nil
		}
		c.addPara(p.Text, lk, indent, 0, m, indent-hang, false)
		if i == len(cl.Paras)-1 && len(cl.Subs) > 0 {
			// "Demanded that India:" stays with its first sub-clause.
			c.keepLast()
		}
		c.space(space)
	}
	if len(cl.Paras) == 0 && marker != nil {
		c.addLines([]text.Line{{}}, lk, indent, 0, marker, indent-hang, false)
	}
	for _, s := range cl.Subs {
		c.clause(s)
	}
	for _, p := range cl.Tail {
		c.addPara(p.Text, lk, indent, 0, nil, 0, false)
		c.space(space)
	}
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
