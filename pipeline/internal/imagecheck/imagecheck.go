// Package imagecheck checks an image a user gives — a pack's cover logo —
// before any writer sees it. PDF, EPUB and HTML writers embed images; a
// library that parses them may panic on a truncated file (fpdf's PNG reader
// did) or allocate what the header claims, and an SVG is a document that
// can carry scripts and references to other files or sites, which an
// e-reader or a browser would run or fetch. So:
//
//   - PNG and JPEG files are decoded whole with the standard library, after
//     their header's size is checked against MaxSide and MaxPixels, so that
//     the decoder never allocates more than a bounded amount;
//   - SVG files must keep to a safe subset of SVG (see CheckSVG): no
//     script, no event attributes, no animation, no reference outside the
//     file, no entities or DOCTYPE, a bounded depth and element count.
//
// An image outside these rules is refused with the reason, never repaired:
// a publication should show what its author made, or nothing.
package imagecheck

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"path/filepath"
	"strings"
)

// Limits on an image, checked before it is decoded. docs/format.md lists
// them.
const (
	// MaxBytes is the largest image file.
	MaxBytes = 8 << 20
	// MaxSide is the largest width or height, in pixels: a cover logo is
	// 64 points tall, 10,000 pixels is far beyond any print resolution.
	MaxSide = 10000
	// MaxPixels bounds width × height, and so the memory a decoder
	// allocates (at most 8 bytes a pixel for 16-bit RGBA: 200 MB).
	MaxPixels = 25_000_000
)

// Media types of the images a logo may be.
const (
	PNG  = "image/png"
	JPEG = "image/jpeg"
	SVG  = "image/svg+xml"
)

// mediaTypes are the formats by extension: those EPUB 3 lists as core
// media types, which every browser shows too.
var mediaTypes = map[string]string{
	".png":  PNG,
	".jpg":  JPEG,
	".jpeg": JPEG,
	".svg":  SVG,
}

// MediaType returns the media type of a file name's extension, or "" when
// it is not a PNG, JPEG or SVG name.
func MediaType(name string) string {
	return mediaTypes[strings.ToLower(filepath.Ext(name))]
}

// Info is what Check learnt of an image.
type Info struct {
	MediaType string
	// Width and Height are in pixels; zero for an SVG.
	Width, Height int
}

// Error is a problem with an image, at a place in the file when one is
// known (an SVG's line and column; zero otherwise).
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

func errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// Check checks that data, the content of the file name, is the image its
// extension says and keeps to this package's rules. The error, an *Error,
// says what is wrong and how to mend it.
func Check(name string, data []byte) (*Info, error) {
	mt := MediaType(name)
	if mt == "" {
		return nil, errorf("use a PNG, JPEG or SVG file (.png, .jpg, .jpeg or .svg)")
	}
	if len(data) > MaxBytes {
		return nil, errorf("the file is %d bytes, more than the %d MiB an image may have", len(data), MaxBytes>>20)
	}
	info := &Info{MediaType: mt}
	var err error
	switch mt {
	case PNG, JPEG:
		if kind := sniff(data); kind != mt {
			return nil, wrongKind(name, mt, kind)
		}
		if mt == PNG {
			info.Width, info.Height, err = decode("PNG", data, png.DecodeConfig, png.Decode)
		} else {
			info.Width, info.Height, err = decode("JPEG", data, jpeg.DecodeConfig, jpeg.Decode)
		}
	case SVG:
		err = CheckSVG(data)
	}
	if err != nil {
		return nil, err
	}
	return info, nil
}

// decode checks a raster image's size from its header, then decodes it
// whole, which finds a truncated or damaged file.
func decode(format string, data []byte, config func(io.Reader) (image.Config, error), full func(io.Reader) (image.Image, error)) (w, h int, err error) {
	cfg, err := config(bytes.NewReader(data))
	if err != nil {
		return 0, 0, errorf("the %s image is damaged or truncated (%v); save it again", format, strip(err))
	}
	w, h = cfg.Width, cfg.Height
	switch {
	case w <= 0 || h <= 0:
		return 0, 0, errorf("the %s image is %d × %d pixels: it has no area", format, w, h)
	case w > MaxSide || h > MaxSide:
		return 0, 0, errorf("the %s image is %d × %d pixels; a logo may be %d pixels a side at most", format, w, h, MaxSide)
	case w*h > MaxPixels:
		return 0, 0, errorf("the %s image is %d × %d pixels, %d million; a logo may have %d million at most", format, w, h, w*h/1_000_000, MaxPixels/1_000_000)
	}
	if _, err := full(bytes.NewReader(data)); err != nil {
		return 0, 0, errorf("the %s image is damaged or truncated (%v); save it again", format, strip(err))
	}
	return w, h, nil
}

// sniff returns the media type data's first bytes say, or "".
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return JPEG
	case bytes.HasPrefix(data, []byte("GIF8")):
		return "image/gif"
	}
	return ""
}

// wrongKind explains content that is not what its name says.
func wrongKind(name, want, got string) error {
	ext := strings.ToLower(filepath.Ext(name))
	short := func(mt string) string { return strings.ToUpper(strings.TrimPrefix(mt, "image/")) }
	if got != "" {
		return errorf("the file is a %s image but its name ends in %s; rename it, or save it as %s", short(got), ext, short(want))
	}
	return errorf("the file is not a %s image, as its name says; save the logo as %s", short(want), short(want))
}

// strip drops the "png: " or "jpeg: " the decoders put before their
// messages, which the message already says.
func strip(err error) string {
	s := err.Error()
	for _, p := range []string{"png: ", "jpeg: ", "image: "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}
