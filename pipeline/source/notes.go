package source

import (
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// Footnotes are written as Markdown users know them (PHP Markdown Extra,
// GFM): a reference "[^label]" in the text and a definition "[^label]:
// text" anywhere in the body. Each footnote is referenced exactly once, so
// that a printed footnote stands at the foot of the page of its one
// reference and a translation can be checked footnote by footnote; they
// are numbered in the order of their references.

// collectDefs finds the footnote definitions under root: goldmark gathers
// them in one FootnoteList, where the first was written.
func (r *mdReader) collectDefs(root ast.Node) {
	labels := map[string]diag.Pos{}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fn, ok := n.(*extast.Footnote)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		label := string(fn.Ref)
		pos := r.pos(nodePos(fn))
		if fn.Pos() >= 0 {
			pos = r.pos(fn.Pos())
		}
		if first, dup := labels[label]; dup {
			r.errs.Errorf(pos, "footnote [^%s] is already defined at line %d; give each footnote its own label", label, first.Line)
			return ast.WalkSkipChildren, nil
		}
		labels[label] = pos
		d := &noteDef{node: fn, pos: pos}
		r.defList = append(r.defList, d)
		if fn.Index > 0 {
			r.defs[fn.Index] = d
		}
		return ast.WalkSkipChildren, nil
	})
}

// noteRef reads a footnote reference, returning its footnote, or nil when
// it is refused.
func (r *mdReader) noteRef(n *extast.FootnoteLink) *doc.Footnote {
	off := nodePos(n)
	d := r.defs[n.Index]
	if d == nil {
		return nil
	}
	label := string(d.node.Ref)
	if r.noteBan != "" {
		r.errorf(off, "footnotes are not allowed %s; put the reference [^%s] in the text", r.noteBan, label)
		return nil
	}
	if d.note != nil {
		r.errorf(off, "footnote [^%s] is already referenced at line %d, column %d; a footnote belongs to one place: define another footnote for this one", label, d.note.Ref.Line, d.note.Ref.Col)
		return nil
	}
	d.note = &doc.Footnote{Pos: d.pos, Ref: r.pos(off), Label: label, Number: len(r.notes) + 1}
	r.notes = append(r.notes, d.note)
	return d.note
}

// footnotes reads the text of every referenced footnote and reports the
// definitions nothing references. It returns the footnotes in order.
func (r *mdReader) footnotes() []*doc.Footnote {
	saved := r.noteBan
	r.noteBan = "in a footnote"
	defer func() { r.noteBan = saved }()
	for _, d := range r.defList {
		if d.note == nil {
			if r.fragment {
				continue
			}
			r.errs.Errorf(d.pos, "footnote [^%s] is never referenced; put [^%s] in the text where it belongs, or delete the footnote", d.node.Ref, d.node.Ref)
			continue
		}
		for c := d.node.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				d.note.Paras = append(d.note.Paras, r.paragraph(c))
			case *ast.LinkReferenceDefinition:
			default:
				r.unsupported(c, "in a footnote")
			}
		}
		if len(d.note.Paras) == 0 {
			r.errs.Errorf(d.pos, "footnote [^%s] is empty; write its text after \"[^%s]: \"", d.node.Ref, d.node.Ref)
		}
	}
	return r.notes
}

// checkLinks checks the links to places in the statement: "#clause-18-c"
// must name a clause, "#key" a heading or an annex.
func (r *mdReader) checkLinks(body []doc.Block) {
	if len(r.links) == 0 {
		return
	}
	clauses := map[string]bool{}
	var paths []string
	doc.Walk(body, func(c *doc.Clause) {
		clauses[c.Anchor()] = true
		if c.Depth == 1 {
			paths = append(paths, c.Path)
		}
	})
	for _, l := range r.links {
		frag := strings.TrimPrefix(l.target, "#")
		switch {
		case clauses[frag]:
		case strings.HasPrefix(frag, "clause-"):
			path := strings.ReplaceAll(strings.TrimPrefix(frag, "clause-"), "-", ".")
			r.errorf(l.off, "link to %s: the statement has no clause %s (%s); write #clause- and the clause's path with \"-\", as in #clause-18-c", l.target, path, clauseRange(paths))
		default:
			if _, ok := r.keys[frag]; !ok {
				keys := make([]string, 0, len(r.keys))
				for k := range r.keys {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				msg := fmt.Sprintf("link to %s: the statement has no heading or annex with the key %q; link to a clause as #clause-5, or to a heading by its {#key}", l.target, frag)
				if s := diag.Suggest(frag, keys); s != "" {
					msg += fmt.Sprintf("; did you mean #%s?", s)
				}
				r.errorf(l.off, "%s", msg)
			}
		}
	}
}

// clauseRange describes the top-level clauses for a message: "clauses 1
// to 30", "no clauses".
func clauseRange(paths []string) string {
	switch len(paths) {
	case 0:
		return "it has no clauses"
	case 1:
		return "it has clause " + paths[0]
	}
	return fmt.Sprintf("its clauses are %s to %s", paths[0], paths[len(paths)-1])
}
