package pdf

// paginate cuts the vertical list into pages of at most height points. It
// breaks only after a box that does not keep with the next; when a chain of
// kept boxes is taller than a page, it breaks inside the chain rather than
// loop or overflow. Space at the top of a page is dropped.
func paginate(boxes []box, height float64) [][]box {
	var pages [][]box
	for i := 0; i < len(boxes); {
		page, next, ok := nextPage(boxes[i:], height, true)
		if !ok {
			break
		}
		pages = append(pages, page)
		i += next
	}
	if len(pages) == 0 {
		pages = append(pages, nil)
	}
	return pages
}

// nextPage finds the first page of boxes: the page's boxes and how many
// boxes it used. When more boxes may follow (final is false), a page is
// only decided once a box that does not fit it has arrived, so that the
// break is the one paginate makes over the whole list; ok is false until
// then, and when no box is left.
func nextPage(boxes []box, height float64, final bool) (page []box, used int, ok bool) {
	i := 0
	for i < len(boxes) && boxes[i].space {
		i++
	}
	if i == len(boxes) {
		return nil, i, false
	}
	sum := 0.0
	j := i
	for j < len(boxes) && sum+boxes[j].height <= height {
		sum += boxes[j].height
		j++
	}
	if j == len(boxes) && !final {
		return nil, 0, false
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
	}
	page = boxes[i:end]
	for len(page) > 0 && page[len(page)-1].space {
		page = page[:len(page)-1]
	}
	return page, end, true
}

// pager lays out boxes as they are composed, handing each page to draw as
// soon as its break is decided; see composer.emit.
type pager struct {
	height float64
	draw   func(page []box) error
	pages  int
	err    error
}

// take draws the pages that boxes decide and returns how many boxes they
// used.
func (p *pager) take(boxes []box, final bool) int {
	used := 0
	for p.err == nil {
		page, n, ok := nextPage(boxes[used:], p.height, final)
		if !ok {
			if final {
				used = len(boxes)
			}
			break
		}
		p.err = p.draw(page)
		p.pages++
		used += n
	}
	return used
}
