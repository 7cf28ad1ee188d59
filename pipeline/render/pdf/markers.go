package pdf

import (
	"github.com/polypress/polypress/pipeline/doc"
	registry "github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/text"
)

// markerLook is the look of a clause marker at depth: the body's, flush
// with the start edge, and bold for operative clauses.
func (c *composer) markerLook(depth int) look {
	lk := c.bodyLook()
	lk.align = text.Start
	lk.bold = depth == 1
	return lk
}

// markerWidths measures the clause markers of the composer's edition: for
// each depth (index 0 is depth 1), the width of its widest marker and the
// gap after it (body.marker_gap, or the marker font's word space when
// wider), which is the least column the markers of that depth can hang in
// without touching the text.
func (c *composer) markerWidths() []float64 {
	return registry.MarkerWidths(c.lay.Body.MarkerGap*c.lay.Body.Size, func(_ *doc.Edition, s string, depth int) float64 {
		if ls := c.setLines(plain(s), c.markerLook(depth), 0, 0); len(ls) > 0 {
			return ls[0].Width
		}
		return 0
	}, c.ed)
}

// widest merges the marker widths of several editions (a pack's
// statements), so that their clauses share one column per depth.
func widest(all ...[]float64) []float64 {
	var out []float64
	for _, ws := range all {
		for i, w := range ws {
			if i == len(out) {
				out = append(out, 0)
			}
			out[i] = max(out[i], w)
		}
	}
	return out
}

// column is the width of the column the markers of depth hang in, the
// level-th level of hanging markers: the layout's indent for the level
// (body.clause_indent for the first, body.subclause_indent below),
// widened to the widest marker of the depth and its gap.
func (c *composer) column(level, depth int) float64 {
	w := float64(c.lay.Body.ClauseIndent)
	if level > 1 {
		w = float64(c.lay.Body.SubclauseIndent)
	}
	if depth-1 < len(c.markers) {
		w = max(w, c.markers[depth-1])
	}
	return w
}

// indents gives the indent of a clause's text at depth, from the column's
// start edge, and the width of the column its marker hangs in, which
// ends where the text starts. In a document of articles, an article's
// text is not indented (its label stands above it) and its paragraphs
// hang as clauses do elsewhere.
func (c *composer) indents(depth int) (indent, hang float64) {
	first := 1
	if c.articles {
		if depth == 1 {
			return 0, 0
		}
		first = 2
	}
	for d := first; d <= depth; d++ {
		hang = c.column(d-first+1, d)
		indent += hang
	}
	return indent, hang
}
