package localize

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
				if sm := src.msgs[spec.ID]; sm != nil && sourceHash(sm) != m.Hash {
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
