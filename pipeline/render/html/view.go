package html

import (
	"embed"
	"fmt"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// templates holds the page template and the pieces it shares with the EPUB
// writer (package markup). html/template escapes every string the edition
// brings in, including link destinations.
var templates = markup.Templates(templateFS, "templates/*.tmpl")

// page is everything the page template shows.
type page struct {
	Lang, Dir   string
	Title       string // the document's <title>
	Description string
	Generator   string
	// Alternates are the <link rel="alternate" hreflang> elements.
	Alternates []alternateLink
	// Languages are the switcher's entries; empty when the edition is the
	// only one.
	Languages []languageLink
	// Meta are the Open Graph properties, in order.
	Meta   []property
	JSONLD template.JS
	CSS    template.CSS

	// One of these is set.
	Statement *statement
	Pack      *pack
	Parallel  *parallel
}

type alternateLink struct {
	Hreflang, Href string
}

// languageLink is an entry of the language switcher: the language's name in
// that language, marked with its language and direction.
type languageLink struct {
	Href, Hreflang, Lang, Dir, Name string
	Current                         bool
}

// property is an Open Graph <meta property content>.
type property struct {
	Property, Content string
}

// statement is a statement's article: its title block, body and, on its
// own page, its authors.
type statement struct {
	*markup.Page
	// ID is the article's id (a pack's "s1"); empty on a statement's own
	// page.
	ID string
	// Lang and Dir are set when the statement's language is not the
	// page's (a pack statement that fell back to another language).
	Lang, Dir string
	// Pack is set when the statement is part of a pack page: its title is
	// then an <h2> under the pack's <h1>.
	Pack bool
	// Bios are the authors' biographies; nil when there are none.
	Bios *bios
}

// bios is a biographies section with its id.
type bios struct {
	ID string
	*markup.Page
}

// pack is a briefing pack's page body.
type pack struct {
	Cover *markup.Page
	// Logo is the cover logo as a data: URL, and its text alternative.
	Logo         template.URL
	LogoAlt      string
	Contents     string
	TOC          []markup.TOCEntry
	Statements   []*statement
	Contributors *bios
}

// self is the path that views name the page by; links within the page are
// fragments.
const self = "page.html"

// draftNotice is the notice for a draft: label, when the edition is one.
func draftNotice(draft bool, label string) string {
	if draft {
		return label
	}
	return ""
}

// statementPage builds the page of one statement edition.
func statementPage(ed *doc.Edition, opts Options, logo *markup.Logo) *page {
	p := newPage(ed.Locale, ed.Lang, ed.Dir, ed.Title, opts)
	p.Description = description(ed)
	ids := markup.IDSet{"main": true, "authors": true, "authors-title": true}
	draft := draftNotice(ed.Draft, ed.Labels.Draft)
	b, st, _ := markup.Statement(ed, markup.StatementOptions{DocPath: self, Draft: draft, IDs: ids})
	if logo != nil {
		st.Logo = &markup.Image{Src: dataURL(logo.MediaType, logo.Data), Alt: ed.LogoAlt}
	}
	s := &statement{Page: st}
	if len(ed.Authors) > 0 {
		au, _ := b.Authors(ed.Authors, self, ed.Labels.AboutAuthors, "", ids)
		s.Bios = &bios{"authors", au}
	}
	p.Statement = s
	p.Meta = openGraph(ed.Title, p.Description, ed.Locale, ed.Issuer, ed.Date, opts.Alternates)
	p.JSONLD = jsonLD(articleData(ed, opts.Alternates, true))
	p.CSS = stylesheet(opts, p.Dir)
	return p
}

// packPage builds the page of a briefing pack's edition.
func packPage(pe *doc.PackEdition, opts Options, logo *markup.Logo) *page {
	p := newPage(pe.Locale, pe.Lang, pe.Dir, pe.Title, opts)
	p.Description = pe.Subtitle
	draft := markup.PackIsDraft(pe)
	notice := func(label string) string {
		if label == "" {
			label = pe.Labels.Draft
		}
		return draftNotice(draft, label)
	}
	ids := markup.IDSet{"main": true, "cover": true, "cover-title": true, "contents": true, "contents-title": true,
		"contributors": true, "contributors-title": true}
	pk := &pack{
		Cover: &markup.Page{
			Draft:    notice(pe.Labels.Draft),
			Kind:     pe.KindLabel,
			Issuer:   pe.Issuer,
			Title:    pe.Title,
			Subtitle: pe.Subtitle,
			DateLine: pe.DateLine,
		},
		Contents: pe.Labels.Contents,
	}
	if logo != nil {
		// A logo stands for its issuer; a pack without one is named by
		// its title.
		alt := pe.Issuer
		if alt == "" {
			alt = pe.Title
		}
		pk.Logo, pk.LogoAlt = dataURL(logo.MediaType, logo.Data), alt
	}
	for i, ed := range pe.Statements {
		id := fmt.Sprintf("s%d", i+1)
		ids[id] = true
		_, st, entry := markup.Statement(ed, markup.StatementOptions{
			DocPath: self, Prefix: id + "-", Draft: notice(ed.Labels.Draft), HeadingLevel: 3, IDs: ids})
		s := &statement{Page: st, ID: id, Pack: true}
		if ed.Lang != pe.Lang {
			s.Lang, s.Dir = ed.Lang, markup.Direction(ed.Dir)
		}
		pk.Statements = append(pk.Statements, s)
		entry.Href = "#" + id
		// The page's contents list the statements and their headings;
		// clauses are found in the text.
		pk.TOC = append(pk.TOC, fragments(markup.WithoutClauses(entry)))
	}
	if len(pe.Contributors) > 0 {
		page, entry := (&markup.Builder{}).Authors(pe.Contributors, self, pe.Labels.Authors, "", ids)
		pk.Contributors = &bios{"contributors", page}
		entry.Href = "#contributors"
		pk.TOC = append(pk.TOC, fragments(entry))
	}
	p.Pack = pk
	p.Meta = openGraph(pe.Title, p.Description, pe.Locale, pe.Issuer, pe.Date, opts.Alternates)
	p.JSONLD = jsonLD(collectionData(pe, opts.Alternates))
	p.CSS = stylesheet(opts, p.Dir)
	return p
}

// fragments turns the links of a contents entry into links within the
// page.
func fragments(e markup.TOCEntry) markup.TOCEntry {
	e.Href = strings.TrimPrefix(e.Href, self)
	for i := range e.Children {
		e.Children[i] = fragments(e.Children[i])
	}
	return e
}

// newPage starts the page of the edition for locale, in lang: its head,
// the alternate links and the language switcher.
func newPage(locale, lang string, dir doc.Direction, title string, opts Options) *page {
	p := &page{Lang: lang, Dir: markup.Direction(dir), Title: title, Generator: markup.Clean(opts.Generator)}
	for _, a := range opts.Alternates {
		p.Alternates = append(p.Alternates, alternateLink{Hreflang: a.Locale, Href: a.Href})
	}
	for _, a := range opts.Alternates {
		if a.Canonical {
			// The original language is the edition for readers whose
			// language has none.
			p.Alternates = append(p.Alternates, alternateLink{Hreflang: "x-default", Href: a.Href})
			break
		}
	}
	if len(opts.Alternates) > 1 {
		for _, a := range opts.Alternates {
			p.Languages = append(p.Languages, languageLink{
				Href: a.Href, Hreflang: a.Locale, Lang: a.Lang, Dir: markup.Direction(a.Dir),
				Name: languageName(a.Locale), Current: a.Locale == locale,
			})
		}
	}
	return p
}

// languageName is the name of locale's language in that language, as a
// reader looking for it would recognize it ("Français", "العربية", "اردو"),
// starting with a capital where the script has them; the tag itself when
// CLDR has no name.
func languageName(locale string) string {
	tag, err := language.Parse(locale)
	if err != nil {
		return locale
	}
	name := display.Self.Name(tag)
	if name == "" {
		return locale
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToTitle(r)) + name[n:]
}

// description is the page's summary for search results and link previews:
// the subtitle, else the first paragraph, shortened at a word boundary.
func description(ed *doc.Edition) string {
	if ed.Subtitle != "" {
		return ed.Subtitle
	}
	for _, b := range ed.Body {
		if p, ok := b.(*doc.Paragraph); ok {
			return shorten(markup.Clean(strings.Join(strings.Fields(p.Text.Plain()), " ")), 300)
		}
	}
	return ""
}

// shorten cuts s to at most max characters, at the last space before the
// cut when there is one, and marks the cut with an ellipsis.
func shorten(s string, max int) string {
	runes := []rune(s)
	if len(runes) <= max {
		return s
	}
	cut := string(runes[:max-1])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
