package build_test

import (
	"path/filepath"
	"testing"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/pipeline/build"
)

// BenchmarkBuild runs the whole pipeline for one English edition in PDF
// and EPUB, files written, with the environment (fonts, locale files,
// layout) loaded once beforehand as a process does.
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	env, err := build.NewEnv(build.Config{})
	if err != nil {
		b.Fatal(err)
	}
	ins, err := bench.Inputs(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range ins {
		b.Run(in.Name, func(b *testing.B) {
			b.ReportAllocs()
			cfg := build.Config{Paths: []string{in.Path}, Locales: []string{"en"}, OutDir: filepath.Join(dir, "out-"+in.Name)}
			for b.Loop() {
				if _, err := env.Build(cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEnv loads the fonts, locale files and layout, which a process
// does once for all its editions.
func BenchmarkEnv(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := build.NewEnv(build.Config{}); err != nil {
			b.Fatal(err)
		}
	}
}
