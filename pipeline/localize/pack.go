package localize

import (
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// LocalizePack makes a briefing pack ready for one locale: the cover's
// texts in the locale's language (a text the manifest lacks in that
// language falls back to the pack's own language, with a warning), the
// statements' editions (already localized) in manifest order, and every
// author of them once, sorted by the locale's collation: Arabic, French and
// Chinese readers each look names up in their own order.
func (c *Catalog) LocalizePack(pk *doc.Pack, locale string, statements []*doc.Edition, opts Options) (*doc.PackEdition, error) {
	p, err := c.Printer(locale, opts)
	if err != nil {
		return nil, err
	}
	pe := &doc.PackEdition{
		ID: pk.ID, Locale: p.Locale(), Lang: p.Lang(), Dir: p.conv.Dir,
		Date: pk.Date, Logo: pk.Logo, LogoData: pk.LogoData, Statements: statements, Pack: pk,
	}
	var diags diag.List
	text := func(key string, l doc.Localized) string {
		s, d := pickLocalized(l, locale, pk.Lang)
		if d != "" {
			pos := pk.Pos[key]
			if opts.Strict {
				diags.Add(diag.Errorf(pos, "pack %s has no %s text (using %s)", key, locale, d).WithCode("missing-pack-text"))
			} else {
				diags.Add(diag.Warnf(pos, "pack %s has no %s text; using the %s one", key, locale, d).WithCode("missing-pack-text"))
			}
		}
		if p.conv.TextDigits {
			s = p.digits.text(s)
		}
		return s
	}
	pe.Title = text("title", pk.Title)
	pe.Subtitle = text("subtitle", pk.Subtitle)
	pe.Issuer = text("issuer", pk.Issuer)
	if pe.Logo != "" {
		// A logo stands for its issuer unless the manifest says what it
		// shows.
		pe.LogoAlt = text("logo-alt", pk.LogoAlt)
		for _, alt := range []string{pe.Issuer, pe.Title} {
			if pe.LogoAlt == "" {
				pe.LogoAlt = alt
			}
		}
	}
	pe.DateLine = p.Date(pk.Date)
	pe.KindLabel = p.Text("briefing_pack", nil)
	pe.Contributors = contributors(statements, p.file.tag)
	pe.Labels = p.labels(len(pe.Contributors))
	if err := p.Err(); err != nil {
		return nil, err
	}
	all := p.Diagnostics("briefing_pack", "contents", "draft", "contributors", "page_x_of_y")
	all.Append(diags)
	all.Sort()
	pe.Diagnostics = all
	pe.Draft = len(all) > 0
	for _, ed := range statements {
		pe.Draft = pe.Draft || ed.Draft
	}
	if all.HasErrors() {
		return nil, all.Err()
	}
	return pe, nil
}

// pickLocalized returns the text of l that best matches locale, or else the
// text in fallback (the pack's language) and that language's tag.
func pickLocalized(l doc.Localized, locale, fallback string) (text, usedInstead string) {
	if len(l) == 0 {
		return "", ""
	}
	keys := make([]string, 0, len(l))
	for k := range l {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	tags := make([]language.Tag, len(keys))
	for i, k := range keys {
		tags[i] = language.Make(k)
	}
	want, err := language.Parse(locale)
	if err == nil {
		_, idx, conf := language.NewMatcher(tags).Match(want)
		if conf >= language.High {
			return l[keys[idx]], ""
		}
	}
	if s, ok := l[fallback]; ok {
		return s, fallback
	}
	return l[keys[0]], keys[0]
}

// contributors lists every author of the statements once (by name, the
// first statement's entry wins), sorted by the collation of tag.
func contributors(statements []*doc.Edition, tag language.Tag) []*doc.Author {
	var out []*doc.Author
	seen := map[string]bool{}
	for _, ed := range statements {
		for _, a := range ed.Authors {
			key := strings.Join(strings.Fields(a.Name), " ")
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, a)
		}
	}
	col := collate.New(tag, collate.Loose)
	slices.SortStableFunc(out, func(a, b *doc.Author) int {
		if c := col.CompareString(sortName(a.Name), sortName(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// honorifics are dropped from the front of a name before sorting, so that
// "Dr Omar Siddiqui" sorts with the other names, not under D.
var honorifics = []string{
	"Professor", "Prof.", "Prof", "Dr", "Dr.", "Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "H.E.", "Ambassador",
	"Pr", "Pr.", "M.", "Mme", "Mme.", "S.E.",
	"الدكتور", "الدكتورة", "د.", "الأستاذ", "الأستاذة", "البروفيسور", "البروفيسورة", "السيد", "السيدة", "معالي", "سعادة",
}

func sortName(name string) string {
	f := strings.Fields(name)
	for len(f) > 1 && slices.Contains(honorifics, f[0]) {
		f = f[1:]
	}
	return strings.Join(f, " ")
}
