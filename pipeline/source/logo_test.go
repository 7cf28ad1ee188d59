package source

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/diag"
)

// A pack's logo is checked where the manifest names it, before any writer
// sees it: a damaged PNG once panicked inside the PDF library, and an SVG
// with a script was copied into EPUBs. Each problem is an error at the
// manifest's logo line that says what is wrong in the file.
func TestPackLogoChecked(t *testing.T) {
	png, err := os.ReadFile("../../samples/briefing-pack/logo.png")
	if err != nil {
		t.Fatal(err)
	}
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="64">`
	for _, tt := range []struct {
		name, file, content, want string
	}{
		{"good PNG", "logo.png", string(png), ""},
		{"good SVG", "logo.svg", svg + `<rect width="4" height="4"/></svg>`, ""},
		{"truncated PNG", "logo.png", string(png[:len(png)/3]), `pack\.yaml:4:7: logo "logo\.png" is refused: the PNG image is damaged or truncated`},
		{"script", "logo.svg", svg + "\n<script>alert(1)</script></svg>", `pack\.yaml:4:7: logo "logo\.svg" is refused: line 2, column 1: a <script> element`},
		{"remote reference", "logo.svg", svg + `<use href="http://example.com/x.svg#a"/></svg>`, `refers to something outside the file`},
		{"GIF", "logo.gif", "GIF89a", `pack\.yaml:4:7: logo "logo\.gif": use a PNG, JPEG or SVG file`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "p")
			writeFiles(t, dir, map[string]string{
				"pack.yaml":       "id: p\ntitle: P\ndate: 2020-06-30\nlogo: " + tt.file + "\nstatements:\n  - s1\n",
				tt.file:           tt.content,
				"s1/statement.md": good,
			})
			pk, err := ParsePack(dir)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want == "" && len(pk.LogoData) == 0:
				t.Fatal("no logo data")
			case tt.want != "" && (err == nil || !regexp.MustCompile(tt.want).MatchString(err.Error())):
				t.Fatalf("error %v, want one matching %q", err, tt.want)
			}
		})
	}
}

// FuzzParsePack: a pack manifest of any bytes, with a statement, a logo and
// a layout beside it, never panics, and is either a pack whose paths stay
// in its folder or a list of errors that each name the manifest.
func FuzzParsePack(f *testing.F) {
	for _, path := range []string{"../../samples/briefing-pack/pack.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("id: p\ntitle: P\ndate: 2020-06-30\nlogo: logo.png\nlayout: l.toml\nlocales: [en, fr]\nstatements:\n  - s1\n  - s1/statement.md\n"))
	f.Add([]byte("id: p\ntitle: {en: P, fr: Q}\nsubtitle: S\nissuer: I\nlang: fr\ndate: 2020-06-30\nstatements: [s1, ../x, /etc, link]\n"))
	f.Add([]byte("a: &a [x, x]\nb: &b [*a, *a]\nstatements: *b\n"))
	f.Fuzz(func(t *testing.T, manifest []byte) {
		dir := t.TempDir()
		writeFiles(t, dir, map[string]string{
			"pack.yaml":       string(manifest),
			"s1/statement.md": good,
			"logo.png":        "not a PNG",
			"l.toml":          "base = \"briefing\"\n",
			"link":            "->" + os.TempDir(),
		})
		pk, err := ParsePack(dir)
		if err != nil {
			if pk != nil {
				t.Fatal("a pack and an error")
			}
			for _, d := range diag.Flatten(err) {
				if d.Pos.File != filepath.Join(dir, "pack.yaml") {
					t.Errorf("an error not at the manifest: %v", d)
				}
			}
			return
		}
		for _, s := range pk.Statements {
			if !strings.HasPrefix(s, dir+string(filepath.Separator)) {
				t.Errorf("statement %s outside the pack", s)
			}
		}
		if pk.ID == "" || pk.Date.IsZero() || len(pk.Statements) == 0 {
			t.Errorf("a pack without id, date or statements: %+v", pk)
		}
	})
}
