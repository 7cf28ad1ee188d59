package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
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

// TestMarkedLanguagesAreSpans: a phrase the source marks ({lang=fr}) is a
// Span with that language even in the edition's own script, and a marked
// Urdu phrase is Urdu, not the Arabic its script would suggest.
func TestMarkedLanguagesAreSpans(t *testing.T) {
	ed := edition(false, []string{"Noted."})
	ed.Body = []doc.Block{&doc.Paragraph{Text: doc.Inline{
		{Text: "The motto is "}, {Text: "liberté, égalité, fraternité", Lang: "fr"},
		{Text: " and the body is called "}, {Text: "اسلامی تعاون تنظیم", Lang: "ur"}, {Text: "."},
	}}}
	path, _ := render(t, ed, testOptions(t, "briefing"))
	ex := validate.Extract(t, path)[path]
	var spans []string
	var walk func(n *validate.StructNode)
	walk = func(n *validate.StructNode) {
		if n.Role == "Span" {
			spans = append(spans, n.Lang)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	for _, n := range ex.Struct {
		if n != nil {
			walk(n)
		}
	}
	if got := strings.Join(spans, " "); got != "fr ur" {
		t.Errorf("spans' languages %q, want fr ur", got)
	}
}

// TestSyntheticBold: bold Chinese, set in a family without a bold face,
// is filled and stroked (text render mode 2, text.Run.Embolden) and
// still reads back in all four readers.
func TestSyntheticBold(t *testing.T) {
	ed := edition(false, []string{"会议重申坚定支持和平解决这一争端。"})
	ed.Locale, ed.Lang = "zh", "zh"
	ed.Title = "联合公报"
	path, _ := render(t, ed, testOptions(t, "briefing"))
	qdf := filepath.Join(t.TempDir(), "qdf.pdf")
	if out, err := exec.Command(validate.Require(t, "qpdf"), "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	data, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(" w\n")) || !bytes.Contains(data, []byte("2 Tr ")) {
		t.Error("no stroked text (2 Tr) for the bold Chinese title")
	}
	for r, got := range validate.Extract(t, path)[path].Text {
		if !strings.Contains(strings.Join(strings.Fields(got), ""), "联合公报") {
			t.Errorf("%s: the bold title does not read back: %q", r, got)
		}
	}
}
