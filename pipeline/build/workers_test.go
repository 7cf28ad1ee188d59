package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/pipeline/build"
)

// TestSameBytesOnEveryCore builds the samples (the communiqué in English,
// French, Arabic and Urdu, the mixed-script sample and the briefing pack,
// every format), the communiqué's parallel editions, and generated
// statements of 300 English and 120 Urdu clauses, long enough for their
// paragraphs to be laid out ahead on several goroutines (see
// pdf.TestLongEditionLaidOutAhead), on one core and on several, where
// files are also rendered side by side; and wants the same files, byte
// for byte.
func TestSameBytesOnEveryCore(t *testing.T) {
	root, err := bench.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, g := range []struct {
		lang string
		n    int
	}{{"en", 300}, {"ur", 120}} {
		dir := filepath.Join(t.TempDir(), "long-"+g.lang)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := bench.WriteLang(dir, g.lang, g.n); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, dir)
	}
	oic := filepath.Join(root, "samples/oic-contact-group-2020")
	paths = append(paths, oic, filepath.Join(root, "samples/world-scripts"), filepath.Join(root, "samples/briefing-pack"))
	env, err := build.NewEnv(build.Config{})
	if err != nil {
		t.Fatal(err)
	}
	run := func(procs int) (string, []build.Artifact) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		out := filepath.Join(t.TempDir(), "dist")
		epoch := time.Unix(1593000000, 0).UTC()
		res, err := env.Build(build.Config{Paths: paths, OutDir: out, Epoch: epoch})
		if err != nil {
			t.Fatalf("GOMAXPROCS=%d: %v", procs, err)
		}
		arts := res.Artifacts
		res, err = env.Build(build.Config{Paths: []string{oic}, Locales: []string{"en"}, Parallel: [][]string{{"en", "fr"}, {"en", "ar"}}, OutDir: out, Epoch: epoch})
		if err != nil {
			t.Fatalf("GOMAXPROCS=%d, parallel editions: %v", procs, err)
		}
		return out, append(arts, res.Artifacts...)
	}
	one, arts1 := run(1)
	many, artsN := run(max(4, runtime.NumCPU()))
	if len(arts1) != len(artsN) {
		t.Fatalf("%d files on one core, %d on several", len(arts1), len(artsN))
	}
	formats := map[string]int{}
	locales := map[string]bool{}
	for i, a := range arts1 {
		formats[a.Format]++
		locales[a.Locale] = true
		b := artsN[i]
		name := filepath.Base(a.Path)
		if name != filepath.Base(b.Path) || a.SHA256 != b.SHA256 || a.Pages != b.Pages {
			t.Errorf("artifact %d: %s %s on one core, %s %s on several", i, name, a.SHA256, filepath.Base(b.Path), b.SHA256)
		}
		x, err := os.ReadFile(filepath.Join(one, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(many, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between one core and several", name)
		}
	}
	// What the comparison covered, so that it cannot pass by building
	// less than it says.
	for _, f := range []string{"pdf", "epub", "html"} {
		if formats[f] < 8 {
			t.Errorf("%d %s files compared, want 8 or more", formats[f], f)
		}
	}
	for _, l := range []string{"en", "fr", "ar", "ur", "en-fr", "en-ar"} {
		if !locales[l] {
			t.Errorf("no %s edition compared", l)
		}
	}
}
