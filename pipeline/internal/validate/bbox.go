package validate

import (
	"html"
	"regexp"
	"strconv"
	"testing"
)

// Word is a word as poppler places it on a page (pdftotext -bbox): its
// page (1 based), its box in points from the page's top left corner, and
// its text.
type Word struct {
	Page                   int
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// PageSize is a page's width and height in points.
type PageSize struct{ Width, Height float64 }

// PDFWords returns every word of a PDF with its place on its page, and the
// pages' sizes, as pdftotext -bbox gives them.
func PDFWords(t testing.TB, path string) ([]Word, []PageSize) {
	t.Helper()
	tool := Require(t, "pdftotext")
	words, pages, err := parseBBox(string(run(t, tool, "-bbox", "-enc", "UTF-8", path, "-")))
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	return words, pages
}

var (
	bboxPage = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
	bboxAny  = regexp.MustCompile(`<page [^>]*>|<word [^>]*>[^<]*</word>`)
)

// parseBBox reads pdftotext -bbox's XHTML: <page> elements holding <word>
// elements, in order.
func parseBBox(out string) ([]Word, []PageSize, error) {
	var words []Word
	var pages []PageSize
	num := func(s string) float64 {
		v, _ := strconv.ParseFloat(s, 64)
		return v
	}
	for _, m := range bboxAny.FindAllString(out, -1) {
		if p := bboxPage.FindStringSubmatch(m); p != nil {
			pages = append(pages, PageSize{num(p[1]), num(p[2])})
			continue
		}
		w := bboxWord.FindStringSubmatch(m)
		if w == nil || len(pages) == 0 {
			continue
		}
		words = append(words, Word{Page: len(pages), XMin: num(w[1]), YMin: num(w[2]), XMax: num(w[3]), YMax: num(w[4]), Text: html.UnescapeString(w[5])})
	}
	return words, pages, nil
}
