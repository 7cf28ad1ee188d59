package source

import (
	"bytes"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/language"

	"github.com/polypress/polypress/pipeline/doc"
)

// paragraph converts a paragraph or a tight list item's text block.
func (r *mdReader) paragraph(n ast.Node) *doc.Paragraph {
	r.checkLines(n)
	return &doc.Paragraph{Pos: r.pos(nodePos(n)), Text: r.inlines(n)}
}

// inlines converts the inline children of n into spans.
func (r *mdReader) inlines(n ast.Node) doc.Inline {
	w := &spanWriter{r: r, marks: r.langSpans(n)}
	w.walk(n, 0, "")
	return w.out
}

// langMark is one end of a language span, "[text]{lang=ur}": the opening
// "[" (open) or the closing "]{lang=ur}", n bytes long, with its tag.
type langMark struct {
	open bool
	n    int
	lang string
}

// langAttrRE matches the attribute block after a language span's closing
// bracket, as Pandoc writes it: {lang=ur} or {lang="ur"}.
var langAttrRE = regexp.MustCompile(`^\]\{\s*lang\s*=\s*"?([^"}\s]*)"?\s*\}`)

// langSpans finds the language spans in the text under n: an unescaped
// "[" and its matching "]" followed by {lang=TAG}. Markdown reads both as
// plain text (no link follows), so they are found in the Text nodes'
// source, by offset; brackets that close without an attribute pair up
// and are left alone.
func (r *mdReader) langSpans(n ast.Node) map[int]langMark {
	var marks map[int]langMark
	var open []int
	skipTo := 0 // the end of the last attribute block, which may span nodes
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := c.(*ast.Text)
		if !entering || !ok || t.IsRaw() {
			if _, code := c.(*ast.CodeSpan); code && entering {
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		}
		b := r.src[t.Segment.Start:t.Segment.Stop]
		for i := 0; i < len(b); i++ {
			if t.Segment.Start+i < skipTo {
				continue
			}
			switch b[i] {
			case '\\':
				if i+1 < len(b) && util.IsPunct(b[i+1]) {
					i++
				}
			case '[':
				open = append(open, t.Segment.Start+i)
			case ']':
				if len(open) == 0 {
					continue
				}
				at := open[len(open)-1]
				open = open[:len(open)-1]
				// Markdown may cut the attribute block into several
				// text nodes ("!" starts one), so it is matched in the
				// source.
				m := langAttrRE.FindSubmatch(r.src[t.Segment.Start+i : min(len(r.src), t.Segment.Start+i+64)])
				if m == nil {
					continue
				}
				tag, err := language.Parse(string(m[1]))
				if err != nil || string(m[1]) == "" {
					r.errorf(t.Segment.Start+i, "lang %q of a language span is not a BCP 47 language tag (write [text]{lang=ur})", m[1])
					skipTo = t.Segment.Start + i + len(m[0])
					continue
				}
				if marks == nil {
					marks = map[int]langMark{}
				}
				marks[at] = langMark{open: true, n: 1, lang: tag.String()}
				marks[t.Segment.Start+i] = langMark{n: len(m[0]), lang: tag.String()}
				skipTo = t.Segment.Start + i + len(m[0])
			}
		}
		return ast.WalkContinue, nil
	})
	return marks
}

// spanWriter collects spans. Every span starts at a known source position;
// adjacent spans are merged only when the merged span still has the column
// of its n-th rune at Pos.Col+n, so an escape (\*) or an entity (&amp;)
// starts a new span.
type spanWriter struct {
	r   *mdReader
	out doc.Inline
	// pending is the space standing for a line break; it is written only
	// if more text follows, so that no paragraph ends in a space.
	pending *doc.Span
	// marks are the ends of language spans by source offset; langs the
	// languages of the spans open, innermost last; text before skipTo is
	// the rest of a closing attribute block, not written.
	marks  map[int]langMark
	langs  []string
	skipTo int
	// noteSeen is the end of the last literal footnote or reference
	// link reported, so that each is reported once.
	noteSeen int
}

// lang is the language of text written now: the innermost open span's.
func (w *spanWriter) lang() string {
	if len(w.langs) == 0 {
		return ""
	}
	return w.langs[len(w.langs)-1]
}

func (w *spanWriter) add(off int, text string, style doc.Style, link string) {
	if text == "" {
		return
	}
	if w.pending != nil {
		w.push(*w.pending)
		w.pending = nil
	}
	w.push(doc.Span{Pos: w.r.pos(off), Text: text, Style: style, Link: link, Lang: w.lang()})
}

func (w *spanWriter) push(s doc.Span) {
	if n := len(w.out); n > 0 && s.Note == nil {
		last := &w.out[n-1]
		if last.Note == nil && last.Style == s.Style && last.Link == s.Link && last.Lang == s.Lang && last.Pos.File == s.Pos.File &&
			last.Pos.Line == s.Pos.Line && last.Pos.Col+utf8.RuneCountInString(last.Text) == s.Pos.Col {
			last.Text += s.Text
			return
		}
	}
	w.out = append(w.out, s)
}

// note writes a footnote reference at off.
func (w *spanWriter) note(off int, fn *doc.Footnote) {
	if w.pending != nil {
		w.push(*w.pending)
		w.pending = nil
	}
	w.push(doc.Span{Pos: w.r.pos(off), Note: fn, Lang: w.lang()})
}

// lineBreak records a soft or hard line break at off (the end of the line's
// text). Both read as one space: a statement is reflowed for every page size
// and language, so a forced line break has no meaning in it.
func (w *spanWriter) lineBreak(off int, style doc.Style, link string) {
	w.pending = &doc.Span{Pos: w.r.pos(off), Text: " ", Style: style, Link: link, Lang: w.lang()}
}

func (w *spanWriter) walk(parent ast.Node, style doc.Style, link string) {
	src := w.r.src
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			if n.IsRaw() {
				w.add(n.Segment.Start, string(n.Segment.Value(src)), style, link)
			} else {
				w.text(n.Segment.Start, src[n.Segment.Start:n.Segment.Stop], style, link)
			}
			if n.SoftLineBreak() || n.HardLineBreak() {
				w.lineBreak(n.Segment.Stop, style, link)
			}
		case *ast.String:
			w.add(nodePos(n), string(n.Value), style, link)
		case *ast.Emphasis:
			s := doc.Emphasis
			if n.Level >= 2 {
				s = doc.Strong
			}
			w.walk(n, style|s, link)
		case *ast.CodeSpan:
			w.code(n, style|doc.Code, link)
		case *ast.Link:
			w.walk(n, style, w.r.linkTarget(nodePos(n), n.Destination, true))
		case *ast.AutoLink:
			off := nodePos(n)
			if off < len(src) && src[off] == '<' {
				off++
			}
			label := string(n.Label(src))
			target := string(n.URL(src))
			if n.AutoLinkType == ast.AutoLinkEmail {
				target = "mailto:" + label
			}
			w.add(off, label, style, w.r.linkTarget(nodePos(n), []byte(target), false))
		case *extast.FootnoteLink:
			if link != "" {
				w.r.errorf(nodePos(n), "a footnote reference cannot be part of a link's text; put it after the link")
				continue
			}
			if fn := w.r.noteRef(n); fn != nil {
				w.note(nodePos(n), fn)
			}
		case *extast.Strikethrough:
			w.r.errorf(nodePos(n), `struck-through text (~~text~~) is not supported in statements: editions would print it as plain text; delete the text, or write "\~" for a tilde`)
		case *extast.TaskCheckBox:
			w.r.errorf(nodePos(n), `task list boxes ("[ ]", "[x]") are not supported in statements; delete the box, or write "\[ ]" for brackets`)
		case *ast.Image:
			w.r.errorf(nodePos(n), "images are not supported in statements")
		case *ast.RawHTML:
			w.r.rawHTML(nodePos(n))
		default:
			w.r.errorf(nodePos(n), "Markdown %s is not supported in statements", n.Kind())
		}
	}
}

// code writes a code span. Its text is taken as written; a line break
// inside it is a space, as CommonMark says.
func (w *spanWriter) code(n *ast.CodeSpan, style doc.Style, link string) {
	src := w.r.src
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		seg := t.Segment
		v := src[seg.Start:seg.Stop]
		if bytes.HasSuffix(v, []byte("\n")) {
			w.add(seg.Start, string(v[:len(v)-1]), style, link)
			w.add(seg.Stop-1, " ", style, link)
			continue
		}
		w.add(seg.Start, string(v), style, link)
	}
}

// text writes the text b, found at offset off, resolving backslash escapes
// and entity references. Each replacement starts a new span at the
// character it stands for.
func (w *spanWriter) text(off int, b []byte, style doc.Style, link string) {
	var run []byte
	runStart := off
	flush := func(next int) {
		w.add(runStart, string(run), style, link)
		run = run[:0]
		runStart = next
	}
	for i := 0; i < len(b); {
		c := b[i]
		if off+i < w.skipTo {
			i++
			runStart = off + i
			continue
		}
		if m, ok := w.marks[off+i]; ok {
			flush(off + i + m.n)
			w.skipTo = off + i + m.n
			if m.open {
				w.langs = append(w.langs, m.lang)
			} else if len(w.langs) > 0 {
				w.langs = w.langs[:len(w.langs)-1]
			}
			i++
			runStart = off + i
			continue
		}
		switch {
		case c == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]):
			flush(off + i + 1)
			run = append(run, b[i+1])
			i += 2
		case c == '[' && off+i >= w.noteSeen && off+i+1 < len(w.r.src) && w.r.src[off+i+1] == '^':
			if m := literalNoteRE.Find(w.r.src[off+i : min(len(w.r.src), off+i+1010)]); m != nil {
				w.r.errorf(off+i, "footnote reference %s has no definition; add a line \"%s: text of the note\" to the body, or write \"\\[^\" for the characters", m, m)
				w.noteSeen = off + i + len(m)
			}
			run = append(run, c)
			i++
		case c == ']' && off+i >= w.noteSeen && off+i+1 < len(w.r.src) && w.r.src[off+i+1] == '[':
			if m := literalRefRE.FindSubmatch(w.r.src[off+i : min(len(w.r.src), off+i+1010)]); m != nil && !bytes.HasPrefix(m[0], []byte("][^")) {
				w.r.errorf(off+i, "%q ends a reference link, but no line \"[%s]: https://…\" defines that label; add the definition, or write \"\\]\" for the bracket", m[0], m[1])
				w.noteSeen = off + i + len(m[0])
			}
			run = append(run, c)
			i++
		case c == '&':
			if repl, n := entity(b[i:]); n > 0 {
				flush(off + i)
				run = append(run, repl...)
				flush(off + i + n)
				i += n
				continue
			}
			run = append(run, c)
			i++
		case c == 0:
			flush(off + i)
			run = append(run, "\uFFFD"...)
			flush(off + i + 1)
			i++
		default:
			run = append(run, c)
			i++
		}
	}
	flush(off + len(b))
}

var (
	// literalNoteRE matches a footnote reference that Markdown left as
	// text because no definition has its label.
	literalNoteRE = regexp.MustCompile(`^\[\^[^\[\]\s]{1,999}\]`)
	// literalRefRE matches the end of a full or collapsed reference
	// link ("[text][label]", "[text][]") left as text because no
	// definition has its label.
	literalRefRE = regexp.MustCompile(`^\]\[([^\[\]]{0,999})\]`)
	namedRefRE   = regexp.MustCompile(`^&([A-Za-z][A-Za-z0-9]{0,31});`)
	decRefRE     = regexp.MustCompile(`^&#([0-9]{1,7});`)
	hexRefRE     = regexp.MustCompile(`^&#[xX]([0-9A-Fa-f]{1,6});`)
)

// entity decodes the HTML entity or numeric character reference at the
// start of b, as CommonMark does, returning its text and length; n is 0 when
// b does not start with one.
func entity(b []byte) (string, int) {
	if m := namedRefRE.FindSubmatch(b); m != nil {
		if e, ok := util.LookUpHTML5EntityByName(string(m[1])); ok {
			return string(e.Characters), len(m[0])
		}
		return "", 0
	}
	var m [][]byte
	base := 10
	if m = decRefRE.FindSubmatch(b); m == nil {
		if m = hexRefRE.FindSubmatch(b); m == nil {
			return "", 0
		}
		base = 16
	}
	v, _ := strconv.ParseUint(string(m[1]), base, 32)
	r := rune(v)
	if v == 0 || v > utf8.MaxRune || !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return string(r), len(m[0])
}

// linkTarget checks a link destination. Statements are printed and sent
// out: a link must lead somewhere a reader can reach from a PDF, so only
// absolute http, https and mailto addresses are accepted.
func (r *mdReader) linkTarget(off int, dest []byte, escaped bool) string {
	if escaped {
		dest = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))
	}
	s := strings.TrimSpace(string(dest))
	if frag, ok := strings.CutPrefix(s, "#"); ok && frag != "" && escaped {
		r.links = append(r.links, localLink{off: off, target: s})
		return s
	}
	u, err := url.Parse(s)
	ok := err == nil
	if ok {
		switch strings.ToLower(u.Scheme) {
		case "http", "https":
			ok = u.Host != ""
		case "mailto":
			ok = u.Opaque != ""
		default:
			ok = false
		}
	}
	if !ok {
		r.errorf(off, `link target %q is not a web or mail address; links must start with "https://", "http://" or "mailto:", or name a clause (#clause-5) or heading (#key) of the statement`, s)
	}
	return s
}

var (
	// markerRE matches a line that starts like a list item: "2.", "b)",
	// "(iii)" followed by text.
	markerRE = regexp.MustCompile(`^(\()?([0-9]{1,9}|[a-z]|[ivxl]{1,6})([.)])[ \t]+\S`)
	// nativeMarkerRE matches a line that starts like a list item numbered
	// in other digits than 0-9, such as Arabic-Indic "١.".
	nativeMarkerRE = regexp.MustCompile(`^\(?(\p{Nd}+)[.)][ \t]+\S`)
	// tableRuleRE matches the line under a table's header row.
	tableRuleRE = regexp.MustCompile(`^\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$`)
)

// lineMarker describes a line that starts like a list item.
type lineMarker struct {
	form  string // "(x)", "x." or "x)"
	value string // "2", "b", "iii"
}

func markerOf(line []byte) (lineMarker, bool) {
	m := markerRE.FindSubmatch(line)
	if m == nil {
		return lineMarker{}, false
	}
	form := "x" + string(m[3])
	if len(m[1]) > 0 {
		if m[3][0] != ')' {
			return lineMarker{}, false // "(a." is no marker
		}
		form = "(x)"
	}
	return lineMarker{form: form, value: string(m[2])}, true
}

// successors lists the markers that may follow v in a list: 2 → 3,
// b → c, ii → iii ("i" is both a letter and a Roman numeral).
func successors(v string) []string {
	if n, err := strconv.Atoi(v); err == nil {
		return []string{strconv.Itoa(n + 1)}
	}
	var out []string
	if len(v) == 1 && v[0] < 'z' {
		out = append(out, string(v[0]+1))
	}
	for n := 1; n < 90; n++ {
		if roman(n) == v {
			out = append(out, roman(n+1))
			break
		}
	}
	return out
}

// checkLines looks for Markdown that reads differently from how it looks:
// "a." is not a list marker and a list that does not start at 1 cannot
// interrupt a paragraph, so such lines silently become paragraph text; pipe
// tables are not part of CommonMark. Each is reported once per paragraph.
func (r *mdReader) checkLines(n ast.Node) {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return
	}
	text := make([][]byte, lines.Len())
	for i := range text {
		seg := lines.At(i)
		text[i] = bytes.TrimSpace(r.src[seg.Start:seg.Stop])
	}
	if len(text) >= 2 && bytes.Contains(text[0], []byte("|")) &&
		bytes.Contains(text[1], []byte("-")) && tableRuleRE.Match(text[1]) {
		r.errorf(nodePos(n), "tables are not supported in statements; write the content as paragraphs or as a list")
		return
	}
	for i, l := range text {
		if m := nativeMarkerRE.FindSubmatch(l); m != nil && !isASCII(m[1]) {
			r.errorf(lineStart(r.src, lines.At(i)), `%q starts a line but is not a Markdown list marker; number clauses with the digits 0-9 ("1.", "2." ...), which editions print in the language's own digits`, string(bytes.Fields(l)[0]))
			return
		}
	}
	markers := make([]*lineMarker, len(text))
	for i, l := range text {
		if m, ok := markerOf(l); ok {
			markers[i] = &m
		}
	}
	for i, m := range markers {
		if m == nil {
			continue
		}
		_, err := strconv.Atoi(m.value)
		numbered := err == nil
		if numbered && i == 0 {
			continue // a numbered first line would have begun a list
		}
		afterColon := i > 0 && bytes.HasSuffix(text[i-1], []byte(":"))
		if !afterColon && !hasSuccessor(markers, *m) {
			continue
		}
		off := lineStart(r.src, lines.At(i))
		marker := strings.Replace(m.form, "x", m.value, 1)
		if numbered {
			r.errorf(off, `%q starts a line but is read as part of the paragraph above: a numbered list that does not start at 1 needs a blank line before it`, marker)
		} else {
			r.errorf(off, `%q starts a line but is not a Markdown list marker, so the line is read as part of the paragraph above; write sub-clauses as "1." or "-" items indented under their clause (they are lettered automatically)`, marker)
		}
		return
	}
}

// lineStart is the offset of the first non-blank byte of a line segment.
func lineStart(src []byte, seg text.Segment) int {
	line := src[seg.Start:seg.Stop]
	return seg.Start + len(line) - len(bytes.TrimLeft(line, " \t"))
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func hasSuccessor(markers []*lineMarker, m lineMarker) bool {
	next := successors(m.value)
	for _, o := range markers {
		if o == nil || o.form != m.form {
			continue
		}
		for _, s := range next {
			if o.value == s {
				return true
			}
		}
	}
	return false
}
