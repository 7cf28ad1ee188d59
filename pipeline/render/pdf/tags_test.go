package pdf

import (
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/internal/validate"
)

// TestOtherScriptsAreSpansWithLang: in an English statement, words in
// Arabic, Russian and Hindi are Span elements with their language, as
// PDF.js's structure tree gives them to a screen reader; English text
// has no Lang of its own (the catalog's applies).
func TestOtherScriptsAreSpansWithLang(t *testing.T) {
	ed := edition(false, []string{"Recalled that the Organisation is called منظمة التعاون الإسلامي in Arabic, Организация исламского сотрудничества in Russian and इस्लामी सहयोग संगठन in Hindi."})
	path, _ := render(t, ed, testOptions(t, "briefing"))
	ex := validate.Extract(t, path)[path]
	var spans []string
	var walk func(n *validate.StructNode, inSpan bool)
	walk = func(n *validate.StructNode, inSpan bool) {
		if n.Role == "Span" {
			spans = append(spans, n.Lang)
			inSpan = true
		} else if n.Lang != "" && n.Role != "Root" && !inSpan {
			t.Errorf("%s element has Lang %q", n.Role, n.Lang)
		}
		for _, c := range n.Children {
			walk(c, inSpan)
		}
	}
	for _, n := range ex.Struct {
		if n != nil {
			walk(n, false)
		}
	}
	got := strings.Join(spans, " ")
	// The clause's paragraph opens the body too: each language twice.
	if got != "ar ru hi ar ru hi" {
		t.Errorf("spans' languages %q, want ar ru hi, twice", got)
	}
	for _, f := range validate.PDFUA(t, path) {
		t.Errorf("PDF/UA %s", f)
	}
}
