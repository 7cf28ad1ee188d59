package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/layouts"
)

// A layout says how HTML editions carry its language fonts; a wrong value
// is an error that names the key and the choices.
func TestHTMLFonts(t *testing.T) {
	l, err := Load(layouts.FS, "letter")
	if err != nil {
		t.Fatal(err)
	}
	if l.HTML.Fonts != FontsEmbed {
		t.Errorf("letter inherits html.fonts %q, want %q from briefing", l.HTML.Fonts, FontsEmbed)
	}
	for _, tt := range []struct{ table, want string }{
		{"[html]\nfonts = \"link\"\nfont_url = \"https://press.example.org/fonts/\"\n", ""},
		{"[html]\nfonts = \"link\"\nfont_url = \"fonts/\"\n", ""},
		{"[html]\nfonts = \"local\"\n", ""},
		{"[html]\nfonts = \"inline\"\n", `html.fonts "inline": want "embed", "link" or "local"`},
		{"[html]\nfonts = \"link\"\n", `html.font_url ""`},
		{"[html]\nfonts = \"link\"\nfont_url = \"https://x.org/fonts\"\n", `ending in "/"`},
		{"[html]\nfonts = \"link\"\nfont_url = \"javascript:alert(1)/\"\n", `html.font_url`},
		{"[html]\nfonts = \"link\"\nfont_url = \"https://x.org/a b/\"\n", `html.font_url`},
	} {
		path := filepath.Join(t.TempDir(), "web.toml")
		if err := os.WriteFile(path, []byte("base = \"briefing\"\n"+tt.table), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(layouts.FS, path)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.table, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%q: error %v, want one saying %s", tt.table, err, tt.want)
		}
	}
}
