// Package html writes a doc.Edition as one web page: the HTML edition that
// a press office puts on its site. It is the last stage of the HTML branch
// of the polypress pipeline:
//
//	source files ──source.Parse──▶ Document ──localize──▶ Edition ──html.Render──▶ .html
//
// A page is self-contained: its style sheet is inlined, the cover logo of a
// pack is a data: URL, and the fonts the layout chooses for the language
// (Nastaliq for Urdu) are embedded, linked or only named, as the layout's
// html.fonts says. Nothing on the page is fetched from elsewhere unless the
// layout links its fonts.
//
// The page is semantic and accessible: lang and dir on <html> and on every
// span in another language (the language switcher, a pack's statement that
// fell back to another language); a banner with the switcher, a <main> with
// an <article> per statement; the statement's title as <h1>, its headings
// as <h2>; operative clauses as <ol> whose markers are text, written by
// localization in the locale's style ("18.", "(c)", "(أ)"), so they are read,
// copied and cited as printed. Other language editions are announced with
// <link rel="alternate" hreflang> and listed in a visible switcher; Open
// Graph properties and a schema.org NewsArticle (JSON-LD) describe the
// statement for search engines and link previews. A print style sheet
// follows the layout's page size and margins.
//
// A briefing pack is one page: a cover, a table of contents, each statement
// as an <article> whose ids start with "s<N>-", and the contributors.
//
// The same edition and options always give the same bytes: the page holds
// no date other than the statement's, and nothing is taken from a map in
// iteration order.
package html

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
)

// Options are the inputs to Render that do not come from the edition.
type Options struct {
	// CSS is the style sheet inlined in the page (layouts/epub.css and
	// layouts/html.css). The layout's own rules follow it.
	CSS []byte
	// Layout gives the colours, the print page and type size, and how
	// fonts are carried (html.fonts). It may be nil: the style sheet's
	// defaults then apply.
	Layout *layout.Layout
	// Fonts are the faces chosen for the edition's languages, embedded,
	// linked or named as Layout says.
	Fonts []render.Font
	// Generator names the program in a generator meta element; it may be
	// empty.
	Generator string
	// Alternates are the language editions of the same statement or pack
	// in HTML, this one included, in the order of the switcher.
	Alternates []render.Alternate
}

// Render writes ed as an HTML page to w. Nothing is written when ed cannot
// be rendered.
func Render(w io.Writer, ed *doc.Edition, opts Options) error {
	if ed == nil {
		return errors.New("html: no edition")
	}
	ed = markup.CleanEdition(ed)
	if err := checkEdition(ed, opts); err != nil {
		return fmt.Errorf("html %s.%s: %w", ed.ID, ed.Locale, err)
	}
	var logo *markup.Logo
	if ed.Logo != "" {
		var err error
		if logo, err = markup.ReadLogo(ed.Logo); err != nil {
			return fmt.Errorf("html %s.%s: %w", ed.ID, ed.Locale, err)
		}
	}
	return write(w, statementPage(ed, opts, logo), "html "+ed.ID+"."+ed.Locale)
}

// RenderPack writes pe as one HTML page to w: a cover, the contents, each
// statement in order, and the contributors. Nothing is written when pe
// cannot be rendered.
func RenderPack(w io.Writer, pe *doc.PackEdition, opts Options) error {
	if pe == nil {
		return errors.New("html: no pack")
	}
	pe = markup.CleanPack(pe)
	what := "html pack " + pe.ID + "." + pe.Locale
	if err := checkPack(pe, opts); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	var logo *markup.Logo
	if pe.Logo != "" {
		var err error
		if logo, err = markup.ReadLogo(pe.Logo); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	return write(w, packPage(pe, opts, logo), what)
}

// write executes the page template into memory first, so that a template
// error leaves w untouched.
func write(w io.Writer, p *page, what string) error {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, "page", p); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// checkEdition reports the first input that would make an invalid page.
func checkEdition(ed *doc.Edition, opts Options) error {
	if err := markup.CheckPublication("edition", ed.ID, ed.Title, ed.Lang, ed.Dir); err != nil {
		return err
	}
	switch {
	case len(ed.Authors) > 0 && ed.Labels.AboutAuthors == "":
		return errors.New("edition has authors but no AboutAuthors label")
	case ed.Draft && ed.Labels.Draft == "":
		return errors.New("edition is a draft but has no Draft label to mark it with")
	}
	return checkOptions(opts)
}

// checkPack reports the first input that would make an invalid page.
func checkPack(pe *doc.PackEdition, opts Options) error {
	if err := markup.CheckPack(pe); err != nil {
		return err
	}
	return checkOptions(opts)
}

// checkOptions reports the first option that would make an invalid page.
func checkOptions(opts Options) error {
	if bytes.Contains(bytes.ToLower(opts.CSS), []byte("</style")) {
		return errors.New("style sheet contains </style, which would end the page's style element")
	}
	for i, a := range opts.Alternates {
		switch {
		case !markup.LangTag.MatchString(a.Locale) || !markup.LangTag.MatchString(a.Lang):
			return fmt.Errorf("alternate %d: locale %q or language %q is not a BCP 47 tag", i+1, a.Locale, a.Lang)
		case a.Href == "" || strings.ContainsAny(a.Href, "/\\?#") || strings.HasPrefix(a.Href, "."):
			return fmt.Errorf("alternate %d (%s): href %q must be a file name in the same folder", i+1, a.Locale, a.Href)
		}
	}
	for _, f := range opts.Fonts {
		if f.Family == "" || strings.ContainsAny(f.Family, "\"\\\n<>{};") || !markup.LangTag.MatchString(f.Lang) ||
			f.File == "" || strings.ContainsAny(f.File, "\"\\'()/ \n<>") || len(f.Data) == 0 {
			return fmt.Errorf("font %q (%s): family, file name or language holds characters CSS would need escaped, or the font is empty", f.Family, f.File)
		}
	}
	return nil
}
