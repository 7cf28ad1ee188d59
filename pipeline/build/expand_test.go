package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A folder given to build is searched by the rules every command finds
// its inputs by (source.Find): statement folders and pack.yaml files,
// hidden folders skipped, no link below the folder followed, the folder
// itself followed when it is a link.
func TestExpandFindsInputsAsEveryCommandDoes(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	for _, f := range []string{"proj/b/statement.md", "proj/a/pack.yaml", "proj/a/s/statement.md", "proj/.git/x/statement.md", "proj/notes/ci.yaml"} {
		p := filepath.Join(root, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o644)
	}
	os.MkdirAll(filepath.Join(outside, "o"), 0o755)
	os.WriteFile(filepath.Join(outside, "o", "statement.md"), nil, 0o644)
	if err := os.Symlink(outside, filepath.Join(root, "proj", "out-link")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(filepath.Join(root, "proj"), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(root, "proj")
	want := []string{filepath.Join(proj, "a", "pack.yaml"), filepath.Join(proj, "a", "s"), filepath.Join(proj, "b")}
	got, probs := Expand([]string{proj})
	if len(probs) > 0 || !slices.Equal(got, want) {
		t.Errorf("Expand(proj) = %q, %v; want %q", got, probs, want)
	}
	// Through a link to the folder: the same inputs, under the link.
	link := filepath.Join(root, "link")
	got, probs = Expand([]string{link})
	if len(probs) > 0 || len(got) != 3 || !strings.HasPrefix(got[0], link) {
		t.Errorf("Expand(link) = %q, %v; want the three inputs under the link", got, probs)
	}
	// A folder with nothing in it is an error naming it.
	empty := filepath.Join(root, "empty")
	os.MkdirAll(empty, 0o755)
	if got, probs := Expand([]string{empty}); len(got) != 0 || len(probs) != 1 || !strings.HasPrefix(probs[0].Error(), empty+": no statement.md or pack.yaml") {
		t.Errorf("Expand(empty) = %q, %v", got, probs)
	}
}
