package pdf

import (
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render/pdf/internal/pdfw"
)

// logoNode is the figure of a statement's logo, with its text
// alternative, or nil when the statement has none.
func (r *renderer) logoNode(c *composer) *node {
	if r.ed.Logo == "" {
		return nil
	}
	if r.logo == nil {
		r.logo = c.cur.child("Figure")
		r.logo.alt = r.ed.LogoAlt
	}
	return r.logo
}

// placeAnchors records where the anchored boxes of a page (clauses,
// headings, footnotes) are, before the page is drawn, and writes the links
// that were waiting for them.
func (r *renderer) placeAnchors(p *pdfw.Page, pg page, top float64) {
	if r.anchors == nil {
		r.anchors = map[string]pdfw.Dest{}
		r.pending = map[string][]func(pdfw.Dest){}
	}
	mediaH := r.pageH + 2*r.offset
	place := func(bs []box, y float64) {
		for i := range bs {
			if a := bs[i].anchor; a != "" {
				if _, dup := r.anchors[a]; !dup {
					d := pdfw.Dest{Page: p.Ref(), Y: mediaH - r.offset - y}
					r.anchors[a] = d
					for _, write := range r.pending[a] {
						write(d)
					}
					delete(r.pending, a)
				}
			}
			y += bs[i].height
		}
	}
	place(pg.boxes, top)
	place(pg.notes, r.notesTop(pg.notes))
}

// inner resolves a link within the document; see pageSurface.inner.
func (r *renderer) inner(name string, later func(pdfw.Dest)) (pdfw.Dest, bool) {
	if d, ok := r.anchors[name]; ok {
		return d, true
	}
	if later != nil {
		r.pending[name] = append(r.pending[name], later)
	}
	return pdfw.Dest{}, false
}

// flushPending points the links whose target was never drawn (none, for
// a document whose links the source checked) at the first page, so that
// every annotation is written.
func (r *renderer) flushPending() {
	for name, ws := range r.pending {
		for _, write := range ws {
			write(pdfw.Dest{Page: r.pw.PageRef(0), Y: r.pageH + 2*r.offset})
		}
		delete(r.pending, name)
	}
}

// notesTop is where a page's footnotes start: at the foot of the text
// area, as high as they need.
func (r *renderer) notesTop(notes []box) float64 {
	return r.top + r.bodyHeight - heightOf(notes)
}

// drawNotes sets a page's footnotes at the foot of its text area, under a
// short rule at the start edge. In the structure tree each note joins the
// element that holds the page's last text (the item or section the page
// ends in), so that the tree's order is the order the page is read in:
// its text, then its notes.
func (r *renderer) drawNotes(s surface, p *pdfw.Page, body, notes []box) error {
	if len(notes) == 0 {
		return nil
	}
	var last *node
	for i := len(body) - 1; i >= 0 && last == nil; i-- {
		last = body[i].tag
		for j := len(body[i].cells) - 1; j >= 0 && last == nil; j-- {
			last = body[i].cells[j].tag
		}
	}
	if holder := noteHolder(last); holder != nil {
		for _, b := range notes {
			if b.markerTag != nil && b.markerTag.parent != nil && r.els.of[b.markerTag.parent] == nil {
				b.markerTag.parent.parent = holder
			}
		}
	}
	top := r.notesTop(notes)
	w := r.colWidth * 0.3
	x := r.colLeft
	if r.ed.Dir == doc.RTL {
		x = r.colLeft + r.colWidth - w
	}
	y := r.y(top - noteGap/2)
	s.artifact(pdfw.ArtifactLayout)
	s.rule(x, y, x+w, y, 0.5, r.lay.Colors.Rule)
	s.end()
	return r.drawBoxes(s, p, notes, top)
}

// tablePart returns the node a table row drawn on page p belongs to: its
// table, or, on a later page than the table began, a Table of its own
// that continues it. A table cut by a page break is read as a table per
// page, each with its header row (the header repeated at the top of the
// page is that part's header), so that the structure tree keeps the order
// of the pages, on which the footnotes come between the two parts.
func (r *renderer) tablePart(table *node, page int) *node {
	if r.tableParts == nil {
		r.tableParts = map[*node]tablePart{}
	}
	tp, ok := r.tableParts[table]
	if !ok {
		r.tableParts[table] = tablePart{page: page, node: table}
		return table
	}
	if tp.page != page {
		tp = tablePart{page: page, node: &node{typ: "Table", parent: table.parent}}
		r.tableParts[table] = tp
	}
	return tp.node
}

// tablePart is the part of a table drawn on a page.
type tablePart struct {
	page int
	node *node
}

// drawRow draws a row of cells (a table row, signatures) whose top is at
// y: each cell from the start edge, mirrored in a right-to-left edition,
// and the row's rule under it.
func (r *renderer) drawRow(s surface, p *pdfw.Page, b *box, y float64) error {
	rtl := r.ed.Dir == doc.RTL
	cells := b.cells
	if b.table != nil {
		part := r.tablePart(b.table, p.Index())
		cells = append([]cell(nil), b.cells...)
		var tr *node
		for i := range cells {
			if cells[i].tag == nil {
				continue
			}
			if b.repeat {
				// The header again, as the header of this part.
				if tr == nil {
					tr = part.child("TR")
				}
				th := tr.child(cells[i].tag.typ)
				th.scope = cells[i].tag.scope
				cells[i].tag = th
				continue
			}
			if part != b.table {
				cells[i].tag.parent.parent = part
			}
		}
	}
	for _, cl := range cells {
		left := r.colLeft + b.indent + cl.x
		if rtl {
			left = r.colLeft + r.colWidth - b.indent - cl.x - cl.width
		}
		for _, l := range cl.lines {
			if err := r.drawTagged(s, l.line, left+cellPadX, r.y(y+l.baseline), l.color, cl.tag); err != nil {
				return err
			}
		}
	}
	x := r.colLeft + b.indent
	if rtl {
		x = r.colLeft + r.colWidth - b.indent - b.width
	}
	yy := r.y(y + b.height)
	if err := s.rowEnd(x, x+b.width, yy); err != nil {
		return err
	}
	if b.rowRule > 0 {
		s.artifact(pdfw.ArtifactLayout)
		s.rule(x, yy, x+b.width, yy, b.rowRule, r.lay.Colors.Rule)
		s.end()
	}
	return nil
}

// noteHolder is the element a note may join after content of n: the
// nearest of n's ancestors that holds blocks (an item's body, a section,
// a division, a quotation, the document), never a paragraph, a table or
// a list, which hold only their own kinds of children.
func noteHolder(n *node) *node {
	for ; n != nil; n = n.parent {
		switch n.typ {
		case "LBody", "Sect", "Div", "BlockQuote", "Document":
			return n
		}
		if n.parent == nil {
			return n
		}
	}
	return nil
}
