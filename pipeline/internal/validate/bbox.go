package validate

import (
	"html"
	"regexp"
	"strconv"
	"strings"
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

// PDFSections reads a PDF's structure tree as poppler does (pdfinfo
// -struct-text) and returns the text of each element directly under the
// Document, in the tree's order, with the element's type (a parallel
// edition's languages, each a Sect), and every piece of content as
// PDFStructText gives it, from the same run.
func PDFSections(t testing.TB, path string) ([]Section, []StructItem) {
	t.Helper()
	tool := Require(t, "pdfinfo")
	out := string(run(t, tool, "-struct-text", path))
	return parseSections(out), parseStructText(out)
}

// Section is an element under the Document and all the text inside it.
type Section struct {
	Type, Text string
}

func parseSections(out string) []Section {
	var sects []Section
	for _, line := range strings.Split(out, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		depth := (len(line) - len(trimmed)) / 2
		switch {
		case trimmed == "":
		case depth == 1 && !strings.HasPrefix(trimmed, `"`) && !strings.HasPrefix(trimmed, "/") && !strings.HasPrefix(trimmed, "Object "):
			sects = append(sects, Section{Type: strings.TrimSuffix(strings.Fields(trimmed)[0], ":")})
		case depth > 1 && strings.HasPrefix(trimmed, `"`) && len(sects) > 0:
			s, err := strconv.Unquote(trimmed)
			if err != nil {
				s = strings.Trim(trimmed, `"`)
			}
			sects[len(sects)-1].Text += s + "\n"
		}
	}
	return sects
}
