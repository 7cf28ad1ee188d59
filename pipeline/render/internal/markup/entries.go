package markup

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/doc"
)

// entryRunes is about how many characters of a clause's text its contents
// entry shows after the marker: enough to tell clauses apart in a PDF
// outline or a reading system's contents, short enough for one line.
const entryRunes = 48

// ClauseEntry is the contents entry of an operative clause — in the PDF
// outline, the EPUB navigation and the web page's contents — its marker
// and the start of its text, cut at a word with an ellipsis: "18. Demanded
// that India…". A lead-in ("The Ministerial meeting:") introduces clauses
// and has no entry of its own. A clause without text of its own (an
// article of paragraphs) is its marker alone.
func ClauseEntry(cl *doc.Clause) string {
	label := strings.TrimSpace(Clean(cl.Label))
	var first string
	for _, b := range cl.Body {
		if p, ok := b.(*doc.Paragraph); ok {
			first = strings.Join(strings.Fields(Clean(p.Text.Plain())), " ")
			break
		}
	}
	if first == "" {
		return label
	}
	// The colon or semicolon that leads on to sub-clauses or the next
	// clause does not end an entry.
	first = strings.TrimRight(shorten(first), " :;,：；，、؛،")
	if label == "" {
		return first
	}
	return label + " " + first
}

// shorten cuts s after about entryRunes characters, at a space when there
// is one in the second half (scripts without spaces between words, such
// as Chinese, are cut at the limit), without the punctuation before the
// cut, and marks the cut with an ellipsis.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= entryRunes {
		return s
	}
	cut, n := len(s), 0
	for i := range s {
		if n == entryRunes {
			cut = i
			break
		}
		n++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp >= 0 && utf8.RuneCountInString(s[:sp]) >= entryRunes/2 {
		cut = sp
	}
	return strings.TrimRightFunc(s[:cut], func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '”' && r != '»'
	}) + "…"
}
