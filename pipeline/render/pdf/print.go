package pdf

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/polypress/polypress/pipeline/doc"
)

// cropMarkArea is the margin outside the bleed that holds the crop marks:
// a mark starts a little outside the bleed and runs outward.
const (
	cropMarkArea   = 24.0
	cropMarkGap    = 3.0 // between the bleed and a mark
	cropMarkWeight = 0.25
)

// drawCropMarks draws the eight cut marks at the trim's corners, outside
// the bleed, in registration black (all process inks, so they show on
// every separation).
func (r *renderer) drawCropMarks() {
	o, b := r.offset, r.opts.Bleed
	x0, y0 := o, o // trim's lower left in media coordinates
	x1, y1 := o+r.pageW, o+r.pageH
	start := b + cropMarkGap
	end := o
	var s bytes.Buffer
	fmt.Fprintf(&s, "q %s w 0 0 0 1 K\n", num(cropMarkWeight))
	line := func(ax, ay, bx, by float64) {
		fmt.Fprintf(&s, "%s %s m %s %s l S\n", num(ax), num(ay), num(bx), num(by))
	}
	for _, x := range []float64{x0, x1} {
		// vertical marks above and below the page, on the trim's edges
		line(x, y0-start, x, y0-end)
		line(x, y1+start, x, y1+end)
	}
	for _, y := range []float64{y0, y1} {
		line(x0-start, y, x0-end, y)
		line(x1+start, y, x1+end, y)
	}
	s.WriteString("Q\n")
	r.pdf.RawWriteStr(s.String())
}

// drawCoverBand fills the top of a cover with the layout's cover colour,
// out to the bleed on three sides.
func (r *renderer) drawCoverBand() {
	cv := r.lay.Cover
	band := coverBand(r)
	b := r.opts.Bleed
	cr, cg, cb := cv.Color.RGB()
	// Trim coordinates, y up: from the band's foot to the top edge plus
	// the bleed.
	r.pdf.RawWriteStr(fmt.Sprintf("q %s %s %s rg %s %s %s %s re f Q\n", num(cr), num(cg), num(cb),
		num(-b), num(r.pageH-band), num(r.pageW+2*b), num(band+b)))
}

// logoHeight is the height of a cover logo, in points.
const logoHeight = 64.0

// drawLogo places the cover logo at the band's top start corner, in the
// margins' grid. PNG and JPEG are embedded as they are; an SVG is drawn
// from its paths, stroked in the cover's ink (fpdf reads basic SVG only:
// use PNG or JPEG for filled artwork).
func (r *renderer) drawLogo(path string) error {
	x := r.colLeft
	y := r.top
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg":
		svg, err := fpdf.SVGBasicFileParse(path)
		if err != nil {
			return fmt.Errorf("pdf: logo %s: %w", path, err)
		}
		scale := logoHeight / svg.Ht
		if r.ed.Dir == doc.RTL {
			x = r.colLeft + r.colWidth - svg.Wd*scale
		}
		ir, ig, ib := r.lay.Cover.Ink.RGB()
		r.pdf.SetDrawColor(int(ir*255), int(ig*255), int(ib*255))
		r.pdf.SetLineWidth(1)
		// fpdf places drawings in media coordinates from the top.
		r.pdf.SetXY(x, y+2*r.offset)
		r.pdf.SVGBasicWrite(&svg, scale)
	default:
		opts := fpdf.ImageOptions{ReadDpi: false}
		info := r.pdf.RegisterImageOptions(path, opts)
		if err := r.pdf.Error(); err != nil || info == nil {
			return fmt.Errorf("pdf: logo %s: %v", path, err)
		}
		w := logoHeight * info.Width() / info.Height()
		if r.ed.Dir == doc.RTL {
			x = r.colLeft + r.colWidth - w
		}
		// fpdf places images in media coordinates from the top; the
		// page is drawn shifted by the bleed and marks' offset.
		r.pdf.ImageOptions(path, x, y+2*r.offset, w, logoHeight, false, opts, 0, "")
	}
	return r.pdf.Error()
}

func coverBand(r *renderer) float64 {
	f := r.lay.Cover.Band
	if f <= 0 || f >= 1 {
		f = 0.45
	}
	return r.pageH * f
}

// pageBoxRE matches the two page boxes fpdf writes, one per line, in the
// order of a Go map iteration: random from run to run.
var pageBoxRE = regexp.MustCompile(`(/(?:BleedBox|TrimBox) \[[^\]\n]*\]\n)(/(?:BleedBox|TrimBox) \[[^\]\n]*\]\n)`)

// orderPageBoxes puts every page's TrimBox before its BleedBox, so that
// the same document gives the same bytes. The two lines only trade places,
// so the byte offsets in the cross-reference table stay right.
func orderPageBoxes(pdf []byte) []byte {
	return pageBoxRE.ReplaceAllFunc(pdf, func(m []byte) []byte {
		sub := pageBoxRE.FindSubmatch(m)
		if bytes.HasPrefix(sub[1], []byte("/BleedBox")) && bytes.HasPrefix(sub[2], []byte("/TrimBox")) {
			return append(append([]byte{}, sub[2]...), sub[1]...)
		}
		return m
	})
}
