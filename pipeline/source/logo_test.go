package source

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
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
