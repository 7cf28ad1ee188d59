package render

import (
	"testing"

	"github.com/polypress/polypress/fonts"
	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
)

func markerEdition(lang string, dir doc.Direction, labels ...string) *doc.Edition {
	cl := &doc.Clause{Depth: 1, Number: 1, Label: "1."}
	for i, l := range labels {
		cl.Subs = append(cl.Subs, &doc.Clause{Depth: 2, Number: i + 1, Label: l})
	}
	return &doc.Edition{Lang: lang, Dir: dir, Body: []doc.Block{&doc.ClauseList{Clauses: []*doc.Clause{cl}}}}
}

// TestMarkerColumns: a level's column is the layout's indent, widened
// where the level's widest marker and the marker gap need more: Urdu
// "(الف)" in Nastaliq does, English "(a)" does not; a pack's statements
// share the widest.
func TestMarkerColumns(t *testing.T) {
	lib := text.NewLibrary()
	if err := lib.AddFS(fonts.FS, "fonts"); err != nil {
		t.Fatal(err)
	}
	sh := text.NewShaper(lib)
	lay, err := layout.Load(layouts.FS, "briefing")
	if err != nil {
		t.Fatal(err)
	}
	ci, si := float64(lay.Body.ClauseIndent)/lay.Body.Size, float64(lay.Body.SubclauseIndent)/lay.Body.Size
	en := MarkerColumns(sh, lay, markerEdition("en", doc.LTR, "(a)", "(b)"))
	if len(en) != 2 || en[0] != ci || en[1] != si {
		t.Errorf("English columns %v, want the layout's indents [%.3f %.3f]", en, ci, si)
	}
	ur := markerEdition("ur", doc.RTL, "(الف)", "(ب)")
	cols := MarkerColumns(sh, lay, ur)
	st := lay.Stack(layout.TextRole, "ur")
	lines := sh.Layout(text.Paragraph{Spans: []text.Span{{Text: "(الف)", Style: text.Style{Stack: st, Size: 10}}}, Lang: "ur", RTL: true}, 1000)
	alef := lines[0].Width / 10
	if len(cols) != 2 || cols[0] != ci || cols[1] < alef+lay.Body.MarkerGap-1e-9 || cols[1] <= si {
		t.Errorf("Urdu columns %v: want the second to hold (الف), %.3f em, and a %.2f em gap", cols, alef, lay.Body.MarkerGap)
	}
	if both := MarkerColumns(sh, lay, markerEdition("en", doc.LTR, "(a)"), ur); len(both) != 2 || both[1] != cols[1] {
		t.Errorf("a pack's columns %v, want the widest, %v", both, cols)
	}
	if MarkerColumns(nil, lay, ur) != nil || MarkerColumns(sh, lay, &doc.Edition{Lang: "en"}) != nil {
		t.Error("columns without a shaper or without clauses")
	}
}
