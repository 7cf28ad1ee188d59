package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
)

func packEdition(logo string) *doc.PackEdition {
	ed := edition(false, []string{"Took note of the recent developments."})
	labels := ed.Labels
	labels.Contents, labels.Authors = "Contents", "Contributors"
	labels.Number = itoa
	return &doc.PackEdition{ID: "pack", Locale: "en", Lang: "en", Dir: doc.LTR,
		Title: "A Pack for Testing", Issuer: "Test Office", DateLine: "22 June 2020", KindLabel: "Briefing pack",
		Logo: logo, LogoAlt: "The emblem of the Test Office", Statements: []*doc.Edition{ed}, Labels: labels}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func logoPNG(t *testing.T) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			img.Set(x, y, color.NRGBA{20, 70, 110, uint8(55 + 5*x)})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func renderPack(t *testing.T, logoName string, data []byte) ([]byte, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), logoName)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	_, err := RenderPack(&buf, packEdition(path), PackOptions{Options: testOptions(t, "briefing")})
	return buf.Bytes(), err
}

// TestDamagedLogosAreErrors: a logo that cannot be read is an error that
// names it, never a panic and never a broken page.
func TestDamagedLogosAreErrors(t *testing.T) {
	pngData := logoPNG(t)
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 30, 30)), nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"truncated.png", pngData[:len(pngData)/2]},
		{"header-only.png", pngData[:16]},
		{"truncated.jpg", jpg.Bytes()[:len(jpg.Bytes())/2]},
		{"not-an-image.png", []byte("hello")},
		{"no-size.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0L1 1"/></svg>`)},
		{"arc.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M0 0A5 5 0 0 1 10 10"/></svg>`)},
		{"broken.svg", []byte(`<svg width="10" height="10"><path d="M0 0L`)},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := renderPack(t, c.name, c.data)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.name) {
				t.Errorf("the error does not name the logo: %v", err)
			}
		})
	}
}

// TestLogosAreFigures: PNG, JPEG and SVG logos are drawn, each as a figure
// with its alternative text in the structure tree, and the pack passes
// the PDF/UA checks.
func TestLogosAreFigures(t *testing.T) {
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 30, 15)), nil); err != nil {
		t.Fatal(err)
	}
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24mm" height="12mm"><g><path d="m2,2 l20 0 q2 5 0 8 z M4 4 h4 v4 c1 1 2 2 3 3 s 2 2 3 3 t 1 1 z"/></g><rect x="1" y="1" width="5" height="3"/></svg>`)
	var paths []string
	for name, data := range map[string][]byte{"logo.png": logoPNG(t), "logo.jpg": jpg.Bytes(), "logo.svg": svg} {
		out, err := renderPack(t, name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		path := filepath.Join(t.TempDir(), name+".pdf")
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	for path, ex := range validate.Extract(t, paths...) {
		for _, f := range validate.PDFUA(t, path) {
			t.Errorf("%s: PDF/UA %s", filepath.Base(path), f)
		}
		var figure *validate.StructNode
		var find func(n *validate.StructNode)
		find = func(n *validate.StructNode) {
			if n.Role == "Figure" && figure == nil {
				figure = n
			}
			for _, c := range n.Children {
				find(c)
			}
		}
		for _, n := range ex.Struct {
			if n != nil {
				find(n)
			}
		}
		switch {
		case figure == nil:
			t.Errorf("%s: no Figure in the structure tree", filepath.Base(path))
		case figure.Alt != "The emblem of the Test Office":
			t.Errorf("%s: figure alt %q", filepath.Base(path), figure.Alt)
		case len(figure.Children) == 0:
			t.Errorf("%s: the figure has no content", filepath.Base(path))
		}
	}
}

// FuzzParseSVG: any file given as a logo is read or refused, never a
// panic.
func FuzzParseSVG(f *testing.F) {
	f.Add([]byte(`<svg width="10" height="10"><path d="M0 0L10 10Z"/></svg>`))
	f.Add([]byte(`<svg width="1in" height="2cm"><path d="m1.5.5-2e-1,3c1 1 1 1 1 1s1 1 1 1q1 1 1 1t1 1h2v2z"/><rect width="1" height="1"/></svg>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseSVG(data)
		if err == nil {
			_ = s.ops(0, 0, 1)
		}
	})
}

// TestNoClaimWithoutAlt: a pack whose logo has no alternative text is not
// PDF/UA, and the PDF does not say it is (no pdfuaid:part in its XMP).
func TestNoClaimWithoutAlt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(path, logoPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	pe := packEdition(path)
	pe.LogoAlt = ""
	var buf bytes.Buffer
	if _, err := RenderPack(&buf, pe, PackOptions{Options: testOptions(t, "briefing")}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "pack.pdf")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range validate.PDFUA(t, out) {
		got[f.Checkpoint] = true
	}
	if !got["13-004"] || !got["06-002"] || len(got) != 2 {
		t.Errorf("failures %v, want the figure's missing alt (13-004) and no claim (06-002)", got)
	}
}
