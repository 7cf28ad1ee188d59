package localize

import (
	"fmt"
	"sort"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/diag"
)

// Message texts are Go templates, executed by go-i18n, but a locale file is
// data a translator sends in, not code: a full template language would let
// it loop for ever ({{range 1000000000000}}), allocate gigabytes, call
// functions or print "<no value>" into a final edition. So a message may
// hold text and field references, {{.Name}}, to the fields its message is
// documented to receive (Message.Vars, and Count for counted messages), and
// nothing else: no actions (if, range, with, template, define, block,
// break, continue), no functions (call, print, len, index, …), no
// pipelines, variables, constants, {{.}} or fields of fields. Load refuses
// anything else with its position, so that "locales check" and every build
// apply the same rule.

// templateProblem is one construct of a message text that is not allowed,
// at a byte offset of the text.
type templateProblem struct {
	off int
	msg string
}

// checkTemplate parses src as go-i18n does (text/template, with its
// built-in functions known, so that {{call .X}} is named as a call rather
// than as a syntax error) and returns the fields it references, in order of
// first use, and every construct that is not a field reference to one of
// allowed. allowed nil accepts any single field name (a message no layout
// prints, which Check reports).
func checkTemplate(id, src string, allowed []string) (fields []string, problems []templateProblem, err error) {
	t, err := template.New(id).Parse(src)
	if err != nil {
		return nil, nil, err
	}
	var defined []string
	for _, d := range t.Templates() {
		if d.Name() != id {
			defined = append(defined, d.Name())
		}
	}
	sort.Strings(defined)
	for _, name := range defined {
		off := 0
		if tr := t.Lookup(name).Tree; tr != nil && tr.Root != nil {
			off = int(tr.Root.Pos)
		}
		problems = append(problems, templateProblem{delimAt(src, off), fmt.Sprintf("{{define %q}} (or {{block}}) is not allowed; write the text itself", name)})
	}
	if t.Tree == nil || t.Tree.Root == nil {
		return nil, problems, nil
	}
	report := func(n parse.Node, format string, args ...any) {
		problems = append(problems, templateProblem{delimAt(src, int(n.Position())), fmt.Sprintf(format, args...)})
	}
	for _, n := range t.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode, *parse.CommentNode:
		case *parse.ActionNode:
			name, ok := fieldRef(n.Pipe)
			if !ok {
				report(n, "%s is not allowed in a message; only fields such as {{.%s}} are", clip(n.String()), exampleField(allowed))
				continue
			}
			if allowed != nil && !contains(allowed, name) {
				msg := fmt.Sprintf("{{.%s}} is not a field of this message", name)
				if len(allowed) == 0 {
					msg += "; it has no fields"
				} else {
					msg += "; its fields are " + fieldList(allowed)
					if s := diag.Suggest(name, allowed); s != "" {
						msg += fmt.Sprintf(" (did you mean {{.%s}}?)", s)
					}
				}
				report(n, "%s", msg)
				continue
			}
			if !contains(fields, name) {
				fields = append(fields, name)
			}
		default:
			report(n, "%s is not allowed in a message; only fields such as {{.%s}} are", actionName(n), exampleField(allowed))
		}
	}
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].off < problems[j].off })
	return fields, problems, nil
}

// delimAt returns the offset of the "{{" that opens the action holding
// byte off: parse positions point inside the action.
func delimAt(src string, off int) int {
	off = min(max(off, 0), len(src))
	if i := strings.LastIndex(src[:off], "{{"); i >= 0 {
		return i
	}
	return off
}

// fieldRef returns the name of a pipeline that is exactly one field
// reference, {{.Name}}.
func fieldRef(p *parse.PipeNode) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return "", false
	}
	return f.Ident[0], true
}

// actionName names a control action for messages: "{{range}}".
func actionName(n parse.Node) string {
	switch n.(type) {
	case *parse.IfNode:
		return "{{if}}"
	case *parse.RangeNode:
		return "{{range}}"
	case *parse.WithNode:
		return "{{with}}"
	case *parse.TemplateNode:
		return "{{template}}"
	case *parse.BreakNode:
		return "{{break}}"
	case *parse.ContinueNode:
		return "{{continue}}"
	}
	return clip(n.String())
}

func clip(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		return string(r[:37]) + "…"
	}
	return s
}

func exampleField(allowed []string) string {
	if len(allowed) > 0 {
		return allowed[0]
	}
	return "Page"
}

// fieldList formats field names as "{{.Page}} and {{.Total}}".
func fieldList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{." + n + "}}"
	}
	return listWords(out)
}

func listWords(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// textPos returns the file position of byte off of a message text whose
// key is at keyPos in a file of lines. It finds the text after the key's
// "=" and its opening quote; when the text before off is not written
// there as it is (escapes, a multi-line string), it returns keyPos.
func textPos(lines []string, keyPos diag.Pos, text string, off int) diag.Pos {
	if keyPos.Line < 1 || keyPos.Line > len(lines) || off < 0 || off > len(text) {
		return keyPos
	}
	line := lines[keyPos.Line-1]
	eq := strings.IndexByte(line, '=')
	if eq < 0 {
		return keyPos
	}
	rest := strings.TrimLeft(line[eq+1:], " \t")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') || strings.HasPrefix(rest, `"""`) || strings.HasPrefix(rest, "'''") {
		return keyPos
	}
	start := len(line) - len(rest) + 1
	if !strings.HasPrefix(line[start:], text[:off]) {
		return keyPos
	}
	return diag.Pos{File: keyPos.File, Line: keyPos.Line, Col: utf8.RuneCountInString(line[:start+off]) + 1}
}
