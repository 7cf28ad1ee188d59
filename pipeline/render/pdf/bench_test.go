package pdf_test

import (
	"io"
	"testing"
	"time"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/pipeline/render/pdf"
	"github.com/polypress/polypress/pipeline/text"
)

// BenchmarkRender renders English editions to PDF: composition (shaping
// and line breaking included), pagination, content streams written page
// by page, font subsets, structure tree. Parsing and localizing are done
// before the timer.
func BenchmarkRender(b *testing.B) {
	env, eds := bench.Editions(b)
	for _, in := range eds {
		ed := in.Edition
		opts := pdf.Options{Layout: env.Layout, Shaper: text.NewShaper(env.Library), Created: time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC), Creator: "polypress bench"}
		b.Run(in.Name, func(b *testing.B) {
			b.ReportAllocs()
			var pages int
			for b.Loop() {
				r, err := pdf.Render(io.Discard, ed, opts)
				if err != nil {
					b.Fatal(err)
				}
				pages = r.Pages
			}
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
