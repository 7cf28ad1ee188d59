package release

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A pack is recorded with the layout it is set in — its manifest's, with
// that layout's bases — and with its logo among the sources: the manifest
// once said "briefing" and layouts/briefing.toml for a pack set in letter,
// and left the logo out.
func TestManifestRecordsPackLayoutAndLogo(t *testing.T) {
	root := filepath.Join(t.TempDir(), "src")
	good, err := os.ReadFile("../../cmd/polypress/testdata/good/statement.md")
	if err != nil {
		t.Fatal(err)
	}
	logo, err := os.ReadFile("../../samples/briefing-pack/logo.png")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"p/pack.yaml":       []byte("id: p\ntitle: P\ndate: 2024-01-15\nlogo: logo.png\nlayout: letter\nstatements:\n  - s1\n"),
		"p/logo.png":        logo,
		"p/s1/statement.md": good,
		"q/pack.yaml":       []byte("id: q\ntitle: Q\ndate: 2024-01-15\nlayout: house.toml\nstatements:\n  - s1\n"),
		"q/house.toml":      []byte("base = \"letter\"\n[body]\nsize = 11\n"),
		"q/s1/statement.md": []byte(string(good[:len("---\nid: ")]) + "q" + string(good[len("---\nid: good"):])),
	}
	for name, data := range files {
		path := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := release(t, Options{Paths: []string{filepath.Join(root, "p", "pack.yaml"), filepath.Join(root, "q", "pack.yaml")}})
	sum := sha256.Sum256(logo)
	want := map[string]struct {
		layout  string
		sources []string
	}{
		"p": {"letter", []string{"p/logo.png", "polypress:layouts/letter.toml", "polypress:layouts/briefing.toml"}},
		"q": {"q/house.toml", []string{"q/house.toml", "polypress:layouts/letter.toml", "polypress:layouts/briefing.toml"}},
	}
	found := 0
	for _, e := range m.Artifacts {
		w, ok := want[e.ID]
		if !ok {
			continue
		}
		found++
		if e.Layout != w.layout {
			t.Errorf("%s: layout %q, want %q", e.Path, e.Layout, w.layout)
		}
		var paths []string
		for _, s := range e.Sources {
			paths = append(paths, s.Path)
			if s.Path == "p/logo.png" && s.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("%s: the logo's digest is not its content's", e.Path)
			}
		}
		for _, s := range w.sources {
			if !slices.Contains(paths, s) {
				t.Errorf("%s: sources %v lack %s", e.Path, paths, s)
			}
		}
	}
	if found != 6 {
		t.Errorf("%d artifacts of the two packs, want 6", found)
	}
}
