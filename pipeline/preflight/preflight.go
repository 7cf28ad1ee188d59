// Package preflight checks, before any layout, that every character of an
// edition has a glyph in the fonts that will set it. Typesetters that find
// out while drawing print an empty box where a character should be; a
// press office finds out from a journalist. polypress names each such
// character, where it was written, and the fonts it was looked for in.
package preflight

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/runenames"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
)

// Code is the diagnostic code of a character without a glyph.
const Code = "missing-glyph"

// Options control the check.
type Options struct {
	// AllowMissing turns missing glyphs into warnings: the PDF then shows
	// text.Placeholder in their place.
	AllowMissing bool
	// Limit caps the diagnostics per edition (0: 50); the last one says
	// how many more there were.
	Limit int
	// Candidates, when set, names fonts outside the stack that have a
	// character no font of the stack has, with what to do to use them
	// ("fonts/extra/NotoSansTifinagh-Regular.ttf has it: add its folder
	// with --fonts"); "" when it knows none.
	Candidates func(r rune) string
}

// Check returns one diagnostic per character of ed that no font of its
// stack covers, in the role (body text or display) it is set in.
func Check(ed *doc.Edition, lay *layout.Layout, sh *text.Shaper, opts Options) diag.List {
	c := checker{
		ed: ed, sh: sh, opts: opts,
		body:    lay.Stack(layout.TextRole, ed.Lang),
		display: lay.Stack(layout.DisplayRole, ed.Lang),
	}
	if c.opts.Limit == 0 {
		c.opts.Limit = 50
	}
	c.edition()
	if c.more > 0 {
		c.out = append(c.out, c.diagnostic(diag.Pos{File: c.sourcePath()},
			fmt.Sprintf("%d more characters without a glyph in the %s edition", c.more, ed.Locale)))
	}
	return c.out
}

type checker struct {
	ed            *doc.Edition
	sh            *text.Shaper
	opts          Options
	body, display *text.Stack
	out           diag.List
	more          int
}

func (c *checker) sourcePath() string {
	if c.ed.Source != nil {
		return c.ed.Source.Path
	}
	return ""
}

// metaPos is where a front matter key of the edition's source was written.
func (c *checker) metaPos(key string) diag.Pos {
	if src := c.ed.Source; src != nil {
		if p, ok := src.Meta.Pos[key]; ok {
			return p
		}
		return diag.Pos{File: src.Path}
	}
	return diag.Pos{}
}

func (c *checker) edition() {
	ed := c.ed
	// Front matter values: the position is the key's; the character is
	// named, so it is easy to find on that line.
	c.plain(ed.Title, c.metaPos("title"), c.body, "the title")
	c.plain(ed.Subtitle, c.metaPos("subtitle"), c.body, "the subtitle")
	c.plain(ed.Issuer, c.metaPos("issuer"), c.display, "the issuer")
	c.plain(ed.DateLine, c.metaPos("place"), c.display, "the date line")
	c.plain(ed.Reference, c.metaPos("reference"), c.display, "the reference")
	// Labels come from the locale file.
	labelPos := diag.Pos{File: c.sourcePath()}
	c.plain(ed.KindLabel, labelPos, c.display, "the locale's label for "+ed.Kind)
	c.plain(ed.Original, labelPos, c.display, "the locale's \"original\" line")
	c.plain(ed.Labels.AboutAuthors, labelPos, c.display, "the locale's authors heading")
	if ed.Draft {
		c.plain(ed.Labels.Draft, labelPos, c.display, "the locale's draft mark")
	}
	if ed.Labels.PageOf != nil {
		c.plain(ed.Labels.PageOf(1, 2), labelPos, c.display, "the locale's page footer")
	}
	c.plain(ed.Embargo, c.metaPos("embargo"), c.display, "the embargo line")
	doc.Visit(ed.Body, c)
	for _, n := range ed.Notes {
		c.plain(n.Mark, n.Ref, c.body, "a footnote number")
		for _, p := range n.Paras {
			c.inline(p.Text, c.body)
		}
	}
	for _, a := range ed.Authors {
		c.plain(a.Name, a.Pos, c.body, "an author's name")
		c.plain(a.Role, a.Pos, c.body, "an author's role")
		for _, p := range a.Bio {
			c.inline(p.Text, c.body)
		}
	}
}

// The checker visits the body: paragraphs, clauses, table cells, list
// items and footnotes are set in the body text's fonts, headings and the
// labels of annexes and of the end mark in the display fonts, as the PDF
// sets them.

func (c *checker) Paragraph(p *doc.Paragraph) { c.inline(p.Text, c.body) }
func (c *checker) Heading(h *doc.Heading)     { c.inline(h.Text, c.display) }
func (c *checker) Quote(q *doc.Quote) {
	for _, p := range q.Paras {
		c.inline(p.Text, c.body)
	}
}
func (c *checker) ClauseList(b *doc.ClauseList) {
	if b.LeadIn != nil {
		c.inline(b.LeadIn.Text, c.body)
	}
	for _, cl := range b.Clauses {
		c.clause(cl)
	}
}
func (c *checker) Table(t *doc.Table) {
	for _, cell := range t.Header {
		c.inline(cell.Text, c.body)
	}
	for _, r := range t.Rows {
		for _, cell := range r {
			c.inline(cell.Text, c.body)
		}
	}
}
func (c *checker) List(l *doc.List) {
	for _, it := range l.Items {
		c.plain(it.Label, it.Pos, c.body, "a list item's number")
		for _, p := range it.Paras {
			c.inline(p.Text, c.body)
		}
	}
}
func (c *checker) Annex(a *doc.Annex) {
	c.plain(a.Label, a.Pos, c.display, "the locale's annex label")
	c.inline(a.Title, c.display)
	doc.Visit(a.Body, c)
}
func (c *checker) EndMark(e *doc.EndMark) {
	c.plain(e.Label, e.Pos, c.display, "the locale's end mark")
	c.plain(e.NotesHeading, e.Pos, c.display, "the locale's heading of the notes to editors")
	doc.Visit(e.Notes, c)
}
func (c *checker) Signatures(s *doc.Signatures) {
	c.plain(s.DoneAt, s.Pos, c.body, "the closing line")
	for _, g := range s.Signatories {
		c.plain(g.For, g.Pos, c.body, "a signatory's party")
		c.plain(g.Name, g.Pos, c.body, "a signatory's name")
		c.plain(g.Title, g.Pos, c.body, "a signatory's title")
	}
}
func (c *checker) Contacts(b *doc.Contacts) {
	c.plain(b.Heading, b.Pos, c.display, "the locale's contact heading")
	for _, p := range b.People {
		c.plain(p.Name, p.Pos, c.body, "a contact's name")
		c.plain(p.Role, p.Pos, c.body, "a contact's role")
		if p.Phone != "" {
			c.plain(b.PhoneLabel+" "+p.Phone, p.Pos, c.body, "a contact's phone")
		}
		if p.Email != "" {
			c.plain(b.EmailLabel+" "+p.Email, p.Pos, c.body, "a contact's email")
		}
	}
}

func (c *checker) clause(cl *doc.Clause) {
	c.plain(cl.Label, cl.Pos, c.body, "a clause number")
	doc.Visit(cl.Body, c)
	for _, s := range cl.Subs {
		c.clause(s)
	}
	doc.Visit(cl.Tail, c)
}

// inline checks Markdown text, whose spans know the column of each
// character.
func (c *checker) inline(in doc.Inline, stack *text.Stack) {
	for _, s := range in {
		col := 0
		for _, r := range s.Text {
			if !c.covered(r, stack, s.Style&doc.Strong != 0, s.Style&doc.Emphasis != 0) {
				pos := s.Pos
				if pos.Line > 0 {
					pos.Col += col
				}
				c.report(r, pos, stack, "")
			}
			col++
		}
	}
}

// plain checks a string that has one position for all of it.
func (c *checker) plain(s string, pos diag.Pos, stack *text.Stack, where string) {
	for _, r := range s {
		if !c.covered(r, stack, false, false) {
			c.report(r, pos, stack, where)
		}
	}
}

func (c *checker) covered(r rune, stack *text.Stack, bold, italic bool) bool {
	return text.Ignorable(r) || c.sh.Covers(stack, r, bold, italic) != nil
}

func (c *checker) report(r rune, pos diag.Pos, stack *text.Stack, where string) {
	if len(c.out) >= c.opts.Limit {
		c.more++
		return
	}
	in := ""
	if where != "" {
		in = " in " + where
	}
	msg := fmt.Sprintf("%s %q%s has no glyph in any font for locale %s (tried %s)",
		Describe(r), string(r), in, c.ed.Locale, strings.Join(stack.Tried(r), ", "))
	hint := ""
	if c.opts.Candidates != nil {
		hint = c.opts.Candidates(r)
	}
	switch {
	case c.opts.AllowMissing && hint != "":
		msg += fmt.Sprintf("; the PDF shows %s in its place; %s", Describe(text.Placeholder), hint)
	case c.opts.AllowMissing:
		msg += fmt.Sprintf("; the PDF shows %s in its place", Describe(text.Placeholder))
	case hint != "":
		msg += "; " + hint + ", or pass --allow-missing-glyphs to print a placeholder"
	default:
		msg += "; add a font that has it with --fonts DIR (or to fonts in polypress.toml), or pass --allow-missing-glyphs to print a placeholder"
	}
	c.out = append(c.out, c.diagnostic(pos, msg))
}

func (c *checker) diagnostic(pos diag.Pos, msg string) *diag.Diagnostic {
	sev := diag.Error
	if c.opts.AllowMissing {
		sev = diag.Warning
	}
	return &diag.Diagnostic{Pos: pos, Severity: sev, Code: Code, Msg: msg}
}

// Describe names a character as Unicode does: "U+2D63 TIFINAGH LETTER YAZ".
func Describe(r rune) string {
	if name := runenames.Name(r); name != "" {
		return fmt.Sprintf("U+%04X %s", r, name)
	}
	return fmt.Sprintf("U+%04X", r)
}
