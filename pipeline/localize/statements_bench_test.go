package localize_test

import (
	"testing"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/locales"
	"github.com/polypress/polypress/pipeline/localize"
)

// BenchmarkLocalizeStatements turns parsed statements into English editions: labels,
// dates, clause markers. Parsing is done before the timer starts.
func BenchmarkLocalizeStatements(b *testing.B) {
	cat, err := localize.Load(locales.FS, ".")
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range bench.MustInputs(b) {
		d, err := in.Parse()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(in.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := cat.Localize(d, d, "en", localize.Options{CanonicalLang: "en"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
