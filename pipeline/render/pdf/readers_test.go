package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/polypress/polypress/locales"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/source"
)

// The statements in testdata/statements are written in Persian, Hindi,
// Chinese, Russian and Spanish to try text extraction in scripts and
// languages the samples do not cover: Persian zero-width non-joiners,
// Devanagari conjuncts and reordered vowel signs, Chinese without spaces,
// numbers and Latin acronyms inside right-to-left text.
var readerLangs = []string{"es", "fa", "hi", "ru", "zh-Hans"}

var (
	catOnce sync.Once
	cat     *localize.Catalog
	catErr  error
)

// statementEdition parses and localizes a statement in its own language.
func statementEdition(t *testing.T, path string) *doc.Edition {
	t.Helper()
	catOnce.Do(func() { cat, catErr = localize.Load(locales.FS, ".") })
	if catErr != nil {
		t.Fatal(catErr)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := source.Parse(path, src)
	if err != nil {
		t.Fatal(err)
	}
	ed, err := cat.Localize(d, d, d.Meta.Lang, localize.Options{CanonicalLang: d.Meta.Lang})
	if err != nil {
		t.Fatal(err)
	}
	return ed
}

// bodyText is the statement body as a reader should get it back: every
// paragraph, heading, lead-in, clause and quotation, in reading order.
func bodyText(body []doc.Block) string {
	var b strings.Builder
	doc.EachInline(body, func(in doc.Inline) { b.WriteString(in.Plain() + "\n") })
	return b.String()
}

// testPDF is a test statement rendered and read by the four readers.
type testPDF struct {
	ed    *doc.Edition
	ex    *validate.Extraction
	pdfua []validate.UAFailure // the PDF/UA findings
}

var (
	testPDFsOnce sync.Once
	testPDFs     map[string]*testPDF
	testPDFsErr  error
)

// readTestPDFs renders the test statements of testdata/statements (named
// by language) and testdata/tables ("tables/fr") and has the four readers
// read them, once for all the tests that need them: Node, PDF.js and
// PDFium start once.
func readTestPDFs(t *testing.T) map[string]*testPDF {
	t.Helper()
	testPDFsOnce.Do(func() {
		dir, err := os.MkdirTemp("", "polypress-readers-")
		if err != nil {
			testPDFsErr = err
			return
		}
		defer os.RemoveAll(dir)
		opts := testOptions(t, "briefing")
		names := append([]string(nil), readerLangs...)
		names = append(names, "tables/fr", "tables/ar")
		res := map[string]*testPDF{}
		paths := map[string]string{}
		var all []string
		for _, name := range names {
			src := filepath.Join("testdata", "statements", name, "statement.md")
			if strings.HasPrefix(name, "tables/") {
				src = filepath.Join("testdata", name, "statement.md")
			}
			ed := statementEdition(t, src)
			var buf bytes.Buffer
			if _, err := Render(&buf, ed, opts); err != nil {
				testPDFsErr = fmt.Errorf("%s: %w", name, err)
				return
			}
			path := filepath.Join(dir, strings.ReplaceAll(name, "/", "-")+".pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				testPDFsErr = err
				return
			}
			res[name] = &testPDF{ed: ed, pdfua: validate.PDFUA(t, path)}
			paths[name] = path
			all = append(all, path)
		}
		exs := validate.Extract(t, all...)
		for name, path := range paths {
			res[name].ex = exs[path]
		}
		testPDFs = res
	})
	if testPDFsErr != nil {
		t.Fatal(testPDFsErr)
	}
	if testPDFs == nil {
		// The first test to ask skipped or failed: a reader is missing.
		t.Skip("the PDF readers are not installed; see the test that asked first")
	}
	return testPDFs
}

// TestFourReadersGiveBackText checks copy, paste and search as readers do
// them: poppler, MuPDF, PDF.js and PDFium each give back at least 99% of
// each statement's words, in order, no private-use character, and as
// many words as the others (no text read twice); and each PDF passes the
// PDF/UA checks.
func TestFourReadersGiveBackText(t *testing.T) {
	pdfs := readTestPDFs(t)
	for _, lang := range readerLangs {
		tp := pdfs[lang]
		for _, f := range tp.pdfua {
			t.Errorf("%s: PDF/UA %s", lang, f)
		}
		var counts []int
		for _, r := range validate.Readers {
			got := tp.ex.Text[r]
			counts = append(counts, len(validate.Words(got)))
			if pua := validate.PrivateUse(got); len(pua) > 0 {
				t.Errorf("%s, %s: private-use characters %U in the text", lang, r, pua)
			}
			src := bodyText(tp.ed.Body)
			if r == validate.PDFjs {
				// PDF.js skips a glyph whose text ends with a format
				// character (isInvisibleFormatMark in its
				// evaluator.js), so Persian words written with a
				// zero-width non-joiner come back without it: a code
				// carrying it with a letter would be reversed by
				// PDF.js and read as written by MuPDF (the reader
				// limits in docs/accessibility.md). The words are
				// compared without it.
				src = strings.ReplaceAll(src, "\u200c", "")
			}
			rec := validate.Recall(validate.Words(src), validate.Words(got))
			t.Logf("%s %-7s recall %.3f", lang, r, rec)
			if rec < 0.99 {
				t.Errorf("%s, %s: %.1f%% of the words in order, want at least 99%%\n%s", lang, r, rec*100, got)
			}
		}
		if lo, hi := slices.Min(counts), slices.Max(counts); float64(hi) > 1.02*float64(lo) {
			t.Errorf("%s: the readers find %v words (poppler, MuPDF, PDF.js, PDFium): some text is read twice or not at all", lang, counts)
		}
	}
}

// checkRuns checks that every reader's words of the test statement name
// hold each of runs, its words one after another.
func checkRuns(t *testing.T, pdfs map[string]*testPDF, name string, runs [][]string) {
	t.Helper()
	for _, r := range validate.Readers {
		text := pdfs[name].ex.Text[r]
		got := validate.Words(text)
		for _, run := range runs {
			if !containsRun(got, run) {
				t.Errorf("%s, %s: %q is not read in one piece, in order:\n%s", name, r, strings.Join(run, " "), text)
			}
		}
	}
}

// TestTableRowsReadInOrder checks that each of the four readers reads a
// table row by row, every row's cells in order and apart, in French and in
// Arabic. A table's cells are blocks side by side: a reader that orders
// blocks by position (poppler) read them column by column, and readers that
// read a row as one line (PDF.js, MuPDF) joined the last word of a
// right-to-left cell to the first of the next.
func TestTableRowsReadInOrder(t *testing.T) {
	pdfs := readTestPDFs(t)
	for _, name := range []string{"tables/fr", "tables/ar"} {
		var rows [][]string
		for _, b := range pdfs[name].ed.Body {
			tb, ok := b.(*doc.Table)
			if !ok {
				continue
			}
			for _, row := range append([][]*doc.Cell{tb.Header}, tb.Rows...) {
				var words []string
				for _, c := range row {
					words = append(words, validate.Words(c.Text.Plain())...)
				}
				rows = append(rows, words)
			}
		}
		if len(rows) < 2 {
			t.Fatalf("%s: the test statement has no table of several rows", name)
		}
		checkRuns(t, pdfs, name, rows)
	}
}

// containsRun reports whether run occurs in words, its words one after
// another.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// TestLabelAfterNestedListReadInOrder checks that each of the four
// readers reads a clause that follows sub-clauses after them: the last
// words of the last sub-clause, then the clause's number, then its first
// word. Poppler read the number first: it lies left of the sub-clauses'
// blocks, with no block across between them.
func TestLabelAfterNestedListReadInOrder(t *testing.T) {
	pdfs := readTestPDFs(t)
	langs := 0
	for _, lang := range readerLangs {
		var runs [][]string
		var prev *doc.Clause
		for _, b := range pdfs[lang].ed.Body {
			cl, ok := b.(*doc.ClauseList)
			if !ok {
				continue
			}
			for _, c := range cl.Clauses {
				if prev != nil && len(prev.Subs) > 0 && len(prev.Tail) == 0 && len(c.Body) > 0 {
					last := prev.Subs[len(prev.Subs)-1]
					before := validate.Words(bodyText(last.Body))
					after := validate.Words(bodyText(c.Body))
					run := append(before[max(0, len(before)-2):], validate.Words(c.Label)...)
					runs = append(runs, append(run, after[0]))
				}
				prev = c
			}
		}
		if len(runs) > 0 {
			langs++
			checkRuns(t, pdfs, lang, runs)
		}
	}
	if langs < 2 {
		t.Fatalf("the test statements hold clauses after sub-clauses in %d languages; the test needs two at least", langs)
	}
}

// latinCompound is a Latin word joined to others by hyphens or slashes
// ("COVID-19").
var latinCompound = regexp.MustCompile(`[A-Za-z]+(?:[-/][0-9A-Za-z]+)+`)

// TestLatinCompoundsInRightToLeftReadInOrder checks that each of the
// four readers reads a Latin compound inside right-to-left text in
// order: PDFium read "COVID-19" in a Persian line as "-19COVID", taking
// its line for right to left from the right-to-left mark that ends it.
func TestLatinCompoundsInRightToLeftReadInOrder(t *testing.T) {
	pdfs := readTestPDFs(t)
	found := false
	for _, lang := range readerLangs {
		ed := pdfs[lang].ed
		if ed.Dir != doc.RTL {
			continue
		}
		var runs [][]string
		for _, m := range latinCompound.FindAllString(bodyText(ed.Body), -1) {
			runs = append(runs, validate.Words(m))
		}
		found = found || len(runs) > 0
		checkRuns(t, pdfs, lang, runs)
	}
	if !found {
		t.Fatal("no right-to-left test statement holds a Latin compound")
	}
}
