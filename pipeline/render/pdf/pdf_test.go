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

func TestDebugExtraction(t *testing.T) {
	if os.Getenv("POLYPRESS_DEBUG") == "" {
		t.Skip()
	}
	for _, rtl := range []bool{false, true} {
		c := []string{"Took note of the recent developments (IOJ&K) since 5 August 2019, office efficiency.", "Affirmed that any so-called political process held under foreign occupation cannot substitute the exercise of the right to self-determination."}
		if rtl {
			c = []string{"أحاط علماً بالتطورات الأخيرة في (IOJ&K) منذ 5 أغسطس 2019، لا سيما الوضع الإنساني.", "أكد أن أي عملية سياسية مزعومة تجري في ظل الاحتلال الأجنبي لا يمكن أن تكون بديلاً عن ممارسة حق تقرير المصير."}
		}
		path, _ := render(t, edition(rtl, c), testOptions(t, "briefing"))
		got := pdftotext(t, path)
		t.Logf("%s", got)
		if os.Getenv("POLYPRESS_KEEP") != "" {
			data, _ := os.ReadFile(path)
			os.WriteFile(fmt.Sprintf("/tmp/debug-%v.pdf", rtl), data, 0o644)
		}
		_ = strings.TrimSpace
	}
}
