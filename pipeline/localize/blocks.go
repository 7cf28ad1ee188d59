package localize

import (
	"strings"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

// use records that a message is printed into the edition's body.
func (l *localizer) use(id string) {
	for _, u := range l.used {
		if u == id {
			return
		}
	}
	l.used = append(l.used, id)
}

// prepare makes the edition's footnotes and the reference text of every
// clause, before the body is copied: a reference may point at a clause
// further on.
func (l *localizer) prepare(body *doc.Document) {
	l.refs = map[string]reference{}
	doc.Visit(body.Body, &refMaker{l: l})
	l.noteOf = map[*doc.Footnote]*doc.Footnote{}
	for _, n := range body.Notes {
		if n == nil {
			continue
		}
		nn := &doc.Footnote{Pos: n.Pos, Ref: n.Ref, Label: n.Label, Number: n.Number, Mark: l.p.Number(n.Number)}
		l.noteOf[n] = nn
		l.notes = append(l.notes, nn)
	}
	for _, n := range body.Notes {
		if nn := l.noteOf[n]; nn != nil {
			nn.Paras = l.paras(n.Paras)
		}
	}
}

// reference is the text that names a clause in running text, and the
// messages it was made with.
type reference struct {
	text string
	ids  []string
}

// refMaker computes the reference text of every clause.
type refMaker struct {
	l     *localizer
	annex string // the annex's number, in an annex
}

func (r *refMaker) clauses(cs []*doc.Clause, chain []string, article bool) {
	p := r.l.p
	for _, c := range cs {
		if c == nil || c.Number < 1 {
			continue
		}
		ch := append(append([]string(nil), chain...), p.referenceLabel(c.Style, c.Depth, c.Number))
		art := article || (c.Depth == 1 && c.Style == doc.StyleArticle)
		id := "clause_reference"
		if art {
			id = "article_reference"
		}
		ref := reference{text: p.Text(id, map[string]string{"Clause": strings.Join(ch, " ")}), ids: []string{id}}
		if r.annex != "" {
			ref.text = p.Text("annex_reference", map[string]string{"Reference": ref.text, "Annex": r.annex})
			ref.ids = append(ref.ids, "annex_reference")
		}
		r.l.refs[c.Anchor()] = ref
		r.clauses(c.Subs, ch, art)
	}
}

func (r *refMaker) Paragraph(*doc.Paragraph)     {}
func (r *refMaker) Heading(*doc.Heading)         {}
func (r *refMaker) ClauseList(b *doc.ClauseList) { r.clauses(b.Clauses, nil, false) }
func (r *refMaker) Quote(*doc.Quote)             {}
func (r *refMaker) Table(*doc.Table)             {}
func (r *refMaker) List(*doc.List)               {}
func (r *refMaker) Annex(a *doc.Annex) {
	saved := r.annex
	r.annex = doc.UpperRoman(a.Number)
	doc.Visit(a.Body, r)
	r.annex = saved
}
func (r *refMaker) EndMark(*doc.EndMark)       {}
func (r *refMaker) Signatures(*doc.Signatures) {}
func (r *refMaker) Contacts(*doc.Contacts)     {}

// blocks deep-copies body blocks, setting every label.
func (l *localizer) blocks(in []doc.Block) []doc.Block {
	c := &copier{l: l}
	doc.Visit(in, c)
	return c.out
}

// copier copies blocks into an edition.
type copier struct {
	l   *localizer
	out []doc.Block
}

func (c *copier) Paragraph(p *doc.Paragraph) { c.out = append(c.out, c.l.para(p)) }
func (c *copier) Heading(h *doc.Heading) {
	nh := *h
	nh.Text = c.l.inline(h.Text)
	c.out = append(c.out, &nh)
}
func (c *copier) ClauseList(b *doc.ClauseList) {
	cl := &doc.ClauseList{Pos: b.Pos}
	if b.LeadIn != nil {
		cl.LeadIn = c.l.para(b.LeadIn)
	}
	for _, cc := range b.Clauses {
		if cc != nil {
			cl.Clauses = append(cl.Clauses, c.l.clause(cc, 1))
		}
	}
	c.out = append(c.out, cl)
}
func (c *copier) Quote(q *doc.Quote) {
	c.out = append(c.out, &doc.Quote{Pos: q.Pos, Paras: c.l.paras(q.Paras)})
}
func (c *copier) Table(t *doc.Table) {
	nt := &doc.Table{Pos: t.Pos, Align: append([]doc.Align(nil), t.Align...), Header: c.l.cells(t.Header)}
	for _, r := range t.Rows {
		nt.Rows = append(nt.Rows, c.l.cells(r))
	}
	c.out = append(c.out, nt)
}
func (c *copier) List(b *doc.List) {
	nl := &doc.List{Pos: b.Pos, Ordered: b.Ordered}
	for i, it := range b.Items {
		ni := &doc.ListItem{Pos: it.Pos, Paras: c.l.paras(it.Paras)}
		if b.Ordered {
			ni.Label = c.l.p.Marker(doc.StyleDecimal, 1, i+1)
		}
		nl.Items = append(nl.Items, ni)
	}
	c.out = append(c.out, nl)
}
func (c *copier) Annex(a *doc.Annex) {
	na := *a
	na.Title = c.l.inline(a.Title)
	na.Body = c.l.blocks(a.Body)
	na.Label = c.l.p.Text("annex", map[string]string{"Number": doc.UpperRoman(a.Number)})
	c.l.use("annex")
	c.out = append(c.out, &na)
}
func (c *copier) EndMark(e *doc.EndMark) {
	ne := &doc.EndMark{Pos: e.Pos, Notes: c.l.blocks(e.Notes), Label: c.l.p.Text("end_mark", nil)}
	c.l.use("end_mark")
	if len(ne.Notes) > 0 {
		ne.NotesHeading = c.l.p.Text("notes_to_editors", nil)
		c.l.use("notes_to_editors")
	}
	c.out = append(c.out, ne)
}

// Signatures and contacts are made from the front matter (see closing),
// never copied: a Document holds none.
func (c *copier) Signatures(*doc.Signatures) {}
func (c *copier) Contacts(*doc.Contacts)     {}

// clause deep-copies c, found at depth of the clause tree, and its
// sub-clauses, setting each Label. The depth is the clause's place in the
// tree, which is what the marker must show.
func (l *localizer) clause(c *doc.Clause, depth int) *doc.Clause {
	nc := *c
	nc.Body = l.blocks(c.Body)
	nc.Tail = l.blocks(c.Tail)
	nc.Subs = nil
	for _, s := range c.Subs {
		if s != nil {
			nc.Subs = append(nc.Subs, l.clause(s, depth+1))
		}
	}
	if c.Number < 1 {
		l.diags.Errorf(c.Pos, "clause %q has no number", c.Path)
		return &nc
	}
	nc.Label = l.p.Marker(c.Style, depth, c.Number)
	if c.Style == doc.StyleArticle {
		l.use("article")
	}
	return &nc
}

func (l *localizer) cells(in []*doc.Cell) []*doc.Cell {
	out := make([]*doc.Cell, len(in))
	for i, c := range in {
		out[i] = &doc.Cell{Pos: c.Pos, End: c.End, Text: l.inline(c.Text)}
	}
	return out
}

func (l *localizer) para(p *doc.Paragraph) *doc.Paragraph {
	return &doc.Paragraph{Pos: p.Pos, Text: l.inline(p.Text)}
}

func (l *localizer) paras(in []*doc.Paragraph) []*doc.Paragraph {
	if in == nil {
		return nil
	}
	out := make([]*doc.Paragraph, 0, len(in))
	for _, p := range in {
		if p != nil {
			out = append(out, l.para(p))
		}
	}
	return out
}

// inline copies rich text into the edition: a footnote reference gets the
// edition's footnote and its mark, and a link to a clause reads as the
// edition's reference to it ("paragraph 18 (c)"), whatever the source
// wrote between the brackets, so that it names the right clause in every
// language. Its straight quotes become the locale's quotation marks
// (quotes.go), and its digits are the locale's when the locale asks for
// it (textDigits).
func (l *localizer) inline(in doc.Inline) doc.Inline {
	if in == nil {
		return nil
	}
	out := make(doc.Inline, 0, len(in))
	for i := 0; i < len(in); i++ {
		s := in[i]
		if s.Note != nil {
			if nn := l.noteOf[s.Note]; nn != nil {
				s.Note, s.Text = nn, nn.Mark
			}
			out = append(out, s)
			continue
		}
		if ref, ok := l.refs[strings.TrimPrefix(s.Link, "#")]; ok && strings.HasPrefix(s.Link, "#") {
			for _, id := range ref.ids {
				l.use(id)
			}
			for i+1 < len(in) && in[i+1].Link == s.Link && in[i+1].Note == nil {
				i++
			}
			s.Text, s.Lang = ref.text, ""
			out = append(out, s)
			continue
		}
		out = append(out, s)
	}
	quoteMarksOf(l.p.conv).inline(out)
	l.textDigits(out)
	return out
}

// closing adds what the front matter prints in the body: the closing line
// and signatures after the operative part (before any annex and the end
// mark), and the contact block at the end. It also sets the embargo line
// and the logo.
func (l *localizer) closing(ed *doc.Edition, body *doc.Document) {
	p := l.p
	meta, canon := body.Meta, l.canonical.Meta
	if !canon.Embargo.IsZero() {
		t := canon.Embargo
		ed.EmbargoTime = t
		ed.Embargo = p.Text("embargo", map[string]string{"Time": p.digits.convert(t.Format("15:04")), "Zone": p.zone(t), "Date": p.Date(t)})
		l.use("embargo")
	}
	logo := body
	if meta.Logo == "" {
		logo = l.canonical
	}
	if logo.Meta.Logo != "" {
		ed.Logo = source.LogoFile(logo)
		ed.LogoAlt = meta.LogoAlt
		if ed.LogoAlt == "" {
			ed.LogoAlt = ed.Issuer
		}
	}
	signatories := meta.Signatories
	if len(signatories) == 0 && len(canon.Signatories) > 0 && body != l.canonical {
		l.warn(metaPos(body, "signatories"), "missing-field", "front matter key %q missing in the translation; using the canonical text", "signatories")
		signatories = canon.Signatories
	}
	if len(signatories) > 0 {
		sg := &doc.Signatures{Pos: metaPos(body, "signatories")}
		sg.DoneAt = p.Text("done_at", map[string]string{"Place": ed.Place, "Date": p.Date(ed.Date)})
		l.use("done_at")
		for _, s := range signatories {
			ns := &doc.Signatory{Pos: s.Pos, Name: l.textString(s.Name), Title: l.textString(s.Title)}
			if s.For != "" {
				ns.For = p.Text("on_behalf_of", map[string]string{"Party": l.textString(s.For)})
				l.use("on_behalf_of")
			}
			sg.Signatories = append(sg.Signatories, ns)
		}
		at := len(ed.Body)
		for i, b := range ed.Body {
			if isAnnexOrEnd(b) {
				at = i
				break
			}
		}
		ed.Body = append(ed.Body[:at], append([]doc.Block{sg}, ed.Body[at:]...)...)
	}
	contacts := meta.Contacts
	if len(contacts) == 0 && len(canon.Contacts) > 0 && body != l.canonical {
		l.warn(metaPos(body, "contact"), "missing-field", "front matter key %q missing in the translation; using the canonical text", "contact")
		contacts = canon.Contacts
	}
	if len(contacts) > 0 {
		cb := &doc.Contacts{Pos: metaPos(body, "contact"), Heading: p.Plural("contact", len(contacts), nil),
			PhoneLabel: p.Text("phone", nil), EmailLabel: p.Text("email", nil)}
		l.use("contact")
		l.use("phone")
		l.use("email")
		for _, c := range contacts {
			nc := *c
			nc.Name, nc.Role, nc.Phone = l.textString(c.Name), l.textString(c.Role), l.textString(c.Phone)
			cb.People = append(cb.People, &nc)
		}
		ed.Body = append(ed.Body, cb)
	}
}

// isAnnexOrEnd reports whether a block starts the part after the operative
// text: an annex or the end mark.
func isAnnexOrEnd(b doc.Block) bool {
	var f partFinder
	b.Accept(&f)
	return bool(f)
}

type partFinder bool

func (f *partFinder) Paragraph(*doc.Paragraph)   {}
func (f *partFinder) Heading(*doc.Heading)       {}
func (f *partFinder) ClauseList(*doc.ClauseList) {}
func (f *partFinder) Quote(*doc.Quote)           {}
func (f *partFinder) Table(*doc.Table)           {}
func (f *partFinder) List(*doc.List)             {}
func (f *partFinder) Annex(*doc.Annex)           { *f = true }
func (f *partFinder) EndMark(*doc.EndMark)       { *f = true }
func (f *partFinder) Signatures(*doc.Signatures) {}
func (f *partFinder) Contacts(*doc.Contacts)     {}

// zone names the time zone of t for an embargo line: GMT at offset zero,
// as newsrooms write it, else UTC and the offset in the locale's digits.
func (p *Printer) zone(t time.Time) string {
	_, off := t.Zone()
	if off == 0 {
		return "GMT"
	}
	sign := "+"
	if off < 0 {
		sign, off = "−", -off
	}
	return "UTC" + sign + p.digits.convert(time.Date(0, 1, 1, off/3600, off%3600/60, 0, 0, time.UTC).Format("15:04"))
}
