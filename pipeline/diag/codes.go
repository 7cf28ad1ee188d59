package diag

// Code is a short stable identifier of a kind of diagnostic, such as
// "missing-message". Tests, --json consumers and tools such as
// "locales check" match on codes rather than on the wording, which may
// change. Every code polypress uses is one of the constants below, so that
// they are written once and listed in one place.
type Code string

// Codes of the diagnostics about locale files and their messages.
const (
	// MissingLocale: no locale file serves the locale; another's labels
	// are used.
	MissingLocale Code = "missing-locale"
	// MissingMessage: a message the locale file lacks; another file's is
	// used.
	MissingMessage Code = "missing-message"
	// PluralForms: a plural message lacks forms its language needs, or
	// has forms it does not use.
	PluralForms Code = "plural-forms"
	// StaleMessage: a message translated from an older English text.
	StaleMessage Code = "stale-message"
	// UnknownMessage: a message in a locale file that polypress does not
	// print.
	UnknownMessage Code = "unknown-message"
	// MessageTemplate: a message text that is not a template of the
	// fields it is documented to receive.
	MessageTemplate Code = "message-template"
	// MessageVars: a translation that drops a field of its message.
	MessageVars Code = "message-vars"
	// Numbering: a locale asks for a numbering system polypress does not
	// know.
	Numbering Code = "numbering"
)

// Codes of the diagnostics about statements, translations and packs.
const (
	// UnknownKey: a key that no file of its kind has (in front matter,
	// a locale file's conventions, a layout), usually with the key it
	// most resembles.
	UnknownKey Code = "unknown-key"
	// BodyLanguage: an edition whose body is in another language than its
	// labels.
	BodyLanguage Code = "body-language"
	// MissingField: a front matter key the translation lacks; the
	// canonical statement's is used.
	MissingField Code = "missing-field"
	// MissingPackText: a pack text (title, subtitle, issuer) that has no
	// version in the edition's language.
	MissingPackText Code = "missing-pack-text"
	// MissingText: a part of the canonical statement with no counterpart
	// in a translation.
	MissingText Code = "missing-text"
	// UnchangedText: a translation that copies the canonical text.
	UnchangedText Code = "unchanged-text"
	// Unaligned: a translation whose clauses do not align with the
	// canonical statement's.
	Unaligned Code = "unaligned"
	// UnstampedTranslation: a translation that records no source-digest.
	UnstampedTranslation Code = "unstamped-translation"
	// StaleTranslation: a translation made from an older canonical text.
	StaleTranslation Code = "stale-translation"
	// StaleClause: a clause whose canonical text changed since the
	// translation was made.
	StaleClause Code = "stale-clause"
	// StaleSegment: a segment (title, heading, paragraph) whose canonical
	// text changed since the translation was made.
	StaleSegment Code = "stale-segment"
	// MissingGlyph: a character that no font of the edition's stack has.
	MissingGlyph Code = "missing-glyph"
)

// Codes of the diagnostics about project files and builds.
const (
	// BadValue: a setting whose value its key does not take.
	BadValue Code = "bad-value"
	// Syntax: a file that is not in its format's syntax.
	Syntax Code = "syntax"
	// Draft: an edition that would be a draft, which a final build
	// refuses.
	Draft Code = "draft"
	// Parallel: a parallel edition that cannot be asked for (of a pack,
	// or in a language the statement has no text in).
	Parallel Code = "parallel"
)
