package source

import (
	"fmt"
	"sort"
	"strings"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// present lists the keys whose values are set, sorted.
func present(values map[string]string) []string {
	var out []string
	for k, v := range values {
		if v != "" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// entries checks a front matter list of the translation (contact,
// signatories) against the canonical one: as many entries, each with the
// same optional keys. entry returns the position and the optional keys
// present of entry i of a document.
func (a *aligner) entries(key string, nc, nt int, entry func(d *doc.Document, i int) (diag.Pos, []string)) {
	if nc == 0 || nt == 0 {
		return // a missing key is reported with the other keys
	}
	if nc != nt {
		a.errs.Errorf(keyPos(a.t, key), "%s lists %s, the canonical statement lists %d (%s)", key, count(nt, "entry"), nc, keyPos(a.c, key))
	}
	for i := range min(nc, nt) {
		cp, ck := entry(a.c, i)
		tp, tk := entry(a.t, i)
		for _, k := range ck {
			if !slicesContains(tk, k) {
				a.errs.Errorf(tp, "entry %d of %s has no %s, but the canonical entry has one (%s)", i+1, key, k, cp)
			}
		}
		for _, k := range tk {
			if !slicesContains(ck, k) {
				a.errs.Errorf(tp, "entry %d of %s has a %s, but the canonical entry has none (%s)", i+1, key, k, cp)
			}
		}
	}
}

func slicesContains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// annexes compares the annexes by their order, as headings are compared:
// the same number, with the same keys.
func (a *aligner) annexes() {
	ca, ta := partsOf(a.c.Body).annexes, partsOf(a.t.Body).annexes
	for i := range min(len(ca), len(ta)) {
		c, t := ca[i], ta[i]
		switch {
		case c.Explicit && !t.Explicit:
			a.errs.Errorf(t.Pos, "annex %s has no key, but the canonical annex has {#%s} (%s); end this heading with {#%s .annex}", doc.UpperRoman(t.Number), c.Key, c.Pos, c.Key)
		case !c.Explicit && t.Explicit:
			a.errs.Errorf(t.Pos, "annex key %q has no counterpart: the canonical annex has no {#key} (%s); remove {#%s} here or add it there", t.Key, c.Pos, t.Key)
		case c.Explicit && c.Key != t.Key:
			a.errs.Errorf(t.Pos, "annex key %q does not match the canonical annex key %q (%s)", t.Key, c.Key, c.Pos)
		}
	}
	switch {
	case len(ta) > len(ca):
		t := ta[len(ca)]
		a.errs.Errorf(t.Pos, "annex %s has no counterpart in the canonical statement, which has %s (%s)", doc.UpperRoman(t.Number), count(len(ca), "annex"), a.c.Path)
	case len(ta) < len(ca):
		c := ca[len(ta)]
		pos := start(a.t)
		if len(ta) > 0 {
			pos = ta[len(ta)-1].Pos
		}
		a.errs.Errorf(pos, "the canonical annex %s (%s) has no counterpart in this translation, which has %s", doc.UpperRoman(c.Number), c.Pos, count(len(ta), "annex"))
	}
	ce, te := partsOf(a.c.Body).end, partsOf(a.t.Body).end
	switch {
	case ce != nil && te == nil:
		a.errs.Errorf(start(a.t), "the canonical statement has an end mark (---) at %s, this translation has none; add the line \"---\" where the text ends", ce.Pos)
	case ce == nil && te != nil:
		a.errs.Errorf(te.Pos, "the canonical statement has no end mark (---), this translation has one (%s); delete this line", a.c.Path)
	}
}

// A footnote reference or a table stands in a place that translations
// keep: a clause (its own text, by canonical path), or the text between
// two landmarks outside the clauses (the start, a top-level clause, a
// heading, an annex heading, the end mark). Within its place, the n-th
// footnote of the canonical statement is translated by the n-th of the
// translation, and so are tables.

// item is a footnote reference or a table found in a place.
type item struct {
	place string // "clause 5", "the text after clause 5"
	pos   diag.Pos
	note  *doc.Footnote
	table *doc.Table
	list  *doc.List
}

// placeItems lists the footnote references and tables of a document by
// place; clauseName gives the canonical path of a clause (false: the
// clause has no counterpart, and its items are left out). starts records
// where each place begins in the document.
type placeItems struct {
	clauseName func(*doc.Clause) (string, bool)
	items      map[string][]item
	starts     map[string]diag.Pos
	order      []string
	place      string // the current place outside clauses
}

func newPlaceItems(body []doc.Block, clauseName func(*doc.Clause) (string, bool)) *placeItems {
	p := &placeItems{clauseName: clauseName, items: map[string][]item{}, starts: map[string]diag.Pos{}}
	p.enter("the text before the first clause", diag.Pos{})
	doc.Visit(body, p)
	return p
}

func (p *placeItems) enter(place string, pos diag.Pos) {
	p.place = place
	if _, ok := p.starts[place]; !ok {
		p.starts[place] = pos
		p.order = append(p.order, place)
	}
}

// text records the footnote references of rich text in place.
func (p *placeItems) text(place string, in doc.Inline) {
	for _, s := range in {
		if s.Note != nil {
			p.items[place] = append(p.items[place], item{place: place, pos: s.Pos, note: s.Note})
		}
	}
}

// blocks records the items of a clause's or the notes' own blocks.
func (p *placeItems) blocks(place string, blocks []doc.Block) {
	for _, b := range blocks {
		if t, ok := b.(*doc.Table); ok {
			p.items[place] = append(p.items[place], item{place: place, pos: t.Pos, table: t})
		}
		doc.EachInline([]doc.Block{b}, func(in doc.Inline) { p.text(place, in) })
	}
}

func (p *placeItems) clause(c *doc.Clause) {
	if name, ok := p.clauseName(c); ok {
		place := "clause " + name
		p.enter(place, c.Pos)
		p.blocks(place, c.Body)
		p.blocks(place, c.Tail)
	}
	for _, s := range c.Subs {
		p.clause(s)
	}
}

func (p *placeItems) Paragraph(b *doc.Paragraph) {
	if _, ok := p.starts[p.place]; ok && !p.starts[p.place].IsValid() {
		p.starts[p.place] = b.Pos
	}
	p.text(p.place, b.Text)
}
func (p *placeItems) Heading(h *doc.Heading) {
	p.enter(fmt.Sprintf("the text after heading %q", h.Key), h.Pos)
}
func (p *placeItems) ClauseList(l *doc.ClauseList) {
	if l.LeadIn != nil {
		p.text(p.place, l.LeadIn.Text)
	}
	for _, c := range l.Clauses {
		p.clause(c)
		if name, ok := p.clauseName(c); ok {
			p.enter("the text after clause "+name, c.Pos)
		}
	}
}
func (p *placeItems) Quote(q *doc.Quote) {
	for _, para := range q.Paras {
		p.text(p.place, para.Text)
	}
}
func (p *placeItems) Table(t *doc.Table) { p.blocks(p.place, []doc.Block{t}) }
func (p *placeItems) List(l *doc.List) {
	p.items[p.place] = append(p.items[p.place], item{place: p.place, pos: l.Pos, list: l})
	doc.EachInline([]doc.Block{l}, func(in doc.Inline) { p.text(p.place, in) })
}
func (p *placeItems) Annex(a *doc.Annex) {
	p.enter("annex "+doc.UpperRoman(a.Number), a.Pos)
	doc.Visit(a.Body, p)
}
func (p *placeItems) EndMark(e *doc.EndMark) {
	p.enter("the notes to editors", e.Pos)
	doc.Visit(e.Notes, p)
}
func (p *placeItems) Signatures(*doc.Signatures) {}
func (p *placeItems) Contacts(*doc.Contacts)     {}

// structure compares, place by place, the footnote references, tables and
// lists of the notes to editors: a translation has the same footnotes in
// each clause, and tables of the same shape.
func (a *aligner) structure() {
	inv := map[*doc.Clause]string{}
	for path, t := range a.matched {
		inv[t] = path
	}
	cp := newPlaceItems(a.c.Body, func(c *doc.Clause) (string, bool) { return c.Path, true })
	tp := newPlaceItems(a.t.Body, func(c *doc.Clause) (string, bool) {
		p, ok := inv[c]
		return p, ok
	})
	for _, place := range cp.order {
		ci, ti := cp.items[place], tp.items[place]
		tStart, inT := tp.starts[place]
		if !inT {
			continue // the place itself is missing: reported with the clauses
		}
		if !tStart.IsValid() {
			tStart = start(a.t)
		}
		a.compareNotes(place, filter(ci, isNote), filter(ti, isNote), tStart)
		a.compareTables(place, filter(ci, isTable), filter(ti, isTable), tStart)
		a.compareLists(place, filter(ci, isList), filter(ti, isList), tStart)
	}
	for _, place := range tp.order {
		if _, ok := cp.starts[place]; ok {
			continue
		}
		for _, it := range tp.items[place] {
			if it.note != nil {
				a.errs.Errorf(it.pos, "footnote [^%s] is in %s, which has no counterpart in the canonical statement", it.note.Label, place)
			}
		}
	}
}

func isNote(it item) bool  { return it.note != nil }
func isTable(it item) bool { return it.table != nil }
func isList(it item) bool  { return it.list != nil }

func filter(items []item, keep func(item) bool) []item {
	var out []item
	for _, it := range items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}

// compareNotes reports a missing footnote at the place in the translation
// (after the last footnote it has there), and an extra one at its
// reference.
func (a *aligner) compareNotes(place string, cs, ts []item, at diag.Pos) {
	switch {
	case len(ts) < len(cs):
		c := cs[len(ts)]
		pos := at
		where := ""
		if len(ts) > 0 {
			pos = ts[len(ts)-1].pos
			where = " after this one"
		}
		a.errs.Errorf(pos, "footnote %d of the canonical statement ([^%s] at %s) is missing%s: %s has %s here, %d in the canonical statement", c.note.Number, c.note.Label, c.pos, where, place, count(len(ts), "footnote"), len(cs))
	case len(ts) > len(cs):
		t := ts[len(cs)]
		a.errs.Errorf(t.pos, "footnote [^%s] has no counterpart in the canonical statement: %s has %s here, %d in the canonical statement (%s)", t.note.Label, place, count(len(ts), "footnote"), len(cs), a.c.Path)
	}
}

// compareTables reports a missing or extra table in a place, and tables
// whose shape differs.
func (a *aligner) compareTables(place string, cs, ts []item, at diag.Pos) {
	for i := range min(len(cs), len(ts)) {
		c, t := cs[i].table, ts[i].table
		switch {
		case len(c.Header) != len(t.Header):
			a.errs.Errorf(t.Pos, "this table has %s, the canonical table has %d (%s)", count(len(t.Header), "column"), len(c.Header), c.Pos)
		case len(c.Rows) != len(t.Rows):
			a.errs.Errorf(t.Pos, "this table has %s under its header, the canonical table has %d (%s)", count(len(t.Rows), "row"), len(c.Rows), c.Pos)
		}
	}
	switch {
	case len(ts) < len(cs):
		a.errs.Errorf(at, "the canonical table at %s has no counterpart in %s of this translation", cs[len(ts)].pos, place)
	case len(ts) > len(cs):
		a.errs.Errorf(ts[len(cs)].pos, "this table has no counterpart in %s of the canonical statement (%s)", place, a.c.Path)
	}
}

// compareLists holds the lists of the notes to editors to the same items.
func (a *aligner) compareLists(place string, cs, ts []item, at diag.Pos) {
	var cl, tl []*doc.List
	for _, it := range cs {
		cl = append(cl, it.list)
	}
	for _, it := range ts {
		tl = append(tl, it.list)
	}
	for i := range min(len(cl), len(tl)) {
		if len(cl[i].Items) != len(tl[i].Items) {
			a.errs.Errorf(tl[i].Pos, "this list has %s, the canonical list has %d (%s)", count(len(tl[i].Items), "item"), len(cl[i].Items), cl[i].Pos)
		}
	}
	switch {
	case len(tl) < len(cl):
		a.errs.Errorf(at, "the canonical list at %s has no counterpart in %s of this translation", cl[len(tl)].Pos, place)
	case len(tl) > len(cl):
		a.errs.Errorf(tl[len(cl)].Pos, "this list has no counterpart in %s of the canonical statement (%s)", strings.TrimPrefix(place, "the "), a.c.Path)
	}
}
