package pdf

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render/pdf/internal/pdfw"
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
// every separation). They are drawn in the media box's coordinates.
func (r *renderer) drawCropMarks(s surface) {
	o, b := r.offset, r.opts.Bleed
	x0, y0 := o, o // trim's lower left in media coordinates
	x1, y1 := o+r.pageW, o+r.pageH
	start := b + cropMarkGap
	end := o
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "q %s w 0 0 0 1 K\n", num(cropMarkWeight))
	line := func(ax, ay, bx, by float64) {
		fmt.Fprintf(&buf, "%s %s m %s %s l S\n", num(ax), num(ay), num(bx), num(by))
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
	buf.WriteString("Q\n")
	s.raw(buf.String())
}

// drawCoverBand fills the top of a cover with the layout's cover colour,
// out to the bleed on three sides: an artifact, the page's background.
func (r *renderer) drawCoverBand(s surface) {
	band := coverBand(r)
	b := r.opts.Bleed
	s.artifact(pdfw.ArtifactBackground)
	s.fill(-b, r.pageH-band, r.pageW+2*b, band+b, r.lay.Cover.Color)
	s.end()
}

// logoHeight is the height of a cover logo, in points.
const logoHeight = 64.0

// drawLogo places the cover logo at the band's top start corner, in the
// margins' grid, as the figure e. PNG and JPEG images are embedded (and
// checked first: a damaged file is an error); an SVG is drawn from its
// paths and rectangles, stroked in the cover's ink (basic SVG only: use
// PNG or JPEG for filled artwork).
// data is the file's content when the pack manifest was read with it;
// otherwise the file is read here.
func (r *renderer) drawLogo(s surface, path string, data []byte, e *pdfw.Elem) error {
	if e == nil || e.Alt == "" {
		r.figuresWithoutAlt++
	}
	if data == nil {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			return fmt.Errorf("pdf: logo: %w", err)
		}
	}
	x := r.colLeft
	top := r.top
	if strings.EqualFold(filepath.Ext(path), ".svg") {
		svg, err := parseSVG(data)
		if err != nil {
			return fmt.Errorf("pdf: logo %s: %w", path, err)
		}
		scale := logoHeight / svg.height
		if r.ed.Dir == doc.RTL {
			x = r.colLeft + r.colWidth - svg.width*scale
		}
		if e != nil {
			s.tag(e)
		}
		ir, ig, ib := r.lay.Cover.Ink.RGB()
		s.raw(fmt.Sprintf("q %s %s %s RG 1 w\n", num(ir), num(ig), num(ib)))
		s.raw(svg.ops(x, r.pageH-top, scale))
		s.raw("Q\n")
		if e != nil {
			s.end()
		}
		return nil
	}
	img, err := r.pw.AddImage(data)
	if err != nil {
		return fmt.Errorf("pdf: logo %s: %w", path, err)
	}
	w := logoHeight * float64(img.Width) / float64(img.Height)
	if r.ed.Dir == doc.RTL {
		x = r.colLeft + r.colWidth - w
	}
	if e != nil {
		s.tag(e)
	}
	s.image(img, x, r.pageH-top-logoHeight, w, logoHeight)
	if e != nil {
		s.end()
	}
	return nil
}

func coverBand(r *renderer) float64 {
	f := r.lay.Cover.Band
	if f <= 0 || f >= 1 {
		f = 0.45
	}
	return r.pageH * f
}
