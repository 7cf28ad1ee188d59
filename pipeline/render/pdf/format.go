package pdf

import (
	"io"

	"github.com/polypress/polypress/pipeline/doc"
	registry "github.com/polypress/polypress/pipeline/render"
)

func init() { registry.Register(format{}) }

// format is the PDF writer as the render registry sees it.
type format struct{}

func (format) Info() registry.Info {
	return registry.Info{
		Name: "pdf",
		Ext:  "pdf",
		Help: "print-ready PDF, the layout's page size, fonts embedded (--bleed, --crop-marks)",
		// Every character is drawn from the embedded fonts.
		Glyphs: true,
		// Measured on the samples, the PDFs of a set of editions take two
		// to three times as long as their EPUBs: text is shaped, broken
		// into lines and composed into pages.
		Cost: 3,
	}
}

func registryOptions(o registry.Options) Options {
	return Options{Layout: o.Layout, Shaper: o.Shaper, Created: o.Created, Creator: o.Generator,
		Bleed: o.Bleed, CropMarks: o.CropMarks}
}

func (format) Render(w io.Writer, ed *doc.Edition, o registry.Options) (registry.Result, error) {
	r, err := Render(w, ed, registryOptions(o))
	return registry.Result{Pages: r.Pages, Fonts: r.Fonts}, err
}

func (format) RenderPack(w io.Writer, pe *doc.PackEdition, o registry.Options) (registry.Result, error) {
	r, err := RenderPack(w, pe, PackOptions{Options: registryOptions(o), Recto: o.Recto})
	return registry.Result{Pages: r.Pages, Fonts: r.Fonts}, err
}

func (format) RenderParallel(w io.Writer, pe *doc.ParallelEdition, o registry.Options) (registry.Result, error) {
	r, err := RenderParallel(w, pe, registryOptions(o))
	return registry.Result{Pages: r.Pages, Fonts: r.Fonts}, err
}
