package release

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/build"
)

const good = "../../cmd/polypress/testdata/good"

// The output folder is refused, with nothing touched, when it is, holds or
// lies inside an input, or holds files a release did not write (issue 18,
// finding 1).
func TestOutputFolderRules(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if err := os.CopyFS(src, os.DirFS(good)); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "foreign")
	os.MkdirAll(filepath.Join(foreign, "sub"), 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644)
	for _, tt := range []struct{ out, want string }{
		{src, "it is the input"},
		{dir, "it contains the input"},
		{filepath.Join(src, "dist"), "it lies inside the input"},
		{foreign, "it holds files a release did not write (notes.txt, sub/)"},
		{filepath.Join(src, "statement.md"), "it lies inside the input"},
	} {
		_, err := Release(context.Background(), Options{Paths: []string{src}, OutDir: tt.out, Epoch: epoch})
		var oe *build.OutDirError
		if !errors.As(err, &oe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("--out %s: %v, want %q", tt.out, err, tt.want)
		}
		noSideFolders(t, tt.out)
	}
	if got := tree(t, foreign); len(got) != 1 || got["notes.txt"] != "mine" {
		t.Errorf("a refused release changed the foreign folder: %v", got)
	}
}

// With Force, a release goes into a foreign folder file by file, all or
// nothing, and deletes nothing.
func TestForceReplacesFileByFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	os.MkdirAll(filepath.Join(out, "good.fr.pdf", "in-the-way"), 0o755)
	os.WriteFile(filepath.Join(out, "good.en.pdf"), []byte("an old file"), 0o644)
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
	before := tree(t, out)
	if _, err := Release(context.Background(), Options{Paths: []string{good}, OutDir: out, Epoch: epoch, Force: true}); err == nil {
		t.Fatal("a release over a folder named like an artifact succeeded")
	}
	sameTree(t, before, tree(t, out), "foreign folder after a failed forced release")
	noSideFolders(t, out)

	os.RemoveAll(filepath.Join(out, "good.fr.pdf"))
	m, err := Release(context.Background(), Options{Paths: []string{good}, OutDir: out, Epoch: epoch, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	got := tree(t, out)
	if got["notes.txt"] != "mine" || got["good.en.pdf"] == "an old file" || len(got) != len(m.Artifacts)+3 {
		t.Errorf("after a forced release the folder holds %d files", len(got))
	}
	checkSums(t, out)
	noSideFolders(t, out)
}

// A cancelled release returns at once, in planning as in rendering, even
// while an edition takes seconds to render, and leaves the output folder
// as it was (issue 18, finding 4).
func TestCancelReturnsPromptly(t *testing.T) {
	long := filepath.Join(t.TempDir(), "long")
	var b strings.Builder
	b.WriteString("---\nid: long\ntitle: Long\ndate: 2020-06-22\nlang: en\n---\nThe meeting:\n\n")
	for i := range 10000 {
		fmt.Fprintf(&b, "%d. Clause %d, long enough to fill a line or two of the page with words that need setting.\n", i+1, i+1)
	}
	os.MkdirAll(long, 0o755)
	os.WriteFile(filepath.Join(long, "statement.md"), []byte(b.String()), 0o644)
	for _, when := range []string{"plan", "render"} {
		t.Run(when, func(t *testing.T) {
			_, out := release(t, Options{Paths: []string{good}})
			before := tree(t, out)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var cancelled time.Time
			if when == "plan" {
				time.AfterFunc(20*time.Millisecond, func() { cancelled = time.Now(); cancel() })
			}
			_, err := Release(ctx, Options{Paths: []string{long}, OutDir: out, Epoch: epoch, Workers: 1,
				Event: func(e Event) {
					if e.Type == "plan" && when == "render" {
						time.AfterFunc(50*time.Millisecond, func() { cancelled = time.Now(); cancel() })
					}
				}})
			took := time.Since(cancelled)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("release: %v, want it cancelled", err)
			}
			if took > time.Second {
				t.Errorf("the release returned %v after it was cancelled", took.Round(time.Millisecond))
			}
			sameTree(t, before, tree(t, out), "release folder after a cancelled release")
			noSideFolders(t, out)
		})
	}
}

// Shard counts are bounded before anything is allocated, from a flag or a
// manifest, and merge copies only regular files of the size the manifest
// gives (issue 18, findings 4 and 5).
func TestMergeRefusesHostileManifests(t *testing.T) {
	if _, err := ParseShard("1/9000000000000000000"); err == nil {
		t.Error("ParseShard accepted 9e18 shards")
	}
	if _, err := Release(context.Background(), Options{Paths: []string{good}, OutDir: filepath.Join(t.TempDir(), "o"), Shard: Shard{1, 1 << 40}}); err == nil {
		t.Error("Release accepted 2^40 shards")
	}
	_, s1 := release(t, Options{Paths: []string{good}, Shard: Shard{1, 2}})
	_, s2 := release(t, Options{Paths: []string{good}, Shard: Shard{2, 2}})
	edit := func(dir, old, new string) string {
		t.Helper()
		cp := filepath.Join(t.TempDir(), "shard")
		if err := os.CopyFS(cp, os.DirFS(dir)); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(filepath.Join(cp, ManifestName))
		if !strings.Contains(string(data), old) {
			t.Fatalf("manifest lacks %q", old)
		}
		os.WriteFile(filepath.Join(cp, ManifestName), []byte(strings.Replace(string(data), old, new, 1)), 0o644)
		return cp
	}
	m, _ := ReadManifest(s2)
	name := m.Artifacts[0].Path
	grown := edit(s2, "", "")
	os.WriteFile(filepath.Join(grown, name), make([]byte, m.Artifacts[0].Bytes+1<<20), 0o644)
	for _, tt := range []struct {
		name string
		dir  string
		want string
	}{
		{"huge shard count", edit(s2, `"shard": "2/2"`, `"shard": "2/3000000000"`), `shard "2/3000000000": want K/N`},
		{"path with a folder", edit(s2, `"path": "`+name, `"path": "../`+name), "is not a file of the folder"},
		{"manifest as artifact", edit(s2, `"path": "`+name, `"path": "manifest.json`), "is not a file of the folder"},
		{"bigger than its manifest says", grown, fmt.Sprintf("%d bytes, but its manifest says %d", m.Artifacts[0].Bytes+1<<20, m.Artifacts[0].Bytes)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, err := Merge(context.Background(), []string{s1, tt.dir}, MergeOptions{OutDir: out})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("merge: %v, want %q", err, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a refused merge made its output folder")
			}
		})
	}
}
