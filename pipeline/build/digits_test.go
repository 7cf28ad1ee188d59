package build

import (
	"archive/zip"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/internal/validate"
)

// digitSystems are the decimal digits of the numbering systems the
// sample editions could print.
var digitSystems = map[string]string{
	"Western":              "0123456789",
	"Arabic-Indic":         "٠١٢٣٤٥٦٧٨٩",
	"Eastern Arabic-Indic": "۰۱۲۳۴۵۶۷۸۹",
	"Devanagari":           "०१२३४५६७८९",
}

// systemsIn names the digit systems text uses, with the first word
// holding a digit of each.
func systemsIn(text string) map[string]string {
	out := map[string]string{}
	for _, w := range strings.Fields(text) {
		for name, ds := range digitSystems {
			if _, seen := out[name]; !seen && strings.ContainsAny(w, ds) {
				out[name] = stripControls(w)
			}
		}
	}
	return out
}

// editionText is what a reader of a built file sees of its text: a PDF as
// pdftotext extracts it (what a reader copies), an EPUB's or web page's
// content without its markup.
func editionText(t *testing.T, a Artifact) (string, bool) {
	switch a.Format {
	case "pdf":
		return validate.PDFText(t, a.Path), true
	case "epub":
		return epubText(t, a.Path), true
	case "html":
		data, err := os.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		return markupText(string(data)), true
	}
	return "", false
}

// latinWord matches a word written in Latin letters.
var latinWord = regexp.MustCompile(`\p{Latin}`)

// markupText is the text a reader sees of an XHTML or HTML document.
func markupText(doc string) string {
	hidden := regexp.MustCompile(`(?s)<(script|style|head)\b.*?</(script|style|head)>`)
	tags := regexp.MustCompile(`<[^>]*>`)
	return html.UnescapeString(tags.ReplaceAllString(hidden.ReplaceAllString(doc, " "), " "))
}

// epubText is the text of an EPUB's content documents.
func epubText(t *testing.T, path string) string {
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var b strings.Builder
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, ".xhtml") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(markupText(string(data)))
	}
	return b.String()
}

// nonLatin drops the words written in Latin letters from text, which
// keep their digits in any edition ("COVID-19", "A/RES/217(III)").
func nonLatin(text string) string {
	var out []string
	for _, w := range strings.Fields(text) {
		if !latinWord.MatchString(w) {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// TestSampleEditionsOneDigitSystem: every sample edition, in every format,
// shows its numbers in one digit system, the one its locale file chooses:
// the dates, clause and page numbers polypress prints and the figures of
// the text alike (an Arabic dateline in ٢٢ above a body in 22 is two).
// Words in Latin letters keep their digits in any edition.
func TestSampleEditionsOneDigitSystem(t *testing.T) {
	_, res := builtSamples(t)
	for _, a := range res.Artifacts {
		if text, ok := editionText(t, a); ok {
			if sys := systemsIn(nonLatin(text)); len(sys) != 1 {
				t.Errorf("%s shows %d digit systems: %v", filepath.Base(a.Path), len(sys), sys)
			}
		}
	}
}

// TestArabicIndicDigitsFromTheLocaleFile: a project's Arabic locale file
// that asks for Arabic-Indic digits (numbering = "arab", text_digits =
// "numbering") gets them everywhere, in every format: in the text the
// translator wrote with 0-9 as in what polypress prints. Only words
// written in Latin letters keep their digits ("(COVID-19)"), as Arabic
// printing does.
func TestArabicIndicDigitsFromTheLocaleFile(t *testing.T) {
	locales := t.TempDir()
	put(t, filepath.Join(locales, "ar.toml"), "[_conventions]\nnumbering = \"arab\"\ntext_digits = \"numbering\"\n")
	res, err := Build(Config{Paths: []string{"../../samples/oic-contact-group-2020"}, Locales: []string{"ar"}, LocaleDir: locales,
		OutDir: filepath.Join(t.TempDir(), "out"), Epoch: time.Unix(1593000000, 0).UTC()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Artifacts) != 3 {
		t.Fatalf("%d files built", len(res.Artifacts))
	}
	for _, a := range res.Artifacts {
		text, _ := editionText(t, a)
		sys := systemsIn(nonLatin(text))
		if _, ok := sys["Arabic-Indic"]; !ok || len(sys) != 1 {
			t.Errorf("%s shows %v, want Arabic-Indic digits only", filepath.Base(a.Path), sys)
		}
		if !strings.Contains(text, "٢٠٢٠") {
			t.Errorf("%s: no ٢٠٢٠ in its text", filepath.Base(a.Path))
		}
	}
}
