package text

import (
	"sort"

	"github.com/polypress/polypress/pipeline/internal/typesetting/language"
)

// Has reports whether the font maps r to a glyph. A font that does not
// parse has none.
func (f *Font) Has(r rune) bool {
	p, err := f.parse()
	if err != nil {
		return false
	}
	_, ok := p.font.Cmap.Lookup(r)
	return ok
}

// Scripts returns the ISO 15924 codes of the scripts the font has
// characters of ("Latn", "Tfng"), sorted; the characters every script
// shares (digits, punctuation) and combining marks count for none. A font
// that does not parse covers none.
func (f *Font) Scripts() []string {
	p, err := f.parse()
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	it := p.font.Cmap.Iter()
	for it.Next() {
		r, _ := it.Char()
		switch s := language.LookupScript(r); s {
		case language.Common, language.Inherited, language.Unknown:
		default:
			seen[s.String()] = true
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
