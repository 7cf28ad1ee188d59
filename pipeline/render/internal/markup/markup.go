// Package markup builds the views of an edition that the markup renderers
// (EPUB's XHTML documents, the HTML edition) show, and holds the template
// pieces they share: rich text, clause lists and the statement body. It
// sits between localization and those renderers:
//
//	Edition ──markup.Statement──▶ Page ──epub / html templates──▶ file
//
// Everything here is independent of the container: ids, link targets and
// heading levels are given by the caller.
package markup

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/polypress/polypress/pipeline/doc"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// Templates returns a template set holding the shared pieces ("inline",
// "spans", "clauses", "body", "heading") and the templates of fsys that
// match patterns, which may call them. It panics on a template error, which
// is a programming error found when the program starts.
func Templates(fsys fs.FS, patterns ...string) *template.Template {
	t := template.Must(template.New("").ParseFS(templateFS, "templates/*.tmpl"))
	return template.Must(t.ParseFS(fsys, patterns...))
}

// Page is a document's worth of content: a statement (title block and
// body), a biographies section, or a pack's cover.
type Page struct {
	Draft string // the visible draft notice; empty for a final edition
	// IDPrefix starts the title block's fixed ids; a pack's statements
	// each have their own, so that ids are unique across the pack.
	IDPrefix string

	Kind, Issuer, Title, Subtitle, DateLine, Reference, Original string
	Body                                                         []Block

	Heading string // the biographies' heading
	Authors []Author

	Logo *Image // a pack cover's logo
}

// Image is an image and its text alternative.
type Image struct {
	Src, Alt string
}

// Block is one body block; Kind says which fields are set.
type Block struct {
	Kind    string // "p", "heading", "clauses" or "quote"
	ID      string
	Level   int      // "heading": 2 for <h2>, 3 for <h3>…
	Text    Inline   // "p", "heading"
	LeadIn  *Para    // "clauses"
	Clauses *Clauses // "clauses"
	Paras   []Inline // "quote"
}

// Para is a paragraph with an id.
type Para struct {
	ID   string
	Text Inline
}

// Clauses is one level of an ordered clause list.
type Clauses struct {
	Class string
	// Start is the number of the first item when the list does not start
	// at 1 (one clause of a parallel edition's row); 0 leaves it out.
	Start int
	Items []Clause
}

// Clause is a clause; its marker is text in the first paragraph so that
// it is read, copied and searched with the clause.
type Clause struct {
	ID    string
	Label string
	First Inline
	Rest  []Inline
	Subs  *Clauses
	Tail  []Inline
}

// Author is one biography.
type Author struct {
	ID   string
	Name string
	Role string
	Bio  []Inline
}

// Inline is rich text as runs that share one link destination, so that a
// link whose text changes style is still one <a>.
type Inline []LinkRun

// LinkRun is a run of spans with one link destination.
type LinkRun struct {
	Href     string // empty: not a link
	External bool
	Spans    []Span
}

// Span is text in one style.
type Span struct {
	Text             string
	Strong, Em, Code bool
	// Lang and Dir mark a span in another language than the document's
	// ([text]{lang=ur}); Dir only where its direction differs.
	Lang, Dir string
}

// TOCEntry is a table of contents entry with its children.
type TOCEntry struct {
	Href, Text string
	Children   []TOCEntry
}

// IDSet hands out element ids unique within one document. Ids come from
// the content (heading keys, clause paths) and a clash is settled by a
// numeric suffix, in reading order, so the result is the same every time.
type IDSet map[string]bool

// Take returns base, or base with the first free suffix "-2", "-3"…, and
// marks it taken.
func (s IDSet) Take(base string) string {
	id := base
	for n := 2; s[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	s[id] = true
	return id
}

// XMLID turns s into an XML name usable as an id (an NCName): characters
// other than letters, digits, marks, '-', '_' and '.' become '-', and a
// name that does not start with a letter or '_' gets prefix. Below U+00C0
// only ASCII letters and digits count, as in XML's name production.
func XMLID(s, prefix string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.'),
			r >= 0xC0 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)):
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	id := b.String()
	if id == "" {
		return strings.TrimSuffix(prefix, "-")
	}
	if r := []rune(id)[0]; !unicode.IsLetter(r) && r != '_' {
		id = prefix + id
	}
	return id
}

// Direction is d as a dir attribute value; no direction is left to right.
func Direction(d doc.Direction) string {
	if d == "" {
		return string(doc.LTR)
	}
	return string(d)
}

// LeadInTitle shortens a lead-in ("The Ministerial meeting:") to a table
// of contents entry by dropping the colon that introduces the list.
func LeadInTitle(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), " :：")
}

// StatementOptions place a statement's view in its document.
type StatementOptions struct {
	// DocPath is the path of the document that holds the statement, which
	// links to its headings point into.
	DocPath string
	// Prefix starts every element id, so that ids stay unique across the
	// statements of a pack.
	Prefix string
	// Draft is the visible draft notice, or empty.
	Draft string
	// HeadingLevel is the level of the body's headings: 2 when the
	// statement's title is the document's <h1>. Zero means 2.
	HeadingLevel int
	// IDs are the ids already taken in the document, which the
	// statement's ids must not repeat; nil means none. The statement's
	// ids are added to it.
	IDs IDSet
}

// Builder carries what building one statement's views needs across
// documents: where the statement is and the ids of its headings, which
// links from any document may point at. The zero Builder resolves no
// "#key" links (a pack's contributors belong to no one statement).
type Builder struct {
	ed *doc.Edition
	// docPath is the statement document's path; empty when there is no
	// statement to link to.
	docPath  string
	prefix   string
	headings map[string]string // heading key → element id in the statement
}

// Statement builds the view of ed's title block and body, and its table
// of contents entry. Heading ids are settled first, in reading order, so
// that links anywhere may point at any heading.
func Statement(ed *doc.Edition, opts StatementOptions) (*Builder, *Page, TOCEntry) {
	prefix, docPath := opts.Prefix, opts.DocPath
	level := opts.HeadingLevel
	if level == 0 {
		level = 2
	}
	b := &Builder{ed: ed, docPath: docPath, prefix: prefix, headings: make(map[string]string)}
	ids := opts.IDs
	if ids == nil {
		ids = IDSet{}
	}
	for _, fixed := range []string{"title-page", "title", "statement"} {
		ids[prefix+fixed] = true
	}
	for _, blk := range ed.Body {
		if h, ok := blk.(*doc.Heading); ok {
			if _, dup := b.headings[h.Key]; !dup {
				b.headings[h.Key] = ids.Take(prefix + XMLID(h.Key, "h-"))
			}
		}
	}
	st := &Page{
		Draft:     opts.Draft,
		IDPrefix:  prefix,
		Kind:      ed.KindLabel,
		Issuer:    ed.Issuer,
		Title:     ed.Title,
		Subtitle:  ed.Subtitle,
		DateLine:  ed.DateLine,
		Reference: ed.Reference,
		Original:  ed.Original,
	}
	entry := TOCEntry{Href: docPath, Text: ed.Title}
	var under *TOCEntry // the heading entry lead-ins nest under
	lists := 0
	seenHeading := make(map[string]bool)
	for _, blk := range ed.Body {
		switch blk := blk.(type) {
		case *doc.Paragraph:
			st.Body = append(st.Body, Block{Kind: "p", Text: b.Inline(blk.Text, docPath)})
		case *doc.Heading:
			id := b.headings[blk.Key]
			if seenHeading[blk.Key] {
				// A repeated key cannot name two elements.
				id = ids.Take(prefix + XMLID(blk.Key, "h-"))
			}
			seenHeading[blk.Key] = true
			st.Body = append(st.Body, Block{Kind: "heading", ID: id, Level: level, Text: b.Inline(blk.Text, docPath)})
			entry.Children = append(entry.Children, TOCEntry{Href: docPath + "#" + id, Text: Clean(blk.Text.Plain())})
			under = &entry.Children[len(entry.Children)-1]
		case *doc.ClauseList:
			lists++
			bv := Block{Kind: "clauses", Clauses: b.clauses(blk.Clauses, 1, "", ids)}
			if blk.LeadIn != nil {
				id := ids.Take(fmt.Sprintf("%slead-in-%d", prefix, lists))
				bv.LeadIn = &Para{ID: id, Text: b.Inline(blk.LeadIn.Text, docPath)}
				e := TOCEntry{Href: docPath + "#" + id, Text: LeadInTitle(Clean(blk.LeadIn.Text.Plain()))}
				if under != nil {
					under.Children = append(under.Children, e)
				} else {
					entry.Children = append(entry.Children, e)
				}
			}
			st.Body = append(st.Body, bv)
		case *doc.Quote:
			bv := Block{Kind: "quote"}
			for _, p := range blk.Paras {
				bv.Paras = append(bv.Paras, b.Inline(p.Text, docPath))
			}
			st.Body = append(st.Body, bv)
		}
	}
	return b, st, entry
}

// Authors builds a biographies view at docPath under heading and its table
// of contents entry, one child per author, whose ids are "author-N" (or,
// when ids already holds that, the next free variant). ids may be nil, for
// a document of its own. Links in the biographies resolve through b.
func (b *Builder) Authors(authors []*doc.Author, docPath, heading, draft string, ids IDSet) (*Page, TOCEntry) {
	if ids == nil {
		ids = IDSet{}
	}
	au := &Page{Draft: draft, Heading: heading}
	entry := TOCEntry{Href: docPath, Text: heading}
	for i, a := range authors {
		av := Author{ID: ids.Take(fmt.Sprintf("author-%d", i+1)), Name: a.Name, Role: a.Role}
		for _, p := range a.Bio {
			av.Bio = append(av.Bio, b.Inline(p.Text, docPath))
		}
		au.Authors = append(au.Authors, av)
		entry.Children = append(entry.Children, TOCEntry{Href: docPath + "#" + av.ID, Text: a.Name})
	}
	return au, entry
}

// clauses builds one level of a clause list. Clause ids come from the
// clause paths ("18.c.ii" → "clause-18-c-ii"), which are the same in every
// language, so a link to a clause works in each edition.
func (b *Builder) clauses(cs []*doc.Clause, depth int, parent string, ids IDSet) *Clauses {
	cv := &Clauses{Class: "clauses"}
	if depth > 1 {
		cv.Class = fmt.Sprintf("clauses level-%d", depth)
	}
	for _, c := range cs {
		var base string
		switch {
		case c.Path != "":
			base = b.prefix + "clause-" + XMLID(strings.ReplaceAll(c.Path, ".", "-"), "")
		case parent == "":
			base = fmt.Sprintf("%sclause-%d", b.prefix, c.Number)
		default:
			base = fmt.Sprintf("%s-%d", parent, c.Number)
		}
		id := ids.Take(base)
		item := Clause{ID: id, Label: Clean(c.Label)}
		for i, p := range c.Paras {
			if i == 0 {
				item.First = b.Inline(p.Text, b.docPath)
			} else {
				item.Rest = append(item.Rest, b.Inline(p.Text, b.docPath))
			}
		}
		if len(c.Subs) > 0 {
			item.Subs = b.clauses(c.Subs, depth+1, id, ids)
		}
		for _, p := range c.Tail {
			item.Tail = append(item.Tail, b.Inline(p.Text, b.docPath))
		}
		cv.Items = append(cv.Items, item)
	}
	return cv
}

// Inline builds rich text for a document at docPath, grouping spans that
// share a link destination.
func (b *Builder) Inline(in doc.Inline, docPath string) Inline {
	var out Inline
	var last string
	for i, s := range in {
		if i == 0 || s.Link != last {
			href, ext := b.href(s.Link, docPath)
			out = append(out, LinkRun{Href: href, External: ext})
			last = s.Link
		}
		r := &out[len(out)-1]
		sp := Span{
			Text:   Clean(s.Text),
			Strong: s.Style&doc.Strong != 0,
			Em:     s.Style&doc.Emphasis != 0,
			Code:   s.Style&doc.Code != 0,
		}
		if s.Lang != "" {
			sp.Lang = s.Lang
			if d := langDir(s.Lang); b.ed == nil || d != b.ed.Dir {
				sp.Dir = string(d)
			}
		}
		r.Spans = append(r.Spans, sp)
	}
	return out
}

// langDir is the writing direction of a language's usual script.
func langDir(tag string) doc.Direction {
	script, _ := language.Make(tag).Script()
	switch script.String() {
	case "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg":
		return doc.RTL
	}
	return doc.LTR
}

// externalSchemes are the link schemes kept as links. A reading system or
// browser hands them to a browser or mail program.
var externalSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// href resolves a Markdown link destination for the document at docPath.
// Absolute links with a known scheme stay links; "#key" links to a heading
// of the statement (in b.docPath); anything else (a relative file, which
// the edition does not contain) is shown as plain text, because a link to
// a missing file is broken for every reader (and EPUB forbids it).
func (b *Builder) href(link, docPath string) (href string, external bool) {
	if link == "" {
		return "", false
	}
	if key, ok := strings.CutPrefix(link, "#"); ok {
		id, ok := b.headings[key]
		if !ok || b.docPath == "" {
			return "", false
		}
		if docPath == b.docPath {
			return "#" + id, false
		}
		// Documents that link to each other share a folder.
		return path.Base(b.docPath) + "#" + id, false
	}
	u, err := url.Parse(link)
	if err != nil || !externalSchemes[strings.ToLower(u.Scheme)] {
		return "", false
	}
	return link, true
}
