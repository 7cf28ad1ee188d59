package pdf

import (
	"fmt"
	"testing"
)

// lines makes n boxes of height h, each named by anchor prefix+i.
func lines(n int, h float64, prefix string) []box {
	out := make([]box, n)
	for i := range out {
		out[i] = box{height: h, anchor: fmt.Sprintf("%s%d", prefix, i)}
	}
	return out
}

// where tells on which page (0-based) each anchor stands, text or notes.
func where(pages []pageBody) map[string]int {
	out := map[string]int{}
	for pi, p := range pages {
		for _, b := range append(append([]box(nil), p.boxes...), p.notes...) {
			if b.anchor != "" {
				out[b.anchor] = pi
			}
		}
	}
	return out
}

// TestPaginateFootnotes checks that a footnote stands at the foot of the
// page of its reference, the text area shrinking for it, and that a long
// note starts there and continues on the next page.
func TestPaginateFootnotes(t *testing.T) {
	const height = 100.0
	t.Run("note on the page of its reference", func(t *testing.T) {
		boxes := lines(12, 10, "l")
		// Line 7 references a note of three lines: with the separator it
		// needs 36 points, so line 7 opens page 2 and the note is there.
		boxes[7].notes = [][]box{lines(3, 8, "n")}
		pages := paginate(boxes, height)
		w := where(pages)
		if w["l7"] != w["n0"] || w["n0"] != w["n2"] {
			t.Errorf("reference on page %d, note lines on %d to %d", w["l7"]+1, w["n0"]+1, w["n2"]+1)
		}
		for pi, p := range pages {
			if used := heightOf(p.boxes) + heightOf(p.notes); len(p.notes) > 0 && used+noteGap > height+1e-9 {
				t.Errorf("page %d holds %.0f points of text and notes, more than %.0f", pi+1, used+noteGap, height)
			}
		}
	})
	t.Run("long note continues", func(t *testing.T) {
		boxes := lines(10, 10, "l")
		boxes[5].notes = [][]box{lines(12, 8, "n")}
		pages := paginate(boxes, height)
		w := where(pages)
		if w["n0"] != w["l5"] {
			t.Errorf("the note starts on page %d, its reference is on page %d", w["n0"]+1, w["l5"]+1)
		}
		if w["n1"] != w["l5"] {
			t.Errorf("fewer than two lines of the note stand with its reference")
		}
		if w["n11"] != w["l5"]+1 {
			t.Errorf("the note ends on page %d, want the page after its reference's (%d)", w["n11"]+1, w["l5"]+2)
		}
		seen := 0
		for _, p := range pages {
			seen += len(p.notes)
		}
		if seen != 12 {
			t.Errorf("%d note lines set, want 12", seen)
		}
	})
	t.Run("kept lines take their notes with them", func(t *testing.T) {
		boxes := lines(10, 10, "l")
		boxes[8].notes = [][]box{lines(2, 8, "n")}
		boxes[7].keep = true // line 7 keeps with line 8
		pages := paginate(boxes, height)
		w := where(pages)
		if w["l7"] != w["l8"] || w["n0"] != w["l8"] {
			t.Errorf("lines 7 and 8 on pages %d and %d, note on %d", w["l7"]+1, w["l8"]+1, w["n0"]+1)
		}
		if len(pages[0].notes) != 0 {
			t.Errorf("page 1 keeps the notes of a line that moved on: %d lines", len(pages[0].notes))
		}
	})
}

// TestPaginateTableHeader checks that a table's header row is never alone
// at the foot of a page and is repeated at the top of the next.
func TestPaginateTableHeader(t *testing.T) {
	boxes := lines(8, 10, "l")
	head := box{height: 12, keep: true, anchor: "head", cells: []cell{{}}}
	boxes = append(boxes, head)
	h := head
	for i := range 6 {
		boxes = append(boxes, box{height: 12, anchor: fmt.Sprintf("row%d", i), cells: []cell{{}}, head: &h})
	}
	pages := paginate(boxes, 100)
	if last := pages[0].boxes[len(pages[0].boxes)-1]; last.anchor == "head" {
		t.Fatalf("the header row is alone at the foot of page 1")
	}
	for pi, p := range pages[1:] {
		if len(p.boxes) == 0 || p.boxes[0].anchor != "head" {
			t.Errorf("page %d does not start with the table's header row", pi+2)
		}
	}
}

// TestColumnWidths checks how a table's columns share the text's width.
func TestColumnWidths(t *testing.T) {
	for _, tt := range []struct {
		natural, minimal []float64
		avail            float64
		want             []float64
	}{
		{[]float64{100, 50}, []float64{40, 20}, 300, []float64{100, 50}},          // fits: as wide as its content
		{[]float64{300, 100}, []float64{60, 40}, 200, []float64{140, 60}},         // shrunk towards the minimums
		{[]float64{300, 300}, []float64{150, 250}, 200, []float64{75, 125}},       // even the minimums do not fit
		{[]float64{50, 50, 50}, []float64{10, 10, 10}, 90, []float64{30, 30, 30}}, // equal columns, shrunk
	} {
		got := columnWidths(tt.natural, tt.minimal, tt.avail)
		sum := 0.0
		for i := range got {
			sum += got[i]
			if d := got[i] - tt.want[i]; d > 0.01 || d < -0.01 {
				t.Errorf("columnWidths(%v, %v, %v) = %v, want %v", tt.natural, tt.minimal, tt.avail, got, tt.want)
				break
			}
		}
		if sum > tt.avail+0.01 {
			t.Errorf("columns take %.1f points of %.1f", sum, tt.avail)
		}
	}
}
