package pdf

// pageBody is what paginate puts on one page: the boxes of the text from
// the top, and the lines of the footnotes referenced on the page (and of a
// footnote continued from the page before), set at its foot.
type pageBody struct {
	boxes []box
	notes []box
}

// paginate cuts the vertical list into pages of at most height points. It
// breaks only after a box that does not keep with the next; when a chain of
// kept boxes is taller than a page, it breaks inside the chain rather than
// loop or overflow. Space at the top of a page is dropped, and a box marked
// breakBefore starts a page.
//
// Footnotes are set at the foot of the page of their reference: a line is
// placed only if its footnotes fit below it, and the text area shrinks by
// their height and the separator's. A footnote too long for what is left
// starts there (at least two lines, or the whole note) and continues at
// the foot of the next page, before that page's own notes, as in print.
//
// A table row that opens a page after a break is preceded by its table's
// header row, repeated.
func paginate(boxes []box, height float64) []pageBody {
	var pages []pageBody
	var carry []box // lines of a footnote continued from the page before
	i := 0
	for i < len(boxes) {
		for i < len(boxes) && boxes[i].space {
			i++
		}
		if i == len(boxes) {
			break
		}
		var head []box
		if h := boxes[i].head; h != nil {
			rep := *h
			rep.keep = false
			head = []box{rep}
		}
		used := heightOf(head)
		notes := append([]box(nil), carry...)
		noteH := heightOf(notes)
		sep := 0.0
		if len(notes) > 0 {
			sep = noteGap
		}
		// marks[k] is the number of note lines once boxes[i+k] is on the
		// page, so that stepping back to an earlier break drops the
		// notes of the boxes that leave.
		var marks []int
		var rest []box // what of the last box's notes goes on
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
			if used+b.height+noteH+add+s <= height {
				used += b.height
				notes = append(notes, lines...)
				noteH += add
				sep = s
				marks = append(marks, len(notes))
				j++
				continue
			}
			// The notes do not all fit: set as many lines as there is
			// room for, at least two (or the whole of a short note),
			// and continue the rest on the next page. The first box of
			// a page takes its notes whatever room they need.
			if len(lines) > 0 && b.height+used+noteH+s <= height {
				room := height - used - b.height - noteH - s
				k := 0
				for k < len(lines) && heightOf(lines[:k+1]) <= room {
					k++
				}
				first := j == i
				if min := min(2, len(b.notes[0])); k >= min || first {
					if first && k == 0 {
						k = len(lines)
					}
					used += b.height
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
		pages = append(pages, pageBody{boxes: page, notes: notes})
		carry = rest
		i = end
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

// noteGap is the room the rule above a page's footnotes takes, with the
// space around it, in points.
const noteGap = 12.0

func heightOf(bs []box) float64 {
	h := 0.0
	for _, b := range bs {
		h += b.height
	}
	return h
}
