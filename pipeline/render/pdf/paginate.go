package pdf

// pageBody is what pagination puts on one page: the boxes of the text from
// the top, and the lines of the footnotes referenced on the page (and of a
// footnote continued from the page before), set at its foot.
type pageBody struct {
	boxes []box
	notes []box
}

// noteGap is the room the rule above a page's footnotes takes, with the
// space around it, in points.
const noteGap = 12.0

// paginate cuts the vertical list into pages of at most height points; see
// nextPage.
func paginate(boxes []box, height float64) []pageBody {
	var pages []pageBody
	var carry []box
	for i := 0; i < len(boxes); {
		pb, next, rest, ok := nextPage(boxes[i:], height, carry, true)
		if !ok {
			break
		}
		pages = append(pages, pb)
		carry = rest
		i += next
	}
	for len(carry) > 0 {
		// Notes continued past the last line of text.
		pages = append(pages, pageBody{notes: carry})
		carry = nil
	}
	if len(pages) == 0 {
		pages = append(pages, pageBody{})
	}
	return pages
}

// nextPage finds the first page of boxes: its boxes and notes, how many
// boxes it used, and the lines of a footnote that go on to the next page.
// carry are the lines of a footnote continued from the page before, set
// first at this page's foot.
//
// It breaks only after a box that does not keep with the next; when a
// chain of kept boxes is taller than a page, it breaks inside the chain
// rather than loop or overflow. Space at the top of a page is dropped, and
// a box marked breakBefore starts a page. A table row that opens a page
// after a break is preceded by its table's header row, repeated.
//
// Footnotes are set at the foot of the page of their reference: a line is
// placed only if its footnotes fit below it, and the text area shrinks by
// their height and the separator's. A footnote too long for what is left
// starts there (at least two lines, or the whole of a shorter note) and
// continues at the foot of the next page, as in print.
//
// When more boxes may follow (final is false), a page is only decided once
// a box that does not fit it has arrived, so that the break is the one
// paginate makes over the whole list; ok is false until then, and when no
// box is left.
func nextPage(boxes []box, height float64, carry []box, final bool) (pb pageBody, used int, rest []box, ok bool) {
	i := 0
	for i < len(boxes) && boxes[i].space {
		i++
	}
	if i == len(boxes) {
		return pageBody{}, i, carry, false
	}
	var head []box
	if h := boxes[i].head; h != nil {
		rep := *h
		rep.keep = false
		rep.repeat = true
		head = []box{rep}
	}
	usedH := heightOf(head)
	notes := append([]box(nil), carry...)
	noteH := heightOf(notes)
	sep := 0.0
	if len(notes) > 0 {
		sep = noteGap
	}
	// marks[k] is the number of note lines once boxes[i+k] is on the
	// page, so that stepping back to an earlier break drops the notes
	// of the boxes that leave.
	var marks []int
	j := i
	for j < len(boxes) {
		b := &boxes[j]
		if b.breakBefore && j > i {
			break
		}
		var lines []box
		for _, n := range b.notes {
			lines = append(lines, n...)
		}
		add := heightOf(lines)
		s := sep
		if len(lines) > 0 && len(notes) == 0 {
			s = noteGap
		}
		if usedH+b.height+noteH+add+s <= height {
			usedH += b.height
			notes = append(notes, lines...)
			noteH += add
			sep = s
			marks = append(marks, len(notes))
			j++
			continue
		}
		// The notes do not all fit: set as many lines as there is room
		// for, at least two (or the whole of a short note), and continue
		// the rest on the next page. The first box of a page takes its
		// notes whatever room they need.
		if len(lines) > 0 && b.height+usedH+noteH+s <= height {
			room := height - usedH - b.height - noteH - s
			k := 0
			for k < len(lines) && heightOf(lines[:k+1]) <= room {
				k++
			}
			first := j == i
			if least := min(2, len(b.notes[0])); k >= least || first {
				if first && k == 0 {
					k = len(lines)
				}
				usedH += b.height
				notes = append(notes, lines[:k]...)
				noteH += heightOf(lines[:k])
				sep = s
				marks = append(marks, len(notes))
				rest = lines[k:]
				j++
			}
		}
		break
	}
	if j == len(boxes) && !final {
		return pageBody{}, 0, carry, false
	}
	end := j
	if j < len(boxes) {
		// Step back to the last legal break.
		k := j - 1
		for k > i && boxes[k].keep {
			k--
		}
		if k > i || !boxes[i].keep {
			end = k + 1
		}
		if end <= i {
			end = j
		}
	}
	if end == i {
		end = i + 1 // a single box taller than the page
		for _, n := range boxes[i].notes {
			notes = append(notes, n...)
		}
		marks = append(marks, len(notes))
	}
	if end < j {
		rest = nil
	}
	if n := end - i; n-1 < len(marks) {
		notes = notes[:marks[n-1]]
	}
	page := append(head, boxes[i:end]...)
	for len(page) > 0 && page[len(page)-1].space {
		page = page[:len(page)-1]
	}
	return pageBody{boxes: page, notes: notes}, end, rest, true
}

func heightOf(bs []box) float64 {
	h := 0.0
	for _, b := range bs {
		h += b.height
	}
	return h
}

// pager lays out boxes as they are composed, handing each page to draw as
// soon as its break is decided; see composer.emit.
type pager struct {
	height float64
	draw   func(pb pageBody) error
	pages  int
	err    error
	// carry are the lines of a footnote that go on to the next page.
	carry []box
}

// take draws the pages that boxes decide and returns how many boxes they
// used. The final call also draws the pages of footnotes continued past
// the last line.
func (p *pager) take(boxes []box, final bool) int {
	used := 0
	for p.err == nil {
		pb, n, rest, ok := nextPage(boxes[used:], p.height, p.carry, final)
		if !ok {
			if final {
				used = len(boxes)
			}
			break
		}
		p.carry = rest
		p.err = p.draw(pb)
		p.pages++
		used += n
	}
	for final && p.err == nil && len(p.carry) > 0 {
		pb := pageBody{notes: p.carry}
		p.carry = nil
		p.err = p.draw(pb)
		p.pages++
	}
	return used
}
