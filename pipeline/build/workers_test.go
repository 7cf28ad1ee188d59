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

// TestSameBytesOnEveryCore builds the samples (every language, every
// format, the pack) and a 300-clause statement, long enough for its
// paragraphs to be laid out on several goroutines, on one core and on
// several, where files are rendered side by side, and wants the same
// files, byte for byte.
func TestSameBytesOnEveryCore(t *testing.T) {
	root, err := bench.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	sample, err := bench.Sample()
	if err != nil {
		t.Fatal(err)
	}
	src, err := bench.Statement(sample, 300)
	if err != nil {
		t.Fatal(err)
	}
	long := filepath.Join(t.TempDir(), "long")
	if err := os.MkdirAll(long, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(long, "statement.md"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	paths := []string{long}
	for _, p := range []string{"samples/oic-contact-group-2020", "samples/world-scripts", "samples/briefing-pack"} {
		paths = append(paths, filepath.Join(root, p))
	}
	env, err := build.NewEnv(build.Config{})
	if err != nil {
		t.Fatal(err)
	}
	run := func(procs int) (string, *build.Result) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		out := filepath.Join(t.TempDir(), "dist")
		res, err := env.Build(build.Config{Paths: paths, OutDir: out, Epoch: time.Unix(1593000000, 0).UTC()})
		if err != nil {
			t.Fatalf("GOMAXPROCS=%d: %v", procs, err)
		}
		return out, res
	}
	one, res1 := run(1)
	many, resN := run(max(4, runtime.NumCPU()))
	if len(res1.Artifacts) != len(resN.Artifacts) || len(res1.Artifacts) < 20 {
		t.Fatalf("%d files on one core, %d on several", len(res1.Artifacts), len(resN.Artifacts))
	}
	for i, a := range res1.Artifacts {
		b := resN.Artifacts[i]
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
}
