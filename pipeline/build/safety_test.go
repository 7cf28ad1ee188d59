package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/atomicfile"
	"github.com/polypress/polypress/pipeline/text"
)

const goodStatement = "../../cmd/polypress/testdata/good"

// files lists the names in dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// A panic while rendering is an error naming what was being built, and
// leaves no temporary file (issue 18, finding 6).
func TestPanicLeavesNoTemporaries(t *testing.T) {
	out := t.TempDir()
	var calls atomic.Int32 // renderers run on several goroutines
	old := renderBytes
	defer func() { renderBytes = old }()
	renderBytes = func(env *Env, sh *text.Shaper, j job, cfg Config) (Artifact, []byte, error) {
		if calls.Add(1) == 3 {
			panic("renderer bug")
		}
		return old(env, sh, j, cfg)
	}
	_, err := Build(Config{Paths: []string{goodStatement}, OutDir: out, Epoch: time.Unix(1593000000, 0)})
	if err == nil || !strings.Contains(err.Error(), "internal error while building "+filepath.Join(out, "good.")) || !strings.HasSuffix(err.Error(), ": renderer bug; please report it") {
		t.Errorf("Build: %v", err)
	}
	if got := files(t, out); len(got) != 0 {
		t.Errorf("a build that panicked left %v", got)
	}
}

// A failure while renaming puts back every file already replaced.
func TestRenameFailureKeepsTheOldFiles(t *testing.T) {
	out := t.TempDir()
	cfg := Config{Paths: []string{goodStatement}, OutDir: out, Epoch: time.Unix(1500000000, 0)}
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	before := map[string]string{}
	for _, f := range files(t, out) {
		data, _ := os.ReadFile(filepath.Join(out, f))
		before[f] = string(data)
	}
	old := renameAll
	defer func() { renameAll = old }()
	var blocked string
	renameAll = func(moves []atomicfile.Move) error {
		blocked = filepath.Base(moves[len(moves)-1].Path)
		// The last destination turns into a folder between the check and
		// the rename.
		os.Remove(moves[len(moves)-1].Path)
		os.MkdirAll(filepath.Join(moves[len(moves)-1].Path, "x"), 0o755)
		return old(moves)
	}
	cfg.Epoch = time.Unix(1593000000, 0)
	if _, err := Build(cfg); err == nil {
		t.Fatal("Build over a folder succeeded")
	}
	for _, f := range files(t, out) {
		if f == blocked {
			continue // the last destination: the folder put in the way
		}
		data, _ := os.ReadFile(filepath.Join(out, f))
		if want, ok := before[f]; !ok || string(data) != want {
			t.Errorf("%s changed or appeared after a failed build", f)
		}
	}
}

// Every destination is checked before anything is rendered: a folder in
// place of one file fails the build with every other file untouched.
func TestDestinationsAreCheckedFirst(t *testing.T) {
	out := t.TempDir()
	if err := os.MkdirAll(filepath.Join(out, "good.en.epub", "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(out, "good.fr.pdf")); err != nil {
		t.Fatal(err)
	}
	var rendered atomic.Int32
	old := renderBytes
	defer func() { renderBytes = old }()
	renderBytes = func(env *Env, sh *text.Shaper, j job, cfg Config) (Artifact, []byte, error) {
		rendered.Add(1)
		return old(env, sh, j, cfg)
	}
	_, err := Build(Config{Paths: []string{goodStatement}, OutDir: out})
	if err == nil || !strings.Contains(err.Error(), "good.en.epub: it is a folder, not a regular file") || !strings.Contains(err.Error(), "good.fr.pdf: it is a symbolic link, not a regular file") {
		t.Errorf("Build: %v", err)
	}
	if n := rendered.Load(); n != 0 {
		t.Errorf("%d files rendered before the destinations were checked", n)
	}
	if got := files(t, out); len(got) != 2 {
		t.Errorf("output folder holds %v", got)
	}
}

func TestOutDirOverInputs(t *testing.T) {
	dir := t.TempDir()
	st := filepath.Join(dir, "st")
	if err := os.CopyFS(st, os.DirFS(goodStatement)); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	os.Symlink(st, link)
	for _, tt := range []struct {
		out  string
		cfg  Config
		want string
	}{
		{st, Config{Paths: []string{st}}, "it is the input"},
		{link, Config{Paths: []string{st}}, "it is the input"}, // the same folder through a link
		{dir, Config{Paths: []string{st}}, "it contains the input"},
		{filepath.Join(st, "out"), Config{Paths: []string{st}}, "it lies inside the input"},
		{filepath.Join(st, "out"), Config{Paths: []string{filepath.Join(st, "statement.md")}}, ""},
		{dir, Config{Paths: []string{filepath.Join(st, "statement.md")}}, "it contains the input"},
		{filepath.Join(dir, "fonts", "out"), Config{Paths: []string{st}, FontDirs: []string{filepath.Join(dir, "fonts")}}, "it lies inside the input"},
		{filepath.Join(st, "statement.md"), Config{Paths: []string{goodStatement}}, "it exists and is not a folder"},
	} {
		os.MkdirAll(filepath.Join(dir, "fonts"), 0o755)
		err := CheckOutDir(tt.out, tt.cfg.inputs())
		var oe *OutDirError
		if tt.want == "" {
			if err != nil {
				t.Errorf("--out %s: %v", tt.out, err)
			}
			continue
		}
		if !errors.As(err, &oe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("--out %s: %v, want %q", tt.out, err, tt.want)
		}
	}
}
