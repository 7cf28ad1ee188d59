package pdf

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/text"
)

// The blocks of official documents and press releases: articles and four
// levels of clauses, footnotes at the foot of their page, tables, annexes,
// the end mark with the notes to editors, signatures and contacts.

// Footnote references are set at noteRefScale of their text's size,
// raised by noteRise of it; footnotes at noteScale of the body size.
const (
	noteRefScale = 0.68
	noteRise     = 0.36
	noteScale    = 0.82
)

// noteAnchor names a footnote as a link target.
func noteAnchor(n *doc.Footnote) string { return "fn-" + strconv.Itoa(n.Number) }

// raiseNoteRefs raises the glyphs of footnote references above the
// baseline: the text engine sets them on it, smaller.
func raiseNoteRefs(lines []text.Line, size float64) {
	for li := range lines {
		for ri := range lines[li].Runs {
			run := &lines[li].Runs[ri]
			if !strings.HasPrefix(run.Style.Link, "#fn-") {
				continue
			}
			for gi := range run.Glyphs {
				run.Glyphs[gi].Y += size * noteRise
			}
		}
	}
}

// prepareNotes sets every footnote's lines, to be placed at the foot of
// the page of its reference: its mark hangs before the first line. Each
// note is a Note element, placed in the structure tree with the paragraph
// that references it (see lineNotes).
func (c *composer) prepareNotes() {
	c.noteLines = map[string][]box{}
	lay := c.lay
	lk := c.bodyLook()
	lk.size *= noteScale
	lk.align = text.Start
	hang := lk.size * 1.8
	for _, n := range c.ed.Notes {
		var lines []box
		note := &node{typ: "Note", parent: c.cur}
		lbl := note.child("Lbl")
		mark := c.firstLine(n.Mark, lk)
		for i, p := range n.Paras {
			para := note.child("P")
			ls := c.setLines(p.Text, lk, hang, 0)
			for j := range ls {
				l := &ls[j]
				h, base := lineBox(l, lk)
				b := box{height: h, baseline: base, line: l, indent: hang, width: c.width - hang, color: lay.Colors.Text, tag: para}
				if i == 0 && j == 0 {
					b.marker, b.markerAt, b.markerTag, b.anchor = mark, 0, lbl, noteAnchor(n)
				}
				lines = append(lines, b)
			}
		}
		c.noteLines[noteAnchor(n)] = lines
	}
}

// lineNotes takes the footnotes a line references, to the foot of the
// page the line is on; in the structure tree each note follows the
// paragraph of its reference.
func (c *composer) lineNotes(l *text.Line) [][]box {
	var out [][]box
	for _, run := range l.Runs {
		a, ok := strings.CutPrefix(run.Style.Link, "#")
		if !ok || !strings.HasPrefix(a, "fn-") {
			continue
		}
		if lines, ok := c.noteLines[a]; ok {
			if len(lines) > 0 && lines[0].tag != nil {
				lines[0].tag.parent.parent = c.cur
			}
			out = append(out, lines)
			delete(c.noteLines, a)
		}
	}
	return out
}

// hasArticles reports whether the body's clauses are articles.
func hasArticles(body []doc.Block) bool {
	found := false
	doc.Walk(body, func(cl *doc.Clause) {
		if cl.Depth == 1 && cl.Style == doc.StyleArticle {
			found = true
		}
	})
	return found
}

// clause sets a clause, a list item of list: its marker (the item's
// label) hangs in the indent before the first line (an article's label
// stands on a line of its own), its paragraphs, tables and sub-clauses (a
// list inside the item's body) are indented by depth.
func (c *composer) clause(list *node, cl *doc.Clause) {
	lay := c.lay
	indent, hang := c.indents(cl.Depth)
	lk := c.bodyLook()
	mlook := c.markerLook(cl.Depth)
	space := lay.Body.ParagraphSpace
	if cl.Depth > 1 {
		space = c.subclauseSpace()
	}
	item := list.child("LI")
	lbl := item.child("Lbl")
	body := item.child("LBody")
	c.anchor = cl.Anchor()
	if cl.Depth == 1 {
		defer c.clauseOutline(len(c.boxes), cl)
	}
	var marker *text.Line
	if cl.Style == doc.StyleArticle {
		c.space(lay.Body.ParagraphSpace)
		lines := c.setLines(plain(cl.Label), mlook, indent, 0)
		c.addLines(lbl, lines, mlook, indent, 0, nil, nil, 0, true)
		c.space(space * 0.5)
		c.keepLast()
	} else if ml := c.setLines(plain(cl.Label), mlook, 0, 0); len(ml) > 0 {
		marker = flush(&ml[0])
	}
	c.in(body, func() {
		first := true
		c.ownBlocks(cl.Body, lk, indent, space, func() (*text.Line, *node, float64) {
			if !first {
				return nil, nil, 0
			}
			first = false
			return marker, lbl, indent - hang
		})
		if len(cl.Body) > 0 && len(cl.Subs) > 0 {
			// "Demanded that India:" is as close to its sub-clauses
			// as they are to each other, and stays with the first.
			c.gap(c.subclauseSpace())
			c.keepLast()
		}
		if first && marker != nil {
			// A clause of sub-clauses only: its marker on a line of
			// its own.
			c.addLines(nil, []text.Line{{}}, lk, indent, 0, marker, lbl, indent-hang, true)
		}
		if len(cl.Subs) > 0 {
			subs := c.list(cl.Depth+1, cl.Subs[0].Style)
			for _, s := range cl.Subs {
				c.clause(subs, s)
			}
			// The list ends with the clause: what follows is as far
			// from it as the next clause of its level.
			c.gap(space)
		}
		c.ownBlocks(cl.Tail, lk, indent, space, func() (*text.Line, *node, float64) { return nil, nil, 0 })
	})
}

// ownBlocks sets a clause's own paragraphs and tables at indent; marker
// gives the marker of the first line, and its node, once.
func (c *composer) ownBlocks(blocks []doc.Block, lk look, indent, space float64, marker func() (*text.Line, *node, float64)) {
	for i, blk := range blocks {
		switch b := blk.(type) {
		case *doc.Paragraph:
			m, mn, at := marker()
			lines := c.setLines(b.Text, lk, indent, 0)
			c.addLines(c.cur.child("P"), lines, lk, indent, 0, m, mn, at, false)
			c.space(space)
			if i+1 < len(blocks) {
				if _, ok := blocks[i+1].(*doc.Table); ok {
					// The sentence that introduces a table ("shared
					// according to the following scale:") is not left
					// at a page foot without it.
					c.keepLast()
				}
			}
		case *doc.Table:
			m, mn, at := marker()
			if m != nil {
				c.addLines(nil, []text.Line{{}}, lk, indent, 0, m, mn, at, true)
			}
			c.table(b, indent)
			c.space(space)
		default:
			// The parser lets nothing else into a clause's text; a
			// kind added there is set as at the top level.
			blk.Accept(c)
		}
	}
}

// Table sets a table between paragraphs.
func (c *composer) Table(b *doc.Table) {
	c.table(b, 0)
	c.space(c.lay.Body.ParagraphSpace)
}

// tableLook is the look of a table's cells.
func (c *composer) tableLook(header bool) look {
	lk := c.bodyLook()
	lk.size *= 0.92
	lk.leading = 1.3
	lk.align = text.Start
	lk.bold = header
	return lk
}

// cellPad is the space around a cell's text, in points: inline, block.
const cellPadX, cellPadY = 4.0, 3.0

// table sets a table at indent: column widths from the content (each
// column as wide as its longest line would be, shrunk towards its longest
// word when the table would not fit), text wrapped in the cells, so the
// table is never wider than the text. The header row keeps with the first
// row and is repeated at the top of every page the table continues on.
func (c *composer) table(t *doc.Table, indent float64) {
	avail := c.width - indent
	cols := len(t.Header)
	if cols == 0 {
		return
	}
	rows := append([][]*doc.Cell{t.Header}, t.Rows...)
	natural := make([]float64, cols)
	minimal := make([]float64, cols)
	for r, row := range rows {
		lk := c.tableLook(r == 0)
		for i, cl := range row {
			if i >= cols {
				break
			}
			for _, l := range c.setWidth(c.cellText(cl.Text), lk, 1e6) {
				natural[i] = max(natural[i], l.Width+2*cellPadX)
			}
			for _, w := range strings.FieldsFunc(cl.Text.Plain(), unicode.IsSpace) {
				for _, l := range c.setWidth(plain(w), lk, 1e6) {
					minimal[i] = max(minimal[i], l.Width+2*cellPadX)
				}
			}
		}
	}
	widths := columnWidths(natural, minimal, avail)
	tbl := c.cur.child("Table")
	tableW := 0.0
	for _, w := range widths {
		tableW += w
	}
	var head *box
	for r, row := range rows {
		lk := c.tableLook(r == 0)
		b := box{indent: indent, width: tableW, color: c.lay.Colors.Text, rowRule: 0.4, table: tbl}
		if r == 0 {
			b.rowRule = 0.9
		}
		tr := tbl.child("TR")
		x := 0.0
		h := 0.0
		for i := range cols {
			cl := row[i]
			lk.align = cellAlign(t, i)
			cv := cell{x: x, width: widths[i], tag: tr.child("TD")}
			if r == 0 && len(cl.Text) > 0 {
				// A header cell names its column.
				cv.tag = tr.child("TH")
				cv.tag.scope = "Column"
			}
			y := cellPadY
			content := c.cellText(cl.Text)
			for _, l := range c.setWidth(content, lk, widths[i]-2*cellPadX) {
				l := l
				lh, base := lineBox(&l, lk)
				cv.lines = append(cv.lines, cellLine{line: &l, baseline: y + base, color: lk.color})
				y += lh
			}
			h = max(h, y+cellPadY)
			b.cells = append(b.cells, cv)
			x += widths[i]
		}
		b.height = h
		if r == 0 {
			b.keep = true // never alone at a page foot
			c.boxes = append(c.boxes, b)
			hb := b
			hb.cells = append([]cell(nil), b.cells...)
			hb.repeat = true
			head = &hb
			continue
		}
		b.head = head
		// As a paragraph's lines, a page break leaves at least two rows
		// of the body on either side: the first keeps with the second,
		// the one before the last with the last.
		if nb := len(rows) - 1; nb > 1 && (r == 1 || r == nb-1) {
			b.keep = true
		}
		// Footnotes referenced in a cell go to the page of its row.
		b.notes = c.cellNotes(row)
		c.boxes = append(c.boxes, b)
	}
	if len(rows) == 1 {
		c.boxes[len(c.boxes)-1].keep = false
	}
	// The header row's own footnotes.
	if n := c.cellNotes(t.Header); len(n) > 0 {
		for i := len(c.boxes) - 1; i >= 0; i-- {
			if c.boxes[i].cells != nil && c.boxes[i].head == nil {
				c.boxes[i].notes = append(c.boxes[i].notes, n...)
				break
			}
		}
	}
}

// cellText is what a cell sets of its text. In a right-to-left edition
// each cell ends with a space (kept by the word joiner after it): readers
// that read a row's cells as one line (PDF.js, MuPDF) would otherwise join
// the last word of one cell to the first of the next.
func (c *composer) cellText(in doc.Inline) doc.Inline {
	if !c.rtl || len(in) == 0 {
		return in
	}
	return append(append(doc.Inline(nil), in...), doc.Span{Text: " \u2060"})
}

// cellNotes takes the footnotes referenced in a row's cells.
func (c *composer) cellNotes(row []*doc.Cell) [][]box {
	var out [][]box
	for _, cl := range row {
		for _, s := range cl.Text {
			if s.Note == nil {
				continue
			}
			if lines, ok := c.noteLines[noteAnchor(s.Note)]; ok {
				out = append(out, lines)
				delete(c.noteLines, noteAnchor(s.Note))
			}
		}
	}
	return out
}

// cellAlign is the alignment of column i's text.
func cellAlign(t *doc.Table, i int) text.Align {
	if i < len(t.Align) {
		switch t.Align[i] {
		case doc.AlignEnd:
			return text.End
		case doc.AlignCenter:
			return text.Center
		}
	}
	return text.Start
}

// columnWidths shares avail among columns whose text would naturally take
// natural and at least minimal (the longest word). A table that fits keeps
// its natural widths, as wide as its content; one that does not gives each
// column its minimum and shares the rest in proportion to what each
// lacks; when even the minimums do not fit, each gets its share of avail
// in proportion to its minimum, and the text engine cuts words.
func columnWidths(natural, minimal []float64, avail float64) []float64 {
	n := len(natural)
	out := make([]float64, n)
	sum := func(v []float64) float64 {
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s
	}
	sn, sm := sum(natural), sum(minimal)
	switch {
	case sn <= avail:
		copy(out, natural)
	case sm <= avail:
		extra := avail - sm
		lack := sn - sm
		for i := range out {
			out[i] = minimal[i]
			if lack > 0 {
				out[i] += extra * (natural[i] - minimal[i]) / lack
			}
		}
	default:
		for i := range out {
			out[i] = avail * minimal[i] / sm
		}
	}
	return out
}

// List sets a list of the notes to editors: bullets, or numbers in the
// locale's style, hanging.
func (c *composer) List(l *doc.List) {
	lay := c.lay
	lk := c.bodyLook()
	lk.align = text.Start
	indent := float64(lay.Body.SubclauseIndent)
	list := c.cur.child("L")
	list.listNumbering = "Disc"
	if l.Ordered {
		list.listNumbering = "Decimal"
	}
	for _, it := range l.Items {
		label := it.Label
		if !l.Ordered {
			label = "•"
		}
		var marker *text.Line
		if ml := c.setLines(plain(label), lk, 0, 0); len(ml) > 0 {
			marker = flush(&ml[0])
		}
		item := list.child("LI")
		lbl := item.child("Lbl")
		c.in(item.child("LBody"), func() {
			for i, p := range it.Paras {
				m := marker
				if i > 0 {
					m = nil
				}
				lines := c.setLines(p.Text, lk, indent, 0)
				c.addLines(c.cur.child("P"), lines, lk, indent, 0, m, lbl, 0, false)
				c.space(lay.Body.ParagraphSpace * 0.5)
			}
		})
	}
	c.space(lay.Body.ParagraphSpace * 0.5)
}

// Annex starts an annex on a new page, as a section: its label, its
// title as a heading, then its body.
func (c *composer) Annex(a *doc.Annex) {
	lay := c.lay
	sect := c.cur.child("Sect")
	sect.title = a.Label + " — " + a.Title.Plain()
	c.in(sect, func() {
		at := len(c.boxes)
		c.anchor = a.Key
		c.addPara("P", plain(a.Label), look{stack: c.display, size: lay.Heading.Size * 0.9, leading: 1.3, bold: true, color: lay.Colors.Muted, align: text.Center}, 0, 0, nil, 0, true)
		c.boxes[at].breakBefore = true
		c.boxes[at].outline = &outlineEntry{title: sect.title, level: c.outlineBase + 1}
		c.clauseLevel = c.outlineBase + 2
		c.space(4)
		c.addPara(heading(c.outlineBase+1), a.Title, look{stack: c.display, size: lay.Heading.Size, leading: 1.3, bold: true, color: lay.Colors.Accent, align: text.Center}, 0, 0, nil, 0, true)
		c.space(lay.Heading.SpaceAfter * 1.5)
		c.keepLast()
		doc.Visit(a.Body, c)
	})
}

// EndMark sets the end mark, centred, and the notes to editors, a section
// under the locale's heading.
func (c *composer) EndMark(e *doc.EndMark) {
	lay := c.lay
	c.space(lay.Body.ParagraphSpace * 2)
	c.addPara("P", plain(e.Label), look{stack: c.display, size: lay.Body.Size, leading: 1.3, bold: true, color: lay.Colors.Text, align: text.Center}, 0, 0, nil, 0, false)
	c.space(lay.Body.ParagraphSpace * 2)
	if e.NotesHeading == "" {
		return
	}
	sect := c.cur.child("Sect")
	sect.title = e.NotesHeading
	c.in(sect, func() {
		c.Heading(&doc.Heading{Key: "notes-to-editors", Text: plain(e.NotesHeading)})
		doc.Visit(e.Notes, c)
	})
}

// Signatures sets the closing line and the signature block, never split
// across pages: each signatory under the last (side by side, readers would
// read the two parties' lines into each other), whom they sign for, room
// to sign, name and title.
func (c *composer) Signatures(s *doc.Signatures) {
	lay := c.lay
	sect := c.cur.child("Div")
	c.in(sect, func() {
		c.space(lay.Body.ParagraphSpace * 2)
		lk := c.bodyLook()
		lk.align = text.Start
		c.addPara("P", plain(s.DoneAt), lk, 0, 0, nil, 0, true)
		c.space(lay.Body.ParagraphSpace * 2)
		perRow := 1
		colW := min(c.width, c.width/2+cellPadX*2)
		for r := 0; r < len(s.Signatories); r += perRow {
			b := box{width: c.width, color: lay.Colors.Text, keep: true}
			h := 0.0
			for i, g := range s.Signatories[r:min(r+perRow, len(s.Signatories))] {
				cv := cell{x: float64(i) * colW, width: colW, tag: c.cur.child("P")}
				y := 0.0
				add := func(s string, lk look) {
					if s == "" {
						return
					}
					for _, l := range c.setWidth(plain(s), lk, colW-cellPadX*2) {
						l := l
						lh, base := lineBox(&l, lk)
						cv.lines = append(cv.lines, cellLine{line: &l, baseline: y + base, color: lk.color})
						y += lh
					}
				}
				italic := lk
				italic.italic = true
				add(g.For, italic)
				y += lk.size * 3 // room to sign
				bold := lk
				bold.bold = true
				add(g.Name, bold)
				muted := lk
				muted.color = lay.Colors.Muted
				add(g.Title, muted)
				h = max(h, y+lk.size)
				b.cells = append(b.cells, cv)
			}
			b.height = h
			c.boxes = append(c.boxes, b)
			c.any = true
		}
		// The block ends here: a page may break after it.
		if n := len(c.boxes); n > 0 {
			c.boxes[n-1].keep = false
		}
		c.space(lay.Body.ParagraphSpace)
	})
}

// Contacts sets the press contacts under their heading, each kept whole,
// as a section.
func (c *composer) Contacts(b *doc.Contacts) {
	lay := c.lay
	sect := c.cur.child("Sect")
	sect.title = b.Heading
	c.in(sect, func() {
		c.Heading(&doc.Heading{Key: "contacts", Text: plain(b.Heading)})
		lk := c.bodyLook()
		lk.align = text.Start
		for _, p := range b.People {
			start := len(c.boxes)
			bold := lk
			bold.bold = true
			c.addPara("P", plain(p.Name), bold, 0, 0, nil, 0, true)
			if p.Role != "" {
				muted := lk
				muted.color = lay.Colors.Muted
				c.addPara("P", plain(p.Role), muted, 0, 0, nil, 0, true)
			}
			if p.Phone != "" {
				c.addPara("P", plain(b.PhoneLabel+" "+p.Phone), lk, 0, 0, nil, 0, true)
			}
			if p.Email != "" {
				c.addPara("P", doc.Inline{{Text: b.EmailLabel + " "}, {Text: p.Email, Link: "mailto:" + p.Email}}, lk, 0, 0, nil, 0, true)
			}
			for i := start; i < len(c.boxes)-1; i++ {
				c.boxes[i].keep = true
			}
			if n := len(c.boxes); n > 0 {
				c.boxes[n-1].keep = false
			}
			c.space(lay.Body.ParagraphSpace)
		}
	})
}
