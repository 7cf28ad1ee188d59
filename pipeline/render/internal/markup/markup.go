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
	// Embargo is the embargo line, printed first; empty: none.
	Embargo string
	Body    []Block
	// Notes are the statement's footnotes, under NotesHeading (an
	// element with NotesID, at NotesLevel).
	Notes        []Note
	NotesHeading string
	NotesID      string
	NotesLevel   int

	Heading string // the biographies' heading
	Authors []Author

	Logo *Image // a pack cover's logo, or a statement's letterhead logo
}

// Note is a footnote: its mark, its id and that of its reference (for the
// back link), its paragraphs.
type Note struct {
	ID, RefID, Mark string
	BackLabel       string // the back link's accessible name
	EPUB            bool   // write epub:type, which HTML pages must not
	Paras           []Inline
}

// NoteRef is a footnote reference in running text.
type NoteRef struct {
	Href, ID, Mark string
	EPUB           bool
}

// Image is an image and its text alternative. Src is a trusted URL: a
// path inside the publication, or a data: URL the renderer made.
type Image struct {
	Src template.URL
	Alt string
}

// Block is one body block; Kind says which fields are set.
type Block struct {
	// Kind is "p", "heading", "clauses", "quote", "table", "list",
	// "annex", "end", "signatures" or "contacts".
	Kind    string
	ID      string
	Level   int      // "heading", "annex", "end", "contacts": 2 for <h2>…
	Label   string   // "annex": "Annex I"; "end": the end mark
	Text    Inline   // "p", "heading", "annex" (its title)
	LeadIn  *Para    // "clauses"
	Clauses *Clauses // "clauses"
	Paras   []Inline // "quote"
	Table   *Table   // "table"
	List    *List    // "list"
	// Body holds an annex's blocks and the notes to editors, under
	// Heading ("end").
	Body       []Block
	Heading    string
	Signatures *Signatures // "signatures"
	Contacts   *Contacts   // "contacts"
}

// Table is a table: a header row and body rows.
type Table struct {
	Header []Cell
	Rows   [][]Cell
}

// Cell is a table cell; Align is "start", "end", "center" or "".
type Cell struct {
	Text  Inline
	Align string
	Empty bool
}

// List is a list of the notes to editors.
type List struct {
	Ordered bool
	Items   []ListItem
}

// ListItem is an item: its label (ordered lists) and paragraphs.
type ListItem struct {
	Label string
	Paras []Inline
}

// Signatures is a closing line and the signature block.
type Signatures struct {
	DoneAt      string
	Signatories []Signatory
}

// Signatory is one signature: for whom, name and title.
type Signatory struct {
	For, Name, Title string
}

// Contacts is the contact block of a press release.
type Contacts struct {
	Heading    string
	People     []Contact
	PhoneLabel string
	EmailLabel string
}

// Contact is one press contact, with tel: and mailto: links.
type Contact struct {
	Name, Role string
	Phone      string
	// PhoneHref is a tel: URL made of the number's digits alone, which
	// html/template would otherwise refuse as an unknown scheme.
	PhoneHref        template.URL
	Email, EmailHref string
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
// it is read, copied and searched with the clause. An article's label
// (Standalone) is a line of its own above its text, and so is the marker
// of a clause whose text does not start with a paragraph.
type Clause struct {
	ID         string
	Label      string
	Standalone bool
	// HasFirst says First holds the first paragraph, which the marker
	// starts; Rest are the clause's other own blocks.
	HasFirst bool
	First    Inline
	Rest     []Block
	Subs     *Clauses
	Tail     []Block
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

// LinkRun is a run of spans with one link destination, or a footnote
// reference (Note).
type LinkRun struct {
	Href     string // empty: not a link
	External bool
	Spans    []Span
	Note     *NoteRef
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
	// Clause marks an operative clause's entry (ClauseEntry), which a
	// contents list of statements may leave out.
	Clause bool
}

// WithoutClauses returns e without its clauses' entries, at any depth.
func WithoutClauses(e TOCEntry) TOCEntry {
	var kids []TOCEntry
	for _, c := range e.Children {
		if !c.Clause {
			kids = append(kids, WithoutClauses(c))
		}
	}
	e.Children = kids
	return e
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
	// EPUB marks footnotes with epub:type, which EPUB reading systems
	// use to show them as pop-ups; an HTML page must not carry it.
	EPUB bool
}

// Builder carries what building one statement's views needs across
// documents: where the statement is and the ids of its headings, annexes
// and clauses, which links from any document may point at. The zero
// Builder resolves no "#key" links (a pack's contributors belong to no one
// statement).
type Builder struct {
	ed *doc.Edition
	// docPath is the statement document's path; empty when there is no
	// statement to link to.
	docPath string
	prefix  string
	epub    bool
	// targets maps a link fragment ("developments", "clause-18-c") to the
	// element id in the statement.
	targets map[string]string
	// clauseIDs are the element ids of the clauses, in reading order.
	clauseIDs map[*doc.Clause]string
	notes     map[*doc.Footnote]*NoteRef
}

// Statement builds the view of ed's title block and body, and its table
// of contents entry. Ids of headings, annexes, clauses and footnotes are
// settled first, in reading order, so that links anywhere may point at
// any of them.
func Statement(ed *doc.Edition, opts StatementOptions) (*Builder, *Page, TOCEntry) {
	prefix, docPath := opts.Prefix, opts.DocPath
	level := opts.HeadingLevel
	if level == 0 {
		level = 2
	}
	b := &Builder{ed: ed, docPath: docPath, prefix: prefix, epub: opts.EPUB,
		targets: map[string]string{}, clauseIDs: map[*doc.Clause]string{}, notes: map[*doc.Footnote]*NoteRef{}}
	ids := opts.IDs
	if ids == nil {
		ids = IDSet{}
	}
	for _, fixed := range []string{"title-page", "title", "statement"} {
		ids[prefix+fixed] = true
	}
	doc.Visit(ed.Body, &idSettler{b: b, ids: ids})
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
		Embargo:   ed.Embargo,
	}
	for _, n := range ed.Notes {
		id := ids.Take(fmt.Sprintf("%sfn-%d", prefix, n.Number))
		ref := &NoteRef{Href: "#" + id, ID: ids.Take(fmt.Sprintf("%sfnref-%d", prefix, n.Number)), Mark: Clean(n.Mark), EPUB: opts.EPUB}
		b.notes[n] = ref
	}
	entry := TOCEntry{Href: docPath, Text: ed.Title}
	v := &viewer{b: b, ids: ids, level: level, toc: &entry.Children}
	doc.Visit(ed.Body, v)
	st.Body = v.out
	if len(ed.Notes) > 0 {
		st.NotesHeading = Clean(ed.Labels.Footnotes)
		st.NotesID = ids.Take(prefix + "footnotes")
		st.NotesLevel = level
		for _, n := range ed.Notes {
			ref := b.notes[n]
			nv := Note{ID: strings.TrimPrefix(ref.Href, "#"), RefID: ref.ID, Mark: ref.Mark, BackLabel: Clean(ed.Labels.BackToText), EPUB: opts.EPUB}
			for _, p := range n.Paras {
				nv.Paras = append(nv.Paras, b.Inline(p.Text, docPath))
			}
			st.Notes = append(st.Notes, nv)
		}
	}
	return b, st, entry
}

// idSettler gives every heading, annex and clause its element id, in
// reading order, and records the link fragments that lead to them.
type idSettler struct {
	b   *Builder
	ids IDSet
}

func (s *idSettler) key(key string) string {
	if id, dup := s.b.targets[key]; dup {
		return id
	}
	id := s.ids.Take(s.b.prefix + XMLID(key, "h-"))
	s.b.targets[key] = id
	return id
}

func (s *idSettler) clauses(cs []*doc.Clause, parent string) {
	for _, c := range cs {
		var base string
		switch {
		case c.Path != "":
			base = s.b.prefix + "clause-" + XMLID(strings.ReplaceAll(c.Path, ".", "-"), "")
		case parent == "":
			base = fmt.Sprintf("%sclause-%d", s.b.prefix, c.Number)
		default:
			base = fmt.Sprintf("%s-%d", parent, c.Number)
		}
		id := s.ids.Take(base)
		s.b.clauseIDs[c] = id
		if c.Path != "" {
			if _, dup := s.b.targets[c.Anchor()]; !dup {
				s.b.targets[c.Anchor()] = id
			}
		}
		s.clauses(c.Subs, id)
	}
}

func (s *idSettler) Paragraph(*doc.Paragraph)     {}
func (s *idSettler) Heading(h *doc.Heading)       { s.key(h.Key) }
func (s *idSettler) ClauseList(l *doc.ClauseList) { s.clauses(l.Clauses, "") }
func (s *idSettler) Quote(*doc.Quote)             {}
func (s *idSettler) Table(*doc.Table)             {}
func (s *idSettler) List(*doc.List)               {}
func (s *idSettler) Annex(a *doc.Annex) {
	s.key(a.Key)
	doc.Visit(a.Body, s)
}
func (s *idSettler) EndMark(*doc.EndMark)       {}
func (s *idSettler) Signatures(*doc.Signatures) {}
func (s *idSettler) Contacts(*doc.Contacts)     {}

// viewer builds the views of body blocks, and their contents entries.
type viewer struct {
	b     *Builder
	ids   IDSet
	level int
	out   []Block
	// toc receives the contents entries; under is the entry clauses
	// nest under (the last heading's or annex's).
	toc   *[]TOCEntry
	under *TOCEntry
	lists int
	seen  map[string]bool
}

func (v *viewer) inline(in doc.Inline) Inline { return v.b.Inline(in, v.b.docPath) }

// entry adds a contents entry at the top level of the statement's.
func (v *viewer) entry(e TOCEntry) {
	*v.toc = append(*v.toc, e)
	v.under = &(*v.toc)[len(*v.toc)-1]
}

// keyID is the id of a heading or annex; a repeated key cannot name two
// elements, so the second gets an id of its own.
func (v *viewer) keyID(key string) string {
	if v.seen == nil {
		v.seen = map[string]bool{}
	}
	id := v.b.targets[key]
	if v.seen[key] || id == "" {
		id = v.ids.Take(v.b.prefix + XMLID(key, "h-"))
	}
	v.seen[key] = true
	return id
}

func (v *viewer) Paragraph(p *doc.Paragraph) {
	v.out = append(v.out, Block{Kind: "p", Text: v.inline(p.Text)})
}
func (v *viewer) Heading(h *doc.Heading) {
	id := v.keyID(h.Key)
	v.out = append(v.out, Block{Kind: "heading", ID: id, Level: v.level, Text: v.inline(h.Text)})
	v.entry(TOCEntry{Href: v.b.docPath + "#" + id, Text: Clean(h.Text.Plain())})
}
func (v *viewer) ClauseList(l *doc.ClauseList) {
	v.lists++
	bv := Block{Kind: "clauses", Clauses: v.b.clauses(l.Clauses, 1)}
	if l.LeadIn != nil {
		id := v.ids.Take(fmt.Sprintf("%slead-in-%d", v.b.prefix, v.lists))
		bv.LeadIn = &Para{ID: id, Text: v.inline(l.LeadIn.Text)}
	}
	// Each operative clause has an entry; the lead-in that introduces
	// them has none.
	for _, c := range l.Clauses {
		e := TOCEntry{Href: v.b.docPath + "#" + v.b.clauseIDs[c], Text: ClauseEntry(c), Clause: true}
		if v.under != nil {
			v.under.Children = append(v.under.Children, e)
		} else {
			*v.toc = append(*v.toc, e)
		}
	}
	v.out = append(v.out, bv)
}
func (v *viewer) Quote(q *doc.Quote) {
	bv := Block{Kind: "quote"}
	for _, p := range q.Paras {
		bv.Paras = append(bv.Paras, v.inline(p.Text))
	}
	v.out = append(v.out, bv)
}
func (v *viewer) Table(t *doc.Table) { v.out = append(v.out, v.b.table(t)) }
func (v *viewer) List(l *doc.List) {
	lv := &List{Ordered: l.Ordered}
	for _, it := range l.Items {
		iv := ListItem{Label: Clean(it.Label)}
		for _, p := range it.Paras {
			iv.Paras = append(iv.Paras, v.inline(p.Text))
		}
		lv.Items = append(lv.Items, iv)
	}
	v.out = append(v.out, Block{Kind: "list", List: lv})
}
func (v *viewer) Annex(a *doc.Annex) {
	id := v.keyID(a.Key)
	inner := &viewer{b: v.b, ids: v.ids, level: v.level, seen: v.seen, lists: v.lists}
	e := TOCEntry{Href: v.b.docPath + "#" + id, Text: Clean(a.Label) + " — " + Clean(a.Title.Plain())}
	inner.toc = &e.Children
	doc.Visit(a.Body, inner)
	v.lists = inner.lists
	v.out = append(v.out, Block{Kind: "annex", ID: id, Level: v.level, Label: Clean(a.Label), Text: v.inline(a.Title), Body: inner.out})
	v.entry(e)
}
func (v *viewer) EndMark(e *doc.EndMark) {
	bv := Block{Kind: "end", Label: Clean(e.Label), Level: v.level, Heading: Clean(e.NotesHeading)}
	if len(e.Notes) > 0 {
		bv.ID = v.ids.Take(v.b.prefix + "notes-to-editors")
		inner := &viewer{b: v.b, ids: v.ids, level: v.level, seen: v.seen, lists: v.lists, toc: new([]TOCEntry)}
		doc.Visit(e.Notes, inner)
		v.lists = inner.lists
		bv.Body = inner.out
		v.entry(TOCEntry{Href: v.b.docPath + "#" + bv.ID, Text: bv.Heading})
	}
	v.out = append(v.out, bv)
}
func (v *viewer) Signatures(s *doc.Signatures) {
	sv := &Signatures{DoneAt: Clean(s.DoneAt)}
	for _, g := range s.Signatories {
		sv.Signatories = append(sv.Signatories, Signatory{For: Clean(g.For), Name: Clean(g.Name), Title: Clean(g.Title)})
	}
	v.out = append(v.out, Block{Kind: "signatures", Signatures: sv})
}
func (v *viewer) Contacts(c *doc.Contacts) {
	cv := &Contacts{Heading: Clean(c.Heading), PhoneLabel: Clean(c.PhoneLabel), EmailLabel: Clean(c.EmailLabel)}
	for _, p := range c.People {
		pv := Contact{Name: Clean(p.Name), Role: Clean(p.Role), Phone: Clean(p.Phone), Email: Clean(p.Email)}
		if p.Phone != "" {
			pv.PhoneHref = template.URL("tel:" + telNumber(p.Phone))
		}
		if p.Email != "" {
			pv.EmailHref = "mailto:" + p.Email
		}
		cv.People = append(cv.People, pv)
	}
	id := v.ids.Take(v.b.prefix + "contacts")
	v.out = append(v.out, Block{Kind: "contacts", ID: id, Level: v.level, Contacts: cv})
	v.entry(TOCEntry{Href: v.b.docPath + "#" + id, Text: cv.Heading})
}

// telNumber is a telephone number as a tel: URL writes it (RFC 3966): a
// "+" and digits.
func telNumber(s string) string {
	if i := strings.Index(strings.ToLower(s), "ext"); i >= 0 {
		s = s[:i]
	} else if i := strings.Index(strings.ToLower(s), "x"); i >= 0 {
		s = s[:i]
	}
	var b strings.Builder
	for i, r := range s {
		if r >= '0' && r <= '9' || r == '+' && i == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// table builds a table's view. Cells without text in the header are
// written as data cells: a header cell must name its column.
func (b *Builder) table(t *doc.Table) Block {
	align := func(i int) string {
		if i >= len(t.Align) {
			return ""
		}
		switch t.Align[i] {
		case doc.AlignStart:
			return "start"
		case doc.AlignEnd:
			return "end"
		case doc.AlignCenter:
			return "center"
		}
		return ""
	}
	row := func(cells []*doc.Cell) []Cell {
		out := make([]Cell, len(cells))
		for i, c := range cells {
			out[i] = Cell{Text: b.Inline(c.Text, b.docPath), Align: align(i), Empty: len(c.Text) == 0}
		}
		return out
	}
	tv := &Table{Header: row(t.Header)}
	for _, r := range t.Rows {
		tv.Rows = append(tv.Rows, row(r))
	}
	return Block{Kind: "table", Table: tv}
}

// blocks builds the views of a clause's own blocks (paragraphs and
// tables).
func (b *Builder) blocks(in []doc.Block) []Block {
	v := &viewer{b: b, ids: IDSet{}, toc: new([]TOCEntry)}
	doc.Visit(in, v)
	return v.out
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
func (b *Builder) clauses(cs []*doc.Clause, depth int) *Clauses {
	cv := &Clauses{Class: "clauses"}
	if depth > 1 {
		cv.Class = fmt.Sprintf("clauses level-%d", depth)
	}
	for _, c := range cs {
		item := Clause{ID: b.clauseIDs[c], Label: Clean(c.Label), Standalone: c.Style == doc.StyleArticle}
		own := c.Body
		if p, ok := firstPara(own); ok && !item.Standalone {
			item.HasFirst, item.First = true, b.Inline(p.Text, b.docPath)
			own = own[1:]
		}
		item.Rest = b.blocks(own)
		if len(c.Subs) > 0 {
			item.Subs = b.clauses(c.Subs, depth+1)
		}
		item.Tail = b.blocks(c.Tail)
		cv.Items = append(cv.Items, item)
	}
	return cv
}

// firstPara returns the first block if it is a paragraph.
func firstPara(blocks []doc.Block) (*doc.Paragraph, bool) {
	if len(blocks) == 0 {
		return nil, false
	}
	p, ok := blocks[0].(*doc.Paragraph)
	return p, ok
}

// Inline builds rich text for a document at docPath, grouping spans that
// share a link destination.
func (b *Builder) Inline(in doc.Inline, docPath string) Inline {
	var out Inline
	var last string
	for i, s := range in {
		if s.Note != nil {
			if ref := b.notes[s.Note]; ref != nil {
				out = append(out, LinkRun{Note: ref})
			}
			last = "\x00note"
			continue
		}
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
		id, ok := b.targets[key]
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
