package epub

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
)

// projectFont reads a font the project ships in its fonts folder.
func projectFont(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "fonts", file))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// urduEdition is a right-to-left edition whose script reading systems
// often lack a font for.
func urduEdition() *doc.Edition {
	return &doc.Edition{
		ID:            "oic-contact-group-2020",
		Locale:        "ur",
		Lang:          "ur",
		Dir:           doc.RTL,
		CanonicalLang: "en",
		Title:         "او آئی سی رابطہ گروپ نے اپنی اپیل کی تجدید کی",
		KindLabel:     "اعلامیہ",
		Issuer:        "اسلامی تعاون تنظیم",
		Date:          statementDate,
		DateLine:      "جدہ، ۲۲ جون ۲۰۲۰",
		Original:      "اصل: انگریزی",
		Body: []doc.Block{
			&doc.ClauseList{
				LeadIn: text("رابطہ گروپ نے:"),
				Clauses: []*doc.Clause{
					clause(1, 1, "1", "۱۔", text("رپورٹ کا نوٹس لیا؛")),
				},
			},
		},
		Labels: doc.Labels{Contents: "فہرست", AboutAuthors: "مصنف کے بارے میں", Draft: "مسودہ"},
	}
}

func TestEmbeddedFonts(t *testing.T) {
	const file = "NotoNastaliqUrdu-Regular.ttf"
	data := projectFont(t, file)
	opts := options(t)
	opts.Fonts = []Font{{Family: "Noto Nastaliq Urdu", File: file, Data: data, Lang: "ur"}}
	zr, files := unpack(t, render(t, urduEdition(), opts))

	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	want := []string{
		"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/css/epub.css",
		"EPUB/css/fonts.css", "EPUB/fonts/" + file, "EPUB/text/statement.xhtml",
	}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("entries %v, want %v", names, want)
	}
	if files["EPUB/fonts/"+file] != string(data) {
		t.Error("font not embedded whole")
	}
	for _, want := range []string{
		`font-family: "Noto Nastaliq Urdu";`,
		`src: url("../fonts/` + file + `");`,
		"html:lang(ur) {\n  font-family: \"Noto Nastaliq Urdu\", serif;",
	} {
		if !strings.Contains(files["EPUB/css/fonts.css"], want) {
			t.Errorf("fonts.css lacks %s", want)
		}
	}
	opf := files["EPUB/package.opf"]
	if want := `<item id="font-` + file + `" href="fonts/` + file + `" media-type="font/ttf"/>`; !strings.Contains(opf, want) {
		t.Errorf("package.opf lacks %s", want)
	}
	st := files["EPUB/text/statement.xhtml"]
	if want := "<link rel=\"stylesheet\" type=\"text/css\" href=\"../css/epub.css\"/>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"../css/fonts.css\"/>"; !strings.Contains(st, want) {
		t.Error("statement does not link the layout, then the fonts")
	}

	if testing.Short() {
		return
	}
	out := filepath.Join(t.TempDir(), "urdu.epub")
	if err := os.WriteFile(out, render(t, urduEdition(), opts), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("EPUBCheck", func(t *testing.T) { validate.EPUBCheck(t, out) })
	t.Run("Ace", func(t *testing.T) { validate.Ace(t, out) })
}

func TestLayoutCSS(t *testing.T) {
	css := layoutCSS(t)
	if forbiddenCSS.Match(cssComment.ReplaceAll(css, []byte(" "))) {
		t.Error("layouts/epub.css sets direction or unicode-bidi, which EPUB forbids")
	}
	// Physical sides would not mirror in right-to-left editions.
	for _, p := range []string{"margin-left", "margin-right", "padding-left", "padding-right", "text-align: left", "text-align: right"} {
		if strings.Contains(string(css), p) {
			t.Errorf("layouts/epub.css uses %q; use a logical property", p)
		}
	}
}

// TestValidators holds every sample edition to EPUBCheck and Ace: no
// error, warning or violation of any impact is accepted.
func TestValidators(t *testing.T) {
	if testing.Short() {
		t.Skip("runs EPUBCheck and Ace")
	}
	dir := t.TempDir()
	var paths []string
	for _, tc := range editionCases {
		p := filepath.Join(dir, tc.name+".epub")
		if err := os.WriteFile(p, render(t, tc.ed(), options(t)), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	t.Run("EPUBCheck", func(t *testing.T) {
		validate.EPUBCheck(t, paths...)
	})
	for i, tc := range editionCases {
		t.Run("Ace/"+tc.name, func(t *testing.T) {
			validate.Ace(t, paths[i])
		})
	}
}
