package validate

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"testing"
)

// PDFPage is one page as pdftotext -bbox-layout lays out its text: the
// page size and the lines of each text block, with their words' boxes, in
// points from the page's top left corner.
type PDFPage struct {
	Width, Height float64
	Blocks        [][]PDFLine
}

// PDFLine is a line of text and the box around it.
type PDFLine struct {
	Box
	Words []PDFWord
}

// PDFWord is a word and its box.
type PDFWord struct {
	Box
	Text string
}

// Box is a rectangle, in points from the page's top left corner.
type Box struct {
	XMin, YMin, XMax, YMax float64
}

// Text returns the line's words joined by spaces.
func (l PDFLine) Text() string {
	var b bytes.Buffer
	for i, w := range l.Words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

// PDFLayout returns the pages of the PDF file at path with their text
// lines and words where pdftotext places them: the boxes a reader's text
// selection shows.
func PDFLayout(t testing.TB, path string) []PDFPage {
	t.Helper()
	tool := Require(t, "pdftotext")
	pages, err := parseBBoxLayout(run(t, tool, "-bbox-layout", path, "-"))
	if err != nil {
		t.Fatalf("pdftotext -bbox-layout %s: %v", path, err)
	}
	return pages
}

// parseBBoxLayout reads pdftotext -bbox-layout's XHTML.
func parseBBoxLayout(data []byte) ([]PDFPage, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	var pages []PDFPage
	var block []PDFLine
	var word *PDFWord
	num := func(e xml.StartElement, name string) (float64, error) {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				return strconv.ParseFloat(a.Value, 64)
			}
		}
		return 0, fmt.Errorf("<%s> without %s", e.Name.Local, name)
	}
	box := func(e xml.StartElement) (Box, error) {
		var b Box
		var err error
		for _, f := range []struct {
			name string
			v    *float64
		}{{"xMin", &b.XMin}, {"yMin", &b.YMin}, {"xMax", &b.XMax}, {"yMax", &b.YMax}} {
			if *f.v, err = num(e, f.name); err != nil {
				return b, err
			}
		}
		return b, nil
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "page":
				var p PDFPage
				if p.Width, err = num(e, "width"); err == nil {
					p.Height, err = num(e, "height")
				}
				if err != nil {
					return nil, err
				}
				pages = append(pages, p)
			case "block":
				block = nil
			case "line":
				b, err := box(e)
				if err != nil {
					return nil, err
				}
				block = append(block, PDFLine{Box: b})
			case "word":
				b, err := box(e)
				if err != nil {
					return nil, err
				}
				if len(block) == 0 {
					return nil, fmt.Errorf("a word outside a line")
				}
				l := &block[len(block)-1]
				l.Words = append(l.Words, PDFWord{Box: b})
				word = &l.Words[len(l.Words)-1]
			}
		case xml.CharData:
			if word != nil {
				word.Text += string(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "word":
				word = nil
			case "block":
				if len(pages) == 0 {
					return nil, fmt.Errorf("a block outside a page")
				}
				p := &pages[len(pages)-1]
				p.Blocks = append(p.Blocks, block)
				block = nil
			}
		}
	}
	return pages, nil
}

// Justification measures how evenly justified lines are spaced, as a
// reader sees them: the gaps between
// the words of every line, and for each justified line (one that reaches
// right, the text block's right edge, within 1.5 pt, and is not the last
// line of its block) the mean of its gaps. A line is loose when that mean
// is more than 1.7 times the median gap of the whole document, which is
// the font's normal word space.
type Justification struct {
	// Normal is the median gap between words, in points.
	Normal float64
	// Lines are the justified lines, Loose those of them set loose.
	Lines, Loose []string
}

// LooseFactor is how much wider than the normal word space a justified
// line's mean space may be before the line counts as loose.
const LooseFactor = 1.7

// MeasureJustification measures the justified lines of pages, whose text
// block ends at right (in points from the left edge of the page).
func MeasureJustification(pages []PDFPage, right float64) Justification {
	type line struct {
		mean float64
		text string
	}
	var all []float64
	var just []line
	for pi, p := range pages {
		for _, b := range p.Blocks {
			for i, l := range b {
				ws := slices.Clone(l.Words)
				slices.SortFunc(ws, func(a, b PDFWord) int {
					switch {
					case a.XMin < b.XMin:
						return -1
					case a.XMin > b.XMin:
						return 1
					}
					return 0
				})
				if len(ws) < 3 {
					continue
				}
				var gaps []float64
				for j := 0; j+1 < len(ws); j++ {
					if g := ws[j+1].XMin - ws[j].XMax; g > 0.3 {
						gaps = append(gaps, g)
					}
				}
				if len(gaps) == 0 {
					continue
				}
				all = append(all, gaps...)
				if i == len(b)-1 || l.XMax < right-1.5 || l.XMax > right+1.5 {
					continue
				}
				sum := 0.0
				for _, g := range gaps {
					sum += g
				}
				just = append(just, line{sum / float64(len(gaps)), fmt.Sprintf("p%d %s", pi+1, l.Text())})
			}
		}
	}
	var j Justification
	if len(all) == 0 {
		return j
	}
	slices.Sort(all)
	j.Normal = all[len(all)/2]
	if len(all)%2 == 0 {
		j.Normal = (all[len(all)/2-1] + all[len(all)/2]) / 2
	}
	for _, l := range just {
		j.Lines = append(j.Lines, l.text)
		if l.mean > LooseFactor*j.Normal {
			j.Loose = append(j.Loose, fmt.Sprintf("%.2f pt: %s", l.mean, l.text))
		}
	}
	return j
}
