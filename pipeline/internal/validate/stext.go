package validate

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TextLine is a line of text as MuPDF finds it on a page (mutool draw -F
// stext): its page (1 based), its box and the baseline of its first
// character, in points from the page's top left corner, and its text in
// the order MuPDF reads it.
type TextLine struct {
	Page                   int
	XMin, YMin, XMax, YMax float64
	Baseline               float64
	Text                   string
}

// PDFLines returns the lines of text of every page of a PDF as MuPDF
// groups them. Unlike poppler's word boxes, which reach as high as each
// font's ascent, baselines compare across scripts: an English clause
// number and an Arabic one set level have the same baseline.
func PDFLines(t testing.TB, path string) []TextLine {
	t.Helper()
	tool := Require(t, "mutool")
	return parseSText(string(run(t, tool, "draw", "-q", "-F", "stext", "-o", "-", path)))
}

var (
	stextTag  = regexp.MustCompile(`<(page|line|char)\b[^>]*>`)
	stextBBox = regexp.MustCompile(`bbox="([-0-9.]+) ([-0-9.]+) ([-0-9.]+) ([-0-9.]+)"`)
	stextChar = regexp.MustCompile(`\by="([-0-9.]+)".*\bc="([^"]*)"`)
)

// parseSText reads MuPDF's structured text XML: pages holding blocks
// holding lines holding characters, each with its origin.
func parseSText(out string) []TextLine {
	var lines []TextLine
	page := 0
	var cur *TextLine
	var text strings.Builder
	end := func() {
		if cur != nil {
			cur.Text = text.String()
			lines = append(lines, *cur)
			cur = nil
		}
	}
	num := func(s string) float64 {
		v, _ := strconv.ParseFloat(s, 64)
		return v
	}
	for _, m := range stextTag.FindAllStringSubmatch(out, -1) {
		switch m[1] {
		case "page":
			end()
			page++
		case "line":
			end()
			cur = &TextLine{Page: page, Baseline: -1}
			text.Reset()
			if b := stextBBox.FindStringSubmatch(m[0]); b != nil {
				cur.XMin, cur.YMin, cur.XMax, cur.YMax = num(b[1]), num(b[2]), num(b[3]), num(b[4])
			}
		case "char":
			c := stextChar.FindStringSubmatch(m[0])
			if cur == nil || c == nil {
				continue
			}
			if cur.Baseline < 0 {
				cur.Baseline = num(c[1])
			}
			text.WriteString(html.UnescapeString(c[2]))
		}
	}
	end()
	return lines
}
