package pdf

import "github.com/polypress/polypress/pipeline/doc"

// placeAnchors makes an fpdf link for every anchored box (a clause, a
// heading, a footnote), pointing at its page and height, so that links
// within the document can be drawn on any page.
func (r *renderer) placeAnchors(pages []page) map[string]int {
	out := map[string]int{}
	for pi, p := range pages {
		top := r.top
		if p.top > 0 {
			top = p.top
		}
		place := func(bs []box, y float64) {
			for i := range bs {
				if a := bs[i].anchor; a != "" {
					if _, dup := out[a]; !dup {
						id := r.pdf.AddLink()
						r.pdf.SetLink(id, r.offset+y, pi+1)
						out[a] = id
					}
				}
				y += bs[i].height
			}
		}
		place(p.boxes, top)
		place(p.notes, r.notesTop(p.notes))
	}
	return out
}

// notesTop is where a page's footnotes start: at the foot of the text
// area, as high as they need.
func (r *renderer) notesTop(notes []box) float64 {
	return r.top + r.bodyHeight - heightOf(notes)
}

// drawNotes sets a page's footnotes at the foot of its text area, under a
// short rule at the start edge.
func (r *renderer) drawNotes(notes []box) {
	if len(notes) == 0 {
		return
	}
	y := r.notesTop(notes)
	w := r.colWidth * 0.3
	x := r.colLeft
	if r.ed.Dir == doc.RTL {
		x = r.colLeft + r.colWidth - w
	}
	r.rule(x, y-noteGap/2, w, 0.5, r.lay.Colors.Rule)
	r.drawPage(notes, y)
}

// drawRow draws a row of cells (a table row, signatures) whose top is at
// y: each cell from the start edge, mirrored in a right-to-left edition,
// and the row's rule under it.
func (r *renderer) drawRow(b *box, y float64) {
	rtl := r.ed.Dir == doc.RTL
	for _, cl := range b.cells {
		left := r.colLeft + b.indent + cl.x
		if rtl {
			left = r.colLeft + r.colWidth - b.indent - cl.x - cl.width
		}
		for _, l := range cl.lines {
			r.drawLine(l.line, left+cellPadX, y+l.baseline, l.color)
		}
	}
	if b.rowRule > 0 {
		x := r.colLeft + b.indent
		if rtl {
			x = r.colLeft + r.colWidth - b.indent - b.width
		}
		r.rule(x, y+b.height, b.width, b.rowRule, r.lay.Colors.Rule)
	}
}
