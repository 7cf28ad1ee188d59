package pdf

import (
	"bytes"
	"testing"
)

// TestParallelLeadInKeepsWithItsClauses composes a parallel edition's rows
// as the renderer does and paginates them at every page height: the
// lead-in ("The meeting:"), a row of its own followed by a kept space,
// never ends a page unless the page holds nothing before it.
func TestParallelLeadInKeepsWithItsClauses(t *testing.T) {
	opts := testOptions(t, "briefing")
	pe := parallelEdition(edition(false, englishClauses), frenchEdition(frenchClauses))
	r := newRenderer(&bytes.Buffer{}, pe.Editions[0], opts)
	cols := r.parallelColumns(pe, &node{typ: "Document"})
	rows := composeRows(pe, cols)
	lead := -1
	for i, row := range rows {
		for _, b := range row.cols[0] {
			if b.line != nil && b.line.Text() == "The meeting:" {
				lead = i
			}
		}
	}
	if lead < 0 {
		t.Fatal("no row holds the lead-in")
	}
	for k, bs := range rows[lead].cols {
		if mayBreak(bs, len(bs)) {
			t.Errorf("column %d: a page may break after the lead-in's row", k)
		}
	}
	for h := 60.0; h <= 400; h += 2 {
		pages := paginateRows(rows, h)
		for p, page := range pages[:len(pages)-1] {
			last := page[len(page)-1]
			if last.row == lead && len(page) > 1 {
				t.Errorf("%v pt pages: page %d ends with the lead-in", h, p+1)
			}
		}
	}
}

// TestParallelMarkerColumns: each column's clause markers hang in a column
// as wide as its widest marker and the gap after it, as in the edition on
// its own, whatever the layout's indent.
func TestParallelMarkerColumns(t *testing.T) {
	opts := testOptions(t, "briefing")
	lay := *opts.Layout
	lay.Body.ClauseIndent = 1 // narrower than any marker
	opts.Layout = &lay
	pe := parallelEdition(edition(false, englishClauses), arabicEdition(arabicClauses))
	r := newRenderer(&bytes.Buffer{}, pe.Editions[0], opts)
	for k, col := range r.parallelColumns(pe, &node{typ: "Document"}) {
		want := col.c.markerWidths()
		if len(want) == 0 || want[0] <= 1 {
			t.Fatalf("column %d: marker widths %v", k, want)
		}
		if _, hang := col.c.indents(1); hang < want[0] {
			t.Errorf("column %d: markers hang in %.1f pt, the widest needs %.1f", k, hang, want[0])
		}
	}
}
