package build

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render"
)

// A locale is served only by a body in its own language: with a
// Norwegian translation and no Danish one, a Danish edition is an error
// naming what exists, never Norwegian text under Danish labels (x/text
// rates da → nb a High-confidence match). A pack's Danish edition fails
// the same way, at the statement that lacks the text.
func TestLocaleNeverServedByAnotherLanguage(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(goodStatement, "statement.md"))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := os.ReadFile(filepath.Join(goodStatement, "statement.fr.md"))
	if err != nil {
		t.Fatal(err)
	}
	st := filepath.Join(dir, "s")
	os.MkdirAll(st, 0o755)
	os.WriteFile(filepath.Join(st, "statement.md"), src, 0o644)
	os.WriteFile(filepath.Join(st, "statement.nb.md"), []byte(strings.Replace(string(tr), "lang: fr", "lang: nb", 1)), 0o644)
	os.WriteFile(filepath.Join(dir, "pack.yaml"), []byte("id: p\ntitle: P\ndate: 2024-01-15\nstatements:\n  - s\n"), 0o644)
	for _, tt := range []struct {
		path, locale, want string
	}{
		{st, "da", "no body text for locale da (the statement exists in en, nb)"},
		{st, "nn", "no body text for locale nn (the statement exists in en, nb)"},
		{filepath.Join(dir, "pack.yaml"), "da", "no body text for locale da"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		_, err := Build(Config{Paths: []string{tt.path}, Locales: []string{tt.locale}, Formats: []string{"epub"}, OutDir: out, Epoch: time.Unix(1593000000, 0)})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("build %s --locales %s: %v, want an error saying %q", tt.path, tt.locale, err, tt.want)
		}
		if entries, _ := os.ReadDir(out); len(entries) > 0 {
			t.Errorf("build %s --locales %s wrote %d files", tt.path, tt.locale, len(entries))
		}
	}
	// The language itself, and a regional variant of it, are served.
	for _, loc := range []string{"nb", "nb-NO", "no"} {
		out := filepath.Join(t.TempDir(), "out")
		if _, err := Build(Config{Paths: []string{st}, Locales: []string{loc}, Formats: []string{"epub"}, OutDir: out, Epoch: time.Unix(1593000000, 0)}); err != nil {
			t.Errorf("build --locales %s: %v", loc, err)
		}
	}
}

// broken is a format whose renderer always fails, as a renderer bug or a
// limit of a writer would.
type broken struct{}

func (broken) Info() render.Info { return render.Info{Name: "broken", Ext: "broken"} }
func (broken) Render(io.Writer, *doc.Edition, render.Options) (render.Result, error) {
	return render.Result{}, errors.New("the writer gave up")
}
func (broken) RenderPack(io.Writer, *doc.PackEdition, render.Options) (render.Result, error) {
	return render.Result{}, errors.New("the writer gave up")
}

// A renderer's error names the input it came from, as every error about
// input does: the file whose text the edition shows, and the file it was
// making.
func TestRenderErrorsNameTheirSource(t *testing.T) {
	render.Register(broken{})
	defer render.Deregister("broken")
	out := filepath.Join(t.TempDir(), "out")
	_, err := Build(Config{Paths: []string{goodStatement}, Locales: []string{"fr"}, Formats: []string{"broken"}, OutDir: out, Epoch: time.Unix(1593000000, 0)})
	l := diag.Flatten(err)
	want := filepath.Join(goodStatement, "statement.fr.md") + ": good.fr.broken cannot be made: the writer gave up"
	if len(l) != 1 || l[0].Error() != want {
		t.Errorf("Build: %v, want %q", err, want)
	}
}
