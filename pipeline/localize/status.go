package localize

import (
	"fmt"
	"path"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// LocaleStatus is how far one locale file has come: what a translator asks
// "polypress locales status" for. Its JSON form is documented in
// docs/translating.md.
type LocaleStatus struct {
	// Locale is the file's tag ("fr"); File its display path.
	Locale string `json:"locale"`
	File   string `json:"file"`
	// Parents are the locale files it inherits from, nearest first
	// (["fr"] for fr-CA).
	Parents []string `json:"parents"`
	// PluralForms are the CLDR plural categories of the language.
	PluralForms []string `json:"plural_forms"`
	// Total is the number of messages; Translated how many the file gives
	// itself.
	Total      int `json:"total"`
	Translated int `json:"translated"`
	// Missing lists the IDs neither the file nor a parent gives, in
	// message-list order; Inherited those only a parent gives.
	Missing   []string `json:"missing"`
	Inherited []string `json:"inherited"`
	// Stale lists the IDs whose hash names an older English text.
	Stale []string `json:"stale"`
	// PluralGaps lists counted messages that lack plural forms the language
	// needs.
	PluralGaps []PluralGap `json:"plural_gaps"`
	// Unknown lists IDs the file has that no layout prints (typos).
	Unknown []string `json:"unknown"`
}

// PluralGap is a counted message missing some plural forms.
type PluralGap struct {
	ID    string   `json:"id"`
	Forms []string `json:"forms"`
}

// Complete reports whether the locale needs no more work.
func (s LocaleStatus) Complete() bool {
	return len(s.Missing) == 0 && len(s.Stale) == 0 && len(s.PluralGaps) == 0 && len(s.Unknown) == 0
}

// Status returns the status of every locale file, in tag order.
func (c *Catalog) Status() []LocaleStatus {
	src := c.files[SourceLocale]
	out := make([]LocaleStatus, 0, len(c.tags))
	for _, name := range c.tags {
		f := c.files[name]
		st := LocaleStatus{
			Locale:      f.name,
			File:        f.path,
			PluralForms: append([]string{}, f.forms...),
			Total:       len(Messages),
			Parents:     []string{},
			Missing:     []string{},
			Inherited:   []string{},
			Stale:       []string{},
			PluralGaps:  []PluralGap{},
			Unknown:     []string{},
		}
		anc := c.ancestors(f)
		for _, a := range anc {
			st.Parents = append(st.Parents, a.name)
		}
		for _, spec := range Messages {
			m := f.msgs[spec.ID]
			if m == nil || m.Other == "" {
				inherited := false
				for _, a := range anc {
					if am := a.msgs[spec.ID]; am != nil && am.Other != "" {
						inherited = true
						break
					}
				}
				if inherited {
					st.Inherited = append(st.Inherited, spec.ID)
				} else {
					st.Missing = append(st.Missing, spec.ID)
				}
				continue
			}
			st.Translated++
			if src != nil && f != src && m.Hash != "" {
				if sm := src.message(spec.ID); sm != nil && sourceHash(sm) != m.Hash {
					st.Stale = append(st.Stale, spec.ID)
				}
			}
			if spec.Plural {
				have := presentForms(m)
				var gap []string
				for _, form := range f.forms {
					if !contains(have, form) {
						gap = append(gap, form)
					}
				}
				if len(gap) > 0 {
					st.PluralGaps = append(st.PluralGaps, PluralGap{ID: spec.ID, Forms: gap})
				}
			}
		}
		for _, m := range f.list {
			if _, ok := messageSpec(m.ID); !ok {
				st.Unknown = append(st.Unknown, m.ID)
			}
		}
		out = append(out, st)
	}
	return out
}

// Unit states: what a translator still has to do with one string.
const (
	// UnitTranslated is a string translated from the current English.
	UnitTranslated = "translated"
	// UnitStale is a string translated from an older English text.
	UnitStale = "stale"
	// UnitUnstamped is a string with no record of the English it was
	// translated from (no hash), so whether it is current cannot be told.
	UnitUnstamped = "unstamped"
	// UnitMissing is a string the file does not give.
	UnitMissing = "missing"
)

// MessageUnit is one string a locale file gives: a message, or one plural
// form of a counted message. It is what a translation tool shows as one
// segment (an XLIFF trans-unit).
type MessageUnit struct {
	// ID is the message ID; Form the plural category ("other" for a
	// message that is not counted).
	ID     string
	Form   string
	Plural bool
	// Description is the English file's description of the message.
	Description string
	// Source is the English text this form translates: the English form
	// of the same category, else English "other" (gettext's msgid_plural).
	Source string
	// Text is the file's translation; empty when the unit is missing.
	Text string
	// State is one of the Unit states.
	State string
	// Hash is the message's recorded hash ("" when none); SourceHash the
	// hash of the current English message, which a current translation
	// records.
	Hash, SourceHash string
	// Vars are the template fields the message is given ({{.Page}}).
	Vars []string
}

// LocaleUnits are the strings one locale file gives or should give.
type LocaleUnits struct {
	// Locale is the tag; File the file's display path (for a locale with
	// no file yet, the path it would have).
	Locale, File string
	// Exists is false for a locale that has no file yet.
	Exists bool
	// Forms are the CLDR plural categories of the language.
	Forms []string
	// Inherited lists the messages only a parent file gives: they are not
	// units of this file.
	Inherited []string
	// Units are in message-list order, plural forms in CLDR order.
	Units []MessageUnit
}

// Units returns the strings of the locale file for tag, or of the file a
// new locale would have (every unit missing). The source locale's own
// file has every unit translated.
func (c *Catalog) Units(tag string) (LocaleUnits, error) {
	t, err := language.Parse(tag)
	if err != nil || t == language.Und {
		return LocaleUnits{}, fmt.Errorf("%q is not a BCP 47 language tag", tag)
	}
	src := c.files[SourceLocale]
	if src == nil {
		return LocaleUnits{}, fmt.Errorf("no %s.toml to take the source messages from", SourceLocale)
	}
	f := c.files[t.String()]
	out := LocaleUnits{Locale: t.String(), Exists: f != nil, Units: []MessageUnit{}, Inherited: []string{}}
	if f == nil {
		forms, err := cachedPluralForms(t)
		if err != nil {
			return LocaleUnits{}, fmt.Errorf("no CLDR plural rules for %s: %v", t, err)
		}
		f = &localeFile{tag: t, name: t.String(), path: path.Join(c.dir, t.String()+".toml"), msgs: map[string]*i18n.Message{}, forms: forms}
	}
	out.File, out.Forms = f.path, append([]string{}, f.forms...)
	anc := c.ancestors(f)
	for _, spec := range Messages {
		sm := src.message(spec.ID)
		if sm == nil {
			continue
		}
		m := f.msgs[spec.ID]
		if m == nil || m.Other == "" {
			inherited := false
			for _, a := range anc {
				if am := a.msgs[spec.ID]; am != nil && am.Other != "" {
					inherited = true
				}
			}
			if inherited {
				out.Inherited = append(out.Inherited, spec.ID)
				continue
			}
		}
		forms := []string{"other"}
		if spec.Plural {
			forms = f.forms
		}
		for _, form := range forms {
			u := MessageUnit{ID: spec.ID, Form: form, Plural: spec.Plural, Description: sm.Description, SourceHash: sourceHash(sm), Vars: spec.allowedVars()}
			u.Source = formText(sm, form)
			if u.Source == "" {
				u.Source = sm.Other
			}
			if m != nil {
				u.Text, u.Hash = formText(m, form), m.Hash
			}
			switch {
			case u.Text == "":
				u.State = UnitMissing
			case f == src:
				u.State = UnitTranslated
			case u.Hash == "":
				u.State = UnitUnstamped
			case u.Hash != u.SourceHash:
				u.State = UnitStale
			default:
				u.State = UnitTranslated
			}
			out.Units = append(out.Units, u)
		}
	}
	return out, nil
}

// SourceHash returns the hash a translation of message id records when it
// is made from the current English text, and whether the message exists.
func (c *Catalog) SourceHash(id string) (string, bool) {
	src := c.files[SourceLocale]
	if src == nil || src.message(id) == nil {
		return "", false
	}
	return sourceHash(src.message(id)), true
}

// FormExamples lists a few whole counts that take a plural form in a
// language ("1, 21, 31, 41…" for Russian "one"), for a translator's note;
// for a form only fractions take, it says so.
func FormExamples(tag, form string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return "?"
	}
	b := i18n.NewBundle(t)
	probe := &i18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(t, probe); err != nil {
		return "?"
	}
	l := i18n.NewLocalizer(b, t.String())
	var ex []string
	more := false
	for _, n := range []int{0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 19, 20, 21, 22, 25, 100, 101, 102, 111, 1000000} {
		f, err := l.Localize(&i18n.LocalizeConfig{MessageID: "probe", PluralCount: n})
		if err != nil || f != form {
			continue
		}
		if len(ex) == 5 {
			more = true
			break
		}
		ex = append(ex, fmt.Sprint(n))
	}
	if len(ex) == 0 {
		return "of fractions only (such as 1.5)"
	}
	s := strings.Join(ex, ", ")
	if more {
		s += "…"
	}
	return s
}

// formsPhrase names plural categories in a message: "form many", "forms
// few and many".
func formsPhrase(forms []string) string {
	switch len(forms) {
	case 0:
		return "forms"
	case 1:
		return "form " + forms[0]
	}
	return "forms " + strings.Join(forms[:len(forms)-1], ", ") + " and " + forms[len(forms)-1]
}
