// Package langmatch decides which of the languages polypress has — locale
// files, a statement's translations, a pack's titles — serves a locale a
// user asks for. Every stage asks it, so that a locale is served by the
// same language everywhere: the body, the labels and the pack's texts.
//
// golang.org/x/text's Matcher alone is not enough: it rates Danish served
// by Norwegian Bokmål, Malay by Indonesian and Swiss German by German as
// High confidence, because readers of one mostly understand the other. A
// statement is an official text: an edition labelled Danish must be in
// Danish. So a match across languages is refused, whatever its confidence.
package langmatch

import "golang.org/x/text/language"

// Matcher finds the closest of a fixed list of tags.
type Matcher struct {
	have    []language.Tag
	matcher language.Matcher
}

// New returns a Matcher over have. The order of have only decides between
// equally close tags: the first wins.
func New(have []language.Tag) *Matcher {
	m := &Matcher{have: have}
	if len(have) > 0 {
		m.matcher = language.NewMatcher(have)
	}
	return m
}

// Closest returns the index in have of the tag that serves want, or -1
// when none does. A tag serves want when it is want itself (Unicode
// extensions such as -u-nu-arab aside), one of want's parents (fr for
// fr-CA, zh-Hant for zh-Hant-HK), or what x/text's matcher calls an exact
// match or a high-confidence one in the same language and script (en-GB for
// en-US, pt for pt-BR). Never another language: da is not served by nb, fa
// not by ar, zh-Hant not by zh-Hans.
func (m *Matcher) Closest(want language.Tag) int {
	if m.matcher == nil {
		return -1
	}
	w := Strip(want)
	for i, h := range m.have {
		if Strip(h) == w {
			return i
		}
	}
	for p := w.Parent(); !p.IsRoot(); p = p.Parent() {
		for i, h := range m.have {
			if Strip(h) == p {
				return i
			}
		}
	}
	_, i, conf := m.matcher.Match(w)
	switch {
	case conf == language.Exact:
		return i
	case conf == language.High && SameLanguage(w, m.have[i]):
		return i
	}
	return -1
}

// Closest is New(have).Closest(want), for a single question.
func Closest(want language.Tag, have []language.Tag) int {
	return New(have).Closest(want)
}

// ClosestString is Closest for tags written as strings; a tag that does
// not parse serves nothing and is served by nothing.
func ClosestString(want string, have []string) int {
	w, err := language.Parse(want)
	if err != nil {
		return -1
	}
	tags := make([]language.Tag, 0, len(have))
	index := make([]int, 0, len(have))
	for i, h := range have {
		if t, err := language.Parse(h); err == nil {
			tags = append(tags, t)
			index = append(index, i)
		}
	}
	if i := Closest(w, tags); i >= 0 {
		return index[i]
	}
	return -1
}

// SameBase reports whether a and b are the same language, whatever their
// script or region (sr-Latn and sr-Cyrl are; da and nb are not).
func SameBase(a, b language.Tag) bool {
	ab, _ := a.Base()
	bb, _ := b.Base()
	return ab == bb
}

// SameLanguage reports whether a and b are the same language in the same
// script, guessing the script a tag leaves out (fr-CA and fr are; zh-Hans
// and zh-Hant are not; sr and sr-Cyrl are).
func SameLanguage(a, b language.Tag) bool {
	as, _ := a.Script()
	bs, _ := b.Script()
	return SameBase(a, b) && as == bs
}

// Strip returns t without its extensions and private-use subtags (ar for
// ar-u-nu-arab), the tag a file is named by.
func Strip(t language.Tag) language.Tag {
	base, script, region := t.Raw()
	out, err := language.Compose(base, script, region)
	if err != nil {
		return t
	}
	return out
}
