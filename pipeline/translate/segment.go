// Package translate is the translators' workflow of polypress: what
// "polypress locales" does. It compares each translation with its
// canonical statement segment by segment and each locale file with the
// English messages (Status), holds them to that as a CI gate (Check),
// records what a translation was made from (Stamp), and exchanges both
// with translation tools as XLIFF 1.2 (Export, Import).
//
// It sits beside the build pipeline: it reads statements with
// pipeline/source and locale files with pipeline/localize, and writes only
// translations, their records and locale files. The command line in
// cmd/polypress parses flags, calls it and prints.
package translate

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

// A segment is what a translator translates in one piece, and what a
// translation tool shows as one unit: a front matter value, a heading, or
// a paragraph of the body. Paragraphs come in parts: a clause's own
// paragraphs, its closing paragraphs, an author's bio, the paragraphs
// between two clauses or headings, a block quote. A translation may have
// more or fewer paragraphs in a part than its canonical statement (the
// format allows it); such a part is then one segment, its paragraphs
// together.
//
// Segment IDs are stable: they come from the canonical statement's
// structure — clause paths, heading keys, the place between them — never
// from line numbers, so they survive edits elsewhere.
//
//	meta/title  meta/subtitle  meta/issuer  meta/place  meta/logo-alt
//	author/1/role  author/1/bio  author/1/bio#2
//	contact/1/role  signatory/1/title  signatory/1/on-behalf-of
//	heading/background  heading/annex-1
//	text/start  text/start#2  text/clause-15  text/heading-decisions  quote/clause-3/2
//	clause/18.c  clause/4#2  clause/4/closing  clause/I.3
//	clause/5/table-1/r0c2  clause/5/after-table-1  table/clause-7/r2c1
//	text/notes  list/notes/2/3  footnote/4
//
// A table's cells are segments of their own, by row (r0: the header) and
// column (c1: the first); paragraphs after a table in a clause are a part
// of their own, so that the table stays where it is when they are
// rewritten.

// Segment kinds.
const (
	KindMeta    = "meta"    // a front matter value: plain text
	KindRole    = "role"    // an author's role: plain text
	KindBio     = "bio"     // an author's bio: Markdown paragraphs
	KindHeading = "heading" // a heading's text
	KindText    = "text"    // paragraphs outside the clauses
	KindQuote   = "quote"   // a block quote's paragraphs
	KindClause  = "clause"  // a clause's own paragraphs
	KindClosing = "closing" // a clause's closing paragraphs
	KindCell    = "cell"    // a table cell: one paragraph
	KindItem    = "item"    // an item of a list of the notes to editors
	KindNote    = "note"    // a footnote's paragraphs
)

// Segment is one piece of a statement to translate.
type Segment struct {
	// ID is stable across versions; see the package documentation.
	ID   string
	Kind string
	// Clause is the canonical clause path of clause and closing
	// segments ("18.c").
	Clause string
	// Label names the segment for people: "clause 18.c", "the title".
	Label string
	// Paras holds the text, one Inline per paragraph. Plain-text
	// segments (front matter values) have one paragraph of one span.
	Paras []doc.Inline
	// Pos is where the segment starts in its file.
	Pos diag.Pos

	// What the segment was read from, for rewriting: the paragraphs
	// (body and bio), the heading, or the front matter key.
	paras   []*doc.Paragraph
	heading *doc.Heading
	cell    *doc.Cell
	key     string // "title"; "authors.1.role"; "authors.1.bio"; "contact.1.role"
}

// Plain reports whether the segment holds plain text, not Markdown.
func (s *Segment) Plain() bool { return s.Kind == KindMeta || s.Kind == KindRole }

// isText reports whether a segment is text outside the clauses, which a
// translation may lack without a structural error.
func (s *Segment) isText() bool {
	return s.Kind == KindText || s.Kind == KindQuote || s.Kind == KindClosing
}

// part is a run of paragraphs that belong together, before it is cut into
// segments.
type part struct {
	id, kind, clause, label string
	pos                     diag.Pos
	paras                   []*doc.Paragraph
	heading                 *doc.Heading
	cell                    *doc.Cell
	key                     string
	plain                   string // the text of a plain value
}

// parts lists the parts of d in reading order. clauseID names a clause of
// d by its canonical path (for a translation, through its alignment); it
// returns false for a clause with no canonical counterpart, whose parts
// are then left out, and anchors count from the nearest clause that has
// one.
func parts(d *doc.Document, clauseID func(*doc.Clause) (string, bool)) []part {
	var out []part
	m := d.Meta
	for _, f := range []struct{ key, val, label string }{
		{"title", m.Title, "the title"},
		{"subtitle", m.Subtitle, "the subtitle"},
		{"issuer", m.Issuer, "the issuer"},
		{"place", m.Place, "the place"},
		{"logo-alt", m.LogoAlt, "the logo's text alternative"},
	} {
		if f.val != "" {
			out = append(out, part{id: "meta/" + f.key, kind: KindMeta, label: f.label, pos: m.Pos[f.key], key: f.key, plain: f.val})
		}
	}
	for i, a := range m.Authors {
		if a == nil {
			continue
		}
		n := strconv.Itoa(i + 1)
		if a.Role != "" {
			out = append(out, part{id: "author/" + n + "/role", kind: KindRole, label: "the role of author " + n, pos: a.Pos, key: "authors." + n + ".role", plain: a.Role})
		}
		if len(a.Bio) > 0 {
			out = append(out, part{id: "author/" + n + "/bio", kind: KindBio, label: "the bio of author " + n, pos: a.Bio[0].Pos, key: "authors." + n + ".bio", paras: a.Bio})
		}
	}
	for i, c := range m.Contacts {
		n := strconv.Itoa(i + 1)
		if c.Role != "" {
			out = append(out, part{id: "contact/" + n + "/role", kind: KindRole, label: "the role of contact " + n, pos: c.Pos, key: "contact." + n + ".role", plain: c.Role})
		}
	}
	for i, g := range m.Signatories {
		n := strconv.Itoa(i + 1)
		if g.Title != "" {
			out = append(out, part{id: "signatory/" + n + "/title", kind: KindRole, label: "the title of signatory " + n, pos: g.Pos, key: "signatories." + n + ".title", plain: g.Title})
		}
		if g.For != "" {
			out = append(out, part{id: "signatory/" + n + "/on-behalf-of", kind: KindRole, label: "whom signatory " + n + " signs for", pos: g.Pos, key: "signatories." + n + ".on-behalf-of", plain: g.For})
		}
	}
	w := &partWalker{out: out, clauseID: clauseID, anchor: "start", anchorLabel: "before the first clause"}
	doc.Visit(d.Body, w)
	w.flush()
	for _, n := range d.Notes {
		if n == nil || len(n.Paras) == 0 {
			continue
		}
		num := strconv.Itoa(n.Number)
		w.out = append(w.out, part{id: "footnote/" + num, kind: KindNote, label: "footnote " + num, pos: n.Paras[0].Pos, paras: n.Paras})
	}
	return w.out
}

// partWalker collects the parts of a body in reading order.
type partWalker struct {
	out      []part
	clauseID func(*doc.Clause) (string, bool)
	// anchor names the place of text outside the clauses: "start",
	// "clause-15", "heading-decisions", "notes"; run counts the runs of
	// text, quotes, tables and lists since it.
	anchor, anchorLabel string
	run                 int
	text                *part // the paragraph run being collected
}

func (w *partWalker) flush() {
	if w.text != nil {
		w.out = append(w.out, *w.text)
		w.text = nil
	}
}

// newRun starts a run of kind at the current anchor.
func (w *partWalker) newRun(kind, what string) *part {
	w.run++
	id := kind + "/" + w.anchor
	if w.run > 1 {
		id += "/" + strconv.Itoa(w.run)
	}
	label := what + " " + w.anchorLabel
	if w.run > 1 {
		label = fmt.Sprintf("%s %s (part %d)", what, w.anchorLabel, w.run)
	}
	return &part{id: id, kind: kind, label: label}
}

func (w *partWalker) addPara(p *doc.Paragraph) {
	if w.text == nil {
		w.text = w.newRun(KindText, "the text")
		w.text.pos = p.Pos
	}
	w.text.paras = append(w.text.paras, p)
}

// setAnchor makes later text runs count from a new landmark.
func (w *partWalker) setAnchor(anchor, label string) {
	w.anchor, w.anchorLabel, w.run = anchor, label, 0
}

// table adds a segment for each cell of t that holds text; id and label
// name the table.
func (w *partWalker) table(t *doc.Table, id, label string) {
	rows := append([][]*doc.Cell{t.Header}, t.Rows...)
	for r, row := range rows {
		for c, cell := range row {
			if len(cell.Text) == 0 {
				continue
			}
			cid := fmt.Sprintf("%s/r%dc%d", id, r, c+1)
			where := fmt.Sprintf("row %d", r)
			if r == 0 {
				where = "the header row"
			}
			w.out = append(w.out, part{id: cid, kind: KindCell, label: fmt.Sprintf("column %d of %s of %s", c+1, where, label), pos: cell.Pos,
				paras: []*doc.Paragraph{{Pos: cell.Pos, Text: cell.Text}}, cell: cell})
		}
	}
}

// clauseText adds the parts of a clause's own blocks (its text, or its
// closing text): paragraphs in runs, split at each table, and the tables'
// cells.
func (w *partWalker) clauseText(blocks []doc.Block, id, kind, label, clause string, at diag.Pos) {
	first := len(w.out)
	defer func() {
		for i := first; i < len(w.out); i++ {
			w.out[i].clause = clause
		}
	}()
	var run *part
	tables := 0
	flush := func() {
		if run != nil {
			w.out = append(w.out, *run)
			run = nil
		}
	}
	for _, b := range blocks {
		if t, ok := b.(*doc.Table); ok {
			flush()
			tables++
			w.table(t, fmt.Sprintf("%s/table-%d", id, tables), fmt.Sprintf("table %d of %s", tables, label))
			continue
		}
		p, ok := b.(*doc.Paragraph)
		if !ok {
			continue
		}
		if run == nil {
			rid, rlabel := id, label
			if tables > 0 {
				rid = fmt.Sprintf("%s/after-table-%d", id, tables)
				rlabel = fmt.Sprintf("%s, after table %d", label, tables)
			}
			run = &part{id: rid, kind: kind, label: rlabel, pos: p.Pos}
			if tables == 0 && at.IsValid() {
				// A clause's text is found at its marker.
				run.pos = at
			}
		}
		run.paras = append(run.paras, p)
	}
	flush()
}

func (w *partWalker) clauses(cs []*doc.Clause) {
	for _, c := range cs {
		path, ok := w.clauseID(c)
		if ok {
			w.clauseText(c.Body, "clause/"+path, KindClause, "clause "+path, path, c.Pos)
		}
		w.clauses(c.Subs)
		if ok {
			w.clauseText(c.Tail, "clause/"+path+"/closing", KindClosing, "the closing text of clause "+path, path, diag.Pos{})
		}
		if ok && c.Depth == 1 {
			w.setAnchor("clause-"+path, "after clause "+path)
		}
	}
}

func (w *partWalker) Paragraph(p *doc.Paragraph) { w.addPara(p) }
func (w *partWalker) Quote(q *doc.Quote) {
	w.flush()
	p := w.newRun(KindQuote, "the block quote")
	p.pos, p.paras = q.Pos, q.Paras
	w.out = append(w.out, *p)
}
func (w *partWalker) Heading(h *doc.Heading) {
	w.flush()
	w.out = append(w.out, part{id: "heading/" + h.Key, kind: KindHeading, label: fmt.Sprintf("heading %q", h.Key), pos: h.Pos, heading: h})
	w.setAnchor("heading-"+h.Key, fmt.Sprintf("after heading %q", h.Key))
}
func (w *partWalker) ClauseList(b *doc.ClauseList) {
	if b.LeadIn != nil {
		w.addPara(b.LeadIn)
	}
	w.flush()
	w.clauses(b.Clauses)
}
func (w *partWalker) Table(t *doc.Table) {
	w.flush()
	p := w.newRun("table", "the table")
	w.table(t, p.id, p.label)
}
func (w *partWalker) List(l *doc.List) {
	w.flush()
	p := w.newRun("list", "the list")
	for i, it := range l.Items {
		if len(it.Paras) == 0 {
			continue
		}
		n := strconv.Itoa(i + 1)
		w.out = append(w.out, part{id: p.id + "/" + n, kind: KindItem, label: "item " + n + " of " + p.label, pos: it.Pos, paras: it.Paras})
	}
}
func (w *partWalker) Annex(a *doc.Annex) {
	w.flush()
	h := &doc.Heading{Pos: a.Pos, Key: a.Key, Explicit: a.Explicit, Text: a.Title}
	w.out = append(w.out, part{id: "heading/" + a.Key, kind: KindHeading, label: fmt.Sprintf("the heading of annex %s", doc.UpperRoman(a.Number)), pos: a.Pos, heading: h})
	w.setAnchor("heading-"+a.Key, fmt.Sprintf("after the heading of annex %s", doc.UpperRoman(a.Number)))
	doc.Visit(a.Body, w)
	w.flush()
}
func (w *partWalker) EndMark(e *doc.EndMark) {
	w.flush()
	w.setAnchor("notes", "in the notes to editors")
	doc.Visit(e.Notes, w)
	w.flush()
}

// Signatures and contacts exist in editions only; their texts are front
// matter values (contact/N/role, signatory/N/title).
func (w *partWalker) Signatures(*doc.Signatures) {}
func (w *partWalker) Contacts(*doc.Contacts)     {}

// segments cuts the parts of a canonical statement into segments, given
// the counterpart parts of a translation (nil for the canonical statement
// alone): a part is one segment per paragraph when both sides have the
// same number of paragraphs, else one segment. It returns the canonical
// segments and, by ID, their counterparts.
func segments(canonical []part, counterpart map[string]part) ([]*Segment, map[string]*Segment) {
	var out []*Segment
	tr := map[string]*Segment{}
	for _, p := range canonical {
		cp, has := counterpart[p.id]
		switch {
		case p.paras == nil:
			// A plain value or a heading: one segment.
			out = append(out, p.segment(p.id, p.label, nil))
			if has {
				tr[p.id] = cp.segment(p.id, p.label, nil)
			}
		case len(p.paras) == 1 || (has && len(cp.paras) != len(p.paras)):
			out = append(out, p.segment(p.id, p.label, p.paras))
			if has {
				tr[p.id] = cp.segment(p.id, p.label, cp.paras)
			}
		default:
			for i, para := range p.paras {
				id := fmt.Sprintf("%s#%d", p.id, i+1)
				label := fmt.Sprintf("paragraph %d of %s", i+1, p.label)
				out = append(out, p.segment(id, label, []*doc.Paragraph{para}))
				if has {
					tr[id] = cp.segment(id, label, []*doc.Paragraph{cp.paras[i]})
				}
			}
		}
	}
	return out, tr
}

// segment makes a segment of the part, of the given paragraphs.
func (p part) segment(id, label string, paras []*doc.Paragraph) *Segment {
	s := &Segment{ID: id, Kind: p.kind, Clause: p.clause, Label: label, Pos: p.pos, heading: p.heading, cell: p.cell, key: p.key}
	switch {
	case p.heading != nil:
		s.Paras = []doc.Inline{p.heading.Text}
	case p.paras == nil:
		s.Paras = []doc.Inline{{{Pos: p.pos, Text: p.plain}}}
	default:
		s.paras = paras
		for _, para := range paras {
			s.Paras = append(s.Paras, para.Text)
		}
		if len(paras) > 0 && paras[0] != p.paras[0] {
			// A paragraph of the part other than the first.
			s.Pos = paras[0].Pos
		}
	}
	return s
}

// canonicalIDs names every clause of a canonical statement by its path.
func canonicalIDs(c *doc.Clause) (string, bool) { return c.Path, true }

// translationIDs names the clauses of a translation by the path of the
// canonical clause each translates, through an alignment.
func translationIDs(al *source.Alignment) func(*doc.Clause) (string, bool) {
	inv := map[*doc.Clause]string{}
	if al != nil {
		for path, c := range al.Clauses {
			inv[c] = path
		}
	}
	return func(c *doc.Clause) (string, bool) {
		p, ok := inv[c]
		return p, ok
	}
}

// Pair is a canonical statement and one translation, cut into segments.
type Pair struct {
	Canonical   *doc.Document
	Translation *doc.Document // nil for a translation not yet made
	// Segments are the canonical segments in reading order;
	// Counterparts the translation's, by ID (absent: missing).
	Segments     []*Segment
	Counterparts map[string]*Segment
}

// NewPair cuts a canonical statement and its translation (nil when there
// is none yet) into segments; al aligns their clauses.
func NewPair(canonical, translation *doc.Document, al *source.Alignment) *Pair {
	cparts := parts(canonical, canonicalIDs)
	counter := map[string]part{}
	if translation != nil {
		for _, p := range parts(translation, translationIDs(al)) {
			if _, dup := counter[p.id]; !dup {
				counter[p.id] = p
			}
		}
	}
	segs, tr := segments(cparts, counter)
	return &Pair{Canonical: canonical, Translation: translation, Segments: segs, Counterparts: tr}
}

// segmentText is a segment's text for records, comparisons and XLIFF
// sources: Markdown for body text, as is for plain values, paragraphs
// separated by a blank line.
func segmentText(s *Segment) string {
	var parts []string
	for _, p := range s.Paras {
		if s.Plain() {
			parts = append(parts, foldSpace(doc.Inline(p).Plain()))
			continue
		}
		parts = append(parts, markdown(normalize(p)))
	}
	return strings.Join(parts, "\n\n")
}
