package pdf_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/render/pdf"
	"github.com/polypress/polypress/pipeline/text"
)

// TestLongEditionLaidOutAhead: on several cores, a long edition's
// paragraphs are laid out ahead on other goroutines, its recording
// matches every request the composer makes in order, and the file is
// the one a single core makes; the same statements are built on one core
// and several by build.TestSameBytesOnEveryCore, whose comparison would
// be empty without this path. On one core, and for the sample, nothing
// is laid out ahead.
func TestLongEditionLaidOutAhead(t *testing.T) {
	env, err := build.NewEnv(build.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang string
		n    int
	}{{"en", 300}, {"ur", 120}} {
		t.Run(c.lang, func(t *testing.T) {
			dir := t.TempDir()
			path, err := bench.WriteLang(dir, c.lang, c.n)
			if err != nil {
				t.Fatal(err)
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ed, err := bench.Input{Name: c.lang, Path: filepath.Join(dir, "statement.md"), Src: src}.Edition(env)
			if err != nil {
				t.Fatal(err)
			}
			render := func(procs int) ([]byte, []text.AheadStats) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				var stats []text.AheadStats
				defer pdf.OnLaidOutAhead(func(s text.AheadStats) { stats = append(stats, s) })()
				var out bytes.Buffer
				opts := pdf.Options{Layout: env.Layout, Shaper: text.NewShaper(env.Library), Created: time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC)}
				if _, err := pdf.Render(&out, ed, opts); err != nil {
					t.Fatal(err)
				}
				return out.Bytes(), stats
			}
			one, stats1 := render(1)
			if len(stats1) != 0 {
				t.Errorf("laid out ahead on one core: %+v", stats1)
			}
			many, stats := render(4)
			if len(stats) != 1 {
				t.Fatalf("laid out ahead %d times on four cores, want once", len(stats))
			}
			s := stats[0]
			if s.Recorded < 100 || s.Served != s.Recorded || s.Ahead == 0 {
				t.Errorf("%+v: want every recorded request served, some laid out on other goroutines", s)
			}
			if !bytes.Equal(one, many) {
				t.Errorf("the PDF on four cores differs from the one on one core")
			}
		})
	}
	t.Run("sample", func(t *testing.T) {
		root, err := bench.ModuleRoot()
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(root, bench.SamplePath)
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ed, err := bench.Input{Name: "sample", Path: path, Src: src}.Edition(env)
		if err != nil {
			t.Fatal(err)
		}
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
		called := false
		defer pdf.OnLaidOutAhead(func(text.AheadStats) { called = true })()
		opts := pdf.Options{Layout: env.Layout, Shaper: text.NewShaper(env.Library)}
		if _, err := pdf.Render(new(bytes.Buffer), ed, opts); err != nil {
			t.Fatal(err)
		}
		if called {
			t.Errorf("the sample was laid out ahead: it is too short to pay for composing twice")
		}
	})
}
