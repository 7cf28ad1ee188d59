package build

import (
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/polypress/polypress/pipeline/internal/validate"
)

// sampleSources returns the body text a sample PDF should give back: its
// statement's, or a pack's statements' in order, in the PDF's locale.
func sampleSources(t *testing.T, a Artifact) string {
	t.Helper()
	var b strings.Builder
	for _, path := range statementsOf(t, sampleFor(a)) {
		st, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := st.Body(a.Locale)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(bodyText(body))
	}
	return b.String()
}

var (
	readOnce sync.Once
	readRes  map[string]*validate.Extraction
)

// sampleExtractions has the four readers read every sample PDF, once for
// all the tests that need them.
func sampleExtractions(t *testing.T) (map[string]*validate.Extraction, []Artifact) {
	t.Helper()
	_, res := builtSamples(t)
	pdfs := artifacts(res, "pdf")
	readOnce.Do(func() {
		var paths []string
		for _, a := range pdfs {
			paths = append(paths, a.Path)
		}
		// The parallel editions are read in the same run, for their own
		// tests (samples_parallel_test.go).
		for _, a := range parallelArtifacts("pdf") {
			paths = append(paths, a.Path)
		}
		readRes = validate.Extract(t, paths...)
	})
	if readRes == nil {
		// The first test to ask skipped or failed: a reader is missing.
		t.Skip("the PDF readers are not installed; see the test that asked first")
	}
	return readRes, pdfs
}

// readerLimits are the editions a reader gives back less of than 99%,
// each with what it loses: known limits of readers (or of the writer with
// a reader), stated here so that they are fixed rather than forgotten, and
// so that a loss beyond them still fails.
var readerLimits = []struct {
	prefix, reader string
	min            float64
	why            string
}{
	{"world-scripts.", "", 0.98, "nine scripts mixed in one statement"},
	{"river-monitoring-convention-2021.ar.", "pdfjs", 0.88, "PDF.js joins the cells of a right-to-left table row without a space, so a cell's last word and the next cell's first read as one"},
	{"river-monitoring-convention-2021.fr.", "poppler", 0.985, "poppler reads a cell of the first table before the row's other cells, where the header is wider than the cells"},
	{"universal-declaration-of-human-rights.fa.", "pdfjs", 0.97, "PDF.js drops the zero-width non-joiner inside Persian words (بین‌المللی reads بینالمللی)"},
	{"universal-declaration-of-human-rights.hi.", "pdfium", 0.985, "PDFium splits some Devanagari conjuncts of the declaration's Hindi"},
}

// readerLimit is the least share of words in order reader must give back
// of the PDF named name, and whether the readers' word counts may differ
// for a known reason.
func readerLimit(name, reader string) (min float64, known bool) {
	min = 0.99
	for _, l := range readerLimits {
		if strings.HasPrefix(name, l.prefix) && (l.reader == "" || l.reader == reader) {
			min, known = l.min, true
		}
	}
	return min, known
}

// TestSamplePDFsFourReaders checks every sample PDF as four readers
// extract it: poppler (pdftotext), MuPDF (mutool), PDF.js (Firefox) and
// PDFium (Chrome) each give back at least 99% of the body's words in
// order (less for the editions readerLimits names, each with the reason),
// none shows a private-use character, and none reads text twice.
func TestSamplePDFsFourReaders(t *testing.T) {
	exs, pdfs := sampleExtractions(t)
	for _, a := range pdfs {
		name := filepath.Base(a.Path)
		src := validate.Words(sampleSources(t, a))
		var counts []int
		anyKnown := false
		for _, r := range validate.Readers {
			want, known := readerLimit(name, string(r))
			anyKnown = anyKnown || known && want < 0.98
			got := exs[a.Path].Text[r]
			if pua := validate.PrivateUse(got); len(pua) > 0 {
				t.Errorf("%s, %s: private-use characters %U", name, r, pua)
			}
			words := validate.Words(got)
			counts = append(counts, len(words))
			rec := validate.Recall(src, words)
			t.Logf("%-30s %-7s %.3f %d words", name, r, rec, len(words))
			if rec < want {
				t.Errorf("%s, %s: %.1f%% of the words in order, want at least %.0f%%", name, r, rec*100, want*100)
			}
		}
		// Recall cannot see text read twice (an ActualText read beside
		// the glyphs it replaces): the readers must agree on how many
		// words there are.
		if lo, hi := slices.Min(counts), slices.Max(counts); float64(hi) > 1.02*float64(lo) && !anyKnown {
			t.Errorf("%s: the readers find %v words (poppler, MuPDF, PDF.js, PDFium): some text is read twice or not at all", name, counts)
		}
	}
}

// TestSamplePDFsTagged checks the structure tree as readers of tagged PDF
// see it: poppler says Tagged: yes; the PDF passes the PDF/UA checks
// (validate.PDFUA); poppler's tree (pdfinfo -struct-text) and
// PDF.js's (getStructTree) hold the same content under the same elements;
// the title is an H1, clauses are list items with a label and a body, and
// running heads and page numbers are not in the tree.
func TestSamplePDFsTagged(t *testing.T) {
	exs, pdfs := sampleExtractions(t)
	for _, a := range pdfs {
		name := filepath.Base(a.Path)
		t.Run(name, func(t *testing.T) {
			info := validate.PDFInfo(t, a.Path)
			if info["Tagged"] != "yes" {
				t.Errorf("Tagged: %q", info["Tagged"])
			}
			for _, f := range validate.PDFUA(t, a.Path) {
				t.Errorf("PDF/UA %s", f)
			}
			items := validate.PDFStructText(t, a.Path)
			var poppler []string
			roles := map[string]bool{}
			var text strings.Builder
			for _, it := range items {
				p := it.Path
				if it.Object {
					p += "#"
				}
				poppler = append(poppler, p)
				for _, r := range strings.Split(it.Path, "/") {
					roles[r] = true
				}
				text.WriteString(it.Text + "\n")
			}
			pdfjs := validate.ContentPaths(exs[a.Path].Struct)
			if !slices.Equal(poppler, pdfjs) {
				t.Errorf("poppler and PDF.js read different trees:\npoppler %q\nPDF.js  %q", poppler, pdfjs)
			}
			for _, r := range []string{"Document", "H1", "P", "L", "LI", "Lbl", "LBody"} {
				if !roles[r] {
					t.Errorf("no %s element in the structure tree", r)
				}
			}
			if len(items) == 0 || !strings.HasPrefix(items[0].Path, "Document") {
				t.Fatalf("the tree does not start with the Document: %v", items[:min(3, len(items))])
			}
			// Page numbers and running heads are artifacts. The labels
			// are the locale's; the English pages say "Page 1 of".
			if strings.Contains(name, ".en.") && strings.Contains(text.String(), "Page 1 of") {
				t.Error("the page number is in the structure tree")
			}
		})
	}
}
