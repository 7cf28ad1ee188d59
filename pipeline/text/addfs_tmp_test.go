package text

import (
	"testing"

	"github.com/polypress/polypress/fonts"
)

func BenchmarkAddFSTmp(b *testing.B) {
	for b.Loop() {
		if err := NewLibrary().AddFS(fonts.FS, "fonts"); err != nil {
			b.Fatal(err)
		}
	}
}
