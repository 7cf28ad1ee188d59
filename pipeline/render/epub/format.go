package epub

import (
	"io"
	"io/fs"
	"sync"

	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/doc"
	registry "github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
)

func init() { registry.Register(format{}) }

// format is the EPUB writer as the render registry sees it.
type format struct{}

func (format) Info() registry.Info {
	return registry.Info{
		Name: "epub",
		Ext:  "epub",
		Help: "EPUB 3 e-book, accessible (EPUB Accessibility 1.1, WCAG 2.1 AA), set in the reader's fonts",
		// The reading system sets the text with its own fonts (and the
		// few the layout embeds), which may well have what ours lack.
		Glyphs:      false,
		Cost:        1,
		LayoutFiles: []string{"epub.css"},
	}
}

// stylesheet is the stylesheet every EPUB carries, read once per process
// rather than once per edition.
var stylesheet = sync.OnceValues(func() ([]byte, error) {
	return fs.ReadFile(layouts.FS, "epub.css")
})

// registryOptions are the EPUB options for an edition in lang holding
// the statements eds.
func registryOptions(o registry.Options, lang string, eds ...*doc.Edition) (Options, error) {
	css, err := stylesheet()
	if err != nil {
		return Options{}, err
	}
	if o.Layout != nil {
		// Clause markers hang in columns measured for these editions.
		if rules := markup.MarkerCSS(registry.MarkerColumns(o.Shaper, o.Layout, eds...), o.Layout.Body.MarkerGap); rules != "" {
			css = append(append([]byte(nil), css...), rules...)
		}
	}
	opts := Options{CSS: css, Modified: o.Created, Generator: o.Generator}
	if o.Layout != nil {
		band := o.Layout.Cover.Color
		opts.CoverBand = &band
	}
	for _, f := range registry.LangFonts(o.Library, o.Layout, lang) {
		opts.Fonts = append(opts.Fonts, Font{Family: f.Family, File: f.File, Data: f.Data, Lang: f.Lang})
	}
	return opts, nil
}

func (format) Render(w io.Writer, ed *doc.Edition, o registry.Options) (registry.Result, error) {
	var lang string
	if ed != nil {
		lang = ed.Lang
	}
	opts, err := registryOptions(o, lang, ed)
	if err == nil {
		err = Render(w, ed, opts)
	}
	return registry.Result{}, err
}

func (format) RenderPack(w io.Writer, pe *doc.PackEdition, o registry.Options) (registry.Result, error) {
	var lang string
	var eds []*doc.Edition
	if pe != nil {
		lang, eds = pe.Lang, pe.Statements
	}
	opts, err := registryOptions(o, lang, eds...)
	if err == nil {
		err = RenderPack(w, pe, opts)
	}
	return registry.Result{}, err
}
