package project

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	_ "github.com/polypress/polypress/pipeline/render/epub"
	_ "github.com/polypress/polypress/pipeline/render/html"
	_ "github.com/polypress/polypress/pipeline/render/pdf"
)

// tree makes files under a new folder; a name ending in / makes a folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestFind(t *testing.T) {
	dir := tree(t, map[string]string{"polypress.toml": "", "a/b/c/": ""})
	got, err := Find(filepath.Join(dir, "a", "b", "c"))
	if err != nil || got != filepath.Join(dir, "polypress.toml") {
		t.Errorf("Find = %q, %v", got, err)
	}
	none := tree(t, map[string]string{"x/": ""})
	// A temporary folder has no project file above it on a sane machine;
	// only check that the search ends.
	if _, err := Find(filepath.Join(none, "x")); err != nil {
		t.Errorf("Find: %v", err)
	}
	odd := tree(t, map[string]string{"polypress.toml/": ""})
	if _, err := Find(odd); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder named polypress.toml: %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tt := range []struct {
		name, src, want string
	}{
		{"syntax", "out = \"dist\"\nlayout = \n", `^polypress\.toml:2:\d+: `},
		{"unknown key", "out = \"dist\"\n  locale_dirs = \"locales\"\n", `^polypress\.toml:2:3: unknown setting "locale_dirs"; did you mean "locale_dir"\?$`},
		{"unknown table", "[build]\nout = \"x\"\n", `^polypress\.toml:1:1: unknown setting "build"; the settings are `},
		{"wrong type", "strict = \"yes\"\n", `^polypress\.toml:1:1: strict: want true or false, not a string$`},
		{"string for list", "fonts = \"fonts\"\n", `^polypress\.toml:1:1: fonts: want a list of strings, such as \["fonts"\]$`},
		{"list element", "locales = [\"en\", 3]\n", `^polypress\.toml:1:1: locales: element 2: want a string, not an integer$`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("polypress.toml", t.TempDir(), []byte(tt.src))
			if err == nil || !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Errorf("error %v, want %s", err, tt.want)
			}
		})
	}
}

func resolveIn(t *testing.T, dir, src string, ov ...Override) (*Settings, error) {
	t.Helper()
	t.Chdir(dir)
	var f *File
	if src != "" {
		var err error
		f, err = Parse("polypress.toml", dir, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
	}
	return Resolve(f, ".", ov)
}

func TestResolveValues(t *testing.T) {
	dir := tree(t, map[string]string{"statements/": "", "locales/": "", "fonts/": "", "house.toml": "", "elsewhere/": ""})
	for _, tt := range []struct {
		name, src string
		usage     bool
		want      string
	}{
		{"outside", "out = \"../dist\"\n", false, `^polypress\.toml:1:1: out: "\.\./dist" leaves the project folder \.; keep the project's files inside it$`},
		{"absolute", "fonts = [\"/usr/share/fonts\"]\n", false, `^polypress\.toml:1:1: fonts: "/usr/share/fonts" is an absolute path`},
		{"missing folder", "\n\nlocale_dir = \"i18n\"\n", false, `^polypress\.toml:3:1: locale_dir: "i18n": no such folder$`},
		{"unknown layout", "layout = \"breifing\"\n", false, `^polypress\.toml:1:1: layout: unknown layout "breifing" \(did you mean "briefing"\?\); the built-in layouts are briefing, letter, or give a \.toml file$`},
		{"bad locale", "locales = [\"en\", \"xx-invalid--\"]\n", false, `^polypress\.toml:1:1: locales: "xx-invalid--" is not a BCP 47 language tag`},
		{"bad format", "formats = [\"docx\"]\n", false, `^polypress\.toml:1:1: formats: unknown format "docx"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := resolveIn(t, dir, tt.src)
			e, ok := err.(*Error)
			if !ok || !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Fatalf("error %v, want %s", err, tt.want)
			}
			if e.Usage != tt.usage {
				t.Errorf("Usage = %v", e.Usage)
			}
		})
	}
	// A link may not lead out of the project either.
	if err := os.Symlink(t.TempDir(), filepath.Join(dir, "out-link")); err != nil {
		t.Fatal(err)
	}
	if _, err := resolveIn(t, dir, "fonts = [\"out-link\"]\n"); err == nil || !strings.Contains(err.Error(), "polypress.toml:1:1: fonts: \"out-link\": ") {
		t.Errorf("a link out of the project: %v", err)
	}
}

func TestResolveFlagsOverride(t *testing.T) {
	dir := tree(t, map[string]string{"statements/": "", "locales/": "", "other/": ""})
	src := "out = \"public\"\nlayout = \"letter\"\nstrict = true\nlocales = [\"en\", \"fr\"]\n"
	s, err := resolveIn(t, dir, src,
		Override{Key: "out", Value: "elsewhere", Flag: "--out"},
		Override{Key: "strict", Value: false, Flag: "--strict"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Out != "elsewhere" || s.Origin("out").String() != "--out" {
		t.Errorf("out = %q from %s", s.Out, s.Origin("out"))
	}
	if s.Strict || s.Origin("strict").String() != "--strict" {
		t.Errorf("strict = %v from %s", s.Strict, s.Origin("strict"))
	}
	if s.Layout != "letter" || s.Origin("layout").String() != "polypress.toml:2:1" {
		t.Errorf("layout = %q from %s", s.Layout, s.Origin("layout"))
	}
	if strings.Join(s.Locales, ",") != "en,fr" {
		t.Errorf("locales = %v", s.Locales)
	}
	if len(s.Statements) != 1 || s.Statements[0] != "statements" || !strings.HasPrefix(s.Origin("statements").String(), "default") {
		t.Errorf("statements = %v from %s", s.Statements, s.Origin("statements"))
	}
	if s.LocaleDir != "locales" {
		t.Errorf("locale_dir = %q (the project's locales/ folder is the default)", s.LocaleDir)
	}

	// A bad value from a flag is a usage error, and the flag is named.
	_, err = resolveIn(t, dir, src, Override{Key: "layout", Value: "tabloid", Flag: "--layout"})
	if e, ok := err.(*Error); !ok || !e.Usage || !strings.HasPrefix(err.Error(), "--layout: unknown layout \"tabloid\"") {
		t.Errorf("--layout tabloid: %v", err)
	}
	_, err = resolveIn(t, dir, src, Override{Key: "locales", Value: []string{"xx-invalid--"}, Flag: "--locales"})
	if e, ok := err.(*Error); !ok || !e.Usage {
		t.Errorf("--locales xx-invalid--: %v", err)
	}
}

// Paths from the project file are relative to its folder, wherever the
// command runs.
func TestResolveFromSubfolder(t *testing.T) {
	dir := tree(t, map[string]string{"statements/a/": "", "fonts/": ""})
	f, err := Parse("polypress.toml", dir, []byte("fonts = [\"fonts\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(dir, "statements", "a"))
	s, err := Resolve(f, ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Fonts[0] != filepath.Join("..", "..", "fonts") || s.Out != filepath.Join("..", "..", "dist") || s.Statements[0] != ".." {
		t.Errorf("fonts %v, out %q, statements %v", s.Fonts, s.Out, s.Statements)
	}
}
