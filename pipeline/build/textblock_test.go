package build

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
	"github.com/polypress/polypress/pipeline/layout"
)

var (
	letterOnce sync.Once
	letterRes  *Result
	letterErr  error
)

// letterSamples builds the sample PDFs again in the letter layout.
func letterSamples(t *testing.T) *Result {
	t.Helper()
	letterOnce.Do(func() {
		dir := filepath.Join(filepath.Dir(sampleDirOf(t)), "letter")
		letterRes, letterErr = Build(Config{Paths: samplePaths, OutDir: dir, Layout: "letter", Formats: []string{"pdf"},
			Epoch: time.Unix(1593000000, 0).UTC()})
		// The parallel editions, in the letter layout too.
		for _, cfg := range []Config{parallelSampleConfig(dir + "-parallel"), officialParallelConfig(dir + "-official")} {
			if letterErr != nil {
				break
			}
			cfg.Layout, cfg.Formats = "letter", []string{"pdf"}
			var res *Result
			if res, letterErr = Build(cfg); letterErr == nil {
				letterRes.Artifacts = append(letterRes.Artifacts, parallelOnly(res)...)
			}
		}
	})
	if letterErr != nil {
		t.Fatalf("building the samples in the letter layout: %v", letterErr)
	}
	return letterRes
}

func sampleDirOf(t *testing.T) string {
	dir, _ := builtSamples(t)
	return dir
}

// parallelOnly are the parallel editions a build wrote (a parallel
// build also writes the single-language editions they link to).
func parallelOnly(res *Result) []Artifact {
	var out []Artifact
	for _, a := range res.Artifacts {
		if len(a.Parallel) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// samplePDFs are every sample PDF, the parallel editions included, in
// both built-in layouts, with the layout each was set in.
func samplePDFs(t *testing.T) map[string][]Artifact {
	_, res := builtSamples(t)
	briefing := artifacts(res, "pdf")
	for _, r := range []*Result{parallelRes, officialRes} {
		briefing = append(briefing, artifacts(&Result{Artifacts: parallelOnly(r)}, "pdf")...)
	}
	return map[string][]Artifact{"briefing": briefing, "letter": artifacts(letterSamples(t), "pdf")}
}

// textBlock is the horizontal extent of a layout's text block on a page
// of an edition in direction dir, in points from the page's left edge.
func textBlock(l *layout.Layout, dir doc.Direction) (left, right float64) {
	start, end := float64(l.Margins.Start), float64(l.Margins.End)
	if dir == doc.RTL {
		start, end = end, start
	}
	return start, float64(l.Page.Width) - end
}

func direction(locale string) doc.Direction {
	switch strings.SplitN(locale, "-", 2)[0] {
	case "ar", "ur", "fa", "he":
		return doc.RTL
	}
	return doc.LTR
}

// cjkClosing are the full-width marks whose blank half the text engine
// removes at a line end.
const cjkClosing = "、。，．；：？！」』）］｝】〉》〕〗〙〛"

// outsideTextBlock lists the lines of pages that pdftotext finds outside
// the text block between left and right, or above the running head's or
// below the page number's line, each as "page N: text (how far)".
func outsideTextBlock(pages []validate.PDFPage, l *layout.Layout, left, right float64) []string {
	// pdftotext's boxes are the font's ascent and descent around the
	// baseline; half a point covers its rounding.
	const tol = 0.5
	top := float64(l.Running.HeaderOffset) - 2*l.Running.Size
	var out []string
	for pi, p := range pages {
		bottom := p.Height - float64(l.Running.FooterOffset) + l.Running.Size
		for _, b := range p.Blocks {
			for _, ln := range b {
				var why []string
				if d := left - ln.XMin; d > tol {
					why = append(why, fmt.Sprintf("%.1f pt past the left edge", d))
				}
				end := right
				if w := ln.Text(); w != "" && strings.ContainsRune(cjkClosing, []rune(w)[len([]rune(w))-1]) {
					// A full-width mark ending a line gives up its blank
					// half (CLREQ, JLREQ): its ink is inside the measure,
					// the box pdftotext gives it, a whole em, is not.
					end += (ln.YMax - ln.YMin) / 2
				}
				if d := ln.XMax - end; d > tol {
					why = append(why, fmt.Sprintf("%.1f pt past the right edge", d))
				}
				if ln.YMin < top-tol || ln.YMax > bottom+tol {
					why = append(why, fmt.Sprintf("from %.1f to %.1f pt down the page", ln.YMin, ln.YMax))
				}
				if why != nil {
					out = append(out, fmt.Sprintf("page %d: %q %s", pi+1, ln.Text(), strings.Join(why, ", ")))
				}
			}
		}
	}
	return out
}

// TestSamplePDFsInsideTheTextBlock reads every sample PDF, in the briefing
// (A4) and letter layouts, as pdftotext lays out its text, and checks that
// every line — titles, subtitles, running heads, contents entries, cover
// texts, contributors, clause markers — lies within the margins of its
// page, and between the running head and the page number.
func TestSamplePDFsInsideTheTextBlock(t *testing.T) {
	for name, pdfs := range samplePDFs(t) {
		l, err := layout.Load(layouts.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range pdfs {
			left, right := textBlock(l, direction(a.Locale))
			pages := validate.PDFLayout(t, a.Path)
			if len(pages) != a.Pages {
				t.Errorf("%s %s: pdftotext reads %d pages of %d", name, filepath.Base(a.Path), len(pages), a.Pages)
			}
			for _, o := range outsideTextBlock(pages, l, left, right) {
				t.Errorf("%s %s %s", name, filepath.Base(a.Path), o)
			}
		}
	}
}
