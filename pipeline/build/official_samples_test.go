package build

import (
	"html"
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
