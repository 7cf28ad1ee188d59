package render

import (
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
)

// MarkerWidths measures the clause markers of eds, for every format to
// hang them in columns that fit: for each depth (index 0 is depth 1), the
// width of its widest marker and the gap after it. The gap is gap, or the
// markers' own word space when that is wider, found by setting a no-break
// space after a marker. measure gives the width of text set as a marker
// of depth in ed, in any unit; gap is in the same unit. Each distinct
// marker is measured once.
func MarkerWidths(gap float64, measure func(ed *doc.Edition, s string, depth int) float64, eds ...*doc.Edition) []float64 {
	var widths []float64
	seen := map[[2]string]bool{}
	// The word space of each language's markers at each depth, measured
	// once.
	spaces := map[string]float64{}
	for _, ed := range eds {
		if ed == nil {
			continue
		}
		doc.Walk(ed.Body, func(cl *doc.Clause) {
			level := ed.Lang + "\x00" + string(rune('0'+min(cl.Depth, 9)))
			if cl.Label == "" || cl.Depth < 1 || seen[[2]string{level, cl.Label}] {
				return
			}
			seen[[2]string{level, cl.Label}] = true
			d := cl.Depth - 1
			for len(widths) <= d {
				widths = append(widths, 0)
			}
			spaced := measure(ed, cl.Label+"\u00a0", cl.Depth)
			space, ok := spaces[level]
			if !ok {
				space = max(spaced-measure(ed, cl.Label, cl.Depth), 0)
				spaces[level] = space
			}
			widths[d] = max(widths[d], spaced-space+max(space, gap))
		})
	}
	return widths
}

// MarkerColumns gives, for EPUB and HTML style sheets, the width of the
// column the clause markers of each depth hang in (index 0 is depth 1), in
// ems of the body text: the layout's indent for the depth
// (body.clause_indent, then body.subclause_indent), widened to the widest
// marker of eds at that depth — set in the layout's text fonts for its
// edition's language, as the PDF edition sets it — and the gap after it
// (body.marker_gap). Markers are measured unbold, as the style sheet sets
// them. It returns nil without a shaper or a layout, or when eds have no
// clauses.
func MarkerColumns(sh *text.Shaper, lay *layout.Layout, eds ...*doc.Edition) []float64 {
	if sh == nil || lay == nil || lay.Body.Size <= 0 {
		return nil
	}
	const size = 10 // any size: widths are returned in ems
	stacks := map[string]*text.Stack{}
	measure := func(ed *doc.Edition, s string, depth int) float64 {
		st, ok := stacks[ed.Lang]
		if !ok {
			st = lay.Stack(layout.TextRole, ed.Lang)
			stacks[ed.Lang] = st
		}
		p := text.Paragraph{Spans: []text.Span{{Text: s, Style: text.Style{Stack: st, Size: size}}},
			Lang: ed.Lang, RTL: ed.Dir == doc.RTL, Align: text.Start}
		lines := sh.Layout(p, 1e6)
		if len(lines) == 0 {
			return 0
		}
		return lines[0].Width / size
	}
	widths := MarkerWidths(lay.Body.MarkerGap, measure, eds...)
	for d := range widths {
		indent := float64(lay.Body.ClauseIndent)
		if d > 0 {
			indent = float64(lay.Body.SubclauseIndent)
		}
		widths[d] = max(widths[d], indent/lay.Body.Size)
	}
	return widths
}
