package doc

import (
	"strings"

	"github.com/polypress/polypress/pipeline/diag"
)

// Block is a body element. Every stage that reads a body (preflight,
// localization, alignment, the translators' segments, each renderer) walks
// it through a Visitor, never through a type switch: see Visitor.
type Block interface {
	// Position returns where the block starts in its source.
	Position() diag.Pos
	// Accept calls the method of v for the block's kind.
	Accept(v Visitor)
}

// Visitor has one method per kind of Block. Adding a block kind adds a
// method here, so that every visitor in the program stops compiling until
// it says what the new kind means to it: a stage cannot skip a kind of
// block by forgetting it. For the same reason no type may embed a Visitor
// to inherit methods it does not write (TestNoEmbeddedVisitor holds the
// code to that), and every kind must be listed in Kinds of blocks
// (TestEveryBlockVisited holds every kind to its method).
type Visitor interface {
	Paragraph(*Paragraph)
	Heading(*Heading)
	ClauseList(*ClauseList)
	Quote(*Quote)
	Table(*Table)
	List(*List)
	Annex(*Annex)
	EndMark(*EndMark)
	Signatures(*Signatures)
	Contacts(*Contacts)
}

// Visit calls b.Accept(v) for every block of body, in order. Nil blocks
// are skipped.
func Visit(body []Block, v Visitor) {
	for _, b := range body {
		if b != nil {
			b.Accept(v)
		}
	}
}

// Paragraph is a paragraph of body text: introductory and preambular
// paragraphs at top level, or a paragraph inside a clause, quote, list
// item, table cell, footnote or bio.
type Paragraph struct {
	Pos  diag.Pos
	Text Inline
}

// Heading is a "##" heading. Key comes from an explicit {#key} or, failing
// that, is numbered among the headings without one; translations must use
// the same keys as their canonical statement.
type Heading struct {
	Pos      diag.Pos
	Key      string
	Explicit bool // the key was written as {#key}
	Text     Inline
}

// ClauseList is an ordered Markdown list of operative clauses, with the
// lead-in paragraph ("The Ministerial meeting:") that introduced it, if any.
type ClauseList struct {
	Pos     diag.Pos
	LeadIn  *Paragraph
	Clauses []*Clause
}

// MaxDepth is the deepest level of clauses: clause, sub-clause,
// sub-sub-clause and a fourth level (article → paragraph → (a) → (i)).
const MaxDepth = 4

// Clause is an operative clause (Depth 1) or a sub-clause (Depth 2 to
// MaxDepth). Top-level clauses are numbered consecutively through the
// whole statement (or through their annex), whatever numbers the Markdown
// shows.
type Clause struct {
	Pos   diag.Pos
	Depth int
	// Number is the clause number for Depth 1 (1-based, statement-wide
	// or annex-wide) and the 1-based index within its parent for deeper
	// levels.
	Number int
	// Path names the clause for people, links and alignment: "18",
	// "18.c", "18.c.ii"; in an annex it starts with the annex's number
	// in capital roman numerals ("II.3.a"). Each level is written in
	// the kind of counter its numbering style uses (see NumberStyle).
	Path string
	// Style is the numbering style of the clause's level, as the front
	// matter's numbering chose it; empty: the locale's default for the
	// level.
	Style NumberStyle
	// Body is the clause's own text: paragraphs and tables. It may be
	// empty when the clause consists of sub-clauses only ("Article 11.
	// 1. Everyone charged … 2. No one shall …").
	Body []Block
	Subs []*Clause
	// Tail holds paragraphs and tables written after the sub-clauses.
	Tail []Block
	// Label is the finished marker ("18.", "(c)", "ج)", "Article 11");
	// empty in a Document, set by localization in an Edition.
	Label string
}

// Anchor is the fragment that names the clause in links
// ("#clause-18-c") and the element id of the clause in EPUB and HTML
// editions: "clause-" and its path with "-" for ".".
func (c *Clause) Anchor() string { return ClauseAnchor(c.Path) }

// ClauseAnchor is the anchor of the clause with the given path.
func ClauseAnchor(path string) string { return "clause-" + strings.ReplaceAll(path, ".", "-") }

// Quote is a block quotation.
type Quote struct {
	Pos   diag.Pos
	Paras []*Paragraph
}

// Align is the alignment of a table column.
type Align uint8

// Column alignments, as a GFM table's delimiter row writes them
// (":--", "--:", ":-:"); AlignDefault is the start edge.
const (
	AlignDefault Align = iota
	AlignStart
	AlignEnd
	AlignCenter
)

// Table is a GFM pipe table: a header row and body rows of cells. All rows
// have as many cells as the header (the parser refuses ragged rows).
type Table struct {
	Pos    diag.Pos
	Align  []Align // per column
	Header []*Cell
	Rows   [][]*Cell
}

// Cell is a table cell: one paragraph of rich text (possibly empty).
type Cell struct {
	Pos  diag.Pos
	Text Inline
	// End is where the cell's text ends in its source line (the
	// position after its last character); a translation tool rewrites
	// a cell between Pos and End.
	End diag.Pos
}

// List is a bullet or numbered list in the notes to editors: items of
// paragraphs, numbered (when Ordered) from 1 in the list itself, not
// through the statement as clauses are.
type List struct {
	Pos     diag.Pos
	Ordered bool
	Items   []*ListItem
}

// ListItem is an item of a List.
type ListItem struct {
	Pos   diag.Pos
	Paras []*Paragraph
	// Label is the finished marker of an ordered list's item ("1.",
	// "١."); empty for bullets and in a Document.
	Label string
}

// Annex is an annex: a "## Title {.annex}" section after the operative
// part, whose clauses are numbered from 1 again.
type Annex struct {
	Pos diag.Pos
	// Number is the annex's place among the annexes, from 1.
	Number int
	// Key names the annex across translations, as a heading's key does.
	Key      string
	Explicit bool
	Title    Inline
	// Body holds the annex's paragraphs, clause lists, tables and quotes.
	Body []Block
	// Label is "Annex I" in the edition's language; empty in a Document.
	Label string
}

// EndMark is where the text of a release ends (a separator line "---" in
// the source): editions print the locale's end mark ("ENDS") there. The
// notes to editors follow it.
type EndMark struct {
	Pos diag.Pos
	// Notes are the notes to editors: paragraphs, lists and tables.
	Notes []Block
	// Label is the end mark ("ENDS", "FIN") and NotesHeading the heading
	// of the notes ("Notes to editors"); both empty in a Document.
	Label, NotesHeading string
}

// Signatures is the closing of a statement that has signatories: the
// "Done at Jeddah, 22 June 2020" line and the signature block. It exists
// only in an Edition, which places it after the operative part, before any
// annex.
type Signatures struct {
	Pos diag.Pos
	// DoneAt is the closing line with place and date.
	DoneAt      string
	Signatories []*Signatory
}

// Signatory is one entry of the front matter's signatories.
type Signatory struct {
	Pos   diag.Pos
	Name  string
	Title string
	// For is whom the signatory signs for ("the Government of Pakistan");
	// in an Edition, the finished line ("For the Government of
	// Pakistan").
	For string
}

// Contacts is the contact block of a press release: who answers the
// press. It exists only in an Edition, which places it last.
type Contacts struct {
	Pos     diag.Pos
	Heading string // "Contact", "Contacts"
	People  []*Contact
	// PhoneLabel and EmailLabel prefix the phone number and the email
	// address ("Tel.", "Email").
	PhoneLabel, EmailLabel string
}

// Contact is one entry of the front matter's contact list.
type Contact struct {
	Pos   diag.Pos
	Name  string
	Role  string
	Phone string
	Email string
}

// Footnote is a footnote: "[^label]: text" referenced once as "[^label]".
// Footnotes are numbered in the order of their references.
type Footnote struct {
	// Pos is where the definition is written; Ref where the reference is.
	Pos, Ref diag.Pos
	Label    string // as written between "[^" and "]"
	Number   int
	Paras    []*Paragraph
	// Mark is the number as printed, in the edition's digits; empty in a
	// Document.
	Mark string
}

// Position implements Block.
func (p *Paragraph) Position() diag.Pos { return p.Pos }

// Position implements Block.
func (h *Heading) Position() diag.Pos { return h.Pos }

// Position implements Block.
func (c *ClauseList) Position() diag.Pos { return c.Pos }

// Position implements Block.
func (q *Quote) Position() diag.Pos { return q.Pos }

// Position implements Block.
func (t *Table) Position() diag.Pos { return t.Pos }

// Position implements Block.
func (l *List) Position() diag.Pos { return l.Pos }

// Position implements Block.
func (a *Annex) Position() diag.Pos { return a.Pos }

// Position implements Block.
func (e *EndMark) Position() diag.Pos { return e.Pos }

// Position implements Block.
func (s *Signatures) Position() diag.Pos { return s.Pos }

// Position implements Block.
func (c *Contacts) Position() diag.Pos { return c.Pos }

// Accept implements Block.
func (p *Paragraph) Accept(v Visitor) { v.Paragraph(p) }

// Accept implements Block.
func (h *Heading) Accept(v Visitor) { v.Heading(h) }

// Accept implements Block.
func (c *ClauseList) Accept(v Visitor) { v.ClauseList(c) }

// Accept implements Block.
func (q *Quote) Accept(v Visitor) { v.Quote(q) }

// Accept implements Block.
func (t *Table) Accept(v Visitor) { v.Table(t) }

// Accept implements Block.
func (l *List) Accept(v Visitor) { v.List(l) }

// Accept implements Block.
func (a *Annex) Accept(v Visitor) { v.Annex(a) }

// Accept implements Block.
func (e *EndMark) Accept(v Visitor) { v.EndMark(e) }

// Accept implements Block.
func (s *Signatures) Accept(v Visitor) { v.Signatures(s) }

// Accept implements Block.
func (c *Contacts) Accept(v Visitor) { v.Contacts(c) }

// Walk calls fn for every clause of the body, depth first, in reading
// order, annexes included.
func Walk(body []Block, fn func(*Clause)) {
	Visit(body, clauseWalker(fn))
}

// clauseWalker visits the blocks that hold clauses.
type clauseWalker func(*Clause)

func (w clauseWalker) clauses(cs []*Clause) {
	for _, c := range cs {
		w(c)
		w.clauses(c.Subs)
	}
}

func (w clauseWalker) Paragraph(*Paragraph)     {}
func (w clauseWalker) Heading(*Heading)         {}
func (w clauseWalker) ClauseList(l *ClauseList) { w.clauses(l.Clauses) }
func (w clauseWalker) Quote(*Quote)             {}
func (w clauseWalker) Table(*Table)             {}
func (w clauseWalker) List(*List)               {}
func (w clauseWalker) Annex(a *Annex)           { Visit(a.Body, w) }
func (w clauseWalker) EndMark(*EndMark)         {}
func (w clauseWalker) Signatures(*Signatures)   {}
func (w clauseWalker) Contacts(*Contacts)       {}

// EachInline calls fn for every run of rich text in blocks, in reading
// order: paragraphs, headings, lead-ins, clauses with their sub-clauses,
// table cells (the header row first), quotes, list items, annex titles and
// bodies, the notes to editors. The finished strings of an Edition's
// signatures and contacts come as one plain span each. Footnote texts are
// not included: they are reached through the spans that reference them
// (Span.Note).
func EachInline(blocks []Block, fn func(Inline)) {
	Visit(blocks, inlineVisitor(fn))
}

type inlineVisitor func(Inline)

func (f inlineVisitor) paras(ps []*Paragraph) {
	for _, p := range ps {
		if p != nil {
			f(p.Text)
		}
	}
}

func (f inlineVisitor) plain(ss ...string) {
	for _, s := range ss {
		if s != "" {
			f(Inline{{Text: s}})
		}
	}
}

func (f inlineVisitor) clause(c *Clause) {
	f.plain(c.Label)
	Visit(c.Body, f)
	for _, s := range c.Subs {
		f.clause(s)
	}
	Visit(c.Tail, f)
}

func (f inlineVisitor) Paragraph(p *Paragraph) { f(p.Text) }
func (f inlineVisitor) Heading(h *Heading)     { f(h.Text) }
func (f inlineVisitor) ClauseList(l *ClauseList) {
	if l.LeadIn != nil {
		f(l.LeadIn.Text)
	}
	for _, c := range l.Clauses {
		f.clause(c)
	}
}
func (f inlineVisitor) Quote(q *Quote) { f.paras(q.Paras) }
func (f inlineVisitor) Table(t *Table) {
	for _, c := range t.Header {
		f(c.Text)
	}
	for _, r := range t.Rows {
		for _, c := range r {
			f(c.Text)
		}
	}
}
func (f inlineVisitor) List(l *List) {
	for _, it := range l.Items {
		f.plain(it.Label)
		f.paras(it.Paras)
	}
}
func (f inlineVisitor) Annex(a *Annex) {
	f.plain(a.Label)
	f(a.Title)
	Visit(a.Body, f)
}
func (f inlineVisitor) EndMark(e *EndMark) {
	f.plain(e.Label, e.NotesHeading)
	Visit(e.Notes, f)
}
func (f inlineVisitor) Signatures(s *Signatures) {
	f.plain(s.DoneAt)
	for _, g := range s.Signatories {
		f.plain(g.For, g.Name, g.Title)
	}
}
func (f inlineVisitor) Contacts(c *Contacts) {
	f.plain(c.Heading)
	for _, p := range c.People {
		f.plain(p.Name, p.Role, p.Phone, p.Email)
	}
}
