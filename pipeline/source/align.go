package source

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

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
// translation that drops or adds a sub-clause is an error, not a nuance.
// Each problem is positioned in the translation and names the canonical
// file and line, e.g.
//
//	statement.fr.md:40:4: clause 18 has 4 sub-clauses, canonical has 5 (statement.md:52:4)
//
// The list is sorted; it is empty when the two align.
func Align(canonical, translation *doc.Document) diag.List {
	a := &aligner{c: canonical, t: translation}
	a.meta()
	a.authors()
	a.headings()
	a.clauses()
	a.errs.Sort()
	return a.errs
}

type aligner struct {
	c, t *doc.Document
	errs diag.List
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
	switch n {
	case 0:
		return "no " + noun + "s"
	case 1:
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// placedHeading is a heading and the number of top-level clauses before it.
type placedHeading struct {
	*doc.Heading
	after int
}

func headingsOf(body []doc.Block) []placedHeading {
	var out []placedHeading
	clauses := 0
	for _, b := range body {
		switch b := b.(type) {
		case *doc.Heading:
			out = append(out, placedHeading{b, clauses})
		case *doc.ClauseList:
			clauses += len(b.Clauses)
		}
	}
	return out
}

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
		case c.after != t.after:
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

// topClauses lists the top-level clauses of a body in order.
func topClauses(body []doc.Block) []*doc.Clause {
	var out []*doc.Clause
	for _, b := range body {
		if cl, ok := b.(*doc.ClauseList); ok {
			out = append(out, cl.Clauses...)
		}
	}
	return out
}

func (a *aligner) clauses() {
	cs, ts := topClauses(a.c.Body), topClauses(a.t.Body)
	for i := range min(len(cs), len(ts)) {
		a.subClauses(cs[i], ts[i])
	}
	switch {
	case len(ts) > len(cs):
		a.errs.Errorf(ts[len(cs)].Pos, "clause %d has no counterpart in the canonical statement (%s, %s)", len(cs)+1, count(len(cs), "clause"), a.c.Path)
	case len(ts) < len(cs):
		pos := start(a.t)
		if len(ts) > 0 {
			pos = ts[len(ts)-1].Pos
		}
		miss := cs[len(ts)]
		a.errs.Errorf(pos, "clause %s of the canonical statement (%s) has no counterpart in this translation (%s)", miss.Path, miss.Pos, count(len(ts), "clause"))
	}
}

// subClauses compares the sub-clause trees of two matching clauses. When the
// counts differ, the messages point at the first sub-clause of each, where a
// reader starts comparing; deeper levels are compared only when the counts
// agree, since a shifted list would give one message per sub-clause.
func (a *aligner) subClauses(c, t *doc.Clause) {
	if len(c.Subs) != len(t.Subs) {
		tp, cp := t.Pos, c.Pos
		if len(t.Subs) > 0 {
			tp = t.Subs[0].Pos
		}
		if len(c.Subs) > 0 {
			cp = c.Subs[0].Pos
		}
		a.errs.Errorf(tp, "clause %s has %s, canonical has %d (%s)", t.Path, count(len(t.Subs), "sub-clause"), len(c.Subs), cp)
		return
	}
	for i := range c.Subs {
		a.subClauses(c.Subs[i], t.Subs[i])
	}
}
