package imagecheck

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"regexp"
	"strings"
	"testing"
)

// PNG returns a w × h PNG.
func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegOf(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// PNGHeader returns a PNG whose IHDR claims w × h pixels, with a valid CRC,
// and whose image data is a few bytes: what a decompression bomb or a
// hostile header looks like.
func PNGHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, c.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// jpegSized rewrites the frame size of a JPEG's SOF0 segment.
func jpegSized(t testing.TB, data []byte, w, h uint16) []byte {
	t.Helper()
	out := append([]byte(nil), data...)
	i := bytes.Index(out, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0")
	}
	binary.BigEndian.PutUint16(out[i+5:], h)
	binary.BigEndian.PutUint16(out[i+7:], w)
	return out
}

const svgHead = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="240" height="64">`

func TestCheck(t *testing.T) {
	good := pngOf(t, 40, 20)
	corruptCRC := append([]byte(nil), good...)
	corruptCRC[len(corruptCRC)-20] ^= 0xFF
	jpg := jpegOf(t, 40, 20)
	gray16 := func() []byte {
		img := image.NewGray16(image.Rect(0, 0, 3, 3))
		img.Set(1, 1, color.Gray16{Y: 0x1234})
		var b bytes.Buffer
		png.Encode(&b, img)
		return b.Bytes()
	}()
	deep := svgHead + strings.Repeat("<g>", 70) + strings.Repeat("</g>", 70) + "</svg>"
	many := svgHead + strings.Repeat("<rect width='1' height='1'/>", MaxSVGElements) + "</svg>"
	for _, tt := range []struct {
		name, file string
		data       []byte
		want       string // regexp of the error; "" for none
	}{
		{"PNG", "a.png", good, ""},
		{"16-bit PNG", "a.png", gray16, ""},
		{"JPEG", "a.jpg", jpg, ""},
		{"JPEG as .jpeg", "a.JPEG", jpg, ""},
		{"truncated PNG", "a.png", good[:len(good)/2], `the PNG image is damaged or truncated`},
		{"PNG cut in its header", "a.png", good[:20], `the PNG image is damaged or truncated`},
		{"PNG with a bad CRC", "a.png", corruptCRC, `the PNG image is damaged or truncated`},
		{"PNG signature only", "a.png", []byte("\x89PNG\r\n\x1a\n"), `damaged or truncated`},
		{"PNG 100,000 pixels wide", "a.png", PNGHeader(100000, 1), `100000 × 1 pixels; a logo may be 10000 pixels a side at most`},
		{"PNG 4 billion pixels high", "a.png", PNGHeader(1, 0x7FFFFFFF), `a side at most`},
		{"PNG 6,000 × 6,000", "a.png", PNGHeader(6000, 6000), `36 million; a logo may have 25 million at most`},
		{"PNG bomb within bounds", "a.png", PNGHeader(5000, 5000), `damaged or truncated`},
		{"PNG of no area", "a.png", PNGHeader(0, 10), `damaged or truncated|no area`},
		{"JPEG in a .png", "a.png", jpg, `the file is a JPEG image but its name ends in \.png; rename it, or save it as PNG`},
		{"text in a .jpg", "a.jpg", []byte("hello"), `the file is not a JPEG image, as its name says; save the logo as JPEG`},
		{"GIF in a .png", "a.png", []byte("GIF89a...."), `the file is a GIF image but its name ends in \.png`},
		{"truncated JPEG", "a.jpg", jpg[:len(jpg)/2], `the JPEG image is damaged or truncated`},
		{"JPEG 60,000 pixels wide", "a.jpg", jpegSized(t, jpg, 60000, 20), `60000 × 20 pixels; a logo may be 10000`},
		{"JPEG of no area", "a.jpg", jpegSized(t, jpg, 0, 20), `damaged or truncated|no area`},
		{"GIF", "a.gif", []byte("GIF89a"), `use a PNG, JPEG or SVG file`},
		{"too large", "a.png", make([]byte, MaxBytes+1), `more than the 8 MiB`},

		{"SVG", "a.svg", []byte(`<?xml version="1.0" encoding="UTF-8"?>
<!-- made by hand -->
` + svgHead + `<title>Logo</title><defs><linearGradient id="g"><stop offset="0" stop-color="#063"/></linearGradient>
<path id="p" d="M0 0L10 10"/></defs><style>rect { fill: url(#g) }</style>
<use xlink:href="#p"/><use href="#p"/><rect width="4" height="4" fill="url(#g)" style="stroke: url('#g')"/>
<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#"><cc:Work rdf:about=""><cc:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/></cc:Work></rdf:RDF></metadata>
<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" pagecolor="#ffffff"/>
<text x="1" y="10">OIC &amp; partners</text></svg>`), ""},
		{"SVG in mm", "a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="1.5in"/>`), ""},
		{"script", "a.svg", []byte(svgHead + "\n<script>alert(1)</script></svg>"), `^line 2, column 1: a <script> element`},
		{"CDATA script", "a.svg", []byte(svgHead + "<script><![CDATA[alert(1)]]></script></svg>"), `<script>`},
		{"XHTML script", "a.svg", []byte(svgHead + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`), `XHTML <script> element`},
		{"XHTML iframe in foreignObject", "a.svg", []byte(svgHead + `<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="http://x"/></foreignObject></svg>`), `<foreignObject>`},
		{"onload", "a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1" onload="alert(1)"/>`), `event attribute onload on <svg>`},
		{"ONCLICK", "a.svg", []byte(svgHead + `<rect ONCLICK="x()" width="1" height="1"/></svg>`), `event attribute ONCLICK`},
		{"XML Events", "a.svg", []byte(svgHead + `<rect xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="click" width="1" height="1"/></svg>`), `may not handle events`},
		{"external xlink:href", "a.svg", []byte(svgHead + `<use xlink:href="http://example.com/a.svg#x"/></svg>`), `xlink:href="http://example.com/a.svg#x" on <use> refers to something outside the file`},
		{"external href", "a.svg", []byte(svgHead + `<use href="other.svg#x"/></svg>`), `refers to something outside`},
		{"javascript href", "a.svg", []byte(svgHead + `<use href="javascript:alert(1)"/></svg>`), `javascript: URL`},
		{"image", "a.svg", []byte(svgHead + `<image href="#x" width="1" height="1"/></svg>`), `an <image> element`},
		{"link", "a.svg", []byte(svgHead + `<a href="#x"><rect width="1" height="1"/></a></svg>`), `an <a> element`},
		{"animation", "a.svg", []byte(svgHead + `<set attributeName="href" to="javascript:alert(1)"/></svg>`), `a <set> element`},
		{"url in fill", "a.svg", []byte(svgHead + `<rect width="1" height="1" fill="url(http://example.com/p.svg#g)"/></svg>`), `attribute fill on <rect> refers to "http://example.com/p.svg#g" outside the file`},
		{"url in style", "a.svg", []byte(svgHead + `<rect width="1" height="1" style="fill: url( 'https://x/y' )"/></svg>`), `attribute style on <rect> refers to "https://x/y"`},
		{"@import", "a.svg", []byte(svgHead + `<style>@import url(#x);</style></svg>`), `<style> element imports another style sheet`},
		{"xml:base", "a.svg", []byte(svgHead + `<g xml:base="http://x/"/></svg>`), `xml:base`},
		{"stylesheet PI", "a.svg", []byte(`<?xml-stylesheet href="http://x/a.css"?>` + svgHead + `</svg>`), `processing instruction <\?xml-stylesheet`},
		{"DOCTYPE", "a.svg", []byte(`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">` + svgHead + `</svg>`), `<!DOCTYPE> declaration`},
		{"entity bomb", "a.svg", []byte(`<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>` + svgHead + `<text>&b;</text></svg>`), `DOCTYPE`},
		{"external entity", "a.svg", []byte(`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + svgHead + `<text>&x;</text></svg>`), `DOCTYPE`},
		{"undefined entity", "a.svg", []byte(svgHead + `<text>&nbsp;</text></svg>`), `^line 1: the file is not well-formed XML: invalid character entity &nbsp;`},
		{"not XML", "a.svg", []byte("<svg"), `not well-formed XML`},
		{"HTML root", "a.svg", []byte(`<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>`), `root element is <html>, not <svg>`},
		{"no namespace", "a.svg", []byte(`<svg width="1" height="1"/>`), `<svg> element is not in the SVG namespace`},
		{"empty", "a.svg", nil, `holds no <svg> element`},
		{"no width", "a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" height="4"/>`), `no width`},
		{"width inf", "a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="inf" height="4"/>`), `width "inf" is not a length`},
		{"width NaN", "a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="NaN" height="4"/>`), `is not a length`},
		{"width 1e30", "a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1e30" height="4"/>`), `is not a length`},
		{"width in %", "a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="4"/>`), `is not a length`},
		{"height 200in", "a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="200in"/>`), `is not a length`},
		{"latin-1", "a.svg", []byte(`<?xml version="1.0" encoding="ISO-8859-1"?>` + svgHead + `</svg>`), `the file is in ISO-8859-1; save it as UTF-8`},
		{"deep", "a.svg", []byte(deep), `nest more than 64 deep`},
		{"many", "a.svg", []byte(many), `more than 100000 elements`},
		{"unknown element", "a.svg", []byte(svgHead + `<blink/></svg>`), `a <blink> element, which is not one SVG defines`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Check(tt.file, tt.data)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want == "" && info.MediaType == "":
				t.Errorf("no media type")
			case tt.want != "" && err == nil:
				t.Errorf("accepted, want an error matching %q", tt.want)
			case tt.want != "" && !regexp.MustCompile(tt.want).MatchString(err.Error()):
				t.Errorf("error %q does not match %q", err, tt.want)
			}
		})
	}
}

// FuzzCheck: no input panics, and an accepted raster image has a size
// within the bounds.
func FuzzCheck(f *testing.F) {
	f.Add("a.png", pngOf(f, 3, 2))
	f.Add("a.jpg", jpegOf(f, 3, 2))
	f.Add("a.png", PNGHeader(3, 3))
	f.Add("a.svg", []byte(svgHead+`<rect width="1" height="1" fill="url(#g)"/><use href="#a"/></svg>`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		info, err := Check(name, data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		if info.MediaType != SVG && (info.Width <= 0 || info.Height <= 0 || info.Width > MaxSide || info.Height > MaxSide) {
			t.Fatalf("accepted a %d × %d image", info.Width, info.Height)
		}
	})
}
