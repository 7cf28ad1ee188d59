package source_test

import (
	"testing"

	"github.com/polypress/polypress/bench"
)

// BenchmarkParse parses the sample and the generated statements (see
// bench/): front matter, Markdown, clause numbering, line checks.
func BenchmarkParse(b *testing.B) {
	for _, in := range bench.MustInputs(b) {
		b.Run(in.Name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.Src)))
			for b.Loop() {
				if _, err := in.Parse(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
