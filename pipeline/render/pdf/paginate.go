package pdf

// paginate cuts the vertical list into pages of at most height points. It
// breaks only after a box that does not keep with the next; when a chain of
// kept boxes is taller than a page, it breaks inside the chain rather than
// loop or overflow. Space at the top of a page is dropped.
func paginate(boxes []box, height float64) [][]box {
	var pages [][]box
	i := 0
	for i < len(boxes) {
		for i < len(boxes) && boxes[i].space {
			i++
		}
		if i == len(boxes) {
			break
		}
		used := 0.0
		j := i
		for j < len(boxes) && used+boxes[j].height <= height {
			used += boxes[j].height
			j++
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
		page := boxes[i:end]
		for len(page) > 0 && page[len(page)-1].space {
			page = page[:len(page)-1]
		}
		pages = append(pages, page)
		i = end
	}
	if len(pages) == 0 {
		pages = append(pages, nil)
	}
	return pages
}
