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
	for _, blk := range d.Body {
		switch blk := blk.(type) {
		case *doc.Paragraph:
			dumpPara(&b, "para", blk)
		case *doc.Heading:
			fmt.Fprintf(&b, "heading %d:%d key=%s explicit=%v\n", blk.Pos.Line, blk.Pos.Col, blk.Key, blk.Explicit)
			dumpSpans(&b, "  ", blk.Text)
		case *doc.Quote:
			fmt.Fprintf(&b, "quote %d:%d\n", blk.Pos.Line, blk.Pos.Col)
			for _, p := range blk.Paras {
				dumpPara(&b, "  para", p)
			}
		case *doc.ClauseList:
			fmt.Fprintf(&b, "clauses %d:%d\n", blk.Pos.Line, blk.Pos.Col)
			if blk.LeadIn != nil {
				dumpPara(&b, "  lead-in", blk.LeadIn)
			}
			for _, c := range blk.Clauses {
				dumpClause(&b, "  ", c)
			}
		}
	}
	return b.String()
}

func dumpClause(b *strings.Builder, indent string, c *doc.Clause) {
	fmt.Fprintf(b, "%sclause %s %d:%d depth=%d number=%d\n", indent, c.Path, c.Pos.Line, c.Pos.Col, c.Depth, c.Number)
	for _, p := range c.Paras {
		dumpPara(b, indent+"  para", p)
	}
	for _, s := range c.Subs {
		dumpClause(b, indent+"  ", s)
	}
	for _, p := range c.Tail {
		dumpPara(b, indent+"  tail", p)
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
		b.WriteByte('\n')
	}
}
