package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/internal/validate"
)

// flat joins the lines of extracted text, so that a phrase broken across
// lines is found.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestSampleQuotes: the English press release's source types straight
// quotes; its PDF, e-book and web page print the English marks, and the
// convention's footnote an apostrophe.
func TestSampleQuotes(t *testing.T) {
	dir, _ := builtSamples(t)
	pdf := flat(validate.PDFText(t, filepath.Join(dir, "water-data-agreement-release-2021.en.pdf")))
	for _, want := range []string{
		"“A river that crosses a border needs numbers that cross it too,” said",
		"“turns a source of dispute into a source of data”.",
	} {
		if !strings.Contains(pdf, want) {
			t.Errorf("the press release's PDF text lacks %q", want)
		}
	}
	if strings.Contains(pdf, `"`) {
		t.Errorf("the press release's PDF text has a straight quote: %q", pdf)
	}
	html, err := os.ReadFile(filepath.Join(dir, "water-data-agreement-release-2021.en.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "“A river that crosses a border") {
		t.Errorf("the press release's web page lacks the opening mark")
	}
	conv := flat(validate.PDFText(t, filepath.Join(dir, "river-monitoring-convention-2021.en.pdf")))
	if !strings.Contains(conv, "Joint Commission’s secretariat") || strings.Contains(conv, "Commission's") {
		t.Errorf("the convention's PDF text does not print the apostrophe ’")
	}
}

// TestFrenchQuotes: a French statement's straight quotes become
// guillemets with no-break spaces inside, which the PDF draws narrow
// (pipeline/text's French spacing rule) and the web page keeps.
func TestFrenchQuotes(t *testing.T) {
	dir := t.TempDir()
	src := "---\nid: guillemets\ntitle: Le \"bassin\" partagé\nkind: communique\ndate: 2021-03-22\nlang: fr\n---\n\n" +
		"Le ministre a dit \"l'accord et le mot 'eau' suffisent\" hier.\n"
	if err := os.WriteFile(filepath.Join(dir, "statement.md"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "dist")
	if _, err := Build(Config{Paths: []string{filepath.Join(dir, "statement.md")}, OutDir: out, Epoch: time.Unix(1593000000, 0).UTC()}); err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(filepath.Join(out, "guillemets.fr.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := "«\u00a0l’accord et le mot ‹\u00a0eau\u00a0› suffisent\u00a0»"
	if !strings.Contains(string(html), want) && !strings.Contains(string(html), strings.ReplaceAll(want, "\u00a0", "&nbsp;")) {
		t.Errorf("the web page lacks %q", want)
	}
	if !strings.Contains(string(html), "Le «\u00a0bassin\u00a0» partagé") {
		t.Errorf("the web page's title lacks its guillemets")
	}
	pdf := flat(strings.ReplaceAll(validate.PDFText(t, filepath.Join(out, "guillemets.fr.pdf")), "\u00a0", " "))
	if !strings.Contains(pdf, "« l’accord et le mot ‹ eau › suffisent »") {
		t.Errorf("the PDF text lacks the guillemets: %q", pdf)
	}
}
