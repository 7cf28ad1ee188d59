package epub

import (
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/layout"
)

// TestCoverLogoOnTheBand: with the layout's band colour, the cover image
// is the logo on the band, as the PDF's cover shows it (a white logo on a
// white page is invisible): a PNG with the band's colour around the logo
// and the logo's own pixels inside, or an SVG whose first shape fills it
// with the band and which holds the logo's drawing.
func TestCoverLogoOnTheBand(t *testing.T) {
	band := layout.Color(0x14466e)
	want := color.NRGBA{0x14, 0x46, 0x6e, 0xff}

	pe := englishPack()
	pe.Logo = writePNG(t) // 4 × 4 pixels, a green diagonal on transparency
	opts := options(t)
	opts.CoverBand = &band
	_, files := unpack(t, renderPack(t, pe, opts))
	img, err := png.Decode(strings.NewReader(files["EPUB/images/cover.png"]))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 8 || b.Dy() != 8 {
		t.Errorf("cover image %v, want the 4-pixel logo with 2 pixels of band around it", b)
	}
	at := func(x, y int) color.NRGBA { return color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA) }
	for _, p := range []image.Point{{0, 0}, {7, 7}, {3, 2}, {5, 2}} {
		if got := at(p.X, p.Y); got != want {
			t.Errorf("pixel %v is %v, want the band's %v", p, got, want)
		}
	}
	if got := at(3, 3); got != (color.NRGBA{0, 0x66, 0x33, 0xff}) {
		t.Errorf("the logo's pixel is %v", got)
	}
	if !strings.Contains(files["EPUB/package.opf"], `href="images/cover.png" media-type="image/png" properties="cover-image"`) {
		t.Error("package.opf does not name the cover image")
	}

	pe = englishPack()
	pe.Logo = writeSVG(t)
	_, files = unpack(t, renderPack(t, pe, opts))
	svg := files["EPUB/images/cover.svg"]
	var root struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		Rect    struct {
			Fill string `xml:"fill,attr"`
		} `xml:"rect"`
		SVG struct {
			X     string `xml:"x,attr"`
			Width string `xml:"width,attr"`
			Rect  struct {
				Fill string `xml:"fill,attr"`
			} `xml:"rect"`
		} `xml:"svg"`
	}
	if err := xml.Unmarshal([]byte(svg), &root); err != nil {
		t.Fatalf("cover.svg: %v\n%s", err, svg)
	}
	if root.Width != "8" || root.Rect.Fill != "#14466e" || root.SVG.X != "2" || root.SVG.Width != "4" || root.SVG.Rect.Fill != "#063" {
		t.Errorf("cover.svg: %+v\n%s", root, svg)
	}

	for _, bad := range []string{`<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`, `<svg width="4" height="4"`} {
		if _, err := svgOnBand([]byte(bad), band); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	if _, err := onBand(&logoFile{mediaType: "image/png", data: []byte("\x89PNG\r\n\x1a\nnot")}, band); err == nil {
		t.Error("a damaged PNG: no error")
	}
}
