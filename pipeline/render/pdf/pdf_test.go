package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/polypress/polypress/fonts"
	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
)

var (
	libOnce sync.Once
	lib     *text.Library
)

func testOptions(t testing.TB, name string) Options {
	libOnce.Do(func() {
		lib = text.NewLibrary()
		if err := lib.AddFS(fonts.FS, "fonts"); err != nil {
			panic(err)
		}
	})
	lay, err := layout.Load(layouts.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Layout: lay, Shaper: text.NewShaper(lib), Created: time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC), Creator: "polypress test"}
}

func para(s string) *doc.Paragraph { return &doc.Paragraph{Text: doc.Inline{{Text: s}}} }

// edition builds a small edition by hand, so that these tests do not depend
// on the parser or the locale files.
func edition(rtl bool, clauses []string) *doc.Edition {
	ed := &doc.Edition{
		ID: "test", Locale: "en", Lang: "en", Dir: doc.LTR,
		Title: "A Statement on Testing", KindLabel: "Communiqué", Issuer: "Test Office",
		DateLine: "Geneva, 22 June 2020",
		Labels: doc.Labels{AboutAuthors: "About the author", Draft: "DRAFT",
			PageOf: func(p, n int) string { return fmt.Sprintf("Page %d of %d", p, n) }},
	}
	if rtl {
		ed.Locale, ed.Lang, ed.Dir = "ar", "ar", doc.RTL
		ed.Title, ed.KindLabel, ed.Issuer, ed.DateLine = "بيان بشأن الاختبار", "بيان ختامي", "مكتب الاختبار", "جنيف، ٢٢ يونيو ٢٠٢٠"
		ed.Labels.PageOf = func(p, n int) string { return fmt.Sprintf("الصفحة %d من %d", p, n) }
	}
	list := &doc.ClauseList{LeadIn: para("The meeting:")}
	for i, c := range clauses {
		list.Clauses = append(list.Clauses, &doc.Clause{Depth: 1, Number: i + 1, Label: fmt.Sprintf("%d.", i+1), Paras: []*doc.Paragraph{para(c)}})
	}
	ed.Body = []doc.Block{para(clauses[0]), list}
	return ed
}

func render(t *testing.T, ed *doc.Edition, opts Options) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Render(&buf, ed, opts); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

func pdftotext(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestRenderIsReproducible(t *testing.T) {
	ed := edition(false, []string{"Took note of the recent developments.", "Affirmed the position of the meeting."})
	_, first := render(t, ed, testOptions(t, "briefing"))
	_, second := render(t, ed, testOptions(t, "briefing"))
	if !bytes.Equal(first, second) {
		t.Error("two renderings of the same edition differ")
	}
}

func TestTextExtractsInOrder(t *testing.T) {
	clauses := []string{"Took note of the recent developments (IOJ&K) since 5 August 2019.", "Affirmed that any so-called political process cannot substitute self-determination."}
	path, _ := render(t, edition(false, clauses), testOptions(t, "briefing"))
	got := strings.Join(strings.Fields(pdftotext(t, path)), " ")
	for _, want := range []string{"A Statement on Testing", "1. " + clauses[0], "2. " + clauses[1], "Page 1 of 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("extracted text lacks %q:\n%s", want, got)
		}
	}
}

func TestLetterPageSize(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo not installed")
	}
	path, _ := render(t, edition(false, []string{"One clause."}), testOptions(t, "letter"))
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "612 x 792 pts") {
		t.Errorf("letter layout page size:\n%s", out)
	}
}

func TestDraftMarkOnEveryPage(t *testing.T) {
	ed := edition(false, []string{"One clause."})
	ed.Draft = true
	path, _ := render(t, ed, testOptions(t, "briefing"))
	// The mark is set diagonally; in content order (-raw) it is one word.
	pdftotext(t, path) // skips when poppler is missing
	raw, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(raw); !strings.Contains(strings.Join(strings.Fields(got), ""), "DRAFT") {
		t.Errorf("draft edition shows no DRAFT mark:\n%s", got)
	}
}
