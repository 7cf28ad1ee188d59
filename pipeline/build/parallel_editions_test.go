package build

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/internal/validate"
)

// TestParallelEditionsBuild: --parallel en,fr adds the parallel edition to
// the single-language ones, in every format; --locales narrows only the
// single-language editions, and the parallel edition still finds its
// French translation.
func TestParallelEditionsBuild(t *testing.T) {
	dir := goodCopy(t)
	out := t.TempDir()
	res, err := Build(Config{Paths: []string{dir}, OutDir: out, Locales: []string{"en"}, Parallel: [][]string{{"en", "fr"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(names(res), " "); got != "good.en-fr.epub good.en-fr.html good.en-fr.pdf good.en.epub good.en.html good.en.pdf" {
		t.Errorf("wrote %s", got)
	}
	for _, a := range res.Artifacts {
		if strings.Contains(a.Path, "en-fr") && (a.Locale != "en-fr" || strings.Join(a.Parallel, ",") != "en,fr" || a.Title == "") {
			t.Errorf("%s: locale %q, parallel %v, title %q", a.Path, a.Locale, a.Parallel, a.Title)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "good.en-fr.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The page links to the single-language edition the build wrote.
	if !strings.Contains(string(page), `href="good.en.html"`) || !strings.Contains(string(page), `lang="fr" dir="ltr"`) {
		t.Error("the parallel page does not link to good.en.html or has no French cell")
	}
}

// TestParallelBadRequests: what cannot be a parallel edition is a
// *ParallelError, before anything is written.
func TestParallelBadRequests(t *testing.T) {
	dir := goodCopy(t)
	pack := filepath.Join(t.TempDir(), "pack.yaml")
	put(t, pack, "id: p\ntitle: P\ndate: 2024-01-15\nstatements:\n  - "+dir+"\n")
	for _, tc := range []struct {
		name  string
		paths []string
		sets  [][]string
		want  string
	}{
		{"one language", []string{dir}, [][]string{{"en"}}, `"en" names one language`},
		{"the same language twice", []string{dir}, [][]string{{"en", "en"}}, `names en twice`},
		{"four languages", []string{dir}, [][]string{{"en", "fr", "ar", "ur"}}, `names 4 languages`},
		{"no translation", []string{dir}, [][]string{{"en", "de"}}, `parallel en-de: the statement has no text in de (it exists in en, fr); add ` + filepath.Join(dir, "statement.de.md")},
		{"one text twice", []string{dir}, [][]string{{"fr", "fr-CA"}}, `fr and fr-CA would both show the fr text`},
		{"a pack", []string{pack}, [][]string{{"en", "fr"}}, `pack.yaml: a briefing pack has no parallel editions`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			res, err := Build(Config{Paths: tc.paths, OutDir: out, Parallel: tc.sets})
			var pe *ParallelError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Build = %v, want a ParallelError saying %q", err, tc.want)
			}
			if res != nil {
				t.Errorf("a result: %v", names(res))
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("the output folder was made")
			}
		})
	}
}

// TestParallelNeedsAlignedTranslations: a translation that does not align
// fails its parallel editions, with the alignment problems at their
// positions; the single-language editions of the other languages are
// written.
func TestParallelNeedsAlignedTranslations(t *testing.T) {
	dir := goodCopy(t)
	put(t, filepath.Join(dir, "statement.es.md"), spanish)
	out := t.TempDir()
	res, err := Build(Config{Paths: []string{dir}, OutDir: out, Formats: []string{"pdf"}, Locales: []string{"en"}, Parallel: [][]string{{"en", "es"}, {"en", "fr"}}})
	if err == nil || !regexp.MustCompile(`good/statement\.es\.md:\d+:\d+: `).MatchString(err.Error()) || !strings.Contains(err.Error(), "the parallel edition en-es cannot be built: its es edition fails") {
		t.Fatalf("Build: %v", err)
	}
	var pe *ParallelError
	if errors.As(err, &pe) {
		t.Error("a translation that does not align is bad input, not a bad request")
	}
	if got := strings.Join(names(res), " "); got != "good.en-fr.pdf good.en.pdf" {
		t.Errorf("wrote %s", got)
	}
	// The Spanish problems are reported once, not once per edition that
	// needs them.
	if n := strings.Count(err.Error(), "statement.es.md:"); n != strings.Count(strings.Join(uniqueLines(err.Error()), "\n"), "statement.es.md:") {
		t.Errorf("problems repeated:\n%s", err)
	}
}

func uniqueLines(s string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// TestParallelFoundPacksAreBuiltAsUsual: searching a folder with
// --parallel builds the statements' parallel editions, and the packs it
// finds in their own locales, as without it.
func TestParallelFoundPacksAreBuiltAsUsual(t *testing.T) {
	root := t.TempDir()
	office := filepath.Join(root, "office")
	if err := os.CopyFS(filepath.Join(office, "good"), os.DirFS(goodStatement)); err != nil {
		t.Fatal(err)
	}
	put(t, filepath.Join(office, "pack.yaml"), "id: p\ntitle: P\ndate: 2024-01-15\nlocales: [en]\nstatements:\n  - good\n")
	res, err := Build(Config{Paths: []string{root}, OutDir: t.TempDir(), Formats: []string{"html"}, Parallel: [][]string{{"fr", "en"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(names(res), " "); got != "good.en.html good.fr-en.html good.fr.html p.en.html" {
		t.Errorf("wrote %s", got)
	}
}

// TestSampleParallelOfficialBlocks: the sample convention (articles,
// footnotes, tables, an annex, signatures) as English beside Arabic: each
// language's footnotes stand at the foot of the page of their reference,
// under its own column (poppler's word boxes), and the annex opens a page
// in both columns. Its EPUB and web page are checked with the samples'
// (TestSampleEPUBsValid, TestSampleHTMLValid).
func TestSampleParallelOfficialBlocks(t *testing.T) {
	builtSamples(t)
	pdfs := officialParallel("pdf")
	if len(pdfs) != 1 || len(officialParallel("epub")) != 1 || len(officialParallel("html")) != 1 {
		t.Fatalf("the parallel convention: %v", names(officialRes))
	}
	words, pages := validate.PDFWords(t, pdfs[0].Path)
	find := func(text string) (validate.Word, bool) {
		for _, w := range words {
			if w.Text == text {
				return w, true
			}
		}
		return validate.Word{}, false
	}
	// English footnote 1 ("The basin covers …") is on the page of its
	// reference, in the lower part, on the left; the Arabic text is on
	// the right.
	basin, ok := find("basin")
	if !ok {
		t.Fatal("no English footnote text")
	}
	mid := pages[0].Width / 2
	if basin.Page != 1 || basin.XMax > mid || basin.YMin < pages[0].Height/2 {
		t.Errorf("the English footnote is on page %d at %.0f, %.0f; want page 1, lower left", basin.Page, basin.XMin, basin.YMin)
	}
	arabicNotes := 0
	for _, w := range words {
		if w.Page == 1 && w.YMin > basin.YMin-2 && w.XMin > mid && strings.ContainsFunc(w.Text, func(r rune) bool { return r >= 0x600 && r <= 0x6ff }) {
			arabicNotes++
		}
	}
	if arabicNotes == 0 {
		t.Error("no Arabic footnote text at the foot of page 1's right column")
	}
	// The annex ("Annex I") opens a page of its own in both columns.
	annex, ok := find("Annex")
	if !ok || annex.YMin > pages[0].Height/4 {
		t.Errorf("the annex label is at %v; want it at the top of a page", annex)
	}
}
