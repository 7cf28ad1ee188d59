package build

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/internal/validate"
	"github.com/polypress/polypress/pipeline/layout"
)

// looseLines counts, from pdftotext's word boxes, the justified lines of
// a PDF (lines that end at the text block's end edge, a paragraph's last
// line excepted) and those whose mean word space is more than 1.7 times
// the median word space of the document's lines.
func looseLines(pages []validate.PDFPage, right float64) (loose, justified int) {
	var all, means []float64
	for _, p := range pages {
		for _, b := range p.Blocks {
			for i, ln := range b {
				if len(ln.Words) < 3 {
					continue
				}
				ws := slices.Clone(ln.Words)
				slices.SortFunc(ws, func(a, b validate.PDFWord) int {
					if a.XMin < b.XMin {
						return -1
					}
					return 1
				})
				var gaps []float64
				for j := 1; j < len(ws); j++ {
					if g := ws[j].XMin - ws[j-1].XMax; g > 0.3 {
						gaps = append(gaps, g)
					}
				}
				if len(gaps) == 0 {
					continue
				}
				all = append(all, gaps...)
				if i < len(b)-1 && ln.XMax > right-1.5 && ln.XMax < right+1.5 {
					sum := 0.0
					for _, g := range gaps {
						sum += g
					}
					means = append(means, sum/float64(len(gaps)))
				}
			}
		}
	}
	if len(all) == 0 {
		return 0, 0
	}
	slices.Sort(all)
	median := all[len(all)/2]
	for _, m := range means {
		if m > 1.7*median {
			loose++
		}
	}
	return loose, len(means)
}

// TestSamplePDFsLooseLines: in every English and French sample PDF, the
// briefing pack included, in the briefing (A4) and letter layouts, at
// most 5 % of justified lines have a mean word space above 1.7 times the
// median, the share WeasyPrint reaches on the same text.
func TestSamplePDFsLooseLines(t *testing.T) {
	for name, pdfs := range samplePDFs(t) {
		l, err := layout.Load(layouts.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range pdfs {
			if !strings.HasPrefix(a.Locale, "en") && !strings.HasPrefix(a.Locale, "fr") {
				continue
			}
			_, right := textBlock(l, direction(a.Locale))
			loose, n := looseLines(validate.PDFLayout(t, a.Path), right)
			t.Logf("%s %s: %d of %d justified lines loose", name, filepath.Base(a.Path), loose, n)
			if float64(loose) > 0.05*float64(n) {
				t.Errorf("%s %s: %d of %d justified lines loose, want at most 5 %%", name, filepath.Base(a.Path), loose, n)
			}
		}
	}
}
