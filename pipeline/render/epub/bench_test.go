package epub_test

import (
	"io"
	"os"
	"testing"
	"time"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/pipeline/render/epub"
)

// BenchmarkRender renders English editions to EPUB: XHTML, package
// documents, zip. Parsing and localizing are done before the timer.
func BenchmarkRender(b *testing.B) {
	_, eds := bench.Editions(b)
	css, err := os.ReadFile("../../../layouts/epub.css")
	if err != nil {
		b.Fatal(err)
	}
	opts := epub.Options{CSS: css, Modified: time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC), Generator: "polypress bench"}
	for _, in := range eds {
		ed := in.Edition
		b.Run(in.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := epub.Render(io.Discard, ed, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
