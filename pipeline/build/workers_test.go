package build

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestSameBytesOnEveryCore builds the samples (every language, every
// format, the pack) on one core and on several, where editions are
// rendered side by side and long ones laid out in parallel, and wants the
// same files, byte for byte.
func TestSameBytesOnEveryCore(t *testing.T) {
	env, err := NewEnv(Config{})
	if err != nil {
		t.Fatal(err)
	}
	build := func(procs int) (string, *Result) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		out := filepath.Join(t.TempDir(), "dist")
		res, err := env.Build(Config{Paths: samplePaths, OutDir: out, Epoch: time.Unix(1593000000, 0).UTC()})
		if err != nil {
			t.Fatalf("GOMAXPROCS=%d: %v", procs, err)
		}
		return out, res
	}
	one, res1 := build(1)
	many, resN := build(max(4, runtime.NumCPU()))
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
