package translate

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

// A statement is rewritten in place: each segment's text is replaced
// where it is written, and every other byte — front matter keys and
// comments, list markers, blank lines, line ends — stays as it was.

// editor rewrites segments of one statement file.
type editor struct {
	path string
	// text is the file without a byte order mark and with LF line ends,
	// as the parser reads it; crlf and bom say how to write it back.
	text      []byte
	crlf, bom bool
	lines     []int // offset of each line's start in text
	fmEnd     int   // offset of the line after the front matter's closing "---"
	// paras maps the start line of each body paragraph to its byte range.
	paras map[int][2]int
	edits []textEdit
	// doc is the file parsed.
	doc *doc.Document
}

// authors returns author n (1-based) of the file, or nil.
func (e *editor) authors(n int) *doc.Author {
	if e.doc == nil || n < 1 || n > len(e.doc.Meta.Authors) {
		return nil
	}
	return e.doc.Meta.Authors[n-1]
}

type textEdit struct {
	start, end int
	with       string
}

func newEditor(path string, src []byte) (*editor, error) {
	e := &editor{path: path}
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		e.bom, src = true, src[3:]
	}
	if bytes.Contains(src, []byte("\r\n")) {
		e.crlf = true
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	e.text = src
	e.lines = []int{0}
	for i, c := range src {
		if c == '\n' {
			e.lines = append(e.lines, i+1)
		}
	}
	e.fmEnd = -1
	for n := 1; n < len(e.lines); n++ {
		if strings.TrimRight(string(e.line(n+1)), " \t") == "---" {
			if n+1 < len(e.lines) {
				e.fmEnd = e.lines[n+1]
			} else {
				e.fmEnd = len(src)
			}
			break
		}
	}
	if e.fmEnd < 0 || strings.TrimRight(string(e.line(1)), " \t") != "---" {
		return nil, diag.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "front matter not found; a statement starts with a line \"---\"")
	}
	e.findParas()
	return e, nil
}

// line returns line n (1-based) without its newline.
func (e *editor) line(n int) []byte {
	if n < 1 || n > len(e.lines) {
		return nil
	}
	end := len(e.text)
	if n < len(e.lines) {
		end = e.lines[n] - 1
	}
	return e.text[e.lines[n-1]:end]
}

// offset turns a position (columns in characters) into a byte offset.
func (e *editor) offset(p diag.Pos) int {
	if p.Line < 1 || p.Line > len(e.lines) {
		return -1
	}
	l := e.line(p.Line)
	off := 0
	for i := 1; i < p.Col && off < len(l); i++ {
		_, n := utf8.DecodeRune(l[off:])
		off += n
	}
	return e.lines[p.Line-1] + off
}

// lineOf returns the 1-based line of a byte offset.
func (e *editor) lineOf(off int) int {
	return sort.Search(len(e.lines), func(i int) bool { return e.lines[i] > off })
}

// findParas finds the byte range of every paragraph of the body with
// goldmark, which the parser used: from the first character of its text
// to the end of its last line.
func (e *editor) findParas() {
	e.paras = map[int][2]int{}
	buf := bytes.Clone(e.text)
	for i := 0; i < e.fmEnd; i++ {
		if buf[i] != '\n' {
			buf[i] = ' '
		}
	}
	root, err := source.ParseMarkdown(buf)
	if err != nil {
		return
	}
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
			ls := n.Lines()
			if ls == nil || ls.Len() == 0 {
				return ast.WalkContinue, nil
			}
			start := ls.At(0).Start
			for start < len(buf) && (buf[start] == ' ' || buf[start] == '\t') {
				start++
			}
			end := ls.At(ls.Len() - 1).Stop
			for end > start && (buf[end-1] == '\n' || buf[end-1] == ' ' || buf[end-1] == '\t') {
				end--
			}
			e.paras[e.lineOf(start)] = [2]int{start, end}
		}
		return ast.WalkContinue, nil
	})
}

// replaceParas replaces the paragraphs paras (consecutive, of one part)
// with new paragraphs of Markdown text.
func (e *editor) replaceParas(paras []*doc.Paragraph, with []string) error {
	first, last := paras[0], paras[len(paras)-1]
	r1, ok1 := e.paras[first.Pos.Line]
	r2, ok2 := e.paras[last.Pos.Line]
	if !ok1 || !ok2 {
		return fmt.Errorf("cannot find the paragraph at line %d of %s", first.Pos.Line, e.path)
	}
	// Later paragraphs start where the first does: under a list
	// item's text, or after a block quote's "> ".
	lineStart := e.lines[e.lineOf(r1[0])-1]
	prefix := string(e.text[lineStart:r1[0]])
	cont := prefix
	blank := ""
	if strings.HasPrefix(strings.TrimLeft(prefix, " "), ">") {
		blank = strings.TrimRight(prefix, " ")
	} else {
		cont = strings.Repeat(" ", utf8.RuneCountInString(prefix))
	}
	e.edits = append(e.edits, textEdit{r1[0], r2[1], strings.Join(with, "\n"+blank+"\n"+cont)})
	return nil
}

// replaceHeading replaces the text of a heading, keeping its "## " and
// {#key}.
func (e *editor) replaceHeading(h *doc.Heading, md string) error {
	start := e.offset(h.Pos)
	if start < 0 {
		return fmt.Errorf("cannot find the heading at line %d of %s", h.Pos.Line, e.path)
	}
	l := e.line(h.Pos.Line)
	lineStart := e.lines[h.Pos.Line-1]
	i := start - lineStart
	for i < len(l) && l[i] == '#' {
		i++
	}
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	end := len(l)
	rest := string(l[i:])
	if strings.HasSuffix(strings.TrimRight(rest, " \t"), "}") {
		// An attribute block ({#key}, {.annex}) stays: a heading that
		// ends with "}" has one, or would not have parsed.
		if k := strings.LastIndex(rest, "{"); k >= 0 {
			end = i + k
		}
	} else {
		trimmed := strings.TrimRight(rest, " \t")
		if closing := strings.TrimRight(trimmed, "#"); closing != trimmed && (closing == "" || strings.HasSuffix(closing, " ")) {
			end = i + len(closing)
		}
	}
	for end > i && (l[end-1] == ' ' || l[end-1] == '\t') {
		end--
	}
	if strings.HasSuffix(md, "#") {
		md = md[:len(md)-1] + `\#`
	}
	e.edits = append(e.edits, textEdit{lineStart + i, lineStart + end, md})
	return nil
}

// fmLine finds the line of a front matter key at a given indentation
// (-1: any), from line from (1-based) up to the closing "---"; 0 when
// there is none.
func (e *editor) fmLine(key string, indent, from, to int) int {
	for n := from; n <= to; n++ {
		l := string(e.line(n))
		t := strings.TrimLeft(l, " ")
		lead := len(l) - len(t)
		t = strings.TrimPrefix(t, "- ")
		if strings.HasPrefix(l[lead:], "- ") {
			lead += 2
		}
		if (indent < 0 || lead == indent) && strings.HasPrefix(t, key+":") {
			return n
		}
	}
	return 0
}

// fmClose is the line of the front matter's closing "---".
func (e *editor) fmClose() int { return e.lineOf(e.fmEnd - 1) }

// valueRange returns the byte range of the value of the front matter key
// at line n, indented by indent: from after "key:" to the end of its last
// line (a block or multi-line value runs while lines are more indented).
func (e *editor) valueRange(n, indent int, key string) (int, int) {
	l := e.line(n)
	colon := bytes.Index(l, []byte(key+":")) + len(key) + 1
	start := e.lines[n-1] + colon
	last := n
	for m := n + 1; m < e.fmClose(); m++ {
		ml := e.line(m)
		t := bytes.TrimLeft(ml, " ")
		if len(t) > 0 && len(ml)-len(t) <= indent {
			break
		}
		last = m
	}
	for last > n && len(bytes.TrimSpace(e.line(last))) == 0 {
		last--
	}
	end := e.lines[last-1] + len(e.line(last))
	return start, end
}

// replaceMeta replaces the value of a top-level front matter key.
func (e *editor) replaceMeta(key, value string) error {
	n := e.fmLine(key, 0, 2, e.fmClose()-1)
	if n == 0 {
		return fmt.Errorf("%s has no front matter key %q", e.path, key)
	}
	start, end := e.valueRange(n, 0, key)
	e.edits = append(e.edits, textEdit{start, end, " " + yamlScalar(value)})
	return nil
}

// replaceCell replaces the text of a table cell, which stays on its line
// between its bars.
func (e *editor) replaceCell(c *doc.Cell, md string) error {
	start, end := e.offset(c.Pos), e.offset(c.End)
	if start < 0 || end < start {
		return fmt.Errorf("cannot find the table cell at line %d of %s", c.Pos.Line, e.path)
	}
	md = strings.ReplaceAll(md, "|", `\|`)
	if start == end && start > 0 && e.text[start-1] == '|' {
		md = " " + md + " "
	}
	e.edits = append(e.edits, textEdit{start, end, md})
	return nil
}

// authorKey finds key (role, bio) of author i (1-based): the line and its
// indentation, or 0.
func (e *editor) authorKey(a *doc.Author, key string) (int, int) {
	return e.entryKey(a.Pos, key)
}

// entryKey finds key of the list entry (an author, a contact, a
// signatory) whose mapping starts at pos: the line and its indentation, or
// 0.
func (e *editor) entryKey(pos diag.Pos, key string) (int, int) {
	indent := pos.Col - 1
	to := e.fmClose() - 1
	// The entry runs until the next entry ("- " at its dash) or a key
	// less indented.
	for m := pos.Line + 1; m <= to; m++ {
		l := string(e.line(m))
		t := strings.TrimLeft(l, " ")
		if t != "" && (len(l)-len(t) < indent) {
			to = m - 1
			break
		}
	}
	n := e.fmLine(key, indent, pos.Line, to)
	return n, indent
}

// replaceRole replaces an author's role.
func (e *editor) replaceRole(a *doc.Author, value string) error {
	n, indent := e.authorKey(a, "role")
	if n == 0 {
		return fmt.Errorf("author at line %d of %s has no role", a.Pos.Line, e.path)
	}
	start, end := e.valueRange(n, indent, "role")
	e.edits = append(e.edits, textEdit{start, end, " " + yamlScalar(value)})
	return nil
}

// replaceEntry replaces a plain value of entry n (1-based) of the front
// matter list key ("contact.1.role", "signatories.2.title").
func (e *editor) replaceEntry(path, value string) error {
	parts := strings.SplitN(path, ".", 3)
	if len(parts) != 3 || e.doc == nil {
		return fmt.Errorf("%s has no front matter value %s", e.path, path)
	}
	n := 0
	fmt.Sscanf(parts[1], "%d", &n)
	var pos []diag.Pos
	switch parts[0] {
	case "contact":
		for _, c := range e.doc.Meta.Contacts {
			pos = append(pos, c.Pos)
		}
	case "signatories":
		for _, g := range e.doc.Meta.Signatories {
			pos = append(pos, g.Pos)
		}
	}
	if n < 1 || n > len(pos) {
		return fmt.Errorf("%s has no entry %d in %s", e.path, n, parts[0])
	}
	line, indent := e.entryKey(pos[n-1], parts[2])
	if line == 0 {
		return fmt.Errorf("entry %d of %s in %s has no %s", n, parts[0], e.path, parts[2])
	}
	start, end := e.valueRange(line, indent, parts[2])
	e.edits = append(e.edits, textEdit{start, end, " " + yamlScalar(value)})
	return nil
}

// replaceBio replaces an author's bio with paragraphs of Markdown, as a
// literal block.
func (e *editor) replaceBio(a *doc.Author, paras []string) error {
	n, indent := e.authorKey(a, "bio")
	if n == 0 {
		return fmt.Errorf("author at line %d of %s has no bio", a.Pos.Line, e.path)
	}
	start, end := e.valueRange(n, indent, "bio")
	pad := strings.Repeat(" ", indent+2)
	var b strings.Builder
	b.WriteString(" |")
	for i, p := range paras {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("\n" + pad + p)
	}
	e.edits = append(e.edits, textEdit{start, end, b.String()})
	return nil
}

// removeMetaLine removes a top-level front matter key with its value.
func (e *editor) removeMeta(key string) {
	n := e.fmLine(key, 0, 2, e.fmClose()-1)
	if n == 0 {
		return
	}
	_, end := e.valueRange(n, 0, key)
	if end < len(e.text) && e.text[end] == '\n' {
		end++
	}
	e.edits = append(e.edits, textEdit{e.lines[n-1], end, ""})
}

// result applies the edits and returns the file's new bytes.
func (e *editor) result() ([]byte, error) {
	sort.Slice(e.edits, func(i, j int) bool { return e.edits[i].start < e.edits[j].start })
	var b bytes.Buffer
	last := 0
	for _, ed := range e.edits {
		if ed.start < last {
			return nil, fmt.Errorf("%s: two edits overlap at byte %d", e.path, ed.start)
		}
		b.Write(e.text[last:ed.start])
		b.WriteString(ed.with)
		last = ed.end
	}
	b.Write(e.text[last:])
	out := b.Bytes()
	if e.crlf {
		out = bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
	}
	if e.bom {
		out = append([]byte("\xef\xbb\xbf"), out...)
	}
	return out, nil
}

var (
	// yamlPlainSafe matches a value YAML reads as the same plain string.
	yamlPlainSafe = regexp.MustCompile(`^[^\s\-?:,\[\]{}#&*!|>'"%@` + "`" + `][^\n]*$`)
	// yamlSpecial matches plain values YAML would read as something else
	// than a string.
	yamlSpecial = regexp.MustCompile(`^(?i:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\.inf|\.nan)|[-+]?[0-9][0-9_.:eE+-]*)$`)
)

// yamlScalar writes a one-line front matter value: plain when YAML reads
// it back as the same string, else double-quoted.
func yamlScalar(s string) string {
	if yamlPlainSafe.MatchString(s) && !yamlSpecial.MatchString(s) && !strings.Contains(s, ": ") && !strings.Contains(s, " #") &&
		!strings.HasSuffix(s, ":") && !strings.HasSuffix(s, " ") && !strings.ContainsAny(s, "\t\u0085\u2028\u2029\ufeff") {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			b.WriteString(`\u` + fmt.Sprintf("%04X", r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// setLang sets the front matter's lang.
func (e *editor) setLang(tag string) error { return e.replaceMeta("lang", tag) }

// quoteTOML writes a TOML basic string. Characters a reader cannot see
// (no-break and narrow spaces, joiners, direction marks) are written as
// \uXXXX escapes, as the shipped locale files write them.
func quoteTOML(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || invisible(r):
			b.WriteString(`\u` + strings.ToUpper(fmt.Sprintf("%04x", r)))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func invisible(r rune) bool {
	switch {
	case r == 0xa0, r == 0xad, r == 0x61c, r == 0x180e, r == 0x2007, r == 0x202f, r == 0x205f, r == 0xfeff:
		return true
	case r >= 0x200b && r <= 0x200f, r >= 0x2028 && r <= 0x202e, r >= 0x2060 && r <= 0x2069:
		return true
	}
	return false
}

// itoa is strconv.Itoa, for messages.
func itoa(n int) string { return strconv.Itoa(n) }
