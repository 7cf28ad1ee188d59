package localize

import (
	"testing"

	"github.com/polypress/polypress/locales"
	"golang.org/x/text/language"
)

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(locales.FS, "."); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPluralForms(b *testing.B) {
	for b.Loop() {
		if _, err := PluralForms(language.Arabic); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLocalize(b *testing.B) {
	c := shipped(b)
	canonical := statement()
	body := translation(canonical, "ar")
	for b.Loop() {
		if _, err := c.Localize(body, canonical, "ar", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
