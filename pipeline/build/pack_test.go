package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/internal/validate"
)

const samplePack = "../../samples/briefing-pack"

func buildPack(t *testing.T, cfg Config) map[string]Artifact {
	t.Helper()
	cfg.Paths = []string{samplePack}
	cfg.OutDir = t.TempDir()
	cfg.Epoch = time.Unix(1593000000, 0).UTC()
	res, err := Build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Artifact{}
	for _, a := range res.Artifacts {
		out[a.Locale+"."+a.Format] = a
	}
	return out
}

// TestPackOutlineAndContents reads the pack's outline back with qpdf: one
// root (the pack), then the contents, each statement with its parts nested
// below it, and the contributors; and checks that each page number printed
// in the contents is the page its statement starts on.
func TestPackOutlineAndContents(t *testing.T) {
	_, res := builtSamples(t)
	for _, a := range artifacts(res, "pdf") {
		if !strings.HasPrefix(filepath.Base(a.Path), "oic-briefing-2020.") {
			continue
		}
		t.Run(a.Locale, func(t *testing.T) {
			outline := validate.PDFOutline(t, a.Path)
			if len(outline) != 1 || outline[0].Page != 1 {
				t.Fatalf("outline: want one root entry on the cover, got %+v", outline)
			}
			kids := outline[0].Kids
			// Contents, three statements, contributors.
			if len(kids) != 5 {
				t.Fatalf("outline under the pack: %d entries, want 5: %+v", len(kids), kids)
			}
			for i, k := range kids[1:4] {
				if len(k.Kids) == 0 {
					t.Errorf("statement %d (%s) has no nested parts", i+1, k.Title)
				}
				if k.Open {
					t.Errorf("statement %d (%s) opens its parts: below the pack's, entries are closed", i+1, k.Title)
				}
				for _, part := range k.Kids {
					if part.Page < k.Page {
						t.Errorf("%s: part %q on page %d, before its statement (page %d)", k.Title, part.Title, part.Page, k.Page)
					}
				}
			}
			// The contents page: each entry's number is where its outline
			// entry points.
			contents := validate.PDFText(t, a.Path, "-f", "2", "-l", "2", "-layout")
			nums := regexp.MustCompile(`[0-9٠-٩]+`).FindAllString(contents, -1)
			var printed []int
			for _, n := range nums {
				printed = append(printed, arabicInt(n))
			}
			for _, k := range kids[1:] {
				want := k.Page
				found := false
				for _, p := range printed {
					if p == want {
						found = true
					}
				}
				if !found {
					t.Errorf("contents does not print page %d for %q (printed %v)", want, k.Title, printed)
				}
			}
			// Statement entries in order, on increasing pages.
			for i := 2; i < len(kids); i++ {
				if kids[i].Page <= kids[i-1].Page {
					t.Errorf("outline entries out of page order: %q on %d after %q on %d", kids[i].Title, kids[i].Page, kids[i-1].Title, kids[i-1].Page)
				}
			}
		})
	}
}

// arabicInt reads a number written in European or Arabic-Indic digits.
func arabicInt(s string) int {
	var b strings.Builder
	for _, r := range s {
		if r >= '٠' && r <= '٩' {
			r = '0' + (r - '٠')
		}
		b.WriteRune(r)
	}
	n, _ := strconv.Atoi(b.String())
	return n
}

// TestPackPrintBoxes builds the pack with 3 mm bleed and crop marks: the
// trim box is 3 mm inside the bleed box, which is inside the media box,
// on every page; and the build is reproducible (page boxes are written in
// a fixed order).
func TestPackPrintBoxes(t *testing.T) {
	bleed := 3 * 72 / 25.4
	cfg := Config{Locales: []string{"en"}, Formats: []string{"pdf"}, Bleed: bleed, CropMarks: true}
	a := buildPack(t, cfg)["en.pdf"]
	info := validate.PDFInfo(t, a.Path, "-box", "-f", "1", "-l", fmt.Sprint(a.Pages))
	box := func(page int, name string) [4]float64 {
		key := fmt.Sprintf("Page %4d %s", page, name)
		var b [4]float64
		f := strings.Fields(info[key])
		if len(f) != 4 {
			t.Fatalf("pdfinfo has no %q: %v", key, info)
		}
		for i := range b {
			b[i], _ = strconv.ParseFloat(f[i], 64)
		}
		return b
	}
	for p := 1; p <= a.Pages; p++ {
		media, bleedBox, trim := box(p, "MediaBox"), box(p, "BleedBox"), box(p, "TrimBox")
		for i, sign := range []float64{1, 1, -1, -1} {
			if d := (trim[i] - bleedBox[i]) * sign; d < bleed-0.02 || d > bleed+0.02 {
				t.Errorf("page %d: trim %v is not 3 mm inside bleed %v", p, trim, bleedBox)
			}
			if (bleedBox[i]-media[i])*sign < 10 {
				t.Errorf("page %d: bleed %v leaves no room for crop marks in media %v", p, bleedBox, media)
			}
		}
		if w, h := trim[2]-trim[0], trim[3]-trim[1]; w < 594.5 || w > 595.5 || h < 841.4 || h > 842.4 {
			t.Errorf("page %d: trimmed page %.1f × %.1f, want A4", p, w, h)
		}
	}
	// Crop marks are artifacts: the PDF/UA checks still hold.
	for _, f := range validate.PDFUA(t, a.Path) {
		t.Errorf("PDF/UA %s", f)
	}
	again := buildPack(t, cfg)["en.pdf"]
	if a.SHA256 != again.SHA256 {
		t.Error("two builds with bleed and crop marks differ")
	}
}

func TestPackLetterAndRecto(t *testing.T) {
	cfg := Config{Locales: []string{"fr"}, Formats: []string{"pdf"}, Layout: "letter", Recto: true}
	a := buildPack(t, cfg)["fr.pdf"]
	info := validate.PDFInfo(t, a.Path)
	if !strings.HasPrefix(info["Page size"], "612 x 792 pts") {
		t.Errorf("letter layout: page size %q", info["Page size"])
	}
	outline := validate.PDFOutline(t, a.Path)
	for _, k := range outline[0].Kids[1:4] {
		if k.Page%2 == 0 {
			t.Errorf("--recto: %q starts on page %d, a left-hand page", k.Title, k.Page)
		}
	}
}

// TestPackRightToLeftContents checks the Arabic pack's contents mirror:
// page numbers sit at the left, titles to their right.
func TestPackRightToLeftContents(t *testing.T) {
	a := buildPack(t, Config{Locales: []string{"ar"}, Formats: []string{"pdf"}})["ar.pdf"]
	bbox := validate.PDFText(t, a.Path, "-f", "2", "-l", "2", "-bbox")
	word := regexp.MustCompile(`<word xMin="([0-9.]+)"[^>]*>([^<]+)</word>`)
	// Digits near the left margin: the four entries' page numbers (three
	// statements and the contributors). Dates in the entries' second
	// lines sit further right, after their words.
	margin := 0
	for _, m := range word.FindAllStringSubmatch(bbox, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		if regexp.MustCompile(`^[0-9٠-٩]+$`).MatchString(stripControls(m[2])) && x < 100 {
			margin++
		}
	}
	if margin != 4 {
		t.Errorf("Arabic contents: %d page numbers at the left margin, want 4:\n%s", margin, bbox)
	}
}

// TestPackPathsStayInside checks that a manifest cannot reach outside its
// folder.
func TestPackPathsStayInside(t *testing.T) {
	dir := t.TempDir()
	pack := filepath.Join(dir, "pack")
	if err := os.MkdirAll(pack, 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(dir, "outside")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(pack, "link")); err != nil {
		t.Fatal(err)
	}
	manifest := "id: p\ntitle: P\ndate: 2020-06-30\nstatements:\n  - ../outside\n  - link\n  - /etc\n"
	if err := os.WriteFile(filepath.Join(pack, "pack.yaml"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(Config{Paths: []string{pack}, OutDir: filepath.Join(dir, "out")})
	if err == nil {
		t.Fatal("a manifest reaching outside its folder built")
	}
	for _, want := range []string{
		`pack.yaml:5:5: "../outside" leaves the pack's folder`,
		`pack.yaml:6:5: "link" is a symbolic link that leaves the pack's folder`,
		`pack.yaml:7:5: "/etc" is an absolute path`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
		t.Error("a failed pack build created its output folder")
	}
}
