package epub

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // JPEG logos
	"image/png"
	"regexp"
	"strconv"
	"strings"

	"github.com/polypress/polypress/pipeline/layout"
)

// onBand returns the cover logo drawn on the cover band's colour, with a
// margin of the band around it of half the logo's height, as the PDF
// edition's cover shows it. A logo made for the band (white on
// transparent) is otherwise invisible on a reading system's white page
// and in its library, which shows the cover image as the book's
// thumbnail. PNG and JPEG logos become a PNG image; an SVG logo is nested
// in an SVG image whose first shape is the band.
func onBand(l *logoFile, band layout.Color) (*logoFile, error) {
	if l.mediaType == "image/svg+xml" {
		data, err := svgOnBand(l.data, band)
		if err != nil {
			return nil, err
		}
		return &logoFile{href: coverImageBase + ".svg", mediaType: l.mediaType, data: data}, nil
	}
	img, _, err := image.Decode(bytes.NewReader(l.data))
	if err != nil {
		return nil, fmt.Errorf("cover logo: %w", err)
	}
	b := img.Bounds()
	pad := (b.Dy() + 1) / 2
	r, g, bl := band.RGB()
	canvas := image.NewNRGBA(image.Rect(0, 0, b.Dx()+2*pad, b.Dy()+2*pad))
	draw.Draw(canvas, canvas.Bounds(), image.NewUniform(color.NRGBA{uint8(r*255 + 0.5), uint8(g*255 + 0.5), uint8(bl*255 + 0.5), 255}), image.Point{}, draw.Src)
	draw.Draw(canvas, image.Rect(pad, pad, pad+b.Dx(), pad+b.Dy()), img, b.Min, draw.Over)
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, canvas); err != nil {
		return nil, err
	}
	return &logoFile{href: coverImageBase + ".png", mediaType: "image/png", data: buf.Bytes()}, nil
}

// sizeAttr matches a size or position attribute of an SVG start tag.
var sizeAttr = regexp.MustCompile(`\s(width|height|x|y)\s*=\s*("[^"]*"|'[^']*')`)

// svgOnBand nests an SVG logo in a drawing as wide as it and a margin of
// half its height on every side, filled with the band's colour.
func svgOnBand(data []byte, band layout.Color) ([]byte, error) {
	var root struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
	}
	if err := xml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("cover logo: SVG: %w", err)
	}
	w, werr := cssPixels(root.Width)
	h, herr := cssPixels(root.Height)
	if root.XMLName.Local != "svg" || werr != nil || herr != nil || w <= 0 || h <= 0 {
		return nil, errors.New("cover logo: SVG: the root element must be <svg> with a width and a height")
	}
	// The root's start tag, wherever the prolog and comments end.
	dec := xml.NewDecoder(bytes.NewReader(data))
	var start int64 = -1
	for {
		off := dec.InputOffset()
		tok, err := dec.RawToken()
		if err != nil {
			return nil, fmt.Errorf("cover logo: SVG: %w", err)
		}
		if _, ok := tok.(xml.StartElement); ok {
			start = off
			break
		}
	}
	end := int64(bytes.IndexByte(data[start:], '>'))
	if end < 0 {
		return nil, errors.New("cover logo: SVG: the root element's tag is not closed")
	}
	end += start
	tag := string(data[start:end])
	selfClosing := strings.HasSuffix(tag, "/")
	tag = strings.TrimSuffix(tag, "/")
	tag = sizeAttr.ReplaceAllString(tag, "")
	pad := h / 2
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	r, g, b := band.RGB()
	var out bytes.Buffer
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s">`+"\n",
		num(w+2*pad), num(h+2*pad), num(w+2*pad), num(h+2*pad))
	fmt.Fprintf(&out, `<rect width="100%%" height="100%%" fill="#%02x%02x%02x"/>`+"\n", int(r*255+0.5), int(g*255+0.5), int(b*255+0.5))
	fmt.Fprintf(&out, `%s x="%s" y="%s" width="%s" height="%s"`, tag, num(pad), num(pad), num(w), num(h))
	if selfClosing {
		out.WriteString("/")
	}
	out.Write(data[end:])
	out.WriteString("\n</svg>\n")
	return out.Bytes(), nil
}

// cssPixels reads an SVG length in CSS pixels: a number, or a number with
// px, pt, pc, mm, cm or in.
func cssPixels(s string) (float64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		px     float64
	}{{"px", 1}, {"pt", 4.0 / 3}, {"pc", 16}, {"mm", 96 / 25.4}, {"cm", 96 / 2.54}, {"in", 96}}
	factor := 1.0
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, factor = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.px
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	return v * factor, err
}
