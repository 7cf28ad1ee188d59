package epub

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"path"
	"strings"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
)

// A briefing pack binds several statements into one publication. It
// becomes, in this fixed order:
//
//	mimetype, META-INF/container.xml, EPUB/package.opf, EPUB/nav.xhtml,
//	EPUB/css/…, EPUB/fonts/…    as for one statement
//	EPUB/images/cover.<ext>      the logo, when the pack has one, on the cover
//	                             band's colour when Options.CoverBand is set
//	EPUB/text/cover.xhtml        kind, issuer, title, subtitle, date, logo
//	EPUB/text/statement-<N>.xhtml  each statement, in the pack's order
//	EPUB/text/contributors.xhtml   every statement's authors, once each
//
// A statement document is the one Render writes without its biographies,
// which the contributors document gathers. Its element ids start with
// "s<N>-", so that ids are unique across the pack, and its links to
// headings ("#key") resolve within the statement itself.

// Paths of a pack's own documents, beside the statements'.
const (
	coverPath        = "text/cover.xhtml"
	contributorsPath = "text/contributors.xhtml"
	coverImageBase   = "images/cover"
)

// statementDocPath is the path of the pack's i-th statement (from 0).
func statementDocPath(i int) string { return fmt.Sprintf("text/statement-%d.xhtml", i+1) }

// RenderPack writes pe as one EPUB 3 publication to w: a cover, each
// statement in order, and the contributors. The same pack, logo file and
// options always give the same bytes. Nothing is written when pe cannot be
// rendered.
func RenderPack(w io.Writer, pe *doc.PackEdition, opts Options) error {
	files, err := buildPack(pe, opts)
	name := "<nil>"
	if pe != nil {
		name = publicationName(pe.ID, pe.Locale)
	}
	return writeOrFail(w, files, err, opts, "epub pack "+name)
}

// logoFile is the cover logo as it goes into the container.
type logoFile struct {
	href      string // relative to the package document
	mediaType string
	data      []byte
}

// readLogo checks the cover logo (data, as read with its pack manifest, or
// the file name when data is nil) and places it in the container.
func readLogo(name string, data []byte) (*logoFile, error) {
	l, err := markup.LogoOf(name, data)
	if err != nil {
		return nil, err
	}
	return &logoFile{href: coverImageBase + l.Ext, mediaType: l.MediaType, data: l.Data}, nil
}

// packView is everything the templates show for a pack.
type packView struct {
	pkg          pkgView
	nav          navView
	cover        *pageView
	statements   []*pageView
	contributors *pageView // nil when no statement has authors
}

// buildPack checks the inputs and produces the container's files in their
// final order.
func buildPack(pe *doc.PackEdition, opts Options) ([]file, error) {
	if pe == nil {
		return nil, errors.New("no pack")
	}
	pe = markup.CleanPack(pe)
	if err := checkPack(pe, opts); err != nil {
		return nil, err
	}
	var logo *logoFile
	if pe.Logo != "" {
		var err error
		if logo, err = readLogo(pe.Logo, pe.LogoData); err != nil {
			return nil, err
		}
		if opts.CoverBand != nil {
			if logo, err = onBand(logo, *opts.CoverBand); err != nil {
				return nil, err
			}
		}
	}
	v := newPackView(pe, opts, logo)

	files := containerFiles()
	add := func(name string, data []byte) {
		files = append(files, file{name: rootDir + "/" + name, data: data})
	}
	addXML := func(name, tmpl string, data any) error {
		b, err := execute(tmpl, data)
		if err != nil {
			return err
		}
		add(name, b)
		return nil
	}

	if err := addXML(packagePath, "package.opf", v.pkg); err != nil {
		return nil, err
	}
	if err := addXML(navPath, "nav.xhtml", v.nav); err != nil {
		return nil, err
	}
	if len(opts.CSS) > 0 {
		add(cssPath, opts.CSS)
	}
	if len(opts.Fonts) > 0 {
		add(fontsCSSPath, fontsCSS(opts.Fonts))
		for _, f := range opts.Fonts {
			add(fontDir+"/"+f.File, f.Data)
		}
	}
	if logo != nil {
		add(logo.href, logo.data)
	}
	if err := addXML(coverPath, "cover.xhtml", v.cover); err != nil {
		return nil, err
	}
	for i, st := range v.statements {
		if err := addXML(statementDocPath(i), "statement.xhtml", st); err != nil {
			return nil, err
		}
	}
	if v.contributors != nil {
		if err := addXML(contributorsPath, "authors.xhtml", v.contributors); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// checkPack reports the first input that would make an invalid
// publication.
func checkPack(pe *doc.PackEdition, opts Options) error {
	if err := markup.CheckPack(pe); err != nil {
		return err
	}
	return checkOptions(opts)
}

// newPackView computes every document's view. checkPack has accepted the
// inputs.
func newPackView(pe *doc.PackEdition, opts Options, logo *logoFile) *packView {
	dir := markup.Direction(pe.Dir)
	textCSS, navCSS := stylesheets(opts)
	generator := markup.Clean(opts.Generator)
	head := func(title string, css []string) headView {
		return headView{Lang: pe.Lang, Dir: dir, HeadTitle: title, Generator: generator, CSS: css}
	}
	draft := markup.PackIsDraft(pe)
	notice := func(label string) string {
		switch {
		case !draft:
			return ""
		case label != "":
			return label
		}
		return pe.Labels.Draft
	}
	v := &packView{}

	// The cover.
	v.cover = &pageView{head(pe.Title, textCSS), &markup.Page{
		Draft:    notice(pe.Labels.Draft),
		Kind:     pe.KindLabel,
		Issuer:   pe.Issuer,
		Title:    pe.Title,
		Subtitle: pe.Subtitle,
		DateLine: pe.DateLine,
	}}
	if logo != nil {
		// A logo stands for its issuer; a pack without one is named by
		// its title.
		alt := pe.Issuer
		if alt == "" {
			alt = pe.Title
		}
		v.cover.Logo = &markup.Image{Src: template.URL("../" + logo.href), Alt: alt}
	}
	packTOC := markup.TOCEntry{Href: coverPath, Text: pe.Title}

	// The statements, each in its own language and direction: one that
	// fell back to another language is still read in that language.
	for i, ed := range pe.Statements {
		stDir := dir
		if ed.Dir != "" {
			stDir = string(ed.Dir)
		}
		h := headView{Lang: ed.Lang, Dir: stDir, HeadTitle: ed.Title, Generator: generator, CSS: textCSS}
		_, st, entry := markup.Statement(ed, markup.StatementOptions{
			DocPath: statementDocPath(i), Prefix: fmt.Sprintf("s%d-", i+1), Draft: notice(ed.Labels.Draft), EPUB: true})
		v.statements = append(v.statements, &pageView{h, st})
		packTOC.Children = append(packTOC.Children, entry)
	}

	// The contributors. "#key" links in a biography are shown as text:
	// no one statement's headings are theirs.
	if len(pe.Contributors) > 0 {
		page, entry := (&markup.Builder{}).Authors(pe.Contributors, contributorsPath, pe.Labels.Authors,
			notice(pe.Labels.Draft), nil)
		v.contributors = &pageView{head(pe.Labels.Authors, textCSS), page}
		packTOC.Children = append(packTOC.Children, entry)
	}

	// The navigation document.
	first := pe.Statements[0]
	v.nav = navView{
		headView: head(pe.Labels.Contents, navCSS),
		Contents: pe.Labels.Contents,
		TOC:      []markup.TOCEntry{packTOC},
		Landmarks: []landmark{
			{Type: "cover", Href: coverPath, Text: pe.Title},
			{Type: "toc", Href: navPath + "#toc", Text: pe.Labels.Contents},
			{Type: "bodymatter", Href: statementDocPath(0), Text: first.Title},
		},
	}
	if v.contributors != nil {
		v.nav.Landmarks = append(v.nav.Landmarks, landmark{Type: "backmatter", Href: contributorsPath, Text: pe.Labels.Authors})
	}

	// The package document.
	p := pkgView{
		Lang:        pe.Lang,
		Dir:         dir,
		Identifier:  packIdentifier(pe),
		Title:       pe.Title,
		Subtitle:    pe.Subtitle,
		Language:    pe.Lang,
		Creator:     pe.Issuer,
		Modified:    modifiedString(opts),
		Draft:       draft,
		AccessModes: []string{"textual"},
		Features:    textFeatures,
		Summary:     accessibilitySummary,
		Generator:   generator,
		RTL:         pe.Dir == doc.RTL,
	}
	if logo != nil {
		p.AccessModes = append(p.AccessModes, "visual")
		p.Features = append(append([]string(nil), textFeatures...), "alternativeText")
		p.Summary = summaryConformance + summaryLogo + summaryNavigation
	}
	seenLang := map[string]bool{pe.Lang: true}
	for _, ed := range pe.Statements {
		if !seenLang[ed.Lang] {
			seenLang[ed.Lang] = true
			p.OtherLanguages = append(p.OtherLanguages, ed.Lang)
		}
	}
	if !pe.Date.IsZero() {
		p.Date = pe.Date.Format("2006-01-02")
	}
	for _, a := range pe.Contributors {
		p.Contributors = append(p.Contributors, a.Name)
	}
	p.Manifest = append(p.Manifest, itemView{ID: "nav", Href: navPath, XHTML: true, Properties: "nav"})
	p.Manifest = append(p.Manifest, styleItems(opts)...)
	if logo != nil {
		p.Manifest = append(p.Manifest, itemView{
			ID: "cover-image", Href: logo.href, MediaType: logo.mediaType,
			SVG: logo.mediaType == "image/svg+xml", Properties: "cover-image",
		})
	}
	p.Manifest = append(p.Manifest, itemView{ID: "cover", Href: coverPath, XHTML: true})
	p.Spine = append(p.Spine, spineItem{ID: "cover", Linear: true})
	for i := range pe.Statements {
		id := strings.TrimSuffix(path.Base(statementDocPath(i)), ".xhtml")
		p.Manifest = append(p.Manifest, itemView{ID: id, Href: statementDocPath(i), XHTML: true})
		p.Spine = append(p.Spine, spineItem{ID: id, Linear: true})
	}
	if v.contributors != nil {
		p.Manifest = append(p.Manifest, itemView{ID: "contributors", Href: contributorsPath, XHTML: true})
		p.Spine = append(p.Spine, spineItem{ID: "contributors", Linear: true})
	}
	// Out of the reading flow, as in a single statement's publication.
	p.Spine = append(p.Spine, spineItem{ID: "nav"})
	v.pkg = p
	return v
}

// packIdentifier is the pack's unique identifier, derived like an
// edition's from its ID and locale only. The name is kept apart from the
// statements' ("pack/…"), so a pack that shares its ID with one of its
// statements is still another publication.
func packIdentifier(pe *doc.PackEdition) string {
	locale := pe.Locale
	if locale == "" {
		locale = pe.Lang
	}
	return "urn:uuid:" + uuidString(uuid5(projectNamespace, "pack/"+pe.ID+"/"+locale))
}
