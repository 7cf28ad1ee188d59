package pdf

import (
	"bytes"
	"os"
	"path/filepath"
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
				// PDF.js drops every format character from the text it
				// extracts (getTextContent skips glyphs whose text is
				// or ends with one, isInvisibleFormatMark in its
				// evaluator.js), so Persian words written with a
				// zero-width non-joiner come back without it, from any
				// PDF. The words are compared without it.
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
