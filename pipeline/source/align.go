package source

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/confine"
)

// Translation is a translation found beside a canonical statement.
type Translation struct {
	// Lang is the language tag written in the file name
	// (statement.<Lang>.md).
	Lang string
	// Path is the file's path, in the form of the canonical path given.
	Path string
}

// TranslationPath is where the translation into lang of the canonical
// statement at canonicalPath is: X.<lang>.md beside X.md
// (statement.fr.md beside statement.md).
func TranslationPath(canonicalPath, lang string) string {
	stem := strings.TrimSuffix(filepath.Base(canonicalPath), ".md")
	return filepath.Join(filepath.Dir(canonicalPath), stem+"."+lang+".md")
}

// Translations lists the statement.<lang>.md files beside the canonical
// statement.md at canonicalPath, sorted by path, with the lang of each. More
// generally, the translations of X.md are X.<lang>.md. A file named like a
// translation whose <lang> is not a BCP 47 tag (statement.old.md) is left
// out of the list and reported in the error, which is a diag.List; the list
// of valid translations is returned either way. So is a translation that
// is a symbolic link leading outside the statement's folder.
func Translations(canonicalPath string) ([]Translation, error) {
	dir, base := filepath.Dir(canonicalPath), filepath.Base(canonicalPath)
	stem, ok := strings.CutSuffix(base, ".md")
	if !ok || stem == "" {
		return nil, diag.List{diag.Errorf(diag.Pos{File: canonicalPath}, "a statement file's name must end in .md")}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fileError(dir, "cannot list translations", err)
	}
	var out []Translation
	var errs diag.List
	for _, e := range entries {
		lang := langOfName(stem, e.Name())
		if lang == "" || e.IsDir() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if !validTag(lang) {
			errs.Errorf(diag.Pos{File: path}, "the file is named like a translation of %s, but %q is not a BCP 47 language tag; name translations %s.<lang>.md (such as %s.fr.md), or move the file away", base, lang, stem, stem)
			continue
		}
		// A translation is part of its statement's folder: a symbolic
		// link may not bring in a file from elsewhere.
		if _, err := confine.Within(dir, path); err != nil {
			errs.Append(fileError(path, "cannot read translation", err))
			continue
		}
		out = append(out, Translation{Lang: lang, Path: path})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, errs.Err()
}

// TranslationLang returns the <lang> of a translation's path,
// statement.<lang>.md, or "" when the path is not named like one.
func TranslationLang(path string) string {
	return langOfName("statement", filepath.Base(path))
}

// langOfName returns the <lang> of a file named <stem>.<lang>.md, or "".
func langOfName(stem, name string) string {
	rest, ok := strings.CutPrefix(name, stem+".")
	if !ok {
		return ""
	}
	lang, ok := strings.CutSuffix(rest, ".md")
	if !ok {
		return ""
	}
	return lang
}

func validTag(s string) bool {
	if strings.Contains(s, "_") {
		return false
	}
	t, err := language.Parse(s)
	return err == nil && t != language.Und
}

// sameLang reports whether two tags name the same language ("zh-hans" and
// "zh-Hans" do).
func sameLang(a, b string) bool {
	ta, errA := language.Parse(a)
	tb, errB := language.Parse(b)
	if errA != nil || errB != nil {
		return strings.EqualFold(a, b)
	}
	return ta == tb
}

// Align checks that translation has the same clause tree, heading keys and
// front-matter keys as canonical, the same id, and a lang that matches its
// file name. Clause numbers are what readers cite across languages, so a
// translation that drops, adds or swaps a clause or sub-clause is an error,
// not a nuance. Each problem is positioned in the translation and names the
// canonical file and line, e.g.
//
//	statement.fr.md:40:4: clause 18.c of the canonical statement (statement.md:52:4) is missing here: …
//
// The list is sorted; it is empty when the two align. AlignDocuments also
// says which translated clause stands for which canonical clause.
func Align(canonical, translation *doc.Document) diag.List {
	return AlignDocuments(canonical, translation).Problems
}

// Alignment is how a translation corresponds to its canonical statement.
type Alignment struct {
	// Problems are the differences in structure, sorted (see Align).
	Problems diag.List
	// Clauses maps the path of every canonical clause that has a
	// counterpart ("18.c") to the translation's clause that translates
	// it. When the translation lacks a clause, the later ones are found
	// by their content (see docs/translating.md), so "6" may map to the
	// translation's clause 5.
	Clauses map[string]*doc.Clause
}

// AlignDocuments is Align, also returning the clause correspondence.
func AlignDocuments(canonical, translation *doc.Document) *Alignment {
	a := &aligner{c: canonical, t: translation, matched: map[string]*doc.Clause{}}
	a.meta()
	a.authors()
	a.entries("contact", len(canonical.Meta.Contacts), len(translation.Meta.Contacts), func(d *doc.Document, i int) (diag.Pos, []string) {
		c := d.Meta.Contacts[i]
		return c.Pos, present(map[string]string{"role": c.Role, "phone": c.Phone, "email": c.Email})
	})
	a.entries("signatories", len(canonical.Meta.Signatories), len(translation.Meta.Signatories), func(d *doc.Document, i int) (diag.Pos, []string) {
		g := d.Meta.Signatories[i]
		return g.Pos, present(map[string]string{"title": g.Title, "on-behalf-of": g.For})
	})
	a.clauses()
	a.headings()
	a.annexes()
	a.structure()
	a.errs.Sort()
	return &Alignment{Problems: a.errs, Clauses: a.matched}
}

type aligner struct {
	c, t    *doc.Document
	errs    diag.List
	matched map[string]*doc.Clause
}

// start is the first position of a document: its front matter.
func start(d *doc.Document) diag.Pos { return diag.Pos{File: d.Path, Line: 1, Col: 1} }

// keyPos is where a front matter key was written, or the front matter.
func keyPos(d *doc.Document, key string) diag.Pos {
	if p, ok := d.Meta.Pos[key]; ok {
		return p
	}
	return start(d)
}

func (a *aligner) meta() {
	c, t := a.c, a.t
	if c.Meta.ID != t.Meta.ID {
		a.errs.Errorf(keyPos(t, "id"), "id %q differs from the canonical statement's id %q (%s)", t.Meta.ID, c.Meta.ID, keyPos(c, "id"))
	}
	stem := strings.TrimSuffix(filepath.Base(c.Path), ".md")
	if lang := langOfName(stem, filepath.Base(t.Path)); lang != "" && t.Meta.Lang != "" && !sameLang(lang, t.Meta.Lang) {
		a.errs.Errorf(keyPos(t, "lang"), "lang %q does not match the file name %s, which says %q", t.Meta.Lang, filepath.Base(t.Path), lang)
	}
	if t.Meta.Lang != "" && sameLang(c.Meta.Lang, t.Meta.Lang) {
		a.errs.Errorf(keyPos(t, "lang"), "lang %q is the language of the canonical statement (%s); a translation must be in another language", t.Meta.Lang, keyPos(c, "lang"))
	}
	for _, k := range metaKeys {
		if k == "source-digest" || k == "source-clauses" {
			continue // only translations have them
		}
		_, inC := c.Meta.Pos[k]
		_, inT := t.Meta.Pos[k]
		switch {
		case inC && !inT:
			a.errs.Errorf(start(t), "front matter has no %q, but the canonical statement has (%s)", k, keyPos(c, k))
		case inT && !inC:
			a.errs.Errorf(keyPos(t, k), "front matter key %q has no counterpart in the canonical statement (%s)", k, start(c))
		}
	}
	// Clause numbering and the embargo are the same in every language:
	// readers cite clauses across languages, and a release is embargoed
	// until one moment.
	if _, ok := t.Meta.Pos["numbering"]; ok && !slices.Equal(c.Meta.Numbering, t.Meta.Numbering) {
		a.errs.Errorf(keyPos(t, "numbering"), "numbering %q differs from the canonical statement's %q (%s); clauses are numbered alike in every language", t.Meta.Numbering, c.Meta.Numbering, keyPos(c, "numbering"))
	}
	// Every edition prints the canonical statement's date, so a translation
	// that gives another one says something no edition will show.
	if _, ok := t.Meta.Pos["date"]; ok && !c.Meta.Date.IsZero() && !t.Meta.Date.IsZero() && !c.Meta.Date.Equal(t.Meta.Date) {
		a.errs.Warnf(keyPos(t, "date"), "date %s differs from the canonical statement's %s (%s); every edition prints the canonical date", t.Meta.Date.Format(time.DateOnly), c.Meta.Date.Format(time.DateOnly), keyPos(c, "date"))
	}
	if _, ok := t.Meta.Pos["embargo"]; ok && !c.Meta.Embargo.IsZero() && !t.Meta.Embargo.IsZero() && !c.Meta.Embargo.Equal(t.Meta.Embargo) {
		a.errs.Errorf(keyPos(t, "embargo"), "embargo %s differs from the canonical statement's %s (%s)", t.Meta.Embargo.Format(time.RFC3339), c.Meta.Embargo.Format(time.RFC3339), keyPos(c, "embargo"))
	}
}

// authors checks that the translation lists the same authors, each with the
// same keys, so that no bio or role is silently missing from an edition.
func (a *aligner) authors() {
	ca, ta := a.c.Meta.Authors, a.t.Meta.Authors
	if len(ca) == 0 || len(ta) == 0 {
		return // a missing "authors" key is reported with the other keys
	}
	if len(ca) != len(ta) {
		a.errs.Errorf(keyPos(a.t, "authors"), "authors lists %s, the canonical statement lists %d (%s)", count(len(ta), "author"), len(ca), keyPos(a.c, "authors"))
	}
	for i := range min(len(ca), len(ta)) {
		c, t := ca[i], ta[i]
		for _, f := range []struct {
			name   string
			hc, ht bool
		}{
			{"role", c.Role != "", t.Role != ""},
			{"bio", len(c.Bio) > 0, len(t.Bio) > 0},
		} {
			switch {
			case f.hc && !f.ht:
				a.errs.Errorf(t.Pos, "author %d has no %s, but the canonical author has one (%s)", i+1, f.name, c.Pos)
			case f.ht && !f.hc:
				a.errs.Errorf(t.Pos, "author %d has a %s, but the canonical author has none (%s)", i+1, f.name, c.Pos)
			}
		}
	}
}

// count formats "1 author", "3 authors", "no authors".
func count(n int, noun string) string {
	plural := noun + "s"
	if strings.HasSuffix(noun, "x") {
		plural = noun + "es"
	} else if strings.HasSuffix(noun, "y") {
		plural = strings.TrimSuffix(noun, "y") + "ies"
	}
	switch n {
	case 0:
		return "no " + plural
	case 1:
		return "1 " + noun
	}
	return fmt.Sprintf("%d %s", n, plural)
}

// placedHeading is a heading and the number of top-level clauses before it.
type placedHeading struct {
	*doc.Heading
	after int
}

// mainPart collects what the operative part of a body holds: its headings
// (with the clauses before each), its top-level clauses and its annexes.
type mainPart struct {
	headings []placedHeading
	clauses  []*doc.Clause
	annexes  []*doc.Annex
	end      *doc.EndMark
}

func (m *mainPart) Paragraph(*doc.Paragraph) {}
func (m *mainPart) Heading(h *doc.Heading) {
	m.headings = append(m.headings, placedHeading{h, len(m.clauses)})
}
func (m *mainPart) ClauseList(l *doc.ClauseList) { m.clauses = append(m.clauses, l.Clauses...) }
func (m *mainPart) Quote(*doc.Quote)             {}
func (m *mainPart) Table(*doc.Table)             {}
func (m *mainPart) List(*doc.List)               {}
func (m *mainPart) Annex(a *doc.Annex)           { m.annexes = append(m.annexes, a) }
func (m *mainPart) EndMark(e *doc.EndMark)       { m.end = e }
func (m *mainPart) Signatures(*doc.Signatures)   {}
func (m *mainPart) Contacts(*doc.Contacts)       {}

func partsOf(body []doc.Block) *mainPart {
	m := &mainPart{}
	doc.Visit(body, m)
	return m
}

func headingsOf(body []doc.Block) []placedHeading { return partsOf(body).headings }

func place(after int) string {
	if after == 0 {
		return "before the first clause"
	}
	return fmt.Sprintf("after clause %d", after)
}

// headings compares headings by their order. Automatic keys are numbered
// among the headings without {#key}, so once one heading differs the later
// automatic keys differ too; comparing whether each heading has a key, and
// which, reports the one heading that is wrong instead of all that follow.
func (a *aligner) headings() {
	ch, th := headingsOf(a.c.Body), headingsOf(a.t.Body)
	for i := range min(len(ch), len(th)) {
		c, t := ch[i], th[i]
		switch {
		case c.Explicit && !t.Explicit:
			a.errs.Errorf(t.Pos, "heading has no key, but the canonical heading has {#%s} (%s); end this heading with {#%s}", c.Key, c.Pos, c.Key)
		case !c.Explicit && t.Explicit:
			a.errs.Errorf(t.Pos, "heading key %q has no counterpart: the canonical heading has no {#key} (%s); remove {#%s} here or add it there", t.Key, c.Pos, t.Key)
		case c.Explicit && c.Key != t.Key:
			a.errs.Errorf(t.Pos, "heading key %q does not match the canonical heading key %q (%s)", t.Key, c.Key, c.Pos)
		case !a.sameGap(c.after, t.after):
			a.errs.Errorf(t.Pos, "heading %q comes %s here but %s in the canonical statement (%s)", t.Key, place(t.after), place(c.after), c.Pos)
		}
	}
	switch {
	case len(th) > len(ch):
		h := th[len(ch)]
		a.errs.Errorf(h.Pos, "heading %q has no counterpart in the canonical statement (%s, %s)", h.Key, count(len(ch), "heading"), a.c.Path)
	case len(th) < len(ch):
		pos := start(a.t)
		if len(th) > 0 {
			pos = th[len(th)-1].Pos
		}
		h := ch[len(th)]
		a.errs.Errorf(pos, "the canonical heading %q (%s) has no counterpart in this translation (%s)", h.Key, h.Pos, count(len(th), "heading"))
	}
}

// sameGap reports whether a heading after canonical clause cAfter and one
// after translated clause tAfter (0: before the first) stand in the same
// place, given the clause alignment: the translated clauses around the
// heading must correspond to canonical clauses around it. A clause
// missing or added next to the heading is reported on its own, not as a
// moved heading.
func (a *aligner) sameGap(cAfter, tAfter int) bool {
	ts := topClauses(a.t.Body)
	canonNum := map[*doc.Clause]int{}
	for _, c := range topClauses(a.c.Body) {
		if t, ok := a.matched[c.Path]; ok {
			canonNum[t] = c.Number
		}
	}
	lo, hi := 0, len(topClauses(a.c.Body))
	for j := tAfter - 1; j >= 0; j-- {
		if n, ok := canonNum[ts[j]]; ok {
			lo = n
			break
		}
	}
	for j := tAfter; j < len(ts); j++ {
		if n, ok := canonNum[ts[j]]; ok {
			hi = n - 1
			break
		}
	}
	return lo <= cAfter && cAfter <= hi
}

// topClauses lists the top-level clauses of a body's operative part in
// order (an annex's clauses are its own).
func topClauses(body []doc.Block) []*doc.Clause { return partsOf(body).clauses }

func (a *aligner) clauses() {
	a.list(topClauses(a.c.Body), topClauses(a.t.Body), nil, nil)
	ca, ta := partsOf(a.c.Body).annexes, partsOf(a.t.Body).annexes
	for i := range min(len(ca), len(ta)) {
		a.list(topClauses(ca[i].Body), topClauses(ta[i].Body), nil, nil)
	}
}

// Steps of a clause alignment.
const (
	stepMatch   = iota // canonical i is translated by j
	stepMissing        // canonical i has no counterpart
	stepExtra          // translation j has no counterpart
	stepSwap           // i is translated by j+1, and i+1 by j
)

type step struct{ op, i, j int }

// list aligns the canonical clauses cs with the translated clauses ts, the
// children of pc and pt (nil for the top level), reports what differs and
// goes on with the sub-clauses of every pair.
func (a *aligner) list(cs, ts []*doc.Clause, pc, pt *doc.Clause) {
	switch {
	case len(cs) == 0 && len(ts) == 0:
		return
	case len(ts) == 0 && pt != nil:
		a.errs.Errorf(pt.Pos, "clause %s has no sub-clauses, canonical has %d (%s)", pt.Path, len(cs), cs[0].Pos)
		return
	case len(cs) == 0 && pc != nil:
		a.errs.Errorf(ts[0].Pos, "clause %s has %s, canonical has none (%s)", pt.Path, count(len(ts), "sub-clause"), pc.Pos)
		return
	}
	steps := alignClauses(cs, ts)
	for k, s := range steps {
		switch s.op {
		case stepMatch:
			a.pair(cs[s.i], ts[s.j])
		case stepSwap:
			c1, c2, t1, t2 := cs[s.i], cs[s.i+1], ts[s.j], ts[s.j+1]
			a.errs.Errorf(t1.Pos, "clauses %s and %s appear swapped: this clause %s corresponds to canonical clause %s (%s), and clause %s (%s) to canonical clause %s (%s); put them in the canonical order",
				t1.Path, t2.Path, t1.Path, c2.Path, c2.Pos, t2.Path, t2.Pos, c1.Path, c1.Pos)
			a.pair(c1, t2)
			a.pair(c2, t1)
		case stepMissing:
			a.missing(cs, ts, steps, k, pt)
		case stepExtra:
			a.extra(cs, ts, steps, k)
		}
	}
}

// pair records that t translates c and compares their sub-clauses.
func (a *aligner) pair(c, t *doc.Clause) {
	a.matched[c.Path] = t
	a.list(c.Subs, t.Subs, c, t)
}

// counts says how many clauses each side has at a level, for messages.
func counts(cs, ts []*doc.Clause) string {
	if cs[0].Depth > 1 && len(ts) > 0 {
		return fmt.Sprintf("clause %s has %s here, canonical has %d", parentPath(ts[0].Path), count(len(ts), "sub-clause"), len(cs))
	}
	return fmt.Sprintf("this translation has %s, the canonical statement %d", count(len(ts), "clause"), len(cs))
}

func parentPath(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return p
}

// missing reports canonical clause steps[k].i, which has no counterpart:
// at the translated clause that now stands in its place, or after the
// last one.
func (a *aligner) missing(cs, ts []*doc.Clause, steps []step, k int, pt *doc.Clause) {
	c := cs[steps[k].i]
	next, prev := -1, -1
	for _, s := range steps[k+1:] {
		if s.op != stepMissing {
			next = s.j
			break
		}
	}
	for i := k - 1; i >= 0; i-- {
		if s := steps[i]; s.op != stepMissing {
			prev = s.j
			if s.op == stepSwap {
				prev++
			}
			break
		}
	}
	switch {
	case next >= 0:
		t := ts[next]
		what := "which has no counterpart either"
		if ct := a.canonicalOf(cs, steps, next); ct != nil {
			what = fmt.Sprintf("which corresponds to canonical clause %s (%s)", ct.Path, ct.Pos)
		}
		a.errs.Errorf(t.Pos, "clause %s of the canonical statement (%s) is missing here, before this clause %s, %s (%s)", c.Path, c.Pos, t.Path, what, counts(cs, ts))
	case prev >= 0:
		t := ts[prev]
		a.errs.Errorf(t.Pos, "clause %s of the canonical statement (%s) is missing after this clause %s (%s)", c.Path, c.Pos, t.Path, counts(cs, ts))
	default:
		pos := start(a.t)
		if pt != nil {
			pos = pt.Pos
		}
		a.errs.Errorf(pos, "clause %s of the canonical statement (%s) has no counterpart in this translation (%s)", c.Path, c.Pos, counts(cs, ts))
	}
}

// canonicalOf returns the canonical clause that translated clause j
// stands for in steps, or nil.
func (a *aligner) canonicalOf(cs []*doc.Clause, steps []step, j int) *doc.Clause {
	for _, s := range steps {
		switch {
		case s.op == stepMatch && s.j == j:
			return cs[s.i]
		case s.op == stepSwap && s.j == j:
			return cs[s.i+1]
		case s.op == stepSwap && s.j+1 == j:
			return cs[s.i]
		}
	}
	return nil
}

// extra reports translated clause steps[k].j, which has no counterpart,
// naming the canonical clauses it comes between.
func (a *aligner) extra(cs, ts []*doc.Clause, steps []step, k int) {
	t := ts[steps[k].j]
	var before, after *doc.Clause
	for i := k - 1; i >= 0 && before == nil; i-- {
		switch s := steps[i]; s.op {
		case stepMatch, stepMissing:
			before = cs[s.i]
		case stepSwap:
			before = cs[s.i+1]
		}
	}
	for _, s := range steps[k+1:] {
		if s.op != stepExtra {
			after = cs[s.i]
			break
		}
	}
	var where string
	switch {
	case before != nil && after != nil:
		where = fmt.Sprintf("it comes between canonical clauses %s (%s) and %s (%s)", before.Path, before.Pos, after.Path, after.Pos)
	case before != nil:
		where = fmt.Sprintf("it comes after canonical clause %s (%s), the last", before.Path, before.Pos)
	default:
		where = fmt.Sprintf("it comes before canonical clause %s (%s), the first", after.Path, after.Pos)
	}
	a.errs.Errorf(t.Pos, "clause %s has no counterpart in the canonical statement: %s (%s)", t.Path, where, counts(cs, ts))
}

// maxAlignCells bounds the work of aligning two clause lists of different
// lengths; beyond it clauses are paired by position.
const maxAlignCells = 4 << 20

// alignClauses finds the best correspondence between canonical clauses cs
// and translated clauses ts. Lists of equal length are paired in order,
// and two neighbours are reported swapped when their anchors say so
// clearly. Lists of different lengths are aligned by dynamic programming
// (as diff does), each pair scored by similarity, so that the clauses
// without counterpart are those whose absence fits the rest best; when
// nothing tells the clauses apart, the surplus is put at the end.
func alignClauses(cs, ts []*doc.Clause) []step {
	fc, ft := make([]clauseFeatures, len(cs)), make([]clauseFeatures, len(ts))
	lc, lt := 0, 0
	for i, c := range cs {
		fc[i] = features(c)
		lc += fc[i].length
	}
	for j, t := range ts {
		ft[j] = features(t)
		lt += ft[j].length
	}
	weighAnchors(fc, ft)
	ratio := (float64(lt) + 10) / (float64(lc) + 10)
	if len(cs) == len(ts) {
		return pairInOrder(fc, ft, ratio)
	}
	steps, ok := alignDP(fc, ft, ratio)
	if !ok {
		return byPosition(len(cs), len(ts))
	}
	// The overall ratio counted the surplus clauses; once they are known,
	// the ratio of the pairs is the better guide.
	lc, lt = 0, 0
	for _, s := range steps {
		if s.op == stepMatch {
			lc += fc[s.i].length
			lt += ft[s.j].length
		}
	}
	ratio = (float64(lt) + 10) / (float64(lc) + 10)
	steps, _ = alignDP(fc, ft, ratio)
	// Moving the surplus away from the end must be worth it: without
	// anchors, lengths of short clauses differ by chance.
	pos := byPosition(len(cs), len(ts))
	if pathScore(steps, fc, ft, ratio) < pathScore(pos, fc, ft, ratio)+0.15 {
		return pos
	}
	return steps
}

// alignGap is the score of a clause without counterpart. It is lower than
// any pair's, so an alignment has no more gaps than the counts require.
const alignGap = -0.6

// pathScore is the score of an alignment.
func pathScore(steps []step, fc, ft []clauseFeatures, ratio float64) float64 {
	sum := 0.0
	for _, s := range steps {
		switch s.op {
		case stepMatch:
			sum += similarity(fc[s.i], ft[s.j], ratio)
		case stepSwap:
			sum += similarity(fc[s.i], ft[s.j+1], ratio) + similarity(fc[s.i+1], ft[s.j], ratio) - 0.1
		default:
			sum += alignGap
		}
	}
	return sum
}

// alignDP aligns two clause lists of different lengths by dynamic
// programming over the band of diagonals that a path with the fewest gaps
// can use, with some slack for swaps. It fails when that band is too
// large to compute.
func alignDP(fc, ft []clauseFeatures, ratio float64) ([]step, bool) {
	n, m := len(fc), len(ft)
	const slack = 4
	lo, hi := min(0, m-n)-slack, max(0, m-n)+slack
	width := hi - lo + 1
	if (n+1)*width > maxAlignCells {
		return nil, false
	}
	neg := math.Inf(-1)
	score := make([]float64, (n+1)*width)
	from := make([]int8, (n+1)*width)
	at := func(i, j int) int {
		d := j - i
		if d < lo || d > hi || j < 0 || j > m {
			return -1
		}
		return i*width + d - lo
	}
	for k := range score {
		score[k] = neg
	}
	score[at(0, 0)] = 0
	for i := 0; i <= n; i++ {
		for j := max(0, i+lo); j <= min(m, i+hi); j++ {
			if i == 0 && j == 0 {
				continue
			}
			best, op := neg, int8(-1)
			try := func(k int, s float64, o int8) {
				if k >= 0 && score[k] > neg && score[k]+s > best {
					best, op = score[k]+s, o
				}
			}
			if i > 0 && j > 0 {
				try(at(i-1, j-1), similarity(fc[i-1], ft[j-1], ratio), stepMatch)
			}
			if i > 1 && j > 1 && swapped(fc[i-2], fc[i-1], ft[j-2], ft[j-1], ratio) {
				try(at(i-2, j-2), similarity(fc[i-2], ft[j-1], ratio)+similarity(fc[i-1], ft[j-2], ratio)-0.1, stepSwap)
			}
			// A gap that ties with a pair wins: read back from the
			// end, that puts a gap as late as the evidence allows.
			gapTry := func(k int, o int8) {
				if k >= 0 && score[k] > neg && score[k]+alignGap >= best-1e-9 {
					best, op = score[k]+alignGap, o
				}
			}
			if i > 0 {
				gapTry(at(i-1, j), stepMissing)
			}
			if j > 0 {
				gapTry(at(i, j-1), stepExtra)
			}
			here := at(i, j)
			score[here], from[here] = best, op
		}
	}
	var steps []step
	for i, j := n, m; i > 0 || j > 0; {
		k := at(i, j)
		if k < 0 {
			return nil, false
		}
		switch from[k] {
		case stepMatch:
			i, j = i-1, j-1
			steps = append(steps, step{stepMatch, i, j})
		case stepSwap:
			i, j = i-2, j-2
			steps = append(steps, step{stepSwap, i, j})
		case stepMissing:
			i--
			steps = append(steps, step{stepMissing, i, j})
		case stepExtra:
			j--
			steps = append(steps, step{stepExtra, i, j})
		default:
			return nil, false
		}
	}
	for l, r := 0, len(steps)-1; l < r; l, r = l+1, r-1 {
		steps[l], steps[r] = steps[r], steps[l]
	}
	return steps, true
}

// swapThreshold is how much better two neighbouring clauses must match
// crosswise than in order to be reported swapped. On the sample
// translations, clauses in their right order never score more than 0.01
// better crosswise, and truly swapped ones mostly 0.2 to 1.8 better.
const swapThreshold = 0.3

// swapped reports whether translated clauses t1, t2 clearly correspond to
// canonical c2, c1 rather than c1, c2.
func swapped(c1, c2, t1, t2 clauseFeatures, ratio float64) bool {
	straight := similarity(c1, t1, ratio) + similarity(c2, t2, ratio)
	cross := similarity(c1, t2, ratio) + similarity(c2, t1, ratio)
	return cross > straight+swapThreshold
}

// pairInOrder pairs two lists of the same length in order, except
// neighbours that are clearly swapped.
func pairInOrder(fc, ft []clauseFeatures, ratio float64) []step {
	var steps []step
	for i := 0; i < len(fc); i++ {
		if i+1 < len(fc) && swapped(fc[i], fc[i+1], ft[i], ft[i+1], ratio) {
			steps = append(steps, step{stepSwap, i, i})
			i++
			continue
		}
		steps = append(steps, step{stepMatch, i, i})
	}
	return steps
}

// byPosition pairs clauses in order and puts the surplus at the end.
func byPosition(n, m int) []step {
	var steps []step
	for i := range min(n, m) {
		steps = append(steps, step{stepMatch, i, i})
	}
	for i := m; i < n; i++ {
		steps = append(steps, step{stepMissing, i, m})
	}
	for j := n; j < m; j++ {
		steps = append(steps, step{stepExtra, n, j})
	}
	return steps
}
