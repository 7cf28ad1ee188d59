package localize

import (
	"io/fs"
	"testing"

	"github.com/polypress/polypress/locales"
)

// FuzzLoad feeds arbitrary text as fr.toml beside the shipped en.toml: Load
// must return a catalog or positioned errors, never panic, and a catalog
// that loads must localize with no empty label.
func FuzzLoad(f *testing.F) {
	names, err := fs.Glob(locales.FS, "*.toml")
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range names {
		f.Add(shippedFile(f, n))
	}
	f.Add("[_conventions]\nletters = []\n")
	f.Add("[contents]\nother = \"{{.Page\"\n")
	f.Add("x = [1, 2]\n[[y]]\n")
	en := shippedFile(f, "en.toml")
	f.Fuzz(func(t *testing.T, fr string) {
		c, err := Load(mapFS(map[string]string{"en.toml": en, "fr.toml": fr}), ".")
		if err != nil {
			return
		}
		_ = c.Check()
		canonical := statement()
		ed, err := c.Localize(translation(canonical, "fr"), canonical, "fr", Options{})
		if err != nil {
			return
		}
		for _, s := range []string{ed.KindLabel, ed.DateLine, ed.Original, ed.Labels.AboutAuthors, ed.Labels.Contents, ed.Labels.Draft, ed.Labels.Authors, ed.Labels.PageOf(1, 2)} {
			if s == "" {
				t.Errorf("empty label in %+v", ed.Labels)
			}
		}
		for _, l := range labels(ed.Body) {
			if l[len(l)-1] == '=' {
				t.Errorf("empty clause label %q", l)
			}
		}
	})
}
