package build

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
)

// pageWords are the words pdftotext reads on each page of a PDF, whole
// and in the page's lower part (below 60% of its height), in reading
// order.
type pageWords struct {
	all, lower [][]string
}

var pageSizeRE = regexp.MustCompile(`^([0-9.]+) x ([0-9.]+) pts`)

func readPages(t *testing.T, path string) pageWords {
	info := validate.PDFInfo(t, path)
	n, _ := strconv.Atoi(info["Pages"])
	m := pageSizeRE.FindStringSubmatch(info["Page size"])
	if n == 0 || m == nil {
		t.Fatalf("%s: pdfinfo gives %q pages of %q", path, info["Pages"], info["Page size"])
	}
	w, _ := strconv.ParseFloat(m[1], 64)
	h, _ := strconv.ParseFloat(m[2], 64)
	var pw pageWords
	for p := 1; p <= n; p++ {
		page := strconv.Itoa(p)
		pw.all = append(pw.all, words(validate.PDFText(t, path, "-f", page, "-l", page)))
		top := int(h * 0.6)
		pw.lower = append(pw.lower, words(validate.PDFText(t, path, "-f", page, "-l", page,
			"-x", "0", "-y", strconv.Itoa(top), "-W", strconv.Itoa(int(w)+1), "-H", strconv.Itoa(int(h)-top+1))))
	}
	return pw
}

// holds reports whether ws holds every word of seq.
func holds(ws, seq []string) bool {
	for _, w := range seq {
		if !slices.Contains(ws, w) {
			return false
		}
	}
	return true
}

// TestSampleFootnotesOnTheirPage checks, in every edition of the sample
// convention, that each footnote's text is printed on the page of its
// reference, in the lower part of the page, as a reader finds it.
func TestSampleFootnotesOnTheirPage(t *testing.T) {
	dir, _ := builtSamples(t)
	st, err := Load("../../samples/river-monitoring-convention-2021")
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"en", "fr", "ar"} {
		t.Run(loc, func(t *testing.T) {
			body, err := st.Body(loc)
			if err != nil {
				t.Fatal(err)
			}
			pages := readPages(t, filepath.Join(dir, "river-monitoring-convention-2021."+loc+".pdf"))
			checked := 0
			doc.EachInline(body.Body, func(in doc.Inline) {
				var before []string
				for _, s := range in {
					if s.Note == nil {
						before = append(before, words(s.Text)...)
						continue
					}
					n := s.Note
					// The reference's page is where the words before it
					// are: most of the last five (a word may be cut by
					// a hyphen, and right-to-left lines come out in
					// another order).
					ref := before[max(0, len(before)-5):]
					var noteWords []string
					for _, p := range n.Paras {
						noteWords = append(noteWords, words(p.Text.Plain())...)
					}
					noteWords = noteWords[:min(3, len(noteWords))]
					// The note's page: the one whose lower part holds its
					// first words. The reference's: where most of the last
					// five words before it are (a word may be cut by a
					// hyphen).
					notePage := -1
					for p, lw := range pages.lower {
						if holds(lw, noteWords) {
							notePage = p
							break
						}
					}
					onPage := 0
					if notePage >= 0 {
						for _, w := range ref {
							if slices.Contains(pages.all[notePage], w) {
								onPage++
							}
						}
					}
					switch {
					case notePage < 0:
						t.Errorf("footnote [^%s]: its text %q is in the lower part of no page", n.Label, noteWords)
					case onPage < 3:
						t.Errorf("footnote [^%s] is on page %d, but only %d of the words before its reference %q are", n.Label, notePage+1, onPage, ref)
					default:
						checked++
					}
				}
			})
			if checked != len(body.Notes) {
				t.Errorf("%d of %d footnotes checked", checked, len(body.Notes))
			}
		})
	}
}

// TestSampleOfficialMarkup checks the markup that readers and assistive
// technology rely on in the web page and the e-book of the sample
// convention and press release: table headers with their scope, footnote
// references and notes with their roles and back links (and EPUB's
// epub:type, which a web page must not carry), the annex, the end mark,
// the signatures, the contacts with tel: and mailto: links, the embargo
// and the logo.
func TestSampleOfficialMarkup(t *testing.T) {
	dir, _ := builtSamples(t)
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	epubText := func(name string) string {
		zr, err := zip.OpenReader(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		var b strings.Builder
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			b.WriteString("\n== " + f.Name + "\n" + string(data))
		}
		return b.String()
	}
	conv := read("river-monitoring-convention-2021.ar.html")
	for _, want := range []string{
		`<th scope="col" class="align-start">الطرف</th>`, `class="align-end"`, `role="doc-noteref"`, `role="doc-footnote"`, `role="doc-backlink"`,
		`<section class="annex"`, `<span class="annex-label">المرفق I</span>`, `<p class="article-label">المادة 1</p>`,
		`<p class="done-at">حُرِّر في جنيف، 22 مارس 2021</p>`, `href="#clause-4"`,
	} {
		if !strings.Contains(conv, want) {
			t.Errorf("the Arabic convention's web page lacks %s", want)
		}
	}
	if strings.Contains(conv, "epub:type") {
		t.Errorf("the web page carries epub:type")
	}
	book := epubText("river-monitoring-convention-2021.en.epub")
	for _, want := range []string{`epub:type="noteref"`, `epub:type="footnote"`, `<th scope="col" class="align-end">Share of costs</th>`, `Annex I — Monitoring stations`} {
		if !strings.Contains(book, want) {
			t.Errorf("the English convention's EPUB lacks %s", want)
		}
	}
	release := read("water-data-agreement-release-2021.es.html")
	for _, want := range []string{
		`<p class="embargo" role="note">Embargado hasta las 10:00 GMT del 22 de marzo de 2021</p>`,
		`<p class="end-mark">FIN</p>`, `Notas para los editores`, `<address class="contact">`,
		`href="tel:&#43;41225550123"`, `href="mailto:press@example.org"`, `<img src="data:image/png;base64,`,
	} {
		if !strings.Contains(release, want) {
			t.Errorf("the Spanish press release's web page lacks %s", want)
		}
	}
	book = epubText("water-data-agreement-release-2021.en.epub")
	for _, want := range []string{`properties="cover-image"`, `EPUB/images/logo.png`, `<p class="end-mark">ENDS</p>`} {
		if !strings.Contains(book, want) {
			t.Errorf("the English press release's EPUB lacks %s", want)
		}
	}
}
