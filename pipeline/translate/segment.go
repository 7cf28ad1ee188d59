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
//	meta/title  meta/subtitle  meta/issuer  meta/place
//	author/1/role  author/1/bio  author/1/bio#2
//	heading/background
//	text/start  text/start#2  text/clause-15  text/heading-decisions  quote/clause-3/2
//	clause/18.c  clause/4#2  clause/4/closing

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
	key     string // "title"; "authors.1.role"; "authors.1.bio"
}

// Plain reports whether the segment holds plain text, not Markdown.
func (s *Segment) Plain() bool { return s.Kind == KindMeta || s.Kind == KindRole }

// part is a run of paragraphs that belong together, before it is cut into
// segments.
type part struct {
	id, kind, clause, label string
	pos                     diag.Pos
	paras                   []*doc.Paragraph
	heading                 *doc.Heading
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
	anchor, anchorLabel := "start", "before the first clause"
	run := 0
	var text *part // the paragraph run being collected
	flush := func() {
		if text != nil {
			out = append(out, *text)
			text = nil
		}
	}
	newRun := func(kind string) *part {
		run++
		id := kind + "/" + anchor
		if run > 1 {
			id += "/" + strconv.Itoa(run)
		}
		what := "the text"
		if kind == KindQuote {
			what = "the block quote"
		}
		label := what + " " + anchorLabel
		if run > 1 {
			label = fmt.Sprintf("%s %s (part %d)", what, anchorLabel, run)
		}
		return &part{id: id, kind: kind, label: label}
	}
	addPara := func(p *doc.Paragraph) {
		if text == nil {
			text = newRun(KindText)
			text.pos = p.Pos
		}
		text.paras = append(text.paras, p)
	}
	for _, b := range d.Body {
		switch b := b.(type) {
		case *doc.Paragraph:
			addPara(b)
		case *doc.Quote:
			flush()
			q := newRun(KindQuote)
			q.pos, q.paras = b.Pos, b.Paras
			out = append(out, *q)
		case *doc.Heading:
			flush()
			out = append(out, part{id: "heading/" + b.Key, kind: KindHeading, label: fmt.Sprintf("heading %q", b.Key), pos: b.Pos, heading: b})
			anchor, anchorLabel, run = "heading-"+b.Key, fmt.Sprintf("after heading %q", b.Key), 0
		case *doc.ClauseList:
			if b.LeadIn != nil {
				addPara(b.LeadIn)
			}
			flush()
			var walk func(cs []*doc.Clause)
			walk = func(cs []*doc.Clause) {
				for _, c := range cs {
					path, ok := clauseID(c)
					if ok {
						if len(c.Paras) > 0 {
							out = append(out, part{id: "clause/" + path, kind: KindClause, clause: path, label: "clause " + path, pos: c.Pos, paras: c.Paras})
						}
					}
					walk(c.Subs)
					if ok && len(c.Tail) > 0 {
						out = append(out, part{id: "clause/" + path + "/closing", kind: KindClosing, clause: path, label: "the closing text of clause " + path, pos: c.Tail[0].Pos, paras: c.Tail})
					}
					if ok && c.Depth == 1 {
						anchor, anchorLabel, run = "clause-"+path, "after clause "+path, 0
					}
				}
			}
			walk(b.Clauses)
		}
	}
	flush()
	return out
}

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
	s := &Segment{ID: id, Kind: p.kind, Clause: p.clause, Label: label, Pos: p.pos, heading: p.heading, key: p.key}
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
