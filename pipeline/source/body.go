package source

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// parseMarkdown parses CommonMark with heading attributes ({#key}) and no
// other extension. Nothing is ever rendered to HTML: the AST is turned into
// doc blocks and raw HTML is refused. A panic inside goldmark is turned into
// an error, so that no input can crash a build.
func parseMarkdown(src []byte) (root ast.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, fmt.Errorf("cannot read the Markdown: %v", r)
		}
	}()
	return markdownParser.Parse(text.NewReader(src)), nil
}

// markdownParser is made once: goldmark's parser keeps no state between
// calls and is safe for concurrent use, and making one costs more than
// parsing an author's bio, which is parsed on its own.
var markdownParser = goldmark.New(goldmark.WithParserOptions(gmparser.WithHeadingAttribute())).Parser()

// parseBody parses the Markdown after the front matter. The front matter is
// blanked out rather than cut off, so that goldmark's byte offsets are
// offsets in the file and positions need no adjusting.
func (p *parser) parseBody(fm frontMatter) []doc.Block {
	buf := bytes.Clone(p.src)
	for i := 0; i < fm.bodyStart; i++ {
		if buf[i] != '\n' {
			buf[i] = ' '
		}
	}
	closing := diag.Pos{File: p.path, Line: fm.closeLine, Col: 1}
	root, err := parseMarkdown(buf)
	if err != nil {
		p.errs.Errorf(closing, "%v", err)
		return nil
	}
	empty := true
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() != ast.KindLinkReferenceDefinition {
			empty = false
		}
	}
	if empty {
		p.errs.Errorf(closing, "the statement has no text after its front matter")
		return nil
	}
	r := newMDReader(&p.errs, p.file, buf)
	return r.body(root)
}

// mdReader turns a goldmark AST into doc blocks.
type mdReader struct {
	errs *diag.List
	m    *mapper
	src  []byte // the buffer goldmark parsed
	// clauses counts top-level clauses through the whole statement.
	clauses int
	// autoKeys counts headings without an explicit key.
	autoKeys int
	// keys records where each heading key was first used.
	keys map[string]diag.Pos
}

func newMDReader(errs *diag.List, m *mapper, src []byte) *mdReader {
	return &mdReader{errs: errs, m: m, src: src, keys: map[string]diag.Pos{}}
}

// pos is the position of byte off of the parsed buffer.
func (r *mdReader) pos(off int) diag.Pos { return r.m.pos(off) }

func (r *mdReader) errorf(off int, format string, args ...any) {
	r.errs.Errorf(r.pos(off), format, args...)
}

// nodePos returns the byte offset where a node starts. goldmark gives -1 for
// a node without a position; the first child's offset is the next best.
func nodePos(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if p := n.Pos(); p >= 0 {
			return p
		}
	}
	return 0
}

func (r *mdReader) body(root ast.Node) []doc.Block {
	var out []doc.Block
	var lead *doc.Paragraph
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Paragraph:
			para := r.paragraph(n)
			if next, ok := n.NextSibling().(*ast.List); ok && next.IsOrdered() && isLeadIn(para) {
				lead = para
				continue
			}
			out = append(out, para)
		case *ast.Heading:
			if h := r.heading(n); h != nil {
				out = append(out, h)
			}
		case *ast.List:
			if !n.IsOrdered() {
				r.errorf(nodePos(n), `operative clauses must be an ordered list ("1.", "2." ...); bullet points ("-", "*", "+") may only mark sub-clauses inside a clause`)
				continue
			}
			cl := &doc.ClauseList{Pos: r.pos(nodePos(n)), LeadIn: lead}
			if lead != nil {
				cl.Pos = lead.Pos
			}
			lead = nil
			cl.Clauses = r.items(n, 1, "", 0)
			out = append(out, cl)
		case *ast.Blockquote:
			if q := r.quote(n); q != nil {
				out = append(out, q)
			}
		case *ast.LinkReferenceDefinition:
			// Used by reference links; nothing to keep.
		default:
			r.unsupported(n, "")
		}
	}
	return out
}

// isLeadIn reports whether a paragraph introduces the list after it: it
// ends in a colon (ASCII, or the full-width and small colons of Chinese and
// Japanese text).
func isLeadIn(p *doc.Paragraph) bool {
	s := strings.TrimRight(p.Text.Plain(), " ")
	return strings.HasSuffix(s, ":") || strings.HasSuffix(s, "：") || strings.HasSuffix(s, "﹕")
}

func (r *mdReader) heading(n *ast.Heading) *doc.Heading {
	off := nodePos(n)
	if off >= len(r.src) || r.src[off] != '#' {
		r.errorf(off, `underlined headings are not allowed; write "## Heading" (a line of "---" or "===" right under a line of text turns that text into a heading)`)
		return nil
	}
	switch {
	case n.Level == 1:
		r.errorf(off, `"# " headings are not allowed: the title comes from the front matter; use "## " for section headings`)
		return nil
	case n.Level > 2:
		r.errorf(off, `%q headings are not allowed: statements have one heading level; use "## "`, strings.Repeat("#", n.Level)+" ")
		return nil
	}
	h := &doc.Heading{Pos: r.pos(off), Text: r.inlines(n)}
	plain := strings.TrimSpace(h.Text.Plain())
	if plain == "" {
		r.errorf(off, "empty heading")
		return nil
	}
	if strings.HasSuffix(plain, "}") && strings.Contains(plain, "{") {
		r.errorf(off, `cannot read the heading key in %q; write it as {#key} with lowercase letters, digits and "-"`, plain[strings.LastIndex(plain, "{"):])
		return nil
	}
	for _, a := range n.Attributes() {
		name := string(a.Name)
		if name != "id" {
			r.errorf(off, `only a key may follow a heading, as in {#key}; %q is not supported`, name)
			continue
		}
		switch v := a.Value.(type) {
		case []byte:
			h.Key = string(v)
		case string:
			h.Key = v
		}
		h.Explicit = true
	}
	if !h.Explicit {
		// Keys of headings without {#key} are numbered, not derived from
		// the text, so that a translation's headings get the same keys.
		r.autoKeys++
		h.Key = "section-" + strconv.Itoa(r.autoKeys)
	} else if !idRE.MatchString(h.Key) {
		r.errorf(off, `heading key %q may hold only lowercase letters a-z, digits 0-9 and "-"`, h.Key)
	}
	if first, dup := r.keys[h.Key]; dup {
		r.errorf(off, "heading key %q is already used at line %d", h.Key, first.Line)
	} else {
		r.keys[h.Key] = h.Pos
	}
	return h
}

// items turns the items of a list into clauses of the given depth. first is
// the number of sub-clauses the parent already has, so that adjacent lists
// continue one another's numbering.
func (r *mdReader) items(list *ast.List, depth int, parent string, first int) []*doc.Clause {
	var out []*doc.Clause
	for n := list.FirstChild(); n != nil; n = n.NextSibling() {
		item, ok := n.(*ast.ListItem)
		if !ok {
			continue
		}
		c := &doc.Clause{Pos: r.pos(nodePos(item)), Depth: depth}
		if depth == 1 {
			r.clauses++
			c.Number = r.clauses
			c.Path = strconv.Itoa(c.Number)
		} else {
			c.Number = first + len(out) + 1
			c.Path = parent + "." + subMarker(depth, c.Number)
		}
		r.clause(item, c)
		out = append(out, c)
	}
	return out
}

// clause fills a clause from its list item: paragraphs, then one run of
// sub-clauses, then closing paragraphs.
func (r *mdReader) clause(item *ast.ListItem, c *doc.Clause) {
	const (
		paras = iota
		subs
		tail
	)
	state := paras
	for n := item.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			para := r.paragraph(n)
			if state == paras {
				c.Paras = append(c.Paras, para)
			} else {
				state = tail
				c.Tail = append(c.Tail, para)
			}
		case *ast.List:
			switch {
			case c.Depth >= 3:
				r.errorf(nodePos(n), "sub-clauses may be nested only two levels deep (as in 18.c.ii); clause %s holds a deeper list", c.Path)
				continue
			case state == tail:
				r.errorf(nodePos(n), "clause %s has more sub-clauses after a paragraph; a clause holds its paragraphs, then its sub-clauses, then closing paragraphs", c.Path)
				continue
			case state == paras && len(c.Paras) == 0:
				r.errorf(nodePos(n), "clause %s has no text of its own before its sub-clauses", c.Path)
			}
			state = subs
			c.Subs = append(c.Subs, r.items(n, c.Depth+1, c.Path, len(c.Subs))...)
		case *ast.LinkReferenceDefinition:
		default:
			r.unsupported(n, "inside a clause")
		}
	}
	if item.FirstChild() == nil {
		r.errorf(nodePos(item), "clause %s is empty", c.Path)
	}
}

func (r *mdReader) quote(n *ast.Blockquote) *doc.Quote {
	q := &doc.Quote{Pos: r.pos(nodePos(n))}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Paragraph:
			q.Paras = append(q.Paras, r.paragraph(c))
		case *ast.LinkReferenceDefinition:
		default:
			r.unsupported(c, "inside a block quote")
		}
	}
	if n.FirstChild() == nil {
		r.errorf(nodePos(n), "empty block quote")
		return nil
	}
	return q
}

// bio reads an author's bio: paragraphs only.
func (r *mdReader) bio(root ast.Node) []*doc.Paragraph {
	var out []*doc.Paragraph
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Paragraph:
			out = append(out, r.paragraph(n))
		case *ast.LinkReferenceDefinition:
		default:
			r.unsupported(n, "in an author's bio")
		}
	}
	return out
}

// unsupported reports a block that has no place where it was written. where
// is "" at the top level of the body, else a phrase such as "inside a
// clause".
func (r *mdReader) unsupported(n ast.Node, where string) {
	off := nodePos(n)
	in := ""
	if where != "" {
		in = " " + where
	}
	switch n := n.(type) {
	case *ast.HTMLBlock:
		r.rawHTML(off)
	case *ast.Heading:
		r.errorf(off, "headings must stand on their own at the top level of the statement, not%s", in)
	case *ast.Blockquote:
		r.errorf(off, "block quotes are allowed only at the top level of the statement, not%s", in)
	case *ast.List:
		r.errorf(off, "lists are not allowed%s; write paragraphs", in)
	case *ast.ThematicBreak:
		r.errorf(off, `separator lines (---, *** or ___) are not allowed; start a new section with a "## " heading instead`)
	case *ast.CodeBlock:
		r.errorf(off, "text indented by four or more spaces is read as a code block, which statements do not allow; remove the indentation (continuation lines of a clause are indented only as far as the clause's text)")
	case *ast.FencedCodeBlock:
		r.errorf(off, "code blocks (``` or ~~~ fences) are not allowed in statements")
	default:
		r.errorf(off, "Markdown %s is not supported%s", n.Kind(), in)
	}
}

// rawHTML reports raw HTML at off. Statements become PDF and EPUB through
// doc values, never through HTML, so markup would be lost or, in EPUB,
// unchecked.
func (r *mdReader) rawHTML(off int) {
	if bytes.HasPrefix(r.src[min(off, len(r.src)):], []byte("<!--")) {
		r.errorf(off, "raw HTML is not allowed in statements, HTML comments included; delete the comment")
		return
	}
	r.errorf(off, "raw HTML is not allowed in statements; use Markdown (*emphasis*, **strong**, [text](https://…)) instead")
}

// subMarker names sub-clause n for clause paths: a, b, … z, aa, ab, … at
// depth 2 and i, ii, iii, … at depth 3. Labels printed in editions are
// made by localization; paths only name clauses in messages.
func subMarker(depth, n int) string {
	if depth == 3 {
		return roman(n)
	}
	return letters(n)
}

// letters returns n in bijective base 26: 1 → a, 26 → z, 27 → aa.
func letters(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('a' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// roman returns n as a lowercase roman numeral, or in digits beyond what
// roman numerals write.
func roman(n int) string {
	if r := doc.Roman(n); r != "" {
		return r
	}
	return strconv.Itoa(n)
}
