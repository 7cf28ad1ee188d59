package localize

// Message describes one message of the canonical message list: a string some
// layout prints, which every locale file must provide.
type Message struct {
	// ID is the message's snake_case ID, the table name in locale files.
	ID string
	// Plural messages are chosen by a count and carry exactly the CLDR plural
	// keys of their language (en one/other, ar zero/one/two/few/many/other);
	// they may print the count as {{.Count}}.
	Plural bool
	// NoNumeral plural messages do not print their count ("About the
	// authors"): their form follows grammatical number — singular, dual,
	// plural — rather than CLDR's agreement with a numeral (see
	// headingCount).
	NoNumeral bool
	// Vars are the template fields the message is given. Each must appear in
	// its "other" form: a translation that drops {{.Total}} from "Page
	// {{.Page}} of {{.Total}}" has lost information.
	Vars []string
}

// Messages is the canonical message list, in the order of en.toml. Load
// accepts locale files that lack some of them (their editions fall back and
// are marked draft); Catalog.Check reports every gap, so that tools and tests
// can hold locale files to this list.
var Messages = []Message{
	// Statement kinds: "kind_" + the front matter kind with '-' as '_'.
	{ID: "kind_communique"},
	{ID: "kind_press_release"},
	{ID: "kind_joint_statement"},
	{ID: "kind_declaration"},
	{ID: "kind_resolution"},
	{ID: "kind_speech"},
	{ID: "about_authors", Plural: true, NoNumeral: true},
	{ID: "page_x_of_y", Vars: []string{"Page", "Total"}},
	{ID: "contents"},
	{ID: "date_line", Vars: []string{"Place", "Date"}},
	{ID: "original", Vars: []string{"Language"}},
	{ID: "reference", Vars: []string{"Reference"}},
	{ID: "draft"},
	{ID: "draft_notice"},
	{ID: "contributors"},
	{ID: "statements_in_pack", Plural: true, Vars: []string{"Count"}},
	{ID: "cover_issued_by", Vars: []string{"Issuer"}},
	{ID: "briefing_pack"},
	{ID: "page"},
	{ID: "cover"},
	{ID: "landmarks"},
	// Official documents and press releases.
	{ID: "article", Vars: []string{"Number"}},
	{ID: "annex", Vars: []string{"Number"}},
	{ID: "clause_reference", Vars: []string{"Clause"}},
	{ID: "article_reference", Vars: []string{"Clause"}},
	{ID: "annex_reference", Vars: []string{"Reference", "Annex"}},
	{ID: "footnotes"},
	{ID: "back_to_text"},
	{ID: "embargo", Vars: []string{"Time", "Zone", "Date"}},
	{ID: "end_mark"},
	{ID: "notes_to_editors"},
	{ID: "contact", Plural: true, NoNumeral: true},
	{ID: "phone"},
	{ID: "email"},
	{ID: "done_at", Vars: []string{"Place", "Date"}},
	{ID: "on_behalf_of", Vars: []string{"Party"}},
}

// messageSpec returns the canonical description of id.
func messageSpec(id string) (Message, bool) {
	for _, m := range Messages {
		if m.ID == id {
			return m, true
		}
	}
	return Message{}, false
}

// messageIDs returns the IDs of Messages, for "did you mean" suggestions.
func messageIDs() []string {
	ids := make([]string, len(Messages))
	for i, m := range Messages {
		ids[i] = m.ID
	}
	return ids
}

// allowedVars returns the fields a message may use: its Vars, and Count
// for a plural message.
func (m Message) allowedVars() []string {
	if !m.Plural {
		return m.Vars
	}
	for _, v := range m.Vars {
		if v == "Count" {
			return m.Vars
		}
	}
	return append(append([]string(nil), m.Vars...), "Count")
}
