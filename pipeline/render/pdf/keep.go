package pdf

// keepBio applies the keep rule of an author's block, the boxes from
// from: the name and role (up to bio) stay with the first lines of the
// biography, and the biography breaks across pages only where it leaves
// at least layout's keep.author_lines lines on each side; a shorter one
// stays whole with the name. (A block taller than a page is still cut:
// pagination breaks inside a kept chain rather than overflow.)
func (c *composer) keepBio(from, bio int) {
	least := c.lay.Keep.AuthorLines
	end := len(c.boxes)
	for end > bio && c.boxes[end-1].space {
		end-- // the space after the biography is a place to break
	}
	total := 0
	for _, b := range c.boxes[bio:end] {
		if b.line != nil {
			total++
		}
	}
	before := 0
	for k := from; k < end-1; k++ {
		b := &c.boxes[k]
		if k >= bio && b.line != nil {
			before++
		}
		if k < bio || before < least || total-before < least {
			b.keep = true
		}
	}
}

// subclauseSpace is the space between sub-clauses, and between a clause's
// text and its sub-clauses.
func (c *composer) subclauseSpace() float64 { return c.lay.Body.ParagraphSpace * 0.6 }

// gap makes the space at the end of the list h high, whatever spaces were
// added since the last box that is not one: the space between two parts
// is the one the parts' level calls for, not the sum of the spaces each
// part leaves after itself. The last space keeps its keep.
func (c *composer) gap(h float64) {
	n := len(c.boxes)
	k := n
	for k > 0 && c.boxes[k-1].space {
		k--
	}
	if k == n {
		c.space(h)
		return
	}
	keep := c.boxes[n-1].keep
	clear(c.boxes[k+1:])
	c.boxes = c.boxes[:k+1]
	c.boxes[k].height, c.boxes[k].keep = h, keep
}
