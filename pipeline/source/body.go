package source

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	gmparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// newMarkdown makes the goldmark parser of statements: CommonMark with
// heading attributes ({#key}), GFM pipe tables, and footnotes. Footnote
// definitions are read without goldmark's footnote transformer, which would
// drop a definition that nothing references: that is an error to report.
// Strikethrough and task lists are recognised only to be refused at their
// position, rather than printed as the "~~" and "[ ]" a reader would take
// for markup.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.Strikethrough, extension.TaskList),
		goldmark.WithParserOptions(
			gmparser.WithHeadingAttribute(),
			gmparser.WithBlockParsers(util.Prioritized(extension.NewFootnoteBlockParser(), 999)),
			gmparser.WithInlineParsers(util.Prioritized(extension.NewFootnoteParser(), 101)),
			gmparser.WithParagraphTransformers(util.Prioritized(extension.NewTableParagraphTransformer(), 200)),
			gmparser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
		),
	)
}

// ParseMarkdown parses Markdown as statements are parsed (the body of a
// statement, or a bio), so that tools which edit a statement in place find
// the same blocks at the same offsets as Parse. A panic inside goldmark is
// turned into an error, so that no input can crash a build.
func ParseMarkdown(src []byte) (root ast.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, fmt.Errorf("cannot read the Markdown: %v", r)
		}
	}()
	return markdownParser.Parse(text.NewReader(src)), nil
}

// markdownParser is made once: goldmark's parser keeps no state between
// calls and is safe for concurrent use (the block and inline parsers the
// extensions add hold none either), and making one costs more than
// parsing an author's bio, which is parsed on its own.
var markdownParser = newMarkdown().Parser()

// parseBody parses the Markdown after the front matter. The front matter is
// blanked out rather than cut off, so that goldmark's byte offsets are
// offsets in the file and positions need no adjusting.
func (p *parser) parseBody(fm frontMatter, d *doc.Document) []doc.Block {
	buf := bytes.Clone(p.src)
	for i := 0; i < fm.bodyStart; i++ {
		if buf[i] != '\n' {
			buf[i] = ' '
		}
	}
	closing := diag.Pos{File: p.path, Line: fm.closeLine, Col: 1}
	root, err := ParseMarkdown(buf)
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
	r.numbering = d.Meta.Numbering
	r.fragment = p.fragment
	body := r.body(root)
	d.Notes = r.footnotes()
	if !p.fragment {
		r.checkLinks(body)
	}
	return body
}

// mdReader turns a goldmark AST into doc blocks.
type mdReader struct {
	errs *diag.List
	m    *mapper
	src  []byte // the buffer goldmark parsed
	// numbering is the front matter's numbering style per level.
	numbering []doc.NumberStyle
	// clauses counts top-level clauses through the statement, or through
	// the current annex; prefix starts the paths of an annex's clauses.
	clauses int
	prefix  string
	// autoKeys counts headings without an explicit key.
	autoKeys int
	// keys records where each heading key was first used.
	keys map[string]diag.Pos
	// defs are the footnote definitions by goldmark's index; notes the
	// footnotes in the order of their references.
	defs    map[int]*noteDef
	defList []*noteDef
	notes   []*doc.Footnote
	// links are the links to places in the statement ("#clause-5"), to
	// check once every clause is known.
	links []localLink
	// noteBan names the place being read where footnotes are not
	// allowed ("in a heading"); "" in body text.
	noteBan string
	// fragment: see parser.fragment.
	fragment bool
}

// noteDef is a footnote definition as read.
type noteDef struct {
	node *extast.Footnote
	pos  diag.Pos
	note *doc.Footnote
}

// localLink is a link to a clause or heading of the statement.
type localLink struct {
	off    int
	target string
}

func newMDReader(errs *diag.List, m *mapper, src []byte) *mdReader {
	return &mdReader{errs: errs, m: m, src: src, keys: map[string]diag.Pos{}, defs: map[int]*noteDef{}}
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

// Parts of a statement body, in the order they must come.
const (
	partMain  = iota // the statement's text
	partAnnex        // an annex
	partNotes        // after the end mark: the notes to editors
)

func (r *mdReader) body(root ast.Node) []doc.Block {
	r.collectDefs(root)
	var out []doc.Block
	var annex *doc.Annex
	var end *doc.EndMark
	part := partMain
	add := func(b doc.Block) {
		switch part {
		case partAnnex:
			annex.Body = append(annex.Body, b)
		case partNotes:
			end.Notes = append(end.Notes, b)
		default:
			out = append(out, b)
		}
	}
	closeAnnex := func() {
		if annex != nil && len(annex.Body) == 0 {
			r.errs.Errorf(annex.Pos, "annex %s is empty; write its text under its heading", doc.UpperRoman(annex.Number))
		}
	}
	annexes := 0
	var lead *doc.Paragraph
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if part == partNotes {
			r.noteBlock(n, add)
			continue
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			para := r.paragraph(n)
			if next, ok := n.NextSibling().(*ast.List); ok && next.IsOrdered() && isLeadIn(para) {
				lead = para
				continue
			}
			add(para)
		case *ast.Heading:
			if isAnnexHeading(n) {
				closeAnnex()
				annexes++
				annex = r.annex(n, annexes)
				if annex != nil {
					out = append(out, annex)
					part = partAnnex
					r.clauses, r.prefix = 0, doc.UpperRoman(annexes)+"."
				}
				continue
			}
			h := r.heading(n)
			if h == nil {
				continue
			}
			if part == partAnnex {
				r.errs.Errorf(h.Pos, "a section heading cannot follow annex %s: everything after the first annex belongs to an annex; make this heading an annex (end it with {.annex}) or move it and its text before the annexes", doc.UpperRoman(annex.Number))
				continue
			}
			add(h)
		case *ast.List:
			if !n.IsOrdered() {
				r.errorf(nodePos(n), `operative clauses must be an ordered list ("1.", "2." ...); bullet points ("-", "*", "+") may only mark sub-clauses inside a clause, or notes to editors after the end mark (---)`)
				continue
			}
			cl := &doc.ClauseList{Pos: r.pos(nodePos(n)), LeadIn: lead}
			if lead != nil {
				cl.Pos = lead.Pos
			}
			lead = nil
			cl.Clauses = r.items(n, 1, "", 0)
			add(cl)
		case *ast.Blockquote:
			if q := r.quote(n); q != nil {
				add(q)
			}
		case *extast.Table:
			add(r.table(n))
		case *ast.ThematicBreak:
			closeAnnex()
			end = &doc.EndMark{Pos: r.pos(nodePos(n))}
			out = append(out, end)
			part = partNotes
		case *ast.LinkReferenceDefinition, *extast.FootnoteList:
			// Used by links and footnote references; read apart.
		default:
			r.unsupported(n, "")
		}
	}
	if part == partAnnex {
		closeAnnex()
	}
	return out
}

// noteBlock reads a block after the end mark: the notes to editors hold
// paragraphs, lists and tables.
func (r *mdReader) noteBlock(n ast.Node, add func(doc.Block)) {
	switch n := n.(type) {
	case *ast.Paragraph:
		add(r.paragraph(n))
	case *ast.List:
		if l := r.noteList(n); l != nil {
			add(l)
		}
	case *extast.Table:
		add(r.table(n))
	case *ast.ThematicBreak:
		r.errorf(nodePos(n), "a statement has one end mark (---); after it come only the notes to editors, so delete this separator line")
	case *ast.Heading:
		if isAnnexHeading(n) {
			r.errorf(nodePos(n), "annexes come before the end mark (---): move this annex above it")
			return
		}
		r.errorf(nodePos(n), "headings are not allowed after the end mark (---): the notes to editors get their heading from the locale; write their text as paragraphs and lists")
	case *ast.LinkReferenceDefinition, *extast.FootnoteList:
	default:
		r.unsupported(n, "in the notes to editors")
	}
}

// noteList reads a list of the notes to editors: items of paragraphs, one
// level deep.
func (r *mdReader) noteList(n *ast.List) *doc.List {
	l := &doc.List{Pos: r.pos(nodePos(n)), Ordered: n.IsOrdered()}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		item, ok := c.(*ast.ListItem)
		if !ok {
			continue
		}
		it := &doc.ListItem{Pos: r.pos(nodePos(item))}
		for b := item.FirstChild(); b != nil; b = b.NextSibling() {
			switch b := b.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				it.Paras = append(it.Paras, r.paragraph(b))
			case *ast.List:
				r.errorf(nodePos(b), "lists in the notes to editors are one level deep; write this item's points as sentences, or as items of the list")
			case *ast.LinkReferenceDefinition, *extast.FootnoteList:
			default:
				r.unsupported(b, "in a list of the notes to editors")
			}
		}
		if item.FirstChild() == nil {
			r.errorf(nodePos(item), "empty list item")
			continue
		}
		l.Items = append(l.Items, it)
	}
	return l
}

// isLeadIn reports whether a paragraph introduces the list after it: it
// ends in a colon (ASCII, or the full-width and small colons of Chinese and
// Japanese text).
func isLeadIn(p *doc.Paragraph) bool {
	s := strings.TrimRight(p.Text.Plain(), " ")
	return strings.HasSuffix(s, ":") || strings.HasSuffix(s, "：") || strings.HasSuffix(s, "﹕")
}

// isAnnexHeading reports whether a heading is marked {.annex}.
func isAnnexHeading(n *ast.Heading) bool {
	for _, a := range n.Attributes() {
		if string(a.Name) == "class" && attrString(a.Value) == "annex" {
			return true
		}
	}
	return false
}

func attrString(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return ""
}

// headingKey reads the attributes of a heading: its {#key}, and whether it
// holds anything else than the classes allowed. ok is false when the
// heading cannot be used.
func (r *mdReader) headingKey(n *ast.Heading, off int, plain string, allowClass string) (key string, explicit, ok bool) {
	if strings.HasSuffix(plain, "}") && strings.Contains(plain, "{") {
		r.errorf(off, `cannot read the heading key in %q; write it as {#key} with lowercase letters, digits and "-"`, plain[strings.LastIndex(plain, "{"):])
		return "", false, false
	}
	for _, a := range n.Attributes() {
		name := string(a.Name)
		switch {
		case name == "class" && allowClass != "" && attrString(a.Value) == allowClass:
			continue
		case name == "class":
			r.errorf(off, `only a key and the class .annex may follow a heading, as in {#key} or {#key .annex}; %q is not supported`, "."+attrString(a.Value))
			continue
		case name != "id":
			r.errorf(off, `only a key may follow a heading, as in {#key}; %q is not supported`, name)
			continue
		}
		key = attrString(a.Value)
		explicit = true
	}
	if explicit && !idRE.MatchString(key) {
		r.errorf(off, `heading key %q may hold only lowercase letters a-z, digits 0-9 and "-"`, key)
	}
	return key, explicit, true
}

// useKey records a heading key, reporting a second use.
func (r *mdReader) useKey(off int, key string) {
	if first, dup := r.keys[key]; dup {
		r.errorf(off, "heading key %q is already used at line %d", key, first.Line)
	} else {
		r.keys[key] = r.pos(off)
	}
}

// headingLevel checks that a heading is a "## " heading written with
// hashes; it reports and returns false otherwise.
func (r *mdReader) headingLevel(n *ast.Heading, off int) bool {
	if off >= len(r.src) || r.src[off] != '#' {
		r.errorf(off, `underlined headings are not allowed; write "## Heading" (a line of "---" or "===" right under a line of text turns that text into a heading)`)
		return false
	}
	switch {
	case n.Level == 1:
		r.errorf(off, `"# " headings are not allowed: the title comes from the front matter; use "## " for section headings`)
		return false
	case n.Level > 2:
		r.errorf(off, `%q headings are not allowed: statements have one heading level; use "## "`, strings.Repeat("#", n.Level)+" ")
		return false
	}
	return true
}

// headingText reads a heading's text, in which footnotes are not allowed.
func (r *mdReader) headingText(n ast.Node, what string) doc.Inline {
	saved := r.noteBan
	r.noteBan = what
	defer func() { r.noteBan = saved }()
	return r.inlines(n)
}

func (r *mdReader) heading(n *ast.Heading) *doc.Heading {
	off := nodePos(n)
	if !r.headingLevel(n, off) {
		return nil
	}
	h := &doc.Heading{Pos: r.pos(off), Text: r.headingText(n, "in a heading")}
	plain := strings.TrimSpace(h.Text.Plain())
	if plain == "" {
		r.errorf(off, "empty heading")
		return nil
	}
	key, explicit, ok := r.headingKey(n, off, plain, "")
	if !ok {
		return nil
	}
	h.Key, h.Explicit = key, explicit
	if !h.Explicit {
		// Keys of headings without {#key} are numbered, not derived from
		// the text, so that a translation's headings get the same keys.
		r.autoKeys++
		h.Key = "section-" + strconv.Itoa(r.autoKeys)
	}
	r.useKey(off, h.Key)
	return h
}

// annex reads the heading of annex number n: "## Title {.annex}" or
// "## Title {#key .annex}". A heading without a key gets "annex-N".
func (r *mdReader) annex(n *ast.Heading, number int) *doc.Annex {
	off := nodePos(n)
	if !r.headingLevel(n, off) {
		return nil
	}
	a := &doc.Annex{Pos: r.pos(off), Number: number, Title: r.headingText(n, "in an annex's heading")}
	plain := strings.TrimSpace(a.Title.Plain())
	if plain == "" {
		r.errorf(off, `annex %s has no title; write it after "## ", as in "## Allocation of seats {.annex}" (editions print "Annex %s" above it)`, doc.UpperRoman(number), doc.UpperRoman(number))
		return nil
	}
	key, explicit, ok := r.headingKey(n, off, plain, "annex")
	if !ok {
		return nil
	}
	a.Key, a.Explicit = key, explicit
	if !explicit {
		a.Key = "annex-" + strconv.Itoa(number)
	}
	r.useKey(off, a.Key)
	return a
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
		c := &doc.Clause{Pos: r.pos(nodePos(item)), Depth: depth, Style: r.style(depth)}
		if depth == 1 {
			r.clauses++
			c.Number = r.clauses
			c.Path = r.prefix + strconv.Itoa(c.Number)
		} else {
			c.Number = first + len(out) + 1
			c.Path = parent + "." + pathMarker(r.counter(depth), c.Number)
		}
		r.clause(item, c)
		out = append(out, c)
	}
	return out
}

// style is the numbering style the front matter gives a level, or "".
func (r *mdReader) style(depth int) doc.NumberStyle {
	if depth-1 < len(r.numbering) {
		return r.numbering[depth-1]
	}
	return ""
}

// counter is the kind of counter of a level, for clause paths.
func (r *mdReader) counter(depth int) byte {
	if s := r.style(depth); s != "" {
		return s.Counter()
	}
	return doc.DefaultCounter(depth)
}

// clause fills a clause from its list item: its own paragraphs and tables,
// then one run of sub-clauses, then closing paragraphs and tables.
func (r *mdReader) clause(item *ast.ListItem, c *doc.Clause) {
	const (
		own = iota
		subs
		tail
	)
	state := own
	text := func(b doc.Block) {
		if state == own {
			c.Body = append(c.Body, b)
		} else {
			state = tail
			c.Tail = append(c.Tail, b)
		}
	}
	for n := item.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			text(r.paragraph(n))
		case *extast.Table:
			text(r.table(n))
		case *ast.List:
			switch {
			case c.Depth >= doc.MaxDepth:
				r.errorf(nodePos(n), "sub-clauses may be nested only %d levels deep (as in 18.c.ii.a); clause %s holds a deeper list", doc.MaxDepth, c.Path)
				continue
			case state == tail:
				r.errorf(nodePos(n), "clause %s has more sub-clauses after a paragraph; a clause holds its paragraphs, then its sub-clauses, then closing paragraphs", c.Path)
				continue
			}
			state = subs
			c.Subs = append(c.Subs, r.items(n, c.Depth+1, c.Path, len(c.Subs))...)
		case *ast.LinkReferenceDefinition, *extast.FootnoteList:
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
		case *ast.LinkReferenceDefinition, *extast.FootnoteList:
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

// table reads a GFM pipe table. goldmark pads a short row with empty
// cells and drops the cells of a long row beyond the header's, silently;
// a statement's table must say what it means, so both are errors.
func (r *mdReader) table(n *extast.Table) *doc.Table {
	t := &doc.Table{Pos: r.pos(nodePos(n))}
	for _, a := range n.Alignments {
		switch a {
		case extast.AlignLeft:
			t.Align = append(t.Align, doc.AlignStart)
		case extast.AlignRight:
			t.Align = append(t.Align, doc.AlignEnd)
		case extast.AlignCenter:
			t.Align = append(t.Align, doc.AlignCenter)
		default:
			t.Align = append(t.Align, doc.AlignDefault)
		}
	}
	cols := len(t.Align)
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		cells := r.cells(row)
		if _, header := row.(*extast.TableHeader); header {
			t.Header = cells
			continue
		}
		if got := r.rowCells(row); got != cols {
			r.errorf(row.Pos(), "this table row has %s, the header row has %d; give every row as many cells as the header (write an empty cell as \"| |\")", count(got, "cell"), cols)
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}

// cells reads the cells of a table row.
func (r *mdReader) cells(row ast.Node) []*doc.Cell {
	var out []*doc.Cell
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		cell := &doc.Cell{}
		if ls := c.Lines(); ls != nil && ls.Len() > 0 {
			seg := ls.At(0)
			cell.Pos, cell.End = r.pos(seg.Start), r.pos(seg.Stop)
		} else {
			cell.Pos = r.pos(max(c.Pos(), row.Pos()))
			cell.End = cell.Pos
		}
		cell.Text = r.inlines(c)
		out = append(out, cell)
	}
	return out
}

// rowCells counts the cells written on a table row's line as GFM splits
// it: at each "|" not escaped by a backslash, ignoring a "|" at either end.
func (r *mdReader) rowCells(row ast.Node) int {
	start := max(row.Pos(), 0)
	end := bytes.IndexByte(r.src[start:], '\n')
	if end < 0 {
		end = len(r.src) - start
	}
	line := bytes.TrimSpace(r.src[start : start+end])
	line = bytes.TrimPrefix(line, []byte("|"))
	if len(line) > 0 && line[len(line)-1] == '|' && (len(line) < 2 || line[len(line)-2] != '\\') {
		line = line[:len(line)-1]
	}
	n := 1
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n
}

// bio reads an author's bio: paragraphs only.
func (r *mdReader) bio(root ast.Node) []*doc.Paragraph {
	r.collectDefs(root)
	r.noteBan = "in an author's bio"
	var out []*doc.Paragraph
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Paragraph:
			out = append(out, r.paragraph(n))
		case *ast.LinkReferenceDefinition:
		case *extast.FootnoteList:
			for d := n.FirstChild(); d != nil; d = d.NextSibling() {
				r.errorf(nodePos(d), "footnotes are not allowed in an author's bio")
			}
		default:
			r.unsupported(n, "in an author's bio")
		}
	}
	for _, l := range r.links {
		r.errorf(l.off, "link target %q points into the statement, which a bio cannot do; links in a bio must start with \"https://\", \"http://\" or \"mailto:\"", l.target)
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
		r.errorf(off, `a separator line (---, *** or ___) is the end mark of a statement and stands at its top level, not%s`, in)
	case *ast.CodeBlock:
		r.errorf(off, "text indented by four or more spaces is read as a code block, which statements do not allow; remove the indentation (continuation lines of a clause are indented only as far as the clause's text)")
	case *ast.FencedCodeBlock:
		r.errorf(off, "code blocks (``` or ~~~ fences) are not allowed in statements")
	case *extast.Table:
		r.errorf(off, "tables are not allowed%s; put the table in a clause or between paragraphs", in)
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

// pathMarker names the n-th item of a level in clause paths, in the
// level's kind of counter: digits, letters (a, b, … z, aa, ab, …) or
// lowercase roman numerals. Labels printed in editions are made by
// localization; paths name clauses in messages and links.
func pathMarker(counter byte, n int) string {
	switch counter {
	case 'i':
		return roman(n)
	case 'a':
		return letters(n)
	}
	return strconv.Itoa(n)
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
