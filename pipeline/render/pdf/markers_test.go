package pdf

import (
	"fmt"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
)

// subclauses returns an edition of one clause with sub-clauses labelled
// labels, in lang, and a third level under the first sub-clause.
func subclauses(lang string, dir doc.Direction, labels []string) *doc.Edition {
	ed := edition(dir == doc.RTL, []string{"Demanded that the parties:"})
	ed.Lang, ed.Locale = lang, lang
	cl := ed.Body[1].(*doc.ClauseList).Clauses[0]
	for i, l := range labels {
		cl.Subs = append(cl.Subs, &doc.Clause{Depth: 2, Number: i + 1, Label: l,
			Body: []doc.Block{para(fmt.Sprintf("کشمیری عوام کے حق خودارادیت کا احترام کریں اور ان کی آواز سنیں %d", i+1))}})
	}
	cl.Subs[0].Subs = []*doc.Clause{{Depth: 3, Number: 1, Label: "(۱)", Body: []doc.Block{para("پرامن حل")}}}
	return ed
}

// TestMarkersHangClearOfTheText: every clause marker ends at least a word
// space before its text starts, whatever the script's markers measure (an
// Urdu "(الف)" is wider than the layout's sub-clause indent), and all the
// clauses of one depth start their text at the same indent.
func TestMarkersHangClearOfTheText(t *testing.T) {
	for _, tc := range []struct {
		lang   string
		dir    doc.Direction
		labels []string
	}{
		{"ur", doc.RTL, []string{"(الف)", "(ب)", "(ج)", "(د)"}},
		{"ar", doc.RTL, []string{"(أ)", "(ب)", "(هـ)"}},
		{"en", doc.LTR, []string{"(a)", "(b)", "(m)", "(aa)"}},
	} {
		for _, name := range []string{"briefing", "letter"} {
			opts := testOptions(t, name)
			c := newComposer(subclauses(tc.lang, tc.dir, tc.labels), opts.Layout, opts.Shaper)
			boxes := c.compose()
			space := opts.Layout.Body.MarkerGap * opts.Layout.Body.Size
			if space < 2 {
				t.Fatalf("%s: marker gap %.2f pt", name, space)
			}
			indents := map[string]float64{}
			n := 0
			for _, b := range boxes {
				if b.marker == nil {
					continue
				}
				n++
				label := b.marker.Text()
				if end := b.markerAt + b.marker.Width; end+space > b.indent+0.01 {
					t.Errorf("%s %s: marker %q ends at %.2f pt, text starts at %.2f pt: less than the marker gap (%.2f pt)", tc.lang, name, label, end, b.indent, space)
				}
				depth := fmt.Sprint(b.markerTag.parent.parent.listNumbering)
				if in, ok := indents[depth]; ok && in != b.indent {
					t.Errorf("%s %s: %q's text starts at %.2f pt, another of its depth at %.2f pt", tc.lang, name, label, b.indent, in)
				}
				indents[depth] = b.indent
			}
			if n != len(tc.labels)+2 {
				t.Errorf("%s %s: %d markers set, want %d", tc.lang, name, n, len(tc.labels)+2)
			}
		}
	}
}
