package html

import (
	"io"
	"io/fs"
	"sync"

	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
)

func init() { render.Register(format{}) }

// format is the HTML writer as the render registry sees it.
type format struct{}

func (format) Info() render.Info {
	return render.Info{
		Name: "html",
		Ext:  "html",
		Help: "web page, self-contained and accessible, linked to its other languages",
		// The browser sets the text with the reader's fonts and those the
		// layout embeds.
		Glyphs: false,
		// Writing a page costs about what an EPUB does, without the zip.
		Cost:        1,
		LayoutFiles: []string{"epub.css", "html.css"},
	}
}

// baseCSS is the style sheet every page inlines, read once per process:
// the reading style shared with the EPUB edition, then the web page's own.
var baseCSS = sync.OnceValues(func() ([]byte, error) {
	var css []byte
	for _, name := range (format{}).Info().LayoutFiles {
		b, err := fs.ReadFile(layouts.FS, name)
		if err != nil {
			return nil, err
		}
		css = append(append(css, b...), '\n')
	}
	return css, nil
})

// options are the HTML options for a page holding the statements eds,
// with text in langs.
func options(o render.Options, eds []*doc.Edition, langs ...string) (Options, error) {
	css, err := baseCSS()
	if err != nil {
		return Options{}, err
	}
	if o.Layout != nil {
		// Clause markers hang in columns measured for these editions.
		if rules := markup.MarkerCSS(render.MarkerColumns(o.Shaper, o.Layout, eds...), o.Layout.Body.MarkerGap); rules != "" {
			css = append(append([]byte(nil), css...), rules...)
		}
	}
	return Options{CSS: css, Layout: o.Layout, Fonts: pageFonts(o, langs...), Generator: o.Generator, Alternates: o.Alternates}, nil
}

func (format) Render(w io.Writer, ed *doc.Edition, o render.Options) (render.Result, error) {
	var langs []string
	if ed != nil {
		langs = []string{ed.Lang}
	}
	opts, err := options(o, []*doc.Edition{ed}, langs...)
	if err == nil {
		err = Render(w, ed, opts)
	}
	return render.Result{}, err
}

func (format) RenderPack(w io.Writer, pe *doc.PackEdition, o render.Options) (render.Result, error) {
	var langs []string
	var eds []*doc.Edition
	if pe != nil {
		eds = pe.Statements
		langs = append(langs, pe.Lang)
		for _, ed := range pe.Statements {
			if ed != nil {
				langs = append(langs, ed.Lang)
			}
		}
	}
	opts, err := options(o, eds, langs...)
	if err == nil {
		err = RenderPack(w, pe, opts)
	}
	return render.Result{}, err
}
