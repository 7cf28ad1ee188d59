package markup

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestMarkerCSS(t *testing.T) {
	if MarkerCSS(nil, 0.25) != "" {
		t.Error("rules for no columns")
	}
	css := MarkerCSS([]float64{2.4285714, 2.9301}, 0.25)
	for _, want := range []string{
		"ol.clauses {\n  padding-inline-start: 2.43em;",
		"ol.clauses .marker {\n  min-width: 2.43em;\n  margin-inline-start: -2.43em;\n  padding-inline-end: 0.25em;",
		"ol.clauses ol.clauses {\n  padding-inline-start: 2.94em;",
		"ol.clauses ol.clauses .marker {\n  min-width: 2.94em;",
	} {
		if !strings.Contains(css, want) {
			t.Errorf("no %q in\n%s", want, css)
		}
	}
}

// TestMarkerCSSOverridesTheStyleSheet: the rules MarkerCSS writes use the
// selectors of layouts/epub.css, so that, coming after it, they win level
// by level; and the sheet's marker keeps its end padding inside its width.
func TestMarkerCSSOverridesTheStyleSheet(t *testing.T) {
	data, err := os.ReadFile("../../../../layouts/epub.css")
	if err != nil {
		t.Fatal(err)
	}
	sheet := string(data)
	for _, sel := range []string{"ol.clauses {", "ol.clauses .marker {", "ol.clauses ol.clauses {", "ol.clauses ol.clauses .marker {"} {
		if !strings.Contains(sheet, "\n"+sel) {
			t.Errorf("epub.css has no rule %q for the marker columns to override", sel)
		}
	}
	if !regexp.MustCompile(`ol\.clauses \.marker \{[^}]*box-sizing: border-box;`).MatchString(sheet) {
		t.Error("epub.css: a marker's end padding must count in its width (box-sizing: border-box)")
	}
}
