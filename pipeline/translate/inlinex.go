package translate

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/xliff"
)

// Inline Markdown travels in XLIFF as XLIFF's own inline elements, which
// every translation tool shows as tags a translator moves but cannot
// break, never as raw Markdown:
//
//	*emphasis*          <g id="1" ctype="italic">emphasis</g>
//	**strong**          <g id="2" ctype="bold">strong</g>
//	`code`              <g id="3" ctype="x-code">code</g>
//	[text](https://…)   <g id="4" ctype="link" pp:href="https://…">text</g>
//	a paragraph break   <x id="p1" ctype="x-paragraph"/>
//	[^1]                <ph id="5" ctype="x-footnote">[^1]</ph>  (a footnote reference)
//	{{.Page}}           <ph id="1" ctype="x-go-template">{{.Page}}</ph>  (locale messages)
//
// A link's address is kept in pp:href, an attribute of polypress's own
// namespace, which XLIFF 1.2 allows on <g>; a tool that drops it gets the
// address of the source's <g> with the same id.

// Ctypes of the inline elements polypress writes.
const (
	ctypeItalic    = "italic"
	ctypeBold      = "bold"
	ctypeCode      = "x-code"
	ctypeLink      = "link"
	ctypeParagraph = "x-paragraph"
	ctypeTemplate  = "x-go-template"
	ctypeFootnote  = "x-footnote"
)

// styleOrder is the nesting of styles, outermost first.
var styleOrder = []struct {
	style doc.Style
	ctype string
}{{doc.Strong, ctypeBold}, {doc.Emphasis, ctypeItalic}, {doc.Code, ctypeCode}}

// runsContent turns the paragraphs of a segment into XLIFF content.
func runsContent(paras [][]run) xliff.Content {
	var out xliff.Content
	next := 0
	id := func() string {
		next++
		return strconv.Itoa(next)
	}
	for i, p := range paras {
		if i > 0 {
			out = append(out, xliff.Inline{Kind: xliff.X, ID: "p" + strconv.Itoa(i), Ctype: ctypeParagraph})
		}
		for j := 0; j < len(p); {
			if p[j].Note != "" {
				out = append(out, xliff.Inline{Kind: xliff.Ph, ID: id(), Ctype: ctypeFootnote, Text: "[^" + p[j].Note + "]"})
				j++
				continue
			}
			k := j
			for k < len(p) && p[k].Link == p[j].Link && p[k].Note == "" {
				k++
			}
			if p[j].Link != "" {
				g := xliff.Inline{Kind: xliff.G, ID: id(), Ctype: ctypeLink, Href: p[j].Link}
				g.Children = styledContent(p[j:k], id)
				out = append(out, g)
			} else {
				out = append(out, styledContent(p[j:k], id)...)
			}
			j = k
		}
	}
	return out
}

// styledContent nests <g> elements for the styles of runs that share a
// link.
func styledContent(rs []run, id func() string) xliff.Content {
	type frame struct {
		style doc.Style
		g     *xliff.Inline
	}
	root := &xliff.Inline{}
	stack := []frame{{0, root}}
	for _, r := range rs {
		want := []doc.Style{}
		for _, s := range styleOrder {
			if r.Style&s.style != 0 {
				want = append(want, s.style)
			}
		}
		keep := 1
		for keep < len(stack) && keep-1 < len(want) && stack[keep].style == want[keep-1] {
			keep++
		}
		// Close the frames above keep: attach each to its parent.
		for len(stack) > keep {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			parent := stack[len(stack)-1].g
			parent.Children = append(parent.Children, *top.g)
		}
		for _, s := range want[keep-1:] {
			ctype := ""
			for _, so := range styleOrder {
				if so.style == s {
					ctype = so.ctype
				}
			}
			stack = append(stack, frame{s, &xliff.Inline{Kind: xliff.G, ID: id(), Ctype: ctype}})
		}
		top := stack[len(stack)-1].g
		top.Children = append(top.Children, xliff.Inline{Kind: xliff.Text, Text: r.Text})
	}
	for len(stack) > 1 {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		parent := stack[len(stack)-1].g
		parent.Children = append(parent.Children, *top.g)
	}
	return root.Children
}

// codes describes the inline codes of a unit's source by id, so that a
// target's codes can be read even when a tool dropped their attributes or
// wrote a <g> as a <bpt>/<ept> pair.
type codes map[string]xliff.Inline

func sourceCodes(c xliff.Content) codes {
	out := codes{}
	var walk func(xliff.Content)
	walk = func(c xliff.Content) {
		for _, in := range c {
			if in.Kind != xliff.Text {
				out[in.ID] = in
			}
			walk(in.Children)
		}
	}
	walk(c)
	return out
}

// contentParas reads XLIFF content back into the paragraphs of a segment:
// the styles and links of its codes, paragraph breaks at <x
// ctype="x-paragraph"/>. Codes a statement cannot hold are errors at their
// position.
func contentParas(c xliff.Content, src codes) ([][]run, diag.List) {
	var errs diag.List
	var paras [][]run
	var cur doc.Inline
	type open struct {
		id    string
		style doc.Style
		link  string
	}
	var stack []open
	style := func() (doc.Style, string) {
		var s doc.Style
		link := ""
		for _, o := range stack {
			s |= o.style
			if o.link != "" {
				link = o.link
			}
		}
		return s, link
	}
	// meaning returns the style or link a code stands for.
	meaning := func(in xliff.Inline) (doc.Style, string, bool) {
		ctype, href := in.Ctype, in.Href
		if s, ok := src[in.ID]; ok {
			if ctype == "" {
				ctype = s.Ctype
			}
			if href == "" {
				href = s.Href
			}
		}
		switch ctype {
		case ctypeBold:
			return doc.Strong, "", true
		case ctypeItalic:
			return doc.Emphasis, "", true
		case ctypeCode:
			return doc.Code, "", true
		case ctypeLink:
			if href == "" {
				errs.Errorf(in.Pos, "<%s id=%q ctype=\"link\"> has no pp:href and the source has no link %q to take its address from", in.Kind, in.ID, in.ID)
				return 0, "", false
			}
			return 0, href, true
		}
		return 0, "", false
	}
	flush := func() {
		paras = append(paras, normalize(cur))
		cur = nil
	}
	// note reads a footnote placeholder: its label is in its native
	// data, or the source's placeholder of the same id.
	note := func(in xliff.Inline) {
		text := in.Text
		if s, ok := src[in.ID]; ok && text == "" {
			text = s.Text
		}
		label, ok := strings.CutPrefix(text, "[^")
		label, ok2 := strings.CutSuffix(label, "]")
		if !ok || !ok2 || label == "" || strings.ContainsAny(label, " \t\n]") {
			errs.Errorf(in.Pos, "<ph id=%q ctype=%q> holds %q, not a footnote reference such as [^1]", in.ID, ctypeFootnote, text)
			return
		}
		cur = append(cur, doc.Span{Note: &doc.Footnote{Label: label}})
	}
	var walk func(xliff.Content)
	walk = func(c xliff.Content) {
		for _, in := range c {
			switch in.Kind {
			case xliff.Text:
				s, link := style()
				cur = append(cur, doc.Span{Text: in.Text, Style: s, Link: link})
			case xliff.G, xliff.Bpt, xliff.Bx:
				s, link, ok := meaning(in)
				if !ok {
					if len(errs) == 0 || errs[len(errs)-1].Pos != in.Pos {
						errs.Errorf(in.Pos, "<%s id=%q ctype=%q> has no counterpart in a statement, which holds bold, italic, code (x-code) and links (link) only; remove it", in.Kind, in.ID, in.Ctype)
					}
					walk(in.Children)
					continue
				}
				if _, outer := style(); link != "" && outer != "" {
					errs.Errorf(in.Pos, "a link inside a link (<%s id=%q>) cannot be written in Markdown; unnest it", in.Kind, in.ID)
				}
				stack = append(stack, open{in.ID, s, link})
				if in.Kind == xliff.G {
					walk(in.Children)
					stack = stack[:len(stack)-1]
				}
			case xliff.Ept, xliff.Ex:
				found := false
				for i := len(stack) - 1; i >= 0; i-- {
					if stack[i].id == in.ID {
						stack = append(stack[:i], stack[i+1:]...)
						found = true
						break
					}
				}
				if !found {
					errs.Errorf(in.Pos, "<%s id=%q> closes no code opened before it", in.Kind, in.ID)
				}
			case xliff.Ph:
				ctype := in.Ctype
				if s, ok := src[in.ID]; ok && ctype == "" {
					ctype = s.Ctype
				}
				if ctype == ctypeFootnote {
					note(in)
					continue
				}
				errs.Errorf(in.Pos, "<ph id=%q ctype=%q> has no counterpart in a statement; remove it", in.ID, in.Ctype)
			case xliff.X:
				ctype := in.Ctype
				if s, ok := src[in.ID]; ok && ctype == "" {
					ctype = s.Ctype
				}
				if ctype == ctypeParagraph {
					flush()
					continue
				}
				errs.Errorf(in.Pos, "<x id=%q ctype=%q> has no counterpart in a statement; remove it", in.ID, in.Ctype)
			default:
				errs.Errorf(in.Pos, "<%s id=%q> has no counterpart in a statement; remove it", in.Kind, in.ID)
			}
		}
	}
	walk(c)
	flush()
	return paras, errs
}

// templateAction matches a Go template action in a message: {{.Page}}.
var templateAction = regexp.MustCompile(`\{\{.*?\}\}`)

// messageContent turns a locale message into XLIFF content, each template
// action a placeholder.
func messageContent(text string) xliff.Content {
	var out xliff.Content
	last, n := 0, 0
	for _, m := range templateAction.FindAllStringIndex(text, -1) {
		if m[0] > last {
			out = append(out, xliff.Inline{Kind: xliff.Text, Text: text[last:m[0]]})
		}
		n++
		out = append(out, xliff.Inline{Kind: xliff.Ph, ID: strconv.Itoa(n), Ctype: ctypeTemplate, Text: text[m[0]:m[1]]})
		last = m[1]
	}
	if last < len(text) {
		out = append(out, xliff.Inline{Kind: xliff.Text, Text: text[last:]})
	}
	return out
}

// contentMessage reads XLIFF content back into a locale message: text,
// and placeholders as their native template actions (or the source's,
// for a placeholder a tool emptied).
func contentMessage(c xliff.Content, src codes) (string, diag.List) {
	var b strings.Builder
	var errs diag.List
	for _, in := range c {
		switch in.Kind {
		case xliff.Text:
			b.WriteString(in.Text)
		case xliff.Ph:
			text := in.Text
			if s, ok := src[in.ID]; ok && text == "" {
				text = s.Text
			}
			if !templateAction.MatchString(text) {
				errs.Errorf(in.Pos, "<ph id=%q> holds %q, not a template field such as {{.Page}}", in.ID, text)
			}
			b.WriteString(text)
		default:
			errs.Errorf(in.Pos, "<%s id=%q> has no counterpart in a locale message, which holds text and template fields (<ph>) only; remove it", in.Kind, in.ID)
		}
	}
	return b.String(), errs
}
