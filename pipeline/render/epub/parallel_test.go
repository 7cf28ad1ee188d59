package epub

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
	pairing "github.com/polypress/polypress/pipeline/parallel"
)

func renderParallel(t testing.TB, opts Options, eds ...*doc.Edition) []byte {
	t.Helper()
	pe, err := pairing.New(eds)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := RenderParallel(&b, pe, opts); err != nil {
		t.Fatalf("RenderParallel: %v", err)
	}
	return b.Bytes()
}

// TestParallelPublication: a parallel edition is one content document of
// rows, a cell per language; the publication is in the first language and
// lists the others; the table of contents is the first language's.
func TestParallelPublication(t *testing.T) {
	opts := options(t)
	const font = "NotoNastaliqUrdu-Regular.ttf"
	opts.Fonts = []Font{{Family: "Noto Nastaliq Urdu", File: font, Data: projectFont(t, font), Lang: "ur"}}
	// The English and Arabic editions divide their body differently (the
	// English has a quotation, a second heading and more clauses): what
	// has no counterpart stands in a row of its own.
	data := renderParallel(t, opts, englishEdition(), arabicEdition(), urduEdition())
	zr, files := unpack(t, data)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "mimetype META-INF/container.xml EPUB/package.opf EPUB/nav.xhtml EPUB/css/epub.css EPUB/css/fonts.css EPUB/fonts/"+font+" EPUB/text/parallel.xhtml" {
		t.Errorf("entries: %s", got)
	}
	pkg := files["EPUB/package.opf"]
	for _, want := range []string{
		`<dc:language>en</dc:language>` + "\n" + `<dc:language>ar</dc:language>` + "\n" + `<dc:language>ur</dc:language>`,
		`<item id="parallel" href="text/parallel.xhtml" media-type="application/xhtml+xml"/>`,
		`<itemref idref="parallel"/>`,
	} {
		if !strings.Contains(pkg, want) {
			t.Errorf("package.opf lacks %q", want)
		}
	}
	if strings.Contains(pkg, "page-progression-direction") {
		t.Error("an English-first publication progresses right to left")
	}
	doc := files["EPUB/text/parallel.xhtml"]
	for _, want := range []string{
		`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en" dir="ltr">`,
		`<div class="parallel pairs-3">`,
		`<div class="cell slot-1" lang="en" dir="ltr">`,
		// Right-to-left languages on the right, the first rightmost.
		`<div class="cell slot-3" lang="ar" dir="rtl">`,
		`<div class="cell slot-2" lang="ur" dir="rtl">`,
		`<ol class="clauses" start="2">`,
		`<section class="cell slot-3 authors" id="ar-authors" lang="ar" dir="rtl" aria-labelledby="ar-authors-title">`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("parallel.xhtml lacks %q", want)
		}
	}
	if want := ".parallel .cell:lang(ur) {\n  font-family: \"Noto Nastaliq Urdu\", serif;"; !strings.Contains(files["EPUB/css/fonts.css"], want) {
		t.Errorf("fonts.css lacks %q", want)
	}
	if nav := files["EPUB/nav.xhtml"]; !strings.Contains(nav, `href="text/parallel.xhtml#en-decisions"`) || strings.Contains(nav, "#ar-") {
		t.Errorf("the contents are not the English edition's:\n%s", nav)
	}
	if again := renderParallel(t, opts, englishEdition(), arabicEdition(), urduEdition()); !bytes.Equal(data, again) {
		t.Error("two renderings of the same parallel edition differ")
	}

	dir := t.TempDir()
	paths := []string{filepath.Join(dir, "en-ar-ur.epub"), filepath.Join(dir, "ar-fr.epub")}
	if err := os.WriteFile(paths[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	// Arabic first, with a draft: the publication progresses right to
	// left and says it is a draft.
	second := renderParallel(t, options(t), arabicEdition(), draftEdition())
	_, f2 := unpack(t, second)
	if !strings.Contains(f2["EPUB/package.opf"], `page-progression-direction="rtl"`) || !strings.Contains(f2["EPUB/text/parallel.xhtml"], `<p class="draft-notice" role="note">مسودة</p>`) {
		t.Error("the Arabic-first draft publication is not right to left or has no draft notice")
	}
	if err := os.WriteFile(paths[1], second, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("EPUBCheck", func(t *testing.T) { validate.EPUBCheck(t, paths...) })
	for _, p := range paths {
		t.Run("Ace/"+filepath.Base(p), func(t *testing.T) { validate.Ace(t, p) })
	}
}

func TestParallelPublicationBadInput(t *testing.T) {
	en := englishEdition()
	en.Labels.Contents = ""
	pe, err := pairing.New([]*doc.Edition{en, arabicEdition()})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := RenderParallel(&b, pe, options(t)); err == nil || b.Len() > 0 {
		t.Errorf("RenderParallel = %v, %d bytes; want an error and nothing written", err, b.Len())
	}
}
