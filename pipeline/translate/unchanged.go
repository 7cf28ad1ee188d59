package translate

import (
	"strings"
	"unicode"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

// A translated segment that reads the same as its canonical counterpart
// was most likely copied and never translated, as Weblate's "Unchanged
// translation" check says. Long segments are held to "nearly the same"
// too: a copy with a date or a name changed is still a copy.

// nearlyWords is the length, in words, from which a segment is compared
// for near identity; nearlyLikeness how alike its words must be.
const (
	nearlyWords    = 12
	nearlyLikeness = 0.9
)

// unchanged reports whether translated text t is canonical text c
// unchanged, or nearly so for a long segment. Both are segment texts.
func unchanged(c, t string) bool {
	if c == t {
		return true
	}
	wc, wt := tokens(strings.ToLower(c)), tokens(strings.ToLower(t))
	if len(wc) < nearlyWords {
		return false
	}
	return likeness(wc, wt) >= nearlyLikeness
}

// exempt reports whether a segment may read the same in every language:
// made only of numbers, web and mail addresses, codes (OIC, A/HRC/43/L.1)
// and names. Names are told by their capital letters, which is safe only
// in a short front matter value (a place, an issuer): body text ("The
// Committee:") and headings are capitalised without being names. A table
// cell of a few words may read the same too.
func exempt(s *Segment) bool {
	text := ""
	for _, p := range s.Paras {
		text += " " + doc.Inline(p).Plain()
	}
	words := strings.FieldsFunc(text, func(r rune) bool { return isPySpace(r) || r == '(' || r == ')' || r == ',' })
	if len(words) == 0 {
		return true
	}
	for _, w := range words {
		w = strings.Trim(w, pocountPunct)
		switch {
		case w == "":
		case strings.Contains(w, "://") || strings.Contains(w, "@") || strings.HasPrefix(w, "www."):
		case !strings.ContainsFunc(w, unicode.IsLetter):
			// Numbers, dates, symbols.
		case !strings.ContainsFunc(w, unicode.IsLower) && strings.ContainsFunc(w, unicode.IsUpper):
			// A code or an acronym.
		case s.Plain() && len(words) <= 6 && unicode.IsUpper([]rune(w)[0]):
			// A name.
		case s.Kind == KindCell && len(words) <= 3:
			// A short table cell: a name, a code or a word both
			// languages write alike ("Stations", "Velmora").
		default:
			return false
		}
	}
	return true
}

// unchangedDiagnostic is the warning for a translated segment that is its
// canonical text unchanged.
func unchangedDiagnostic(c, t *Segment, trPath string) *diag.Diagnostic {
	pos := t.Pos
	if !pos.IsValid() {
		pos = diag.Pos{File: trPath, Line: 1, Col: 1}
	}
	what := "is"
	if segmentText(c) != segmentText(t) {
		what = "is nearly"
	}
	return diag.Warnf(pos, "%s %s the canonical text unchanged (%s); translate it", t.Label, what, c.Pos).WithCode("unchanged-text")
}

// Unchanged returns a warning for each segment of translation that is its
// canonical text unchanged, or nearly so (see the package's checks):
// what a build reports, and --final refuses, since an edition with
// untranslated text is not final.
func Unchanged(canonical, translation *doc.Document) diag.List {
	al := source.AlignDocuments(canonical, translation)
	p := NewPair(canonical, translation, al)
	var out diag.List
	for _, s := range p.Segments {
		t := p.Counterparts[s.ID]
		if t != nil && unchanged(segmentText(s), segmentText(t)) && !exempt(s) {
			out.Add(unchangedDiagnostic(s, t, translation.Path))
		}
	}
	out.Sort()
	return out
}
