package pdfw

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"
)

// Image is an image XObject.
type Image struct {
	index         int
	ref           Ref
	Width, Height int
}

// AddImage embeds a PNG or JPEG image. The whole image is decoded with the
// standard library first, so a truncated or damaged file is an error here
// rather than a broken page. PNG pixels are written compressed, with an
// alpha channel as a soft mask; a JPEG is embedded as it is.
func (w *Writer) AddImage(data []byte) (*Image, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return w.addPNG(data)
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8}):
		return w.addJPEG(data)
	}
	return nil, errors.New("not a PNG or JPEG image")
}

func (w *Writer) newImage(width, height int) *Image {
	img := &Image{index: len(w.images), ref: w.Alloc(), Width: width, Height: height}
	w.images = append(w.images, img)
	return img
}

// maxPixels bounds an image's size, so that a hostile file cannot make us
// allocate gigabytes: a 10,000 × 10,000 logo is far beyond any print need.
const maxPixels = 100_000_000

func (w *Writer) addPNG(data []byte) (*Image, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("PNG: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return nil, fmt.Errorf("PNG: %d × %d pixels is not a size we embed", cfg.Width, cfg.Height)
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("PNG: %w", err)
	}
	b := m.Bounds()
	gray := false
	switch m.ColorModel() {
	case color.GrayModel, color.Gray16Model:
		gray = true
	}
	n := 3
	if gray {
		n = 1
	}
	pix := make([]byte, 0, b.Dx()*b.Dy()*n)
	alpha := make([]byte, 0, b.Dx()*b.Dy())
	opaque := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(m.At(x, y)).(color.NRGBA)
			if gray {
				pix = append(pix, c.R)
			} else {
				pix = append(pix, c.R, c.G, c.B)
			}
			alpha = append(alpha, c.A)
			if c.A != 0xFF {
				opaque = false
			}
		}
	}
	img := w.newImage(b.Dx(), b.Dy())
	cs := "/DeviceRGB"
	if gray {
		cs = "/DeviceGray"
	}
	dict := "/Type/XObject/Subtype/Image/Width " + strconv.Itoa(b.Dx()) + "/Height " + strconv.Itoa(b.Dy()) +
		"/ColorSpace" + cs + "/BitsPerComponent 8"
	if !opaque {
		mask := w.Alloc()
		w.Stream(mask, "/Type/XObject/Subtype/Image/Width "+strconv.Itoa(b.Dx())+"/Height "+strconv.Itoa(b.Dy())+
			"/ColorSpace/DeviceGray/BitsPerComponent 8", alpha, true)
		dict += "/SMask " + mask.String()
	}
	w.Stream(img.ref, dict, pix, true)
	return img, nil
}

func (w *Writer) addJPEG(data []byte) (*Image, error) {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("JPEG: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return nil, fmt.Errorf("JPEG: %d × %d pixels is not a size we embed", cfg.Width, cfg.Height)
	}
	// Decode it all, so that a truncated file is caught here.
	if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("JPEG: %w", err)
	}
	var cs string
	switch cfg.ColorModel {
	case color.GrayModel:
		cs = "/ColorSpace/DeviceGray"
	case color.YCbCrModel, color.RGBAModel:
		cs = "/ColorSpace/DeviceRGB"
	case color.CMYKModel:
		// Adobe's CMYK JPEGs store inverted values.
		cs = "/ColorSpace/DeviceCMYK/Decode[1 0 1 0 1 0 1 0]"
	default:
		return nil, errors.New("JPEG: unsupported colour model")
	}
	img := w.newImage(cfg.Width, cfg.Height)
	w.Stream(img.ref, "/Type/XObject/Subtype/Image/Width "+strconv.Itoa(cfg.Width)+"/Height "+strconv.Itoa(cfg.Height)+
		cs+"/BitsPerComponent 8/Filter/DCTDecode", data, false)
	return img, nil
}
