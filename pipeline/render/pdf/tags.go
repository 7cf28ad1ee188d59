package pdf

import (
	"strings"
	"unicode"

	tslang "github.com/polypress/polypress/pipeline/internal/typesetting/language"
	"github.com/polypress/polypress/pipeline/render/pdf/internal/pdfw"
	"github.com/polypress/polypress/pipeline/text"
	"golang.org/x/text/language"
)

// node is a box's place in the document's logical structure, from which
// the PDF's structure tree is made: a paragraph inside a list item inside
// a list, say. Composition gives each box of text the node it belongs to;
// the writer turns nodes into structure elements as their content is
// drawn, so that the tree follows the order of the document.
type node struct {
	// typ is a standard structure type: P, H1..H6, L, LI, Lbl, LBody,
	// BlockQuote, Sect, TOC, TOCI, Reference, Link, Figure.
	typ    string
	parent *node
	// alt is a figure's alternative text; listNumbering a list's
	// numbering style; title a section's title.
	alt, listNumbering, title string
	// lang is set on a part in another language than its parent's.
	lang string
	// scope is a table header cell's /Scope (Column).
	scope string
}

// child makes a node of type typ under n.
func (n *node) child(typ string) *node { return &node{typ: typ, parent: n} }

// heading returns the heading type for an outline level: the document's
// title (level 0) is H1.
func heading(level int) string {
	return "H" + string(rune('1'+min(max(level, 0), 5)))
}

// elements turns nodes into structure elements of a writer, each once,
// parents first.
type elements struct {
	w    *pdfw.Writer
	root *node
	of   map[*node]*pdfw.Elem
}

func newElements(w *pdfw.Writer, root *node) *elements {
	return &elements{w: w, root: root, of: map[*node]*pdfw.Elem{}}
}

// elem returns n's element, making it (and its ancestors) on first use.
func (es *elements) elem(n *node) *pdfw.Elem {
	if n == nil {
		return nil
	}
	if e := es.of[n]; e != nil {
		return e
	}
	var e *pdfw.Elem
	if n == es.root || n.parent == nil {
		e = es.w.Root()
	} else {
		e = es.w.Add(es.elem(n.parent), n.typ)
	}
	e.Alt, e.ListNumbering, e.Title, e.Lang, e.Scope = n.alt, n.listNumbering, n.title, n.lang, n.scope
	es.of[n] = e
	return e
}

// langScripts returns the scripts the language lang is written in (ISO
// 15924 codes), as CLDR's likely subtags give them: text in these
// scripts is taken to be in lang.
func langScripts(lang string) map[string]bool {
	t, err := language.Parse(lang)
	if err != nil {
		return nil
	}
	s, _ := t.Script()
	out := map[string]bool{s.String(): true}
	switch s.String() {
	case "Hans", "Hant":
		out["Hani"] = true
	case "Jpan":
		out["Hani"], out["Hira"], out["Kana"] = true, true, true
	case "Kore":
		out["Hang"], out["Hani"] = true, true
	}
	return out
}

// runLang returns the language of a run's text when it is not the one
// in force at element e (e's or an ancestor's Lang, else the document's),
// or "". A language the source marks ({lang=ur}, text.Run.Lang) is taken
// as it is. Text the source does not mark is taken to be in the language
// in force when that language is written in the run's script, and
// otherwise in the language its script is most often written in (CLDR's
// likely subtags: Arabic script is Arabic, Devanagari Hindi, Cyrillic
// Russian).
func (gw *glyphWriter) runLang(run *text.Run, e *pdfw.Elem) string {
	inForce := e.InheritedLang()
	if inForce == "" {
		inForce = gw.lang
	}
	if run.Lang != "" && !strings.EqualFold(run.Lang, inForce) {
		return run.Lang
	}
	scripts := gw.scripts[inForce]
	if scripts == nil {
		scripts = langScripts(inForce)
		gw.scripts[inForce] = scripts
	}
	for _, r := range run.Text {
		if !unicode.IsLetter(r) {
			continue
		}
		code := tslang.LookupScript(r).String()
		switch code {
		case "Zyyy", "Zinh", "Zzzz":
			continue
		}
		if scripts[code] {
			return ""
		}
		return likelyLang(code)
	}
	return ""
}

// likelyLang is the language CLDR's likely subtags give a script.
func likelyLang(script string) string {
	sc, err := language.ParseScript(script)
	if err != nil {
		return ""
	}
	t, err := language.Compose(language.Und, sc)
	if err != nil {
		return ""
	}
	b, conf := t.Base()
	if conf == language.No {
		return ""
	}
	return strings.ToLower(b.String())
}
