package source

import (
	"fmt"
	"sort"
	"strings"

	"github.com/polypress/polypress/pipeline/doc"
)

// dump prints a Document as an indented tree with every position, for
// golden files and failure messages.
func dump(d *doc.Document) string {
	var b strings.Builder
	m := d.Meta
	fmt.Fprintf(&b, "meta id=%q title=%q subtitle=%q kind=%q issuer=%q date=%s place=%q reference=%q lang=%q source-digest=%q\n",
		m.ID, m.Title, m.Subtitle, m.Kind, m.Issuer, m.Date.Format("2006-01-02T15:04:05Z07:00"), m.Place, m.Reference, m.Lang, m.SourceDigest)
	keys := make([]string, 0, len(m.Pos))
	for k := range m.Pos {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := m.Pos[k]
		fmt.Fprintf(&b, "  key %s %d:%d\n", k, p.Line, p.Col)
	}
	for _, a := range m.Authors {
		fmt.Fprintf(&b, "author %d:%d name=%q role=%q\n", a.Pos.Line, a.Pos.Col, a.Name, a.Role)
		for _, p := range a.Bio {
			dumpPara(&b, "  bio", p)
		}
	}
	if len(m.Numbering) > 0 {
		fmt.Fprintf(&b, "numbering %q\n", m.Numbering)
	}
	if m.Logo != "" || m.LogoAlt != "" {
		fmt.Fprintf(&b, "logo %q alt=%q\n", m.Logo, m.LogoAlt)
	}
	if !m.Embargo.IsZero() {
		fmt.Fprintf(&b, "embargo %s\n", m.Embargo.Format("2006-01-02T15:04:05Z07:00"))
	}
	for _, c := range m.Contacts {
		fmt.Fprintf(&b, "contact %d:%d name=%q role=%q phone=%q email=%q\n", c.Pos.Line, c.Pos.Col, c.Name, c.Role, c.Phone, c.Email)
	}
	for _, g := range m.Signatories {
		fmt.Fprintf(&b, "signatory %d:%d name=%q title=%q for=%q\n", g.Pos.Line, g.Pos.Col, g.Name, g.Title, g.For)
	}
	doc.Visit(d.Body, &dumper{b: &b, indent: ""})
	for _, n := range d.Notes {
		fmt.Fprintf(&b, "footnote %d [^%s] %d:%d ref %d:%d\n", n.Number, n.Label, n.Pos.Line, n.Pos.Col, n.Ref.Line, n.Ref.Col)
		for _, p := range n.Paras {
			dumpPara(&b, "  para", p)
		}
	}
	return b.String()
}

// dumper prints blocks at an indent.
type dumper struct {
	b      *strings.Builder
	indent string
}

func (d *dumper) in() *dumper { return &dumper{b: d.b, indent: d.indent + "  "} }

func (d *dumper) Paragraph(p *doc.Paragraph) { dumpPara(d.b, d.indent+"para", p) }
func (d *dumper) Heading(h *doc.Heading) {
	fmt.Fprintf(d.b, "%sheading %d:%d key=%s explicit=%v\n", d.indent, h.Pos.Line, h.Pos.Col, h.Key, h.Explicit)
	dumpSpans(d.b, d.indent+"  ", h.Text)
}
func (d *dumper) Quote(q *doc.Quote) {
	fmt.Fprintf(d.b, "%squote %d:%d\n", d.indent, q.Pos.Line, q.Pos.Col)
	for _, p := range q.Paras {
		dumpPara(d.b, d.indent+"  para", p)
	}
}
func (d *dumper) ClauseList(l *doc.ClauseList) {
	fmt.Fprintf(d.b, "%sclauses %d:%d\n", d.indent, l.Pos.Line, l.Pos.Col)
	if l.LeadIn != nil {
		dumpPara(d.b, d.indent+"  lead-in", l.LeadIn)
	}
	for _, c := range l.Clauses {
		dumpClause(d.b, d.indent+"  ", c)
	}
}
func (d *dumper) Table(t *doc.Table) {
	fmt.Fprintf(d.b, "%stable %d:%d align=%v\n", d.indent, t.Pos.Line, t.Pos.Col, t.Align)
	row := func(label string, cells []*doc.Cell) {
		fmt.Fprintf(d.b, "%s  %s\n", d.indent, label)
		for _, c := range cells {
			fmt.Fprintf(d.b, "%s    cell %d:%d-%d:%d\n", d.indent, c.Pos.Line, c.Pos.Col, c.End.Line, c.End.Col)
			dumpSpans(d.b, d.indent+"      ", c.Text)
		}
	}
	row("header", t.Header)
	for _, r := range t.Rows {
		row("row", r)
	}
}
func (d *dumper) List(l *doc.List) {
	fmt.Fprintf(d.b, "%slist %d:%d ordered=%v\n", d.indent, l.Pos.Line, l.Pos.Col, l.Ordered)
	for _, it := range l.Items {
		fmt.Fprintf(d.b, "%s  item %d:%d\n", d.indent, it.Pos.Line, it.Pos.Col)
		for _, p := range it.Paras {
			dumpPara(d.b, d.indent+"    para", p)
		}
	}
}
func (d *dumper) Annex(a *doc.Annex) {
	fmt.Fprintf(d.b, "%sannex %d %d:%d key=%s explicit=%v\n", d.indent, a.Number, a.Pos.Line, a.Pos.Col, a.Key, a.Explicit)
	dumpSpans(d.b, d.indent+"  ", a.Title)
	doc.Visit(a.Body, d.in())
}
func (d *dumper) EndMark(e *doc.EndMark) {
	fmt.Fprintf(d.b, "%send %d:%d\n", d.indent, e.Pos.Line, e.Pos.Col)
	doc.Visit(e.Notes, d.in())
}
func (d *dumper) Signatures(s *doc.Signatures) {
	fmt.Fprintf(d.b, "%ssignatures %q\n", d.indent, s.DoneAt)
}
func (d *dumper) Contacts(c *doc.Contacts) {
	fmt.Fprintf(d.b, "%scontacts %q\n", d.indent, c.Heading)
}

func dumpClause(b *strings.Builder, indent string, c *doc.Clause) {
	fmt.Fprintf(b, "%sclause %s %d:%d depth=%d number=%d\n", indent, c.Path, c.Pos.Line, c.Pos.Col, c.Depth, c.Number)
	dumpBlocks(b, indent+"  ", "para", c.Body)
	for _, s := range c.Subs {
		dumpClause(b, indent+"  ", s)
	}
	dumpBlocks(b, indent+"  ", "tail", c.Tail)
}

// dumpBlocks prints a clause's own blocks, paragraphs labelled label.
func dumpBlocks(b *strings.Builder, indent, label string, blocks []doc.Block) {
	for _, blk := range blocks {
		if p, ok := blk.(*doc.Paragraph); ok {
			dumpPara(b, indent+label, p)
			continue
		}
		blk.Accept(&dumper{b: b, indent: indent})
	}
}

func dumpPara(b *strings.Builder, label string, p *doc.Paragraph) {
	indent := label[:len(label)-len(strings.TrimLeft(label, " "))]
	fmt.Fprintf(b, "%s %d:%d\n", label, p.Pos.Line, p.Pos.Col)
	dumpSpans(b, indent+"  ", p.Text)
}

func dumpSpans(b *strings.Builder, indent string, in doc.Inline) {
	for _, s := range in {
		var style []string
		if s.Style&doc.Emphasis != 0 {
			style = append(style, "em")
		}
		if s.Style&doc.Strong != 0 {
			style = append(style, "strong")
		}
		if s.Style&doc.Code != 0 {
			style = append(style, "code")
		}
		fmt.Fprintf(b, "%s%d:%d %q", indent, s.Pos.Line, s.Pos.Col, s.Text)
		if len(style) > 0 {
			fmt.Fprintf(b, " [%s]", strings.Join(style, ","))
		}
		if s.Link != "" {
			fmt.Fprintf(b, " -> %s", s.Link)
		}
		if s.Note != nil {
			fmt.Fprintf(b, " note %d", s.Note.Number)
		}
		b.WriteByte('\n')
	}
}
