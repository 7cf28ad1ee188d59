package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each peer sets the edition in the layout's fonts for its script, on the
// side its lines start from.
func TestPeersUseTheLayoutsFontsAndDirection(t *testing.T) {
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	fonts := filepath.Join(root, "fonts")
	for _, tt := range []struct {
		lang, typstFont, cssFont, start string
	}{
		{"en", `font: "Noto Serif"`, `"Noto Serif"`, "left"},
		{"ar", `font: ("Noto Naskh Arabic", "Noto Serif")`, `"Noto Naskh Arabic", "Noto Serif"`, "right"},
		{"ur", `font: ("Noto Nastaliq Urdu", "Noto Serif")`, `"Noto Nastaliq Urdu", "Noto Serif"`, "right"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			dir := t.TempDir()
			path, err := WriteLang(dir, tt.lang, 30)
			if err != nil {
				t.Fatal(err)
			}
			in, err := PeerFiles(path, fonts)
			if err != nil {
				t.Fatal(err)
			}
			typ, page := string(in.Typst), string(in.HTML)
			for _, want := range []string{tt.typstFont, `lang: "` + tt.lang + `"`, tt.start + ": 26mm", "pad(" + tt.start + ": indent"} {
				if !strings.Contains(typ, want) {
					t.Errorf("Typst markup lacks %s", want)
				}
			}
			for _, want := range []string{`lang="` + tt.lang + `"`, "font: 10.5pt/1.42 " + tt.cssFont, "padding-" + tt.start + ": 9mm"} {
				if !strings.Contains(page, want) {
					t.Errorf("HTML lacks %s", want)
				}
			}
			// Every font the HTML loads is one the project ships.
			for _, part := range strings.Split(page, `src: url("file://`)[1:] {
				file, _, _ := strings.Cut(part, `"`)
				if _, err := os.Stat(file); err != nil {
					t.Errorf("HTML loads %s: %v", file, err)
				}
			}
		})
	}
}

func TestFamilyName(t *testing.T) {
	for in, want := range map[string]string{"NotoSerif": "Noto Serif", "NotoNastaliqUrdu": "Noto Nastaliq Urdu", "NotoNaskhArabic": "Noto Naskh Arabic"} {
		if got := familyName(in); got != want {
			t.Errorf("familyName(%q) = %q, want %q", in, got, want)
		}
	}
}
