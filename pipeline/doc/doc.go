// Package doc defines the values that flow through the polypress pipeline:
//
//	source files ──source.Parse──▶ Document ──localize──▶ Edition ──render──▶ file
//
// A Document is a statement as written, in one language, with every node
// keeping its source position. An Edition is a Document made ready for one
// locale: clause markers, dates, digits and labels are finished strings, so
// that renderers only lay out and never decide wording.
package doc

import (
	"time"

	"github.com/polypress/polypress/pipeline/diag"
)

// Kinds lists the statement kinds a front matter may name, in the order the
// documentation gives them. Each is printed through the locale message
// "kind_<name>" (with '-' replaced by '_').
var Kinds = []string{"communique", "press-release", "joint-statement", "declaration", "resolution", "speech"}

// Document is one statement in one language, as parsed from Markdown with
// YAML front matter.
type Document struct {
	// Path is the file the document was read from, as given by the caller.
	Path string
	// Digest is the hex SHA-256 of the file's bytes; translations record the
	// canonical digest they were made from to detect staleness.
	Digest string
	Meta   Meta
	Body   []Block
	// Notes are the footnotes, in the order of their references (Number
	// 1, 2, …).
	Notes []*Footnote
}

// Meta is the front matter of a statement.
type Meta struct {
	ID        string
	Title     string
	Subtitle  string
	Kind      string
	Issuer    string
	Date      time.Time // a calendar date at 00:00 UTC
	Place     string
	Reference string
	Lang      string // BCP 47 tag as written
	Authors   []*Author
	// SourceDigest is set in translations: the Digest of the canonical
	// statement the translation was made from (front matter key
	// "source-digest").
	SourceDigest string
	// SourceClauses is set in translations: the digest of each canonical
	// clause's own text when the translation was made, by clause path
	// ("18.c"), so that a stale translation can say which clauses changed
	// (front matter key "source-clauses"; see source.ClauseDigests).
	SourceClauses map[string]string
	// Numbering is the numbering style of each clause level, from level
	// 1 (front matter key "numbering"); levels it does not name use the
	// locale's default.
	Numbering []NumberStyle
	// Logo is the path of the statement's logo (PNG or JPEG), as
	// written, relative to the statement's folder; LogoAlt its text
	// alternative.
	Logo, LogoAlt string
	// LogoPos is where the logo's file name is written.
	LogoPos diag.Pos
	// Embargo is the time before which the statement may not be
	// published, with its zone as written; zero when there is none.
	Embargo time.Time
	// Contacts are the press contacts; Signatories those who sign.
	Contacts    []*Contact
	Signatories []*Signatory
	// Pos records where each front matter key was written, by key.
	Pos map[string]diag.Pos
}

// Author is one entry of the front matter's authors list.
type Author struct {
	Pos  diag.Pos
	Name string
	Role string
	Bio  []*Paragraph
}

// Style is a set of inline styles.
type Style uint8

// Inline styles kept from the Markdown source.
const (
	Emphasis Style = 1 << iota
	Strong
	Code
)

// Span is a run of text with one style. Pos is the position of the span's
// first character; a span never crosses a source line, so the column of the
// n-th rune is Pos.Col+n (the parser may append one space for a soft line
// break, which has no position of its own).
type Span struct {
	Pos   diag.Pos
	Text  string
	Style Style
	// Link is the destination when the span is the text of a link.
	Link string
	// Lang is the BCP 47 language of the span when the source marks it
	// ([text]{lang=ur}); empty: the paragraph's.
	Lang string
	// Note is set on a footnote reference ("[^1]"), a span of its own.
	// Its Text is empty in a Document and the footnote's Mark in an
	// Edition.
	Note *Footnote
}

// Inline is rich text: spans in logical (reading) order.
type Inline []Span

// Plain returns the text without styles.
func (in Inline) Plain() string {
	n := 0
	for _, s := range in {
		n += len(s.Text)
	}
	b := make([]byte, 0, n)
	for _, s := range in {
		b = append(b, s.Text...)
	}
	return string(b)
}

// Direction is a writing direction.
type Direction string

// Writing directions, spelt as in HTML's dir attribute.
const (
	LTR Direction = "ltr"
	RTL Direction = "rtl"
)

// Edition is one statement in one locale, ready to render. Every string in
// it is final: labels are translated, numbers are in the locale's digits,
// clause markers in the locale's style.
type Edition struct {
	// ID names the output files: <ID>.<Locale>.pdf.
	ID string
	// Locale is the locale the edition was asked for ("fr-CA").
	Locale string
	// Lang is the BCP 47 language of the text ("fr"); Dir its direction.
	Lang string
	Dir  Direction
	// CanonicalLang is the language of the canonical statement.
	CanonicalLang string

	Title     string
	Subtitle  string
	Kind      string // the front matter kind ("communique")
	KindLabel string // its localized name ("Communiqué")
	Issuer    string
	Place     string
	Reference string
	Date      time.Time
	// DateLine is the place and date as printed ("Jeddah, 22 June 2020").
	DateLine string
	// Original is the "Original: English" line of a translation; empty for
	// the canonical edition.
	Original string

	Body    []Block
	Authors []*Author
	// Notes are the footnotes, numbered, with their marks.
	Notes []*Footnote

	// Embargo is the embargo line as printed ("Embargoed until 10:00
	// GMT, 2 March 2020"), empty when there is none; EmbargoTime the
	// time itself.
	Embargo     string
	EmbargoTime time.Time
	// Logo is the path of the logo file (resolved against the canonical
	// statement's folder), LogoAlt its text alternative; empty: none.
	Logo, LogoAlt string

	Labels Labels
	// Conventions are the locale's typographic conventions.
	Conventions Conventions

	// Draft is set when the edition was built with fallbacks or stale
	// translations; renderers mark it visibly.
	Draft bool
	// Diagnostics met while localizing (fallbacks, missing plural forms).
	Diagnostics diag.List

	// Source is the document whose body this edition shows (the translation,
	// or the canonical statement); Canonical is the canonical statement.
	Source    *Document
	Canonical *Document
}

// Labels are the localized words that layouts print around the body.
type Labels struct {
	AboutAuthors string // "About the author" or "About the authors", by count
	Contents     string
	Draft        string
	Authors      string // heading of a pack's contributors section
	// Footnotes heads the footnotes of an e-book or web page, and
	// BackToText names the link from a footnote back to its reference.
	Footnotes, BackToText string
	// PageOf formats the footer, "Page 3 of 7", in the locale's words and
	// digits.
	PageOf func(page, total int) string
	// Number formats an integer in the locale's digits.
	Number func(n int) string
}

// Conventions are a locale's typographic conventions, read from its locale
// file.
type Conventions struct {
	QuoteOpen, QuoteClose string
	NumberingSystem       string // "latn", "arab", "arabext", "deva", ...
	// Typography is how the locale hyphenates and breaks lines.
	Typography Typography
}

// Typography is how a locale hyphenates and breaks lines, as its locale
// file's [_conventions] table says (locales/en.toml documents each key).
// The text engine (pipeline/text) follows it; the zero value hyphenates
// nothing and adds no rule to Unicode's line breaking.
type Typography struct {
	// Hyphenation names the hyphenation pattern set (a file set in
	// locales/hyphenation: "en-gb", "de-1996"); empty: no automatic
	// hyphenation. Soft hyphens in the text are honoured either way.
	Hyphenation string
	// HyphenLeft and HyphenRight are the fewest letters a word keeps
	// before and after a hyphen.
	HyphenLeft, HyphenRight int
	// HyphenateCapitalized lets words that begin with a capital letter be
	// hyphenated (German nouns); when false, names are left whole. Words
	// in capitals only (acronyms) are never hyphenated.
	HyphenateCapitalized bool
	// HyphenLadder is the most lines in a row that may end with a hyphen;
	// 0 sets no limit.
	HyphenLadder int
	// NoBreakAfter lists words after which a line never breaks (the Urdu
	// and Persian conjunction "و" written apart).
	NoBreakAfter []string
	// NoLineStart lists characters that never begin a line, even after a
	// space (the Devanagari danda "।" and double danda "॥").
	NoLineStart string
	// GlueNumbers forbids a line break between a number and the word that
	// follows it ("5 August", "57 Member States").
	GlueNumbers bool
	// ThinSpaceBefore lists characters that are set after a narrow no-break
	// space (French ";:!?»"); ThinSpaceAfter those set before one
	// (French "«"). The space replaces a space written in the text, or is
	// added where none was; copied text still gives what was written.
	ThinSpaceBefore, ThinSpaceAfter string
	// FullWidthPunctuation sets punctuation as Chinese and Japanese do:
	// quotation marks one em wide (from a Latin font that draws them
	// narrow, placed where a CJK font would), and the blank half of
	// full-width marks removed between adjacent marks and at line edges
	// (JLREQ, CLREQ).
	FullWidthPunctuation bool
}

// Pack is a briefing pack manifest as written (pack.yaml): several
// statements bound into one PDF and one EPUB per locale.
type Pack struct {
	// Path is the manifest file; Digest the hex SHA-256 of its bytes.
	Path   string
	Digest string
	ID     string
	// Title, Subtitle and Issuer are per language: a plain value in the
	// manifest is stored under Lang.
	Title, Subtitle, Issuer Localized
	Date                    time.Time
	// Lang is the language plain values are written in (default "en").
	Lang string
	// Logo is the path of the cover logo (PNG, JPEG or SVG), resolved
	// against the manifest's folder; empty when there is none. LogoData is
	// its content, read once when the manifest is parsed: renderers use it
	// rather than reading the file again.
	Logo     string
	LogoData []byte
	// LogoAlt is the logo's text alternative per language (manifest key
	// "logo-alt"): what a screen reader says for it.
	LogoAlt Localized
	// Statements are the statement paths, resolved against the manifest's
	// folder, in order.
	Statements []string
	// Locales to build when the command line names none.
	Locales []string
	// Layout is a layout name or file, when the manifest names one.
	Layout string
	// Pos records where each key (and "statements.N") was written.
	Pos map[string]diag.Pos
}

// Localized is a text given per BCP 47 language tag.
type Localized map[string]string

// PackEdition is a pack made ready for one locale: a cover, the statements'
// editions in order, and every contributor once, sorted for the locale.
type PackEdition struct {
	ID     string
	Locale string
	Lang   string
	Dir    Direction

	Title, Subtitle, Issuer string
	Date                    time.Time
	// DateLine is the pack's date as printed in the locale.
	DateLine string
	// KindLabel names what this is: "Briefing pack".
	KindLabel string
	// Logo is the cover logo's path, or empty; LogoData its content,
	// when the pack manifest was read from a file. LogoAlt says what it
	// shows (the manifest's logo-alt, else the issuer's name, else the
	// title).
	Logo, LogoAlt string
	LogoData      []byte

	Statements []*Edition
	// Contributors are the statements' authors, each once, sorted by the
	// locale's collation.
	Contributors []*Author

	Labels Labels
	Draft  bool
	// Diagnostics met while localizing the pack itself.
	Diagnostics diag.List
	Pack        *Pack
}
