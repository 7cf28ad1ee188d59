package epub

import (
	"errors"
	"fmt"
	"html/template"
	"io"

	"github.com/polypress/polypress/pipeline/doc"
	registry "github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
)

// A parallel edition (the languages side by side) becomes, in this fixed
// order:
//
//	mimetype, META-INF/container.xml, EPUB/package.opf, EPUB/nav.xhtml,
//	EPUB/css/…, EPUB/fonts/…    as for one statement
//	EPUB/text/parallel.xhtml     the title blocks, body and biographies,
//	                             a row per part, a cell per language
//
// The publication's language is the main (first) language, and the others
// are listed after it; each cell carries its own language and direction.
// The table of contents is the main language's.

// parallelPath is the content document of a parallel edition.
const parallelPath = "text/parallel.xhtml"

// parallelView is the parallel content document.
type parallelView struct {
	headView
	Parallel *markup.ParallelPage
	// Labelledby is the id of the main language's title.
	Labelledby string
}

// RenderParallel writes a parallel edition as one EPUB 3 publication to w.
// The same edition and options always give the same bytes. Nothing is
// written when pe cannot be rendered.
func RenderParallel(w io.Writer, pe *doc.ParallelEdition, opts Options) error {
	files, err := buildParallel(pe, opts)
	name := "<nil>"
	if pe != nil {
		name = publicationName(pe.ID, pe.Name)
	}
	return writeOrFail(w, files, err, opts, "epub "+name)
}

// buildParallel checks the inputs and produces the container's files in
// their final order.
func buildParallel(pe *doc.ParallelEdition, opts Options) ([]file, error) {
	if pe == nil || len(pe.Editions) == 0 {
		return nil, errors.New("no parallel edition")
	}
	pe = markup.CleanParallel(pe)
	if err := markup.CheckParallel(pe); err != nil {
		return nil, err
	}
	main := pe.Editions[0]
	if main.Labels.Contents == "" {
		return nil, errors.New("edition has no Contents label, which titles the table of contents")
	}
	if err := checkOptions(opts); err != nil {
		return nil, err
	}
	dir := markup.Direction(main.Dir)
	textCSS, navCSS := stylesheets(opts)
	head := func(title string, css []string) headView {
		return headView{Lang: main.Lang, Dir: dir, HeadTitle: title, Generator: markup.Clean(opts.Generator), CSS: css}
	}
	draft := ""
	if pe.Draft {
		draft = main.Labels.Draft
	}
	var logo *logoFile
	var logoView *markup.Image
	if main.Logo != "" {
		l, err := markup.ReadLogo(main.Logo)
		if err != nil {
			return nil, err
		}
		logo = &logoFile{href: logoImageBase + l.Ext, mediaType: l.MediaType, data: l.Data}
		logoView = &markup.Image{Src: template.URL("../" + logo.href), Alt: main.LogoAlt}
	}
	pp, err := markup.Parallel(pe, markup.ParallelOptions{DocPath: parallelPath, Draft: draft, PageDir: main.Dir, EPUB: true, Logo: logoView})
	if err != nil {
		return nil, err
	}
	pv := &parallelView{headView: head(main.Title, textCSS), Parallel: pp, Labelledby: pp.Titles[0].Page.IDPrefix + "title"}
	nav := navView{
		headView: head(main.Labels.Contents, navCSS),
		Contents: main.Labels.Contents,
		TOC:      []markup.TOCEntry{pp.TOC},
		Landmarks: []landmark{
			{Type: "toc", Href: navPath + "#toc", Text: main.Labels.Contents},
			{Type: "bodymatter", Href: parallelPath, Text: main.Title},
		},
	}
	p := newPackage(main, dir, "urn:uuid:"+uuidString(uuid5(projectNamespace, pe.ID+"/"+pe.Name)), pe.Draft, opts, logo)
	for _, ed := range pe.Editions[1:] {
		p.OtherLanguages = append(p.OtherLanguages, ed.Lang)
	}
	p.Manifest = append(p.Manifest, itemView{ID: "parallel", Href: parallelPath, XHTML: true})
	p.Spine = []spineItem{{ID: "parallel", Linear: true}, {ID: "nav"}}

	files := containerFiles()
	add := func(name string, data []byte) {
		files = append(files, file{name: rootDir + "/" + name, data: data})
	}
	for _, f := range []struct {
		name, tmpl string
		data       any
	}{{packagePath, "package.opf", p}, {navPath, "nav.xhtml", nav}} {
		b, err := execute(f.tmpl, f.data)
		if err != nil {
			return nil, err
		}
		add(f.name, b)
	}
	if len(opts.CSS) > 0 {
		add(cssPath, opts.CSS)
	}
	if len(opts.Fonts) > 0 {
		add(fontsCSSPath, append(fontsCSS(opts.Fonts), cellFontsCSS(opts.Fonts)...))
		for _, f := range opts.Fonts {
			add(fontDir+"/"+f.File, f.Data)
		}
	}
	if logo != nil {
		add(logo.href, logo.data)
	}
	b, err := execute("parallel.xhtml", pv)
	if err != nil {
		return nil, err
	}
	add(parallelPath, b)
	return files, nil
}

// cellFontsCSS makes each embedded font the first choice in the cells of
// its language, as fontsCSS makes it for a document in that language.
func cellFontsCSS(fonts []Font) []byte {
	var out []byte
	seen := map[string]bool{}
	for _, f := range fonts {
		if f.Lang == "" || seen[f.Lang] {
			continue
		}
		seen[f.Lang] = true
		var fams string
		for _, g := range fonts {
			if g.Lang == f.Lang {
				fams += `"` + g.Family + `", `
			}
		}
		out = fmt.Appendf(out, "\n.parallel .cell:lang(%s) {\n  font-family: %sserif;\n}\n", f.Lang, fams)
	}
	return out
}

func (format) RenderParallel(w io.Writer, pe *doc.ParallelEdition, o registry.Options) (registry.Result, error) {
	var eds []*doc.Edition
	if pe != nil {
		for _, ed := range pe.Editions {
			if ed != nil {
				eds = append(eds, ed)
			}
		}
	}
	// Clause markers hang in columns that fit every language's.
	opts, err := registryOptions(o, "", eds...)
	if err != nil {
		return registry.Result{}, err
	}
	if pe != nil {
		seen := map[string]bool{}
		for _, ed := range pe.Editions {
			if ed == nil {
				continue
			}
			for _, f := range registry.LangFonts(o.Library, o.Layout, ed.Lang) {
				if !seen[f.File] {
					seen[f.File] = true
					opts.Fonts = append(opts.Fonts, Font{Family: f.Family, File: f.File, Data: f.Data, Lang: f.Lang})
				}
			}
		}
	}
	err = RenderParallel(w, pe, opts)
	return registry.Result{}, err
}
