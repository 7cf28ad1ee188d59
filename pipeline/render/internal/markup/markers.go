package markup

import (
	"fmt"
	"strconv"
	"strings"
)

// MarkerCSS writes the style rules that hang each clause level's markers
// in a column of its own width: columns are in ems, index 0 for operative
// clauses (render.MarkerColumns measures them for the edition's script:
// Urdu "(الف)" needs more room than English "(a)"), and gap, in ems, is
// the least space a marker keeps before its text when a reader's font is
// wider than the one measured. The rules follow the style sheet's own
// (epub.css), which they override level by level; nil columns give none.
func MarkerCSS(columns []float64, gap float64) string {
	if len(columns) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n/* Clause markers: each level's column fits its widest marker in this edition. */\n")
	sel := "ol.clauses"
	for _, w := range columns {
		em := ems(w)
		fmt.Fprintf(&b, "%s {\n  padding-inline-start: %s;\n}\n", sel, em)
		fmt.Fprintf(&b, "%s .marker {\n  min-width: %s;\n  margin-inline-start: -%s;\n  padding-inline-end: %s;\n}\n", sel, em, em, ems(gap))
		sel += " ol.clauses"
	}
	return b.String()
}

// ems writes a length in ems, to a hundredth, rounded up so that a
// measured width is never cut.
func ems(v float64) string {
	v = float64(int(v*100+0.999)) / 100
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "" {
		s = "0"
	}
	return s + "em"
}
