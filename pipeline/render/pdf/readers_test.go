package pdf

import (
	"bytes"
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

// TestFourReadersGiveBackText checks copy, paste and search as readers do
// them: poppler, MuPDF, PDF.js and PDFium each give back at least 99% of
// each statement's words, in order, no private-use character, and as
// many words as the others (no text read twice); and each PDF passes the
// PDF/UA checks.
func TestFourReadersGiveBackText(t *testing.T) {
	dir := t.TempDir()
	opts := testOptions(t, "briefing")
	sources := map[string]string{}
	var paths []string
	for _, lang := range readerLangs {
		ed := statementEdition(t, filepath.Join("testdata", "statements", lang, "statement.md"))
		var buf bytes.Buffer
		if _, err := Render(&buf, ed, opts); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		path := filepath.Join(dir, lang+".pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
		sources[path] = bodyText(ed.Body)
	}
	exs := validate.Extract(t, paths...)
	for _, path := range paths {
		ex := exs[path]
		lang := strings.TrimSuffix(filepath.Base(path), ".pdf")
		for _, f := range validate.PDFUA(t, path) {
			t.Errorf("%s: PDF/UA %s", lang, f)
		}
		var counts []int
		for _, r := range validate.Readers {
			got := ex.Text[r]
			counts = append(counts, len(validate.Words(got)))
			if pua := validate.PrivateUse(got); len(pua) > 0 {
				t.Errorf("%s, %s: private-use characters %U in the text", lang, r, pua)
			}
			src := sources[path]
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

// TestTableRowsReadInOrder checks that each of the four readers reads a
// table row by row, every row's cells in order and apart, in French and in
// Arabic. A table's cells are blocks side by side: a reader that orders
// blocks by position (poppler) read them column by column, and readers that
// read a row as one line (PDF.js, MuPDF) joined the last word of a
// right-to-left cell to the first of the next.
func TestTableRowsReadInOrder(t *testing.T) {
	dir := t.TempDir()
	opts := testOptions(t, "briefing")
	var paths []string
	rows := map[string][][]string{}
	for _, lang := range []string{"fr", "ar"} {
		ed := statementEdition(t, filepath.Join("testdata", "tables", lang, "statement.md"))
		var buf bytes.Buffer
		if _, err := Render(&buf, ed, opts); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		path := filepath.Join(dir, lang+".pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
		for _, b := range ed.Body {
			tb, ok := b.(*doc.Table)
			if !ok {
				continue
			}
			for _, row := range append([][]*doc.Cell{tb.Header}, tb.Rows...) {
				var words []string
				for _, c := range row {
					words = append(words, validate.Words(c.Text.Plain())...)
				}
				rows[path] = append(rows[path], words)
			}
		}
		if len(rows[path]) < 2 {
			t.Fatalf("%s: the test statement has no table of several rows", lang)
		}
	}
	exs := validate.Extract(t, paths...)
	for _, path := range paths {
		lang := strings.TrimSuffix(filepath.Base(path), ".pdf")
		for _, r := range validate.Readers {
			got := validate.Words(exs[path].Text[r])
			for _, row := range rows[path] {
				if !containsRun(got, row) {
					t.Errorf("%s, %s: the row %q is not read in one piece, in order:\n%s", lang, r, strings.Join(row, " "), exs[path].Text[r])
				}
			}
		}
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
	dir := t.TempDir()
	opts := testOptions(t, "briefing")
	var paths []string
	runs := map[string][][]string{}
	for _, lang := range readerLangs {
		ed := statementEdition(t, filepath.Join("testdata", "statements", lang, "statement.md"))
		var prev *doc.Clause
		for _, b := range ed.Body {
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
					runs[lang] = append(runs[lang], append(run, after[0]))
				}
				prev = c
			}
		}
		if len(runs[lang]) == 0 {
			continue
		}
		var buf bytes.Buffer
		if _, err := Render(&buf, ed, opts); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		path := filepath.Join(dir, lang+".pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	if len(paths) < 2 {
		t.Fatalf("the test statements hold %d clauses after sub-clauses; the test needs them in two languages at least", len(paths))
	}
	exs := validate.Extract(t, paths...)
	for _, path := range paths {
		lang := strings.TrimSuffix(filepath.Base(path), ".pdf")
		for _, r := range validate.Readers {
			got := validate.Words(exs[path].Text[r])
			for _, run := range runs[lang] {
				if !containsRun(got, run) {
					t.Errorf("%s, %s: %q is not read in one piece, in order:\n%s", lang, r, strings.Join(run, " "), exs[path].Text[r])
				}
			}
		}
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
	dir := t.TempDir()
	opts := testOptions(t, "briefing")
	var paths []string
	runs := map[string][][]string{}
	for _, lang := range readerLangs {
		ed := statementEdition(t, filepath.Join("testdata", "statements", lang, "statement.md"))
		if ed.Dir != doc.RTL {
			continue
		}
		for _, m := range latinCompound.FindAllString(bodyText(ed.Body), -1) {
			runs[lang] = append(runs[lang], validate.Words(m))
		}
		if len(runs[lang]) == 0 {
			continue
		}
		var buf bytes.Buffer
		if _, err := Render(&buf, ed, opts); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		path := filepath.Join(dir, lang+".pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	if len(paths) == 0 {
		t.Fatal("no right-to-left test statement holds a Latin compound")
	}
	exs := validate.Extract(t, paths...)
	for _, path := range paths {
		lang := strings.TrimSuffix(filepath.Base(path), ".pdf")
		for _, r := range validate.Readers {
			got := validate.Words(exs[path].Text[r])
			for _, run := range runs[lang] {
				if !containsRun(got, run) {
					t.Errorf("%s, %s: %q is not read in order:\n%s", lang, r, strings.Join(run, " "), exs[path].Text[r])
				}
			}
		}
	}
}
