package build

import (
	"archive/zip"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
)

// placedWord is a word pdftotext found, with its page and height on it.
type placedWord struct {
	word string
	page int
	y    float64 // top of the word, as a share of the page's height
}

var (
	bboxPageRE = regexp.MustCompile(`<page width="[0-9.]+" height="([0-9.]+)">`)
	bboxWordRE = regexp.MustCompile(`<word xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="[0-9.]+">([^<]*)</word>`)
)

// placedWords reads a PDF's words with their places, in reading order.
func placedWords(t *testing.T, path string) []placedWord {
	out := validate.PDFText(t, path, "-bbox")
	var res []placedWord
	page, height := -1, 1.0
	for _, line := range strings.Split(out, "\n") {
		if m := bboxPageRE.FindStringSubmatch(line); m != nil {
			page++
			height, _ = strconv.ParseFloat(m[1], 64)
			continue
		}
		if m := bboxWordRE.FindStringSubmatch(line); m != nil {
			y, _ := strconv.ParseFloat(m[1], 64)
			for _, w := range words(html.UnescapeString(m[2])) {
				res = append(res, placedWord{logical(w), page, y / height})
			}
		}
	}
	return res
}

// logical turns a right-to-left word that pdftotext -bbox wrote in
// visual order (its letters reversed) back into reading order.
func logical(w string) string {
	rs := []rune(w)
	for _, r := range rs {
		if unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Hebrew, r) {
			for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
				rs[i], rs[j] = rs[j], rs[i]
			}
			return string(rs)
		}
	}
	return w
}

// find returns the index in ws of the first word of the first line (the
// words of one page and height) that holds all of seq, in any order:
// right-to-left lines come out of pdftotext -bbox in visual order. It
// returns -1 when no line does.
func find(ws []placedWord, seq []string) int {
	for i := 0; i < len(ws); {
		j := i
		for j < len(ws) && ws[j].page == ws[i].page && ws[j].y == ws[i].y {
			j++
		}
		all := true
		for _, w := range seq {
			found := false
			for _, pw := range ws[i:j] {
				if pw.word == w {
					found = true
					break
				}
			}
			all = all && found
		}
		if all {
			return i
		}
		i = j
	}
	return -1
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
			ws := placedWords(t, filepath.Join(dir, "river-monitoring-convention-2021."+loc+".pdf"))
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
					ni := find(ws, noteWords)
					if ni < 0 {
						t.Errorf("footnote [^%s]: its text %q is not in the PDF's text", n.Label, noteWords)
						continue
					}
					onPage := 0
					for _, w := range ref {
						for _, pw := range ws {
							if pw.page == ws[ni].page && pw.word == w {
								onPage++
								break
							}
						}
					}
					switch {
					case onPage < 3:
						t.Errorf("footnote [^%s] is on page %d, but only %d of the words before its reference %q are", n.Label, ws[ni].page+1, onPage, ref)
					case ws[ni].y < 0.6:
						t.Errorf("footnote [^%s] starts %.0f%% down its page, not in the lower part", n.Label, ws[ni].y*100)
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
		`<section class="annex"`, `<span class="annex-label">المرفق I</span>`, `<p class="article-label">المادة ١</p>`,
		`<p class="done-at">حُرِّر في جنيف، ٢٢ مارس ٢٠٢١</p>`, `href="#clause-4"`,
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
