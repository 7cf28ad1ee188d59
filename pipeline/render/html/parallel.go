package html

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
)

// parallel is a parallel edition's article.
type parallel struct {
	*markup.ParallelPage
	// Labelledby is the id of the main language's title.
	Labelledby string
}

// RenderParallel writes a parallel edition as one HTML page: the languages
// side by side in a grid, a row per part of the statement (title blocks,
// each paragraph, heading, lead-in and clause, the biographies), each row
// a cell per language, in reading order, the right-to-left languages on
// the right; on a narrow screen each row's cells stack. The page is in the
// main language (the first), every cell marked with its own; the language
// switcher lists the single-language editions (opts.Alternates). Nothing
// is written when pe cannot be rendered.
func RenderParallel(w io.Writer, pe *doc.ParallelEdition, opts Options) error {
	if pe == nil || len(pe.Editions) == 0 {
		return errors.New("html: no parallel edition")
	}
	pe = markup.CleanParallel(pe)
	what := "html " + pe.ID + "." + pe.Name
	if err := markup.CheckParallel(pe); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := checkOptions(opts); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	p, err := parallelPage(pe, opts)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return write(w, p, what)
}

// parallelPage builds the page of a parallel edition.
func parallelPage(pe *doc.ParallelEdition, opts Options) (*page, error) {
	main := pe.Editions[0]
	p := newPage("", main.Lang, main.Dir, main.Title, opts)
	p.Description = description(main)
	ids := markup.IDSet{"main": true}
	var logo *markup.Image
	if main.Logo != "" {
		l, err := markup.ReadLogo(main.Logo)
		if err != nil {
			return nil, err
		}
		logo = &markup.Image{Src: dataURL(l.MediaType, l.Data), Alt: main.LogoAlt}
	}
	pp, err := markup.Parallel(pe, markup.ParallelOptions{DocPath: self, Draft: draftNotice(pe.Draft, main.Labels.Draft), IDs: ids, PageDir: main.Dir, Logo: logo})
	if err != nil {
		return nil, err
	}
	p.Parallel = &parallel{ParallelPage: pp, Labelledby: pp.Titles[0].Page.IDPrefix + "title"}
	p.Meta = openGraph(main.Title, p.Description, main.Locale, main.Issuer, main.Date, opts.Alternates)
	t := &thing{Context: schemaContext, Type: "Collection", Name: main.Title, InLanguage: main.Lang,
		Publisher: organization(main.Issuer), IsAccessibleForFree: true}
	if !main.Date.IsZero() {
		t.DatePublished = main.Date.Format("2006-01-02")
	}
	if pe.Draft {
		t.CreativeWorkStatus = "Draft"
	}
	for _, ed := range pe.Editions {
		t.HasPart = append(t.HasPart, articleData(ed, nil, false))
	}
	p.JSONLD = jsonLD(t)
	p.CSS = stylesheet(opts, p.Dir) + cellFontCSS(opts.Fonts)
	return p, nil
}

// cellFontCSS makes the fonts chosen for a language (fonts.lang: Nastaliq
// for Urdu) the first choice in that language's cells, as the page's own
// rules make them for <html> in that language.
func cellFontCSS(fonts []render.Font) template.CSS {
	var b strings.Builder
	var langs []string
	families := map[string][]string{}
	for _, f := range fonts {
		if _, ok := families[f.Lang]; !ok {
			langs = append(langs, f.Lang)
		}
		families[f.Lang] = append(families[f.Lang], strconv.Quote(f.Family))
	}
	for _, l := range langs {
		fmt.Fprintf(&b, "\n.parallel .cell:lang(%s) {\n  font-family: %s, serif;\n}\n", l, strings.Join(families[l], ", "))
	}
	return template.CSS(b.String())
}

func (format) RenderParallel(w io.Writer, pe *doc.ParallelEdition, o render.Options) (render.Result, error) {
	var langs []string
	var eds []*doc.Edition
	if pe != nil {
		for _, ed := range pe.Editions {
			if ed != nil {
				langs = append(langs, ed.Lang)
				eds = append(eds, ed)
			}
		}
	}
	opts, err := options(o, eds, langs...)
	if err == nil {
		err = RenderParallel(w, pe, opts)
	}
	return render.Result{}, err
}
