package layout

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/fonts"
	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/text"
)

// A layout file's problems are reported all at once, each at its key (or
// value), as a locale file's are: unknown keys with the key they most
// resemble, values of the wrong type, values their type refuses.
func TestLayoutErrorsAllAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "house.toml")
	src := `base = "briefing"
nmae = "house"
[page]
width = "210mm"
hieght = "297mm"
[body]
size = "big"
clause_indent = "9 furlongs"
[colors]
text = "red"
[fonts.text]
fallback = "NotoSerif"
[fonts.text.scripts]
Latn = 12
[margin]
top = "1in"
[fonts.scale]
NotoSerif = "huge"
`
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(layouts.FS, path)
	if err == nil {
		t.Fatal("the layout loaded")
	}
	got := strings.ReplaceAll(err.Error(), path, "house.toml")
	want := `house.toml:2:1: unknown layout key "nmae"; did you mean "name"?
house.toml:5:1: unknown layout key "page.hieght"; did you mean "page.height"?
house.toml:7:1: body.size: want a number, not a text
house.toml:8:18: length "9 furlongs": want a number with a unit mm, cm, pt or in
house.toml:10:9: colour "red": want #rrggbb
house.toml:12:1: fonts.text.fallback: want a list in brackets, ["a", "b"], not a text
house.toml:14:1: fonts.text.scripts.Latn: want a text in quotes, not a whole number
house.toml:15:1: unknown layout key "margin"; did you mean "margins"?
house.toml:18:14: fonts.scale: want a factor from 0.3 to 3, "x-height" or "cap-height", not huge`
	if got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}

// Keys the layout files document decode as BurntSushi/toml's Decode did:
// a derived layout changes what it names and keeps the rest of its base.
func TestLayoutOverridesItsBase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "house.toml")
	src := "base = \"briefing\"\n[body]\nsize = 11\nclause_indent = 20\n[fonts.text.scripts]\nLatn = \"NotoSans\"\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Load(layouts.FS, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(layouts.FS, "briefing")
	if err != nil {
		t.Fatal(err)
	}
	if l.Body.Size != 11 || l.Body.ClauseIndent != 20 || l.Body.Leading != b.Body.Leading || l.Page != b.Page {
		t.Errorf("body %+v, page %+v; base body %+v", l.Body, l.Page, b.Body)
	}
	if l.Fonts.Text.Scripts["Latn"] != "NotoSans" || l.Fonts.Text.Scripts["Arab"] != b.Fonts.Text.Scripts["Arab"] {
		t.Errorf("scripts %v", l.Fonts.Text.Scripts)
	}
}

// A font family the library lacks is an error at the key that names it,
// with the family it most resembles.
func TestCheckFontsPositions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "house.toml")
	src := "base = \"briefing\"\n[fonts.text.scripts]\nLatn = \"NotoSerf\"\n[fonts.lang.ur]\nArab = \"Nastaliq\"\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Load(layouts.FS, path)
	if err != nil {
		t.Fatal(err)
	}
	lib := text.NewLibrary()
	if err := lib.AddFS(fonts.FS, "fonts"); err != nil {
		t.Fatal(err)
	}
	err = l.CheckFonts(lib)
	got := ""
	if err != nil {
		got = strings.ReplaceAll(err.Error(), path, "house.toml")
	}
	for _, want := range []string{
		`house.toml:3:1: fonts.text.scripts.Latn: no font family "NotoSerf"; did you mean "NotoSerif"?`,
		`house.toml:5:1: fonts.lang.ur.Arab: no font family "Nastaliq" (have `,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors:\n%s\nwant a line starting %q", got, want)
		}
	}
}

// FuzzLoad: a layout file of any bytes, beside a base it may name, never
// panics, and loads either to a layout whose numbers are finite and in
// range or to errors that each name one of the two files.
func FuzzLoad(f *testing.F) {
	for _, name := range Names(layouts.FS) {
		data, err := fs.ReadFile(layouts.FS, name+".toml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("base = \"base.toml\"\n[body]\nsize = 11\nclause_indent = \"9mm\"\n[fonts.scale]\nNotoSans = \"x-height\"\n"))
	f.Add([]byte("base = \"briefing\"\n[page]\nwidth = nan\n[margins]\ntop = \"1e308in\"\n[fonts.lang.ur]\nArab = 3\n"))
	f.Add([]byte("base = \"../x.toml\"\n"))
	f.Add([]byte("base = \"house.toml\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "house.toml")
		base := filepath.Join(dir, "base.toml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(base, []byte("base = \"letter\"\n[body]\nsize = 12\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := Load(layouts.FS, path)
		if err != nil {
			if l != nil {
				t.Fatal("a layout and an error")
			}
			var list diag.List
			if !errors.As(err, &list) {
				// Read errors are single diagnostics.
				var d *diag.Diagnostic
				if !errors.As(err, &d) {
					t.Fatalf("an error that names no file: %v", err)
				}
				list = diag.List{d}
			}
			for _, d := range list {
				if d.Pos.File != path && d.Pos.File != base && !strings.HasPrefix(d.Pos.File, "layouts/") {
					t.Errorf("an error that names no layout file: %v", d)
				}
			}
			return
		}
		for _, v := range []float64{float64(l.Page.Width), float64(l.Page.Height), l.Body.Size, l.Body.Leading, float64(l.Margins.Top)} {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("a layout with %v in it", v)
			}
		}
	})
}
