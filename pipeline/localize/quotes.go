package localize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/doc"
)

// Typographic quotation marks.
//
// Authors type straight quotes (" and ') on their keyboards; a printed
// statement shows the marks of its language: “…” and ‘…’ in English, « … »
// in French, „…“ in German. The edition's text gets them here, once, so
// that the PDF, the e-book and the web page agree, while the statement's
// source (and so its XLIFF export) keeps what the author wrote.
//
// Whether a straight quote opens or closes is decided, as SmartyPants does,
// by the characters on either side of it in reading (logical) order, so
// right-to-left text is handled the same way; a quote inside a quote takes
// the locale's inner marks, whichever straight mark the author typed. A '
// inside a word or after one ("don't", "l'accord", "States'") is an
// apostrophe, ’; after a digit, ' and " are the prime and double prime
// (5′10″) unless they close a quotation. Code, web addresses and
// backslash-escaped marks (\") are left straight, as are marks already
// typographic in the source.

// quoteMarks are a locale's marks: the outer pair, the inner pair used for
// a quotation inside another, and the apostrophe.
type quoteMarks struct {
	open, close           string
	innerOpen, innerClose string
}

const (
	apostrophe  = "’" // U+2019, as CLDR's delimiters give it for every shipped locale
	prime       = "′" // U+2032: feet, minutes
	doublePrime = "″" // U+2033: inches, seconds
)

// quoteMarksOf returns the marks of conv; without inner_quotes, an inner
// quotation takes the outer marks.
func quoteMarksOf(conv Conventions) quoteMarks {
	q := quoteMarks{open: conv.QuoteOpen, close: conv.QuoteClose, innerOpen: conv.InnerQuoteOpen, innerClose: conv.InnerQuoteClose}
	if q.innerOpen == "" || q.innerClose == "" {
		q.innerOpen, q.innerClose = q.open, q.close
	}
	return q
}

func (q quoteMarks) enabled() bool { return q.open != "" && q.close != "" }

// qrune is one character of a paragraph's text as the conversion sees it.
type qrune struct {
	r rune
	// fixed: the character is never changed (code, a web address, an
	// escaped mark, a footnote reference), but it is still a neighbour.
	fixed bool
}

// text returns s with its straight quotes made typographic.
func (q quoteMarks) text(s string) string {
	if !q.enabled() || !strings.ContainsAny(s, `"'`) {
		return s
	}
	out := doc.Inline{{Text: s}}
	q.inline(out)
	return out[0].Text
}

// inline makes the straight quotes of in typographic, changing in. The
// whole paragraph is one sequence, so that a quote opened in plain text
// and closed after an emphasised word is one quotation.
func (q quoteMarks) inline(in doc.Inline) {
	if !q.enabled() {
		return
	}
	has := false
	for _, s := range in {
		if strings.ContainsAny(s.Text, `"'`) {
			has = true
			break
		}
	}
	if !has {
		return
	}
	var rs []qrune
	starts := make([]int, len(in)+1)
	for i, s := range in {
		starts[i] = len(rs)
		switch {
		case s.Note != nil:
			// A reference mark reads as punctuation after the word.
			rs = append(rs, qrune{r: '\uFFFC', fixed: true})
			continue
		case s.Style&doc.Code != 0 || s.Link != "" && s.Text == s.Link:
			for _, r := range s.Text {
				rs = append(rs, qrune{r: r, fixed: true})
			}
			continue
		}
		escaped := i > 0 && escapedStart(in[i-1], s)
		base := len(rs)
		for _, r := range s.Text {
			rs = append(rs, qrune{r: r})
		}
		if escaped {
			rs[base].fixed = true
		}
		fixURLs(rs[base:])
	}
	starts[len(in)] = len(rs)
	out := q.convert(rs)
	for i := range in {
		if in[i].Note != nil || in[i].Style&doc.Code != 0 {
			continue
		}
		var b strings.Builder
		for _, t := range out[starts[i]:starts[i+1]] {
			b.WriteString(t)
		}
		in[i].Text = b.String()
	}
}

// escapedStart reports whether s begins with a mark the source escaped
// with a backslash: the parser drops the backslash and starts a span at
// the mark, one column after the end of the span before on the same line,
// with the same style.
func escapedStart(prev, s doc.Span) bool {
	if s.Text == "" || s.Text[0] != '"' && s.Text[0] != '\'' || prev.Note != nil {
		return false
	}
	return prev.Style == s.Style && prev.Link == s.Link && prev.Lang == s.Lang &&
		prev.Pos.File == s.Pos.File && prev.Pos.Line == s.Pos.Line && prev.Pos.Line > 0 &&
		prev.Pos.Col+utf8.RuneCountInString(prev.Text)+1 == s.Pos.Col
}

// fixURLs marks the characters of words that are web addresses, whose
// quotes must stay as typed.
func fixURLs(rs []qrune) {
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i].r) {
			i++
			continue
		}
		j := i
		var w strings.Builder
		for j < len(rs) && !unicode.IsSpace(rs[j].r) {
			w.WriteRune(rs[j].r)
			j++
		}
		if s := w.String(); strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || strings.HasPrefix(s, "mailto:") {
			for k := i; k < j; k++ {
				rs[k].fixed = true
			}
		}
		i = j
	}
}

// opened is a quotation opened and not yet closed.
type opened struct {
	mark  rune // the straight mark that opened it
	inner bool // it takes the inner marks
}

// convert returns, for each character of rs, the text to print.
func (q quoteMarks) convert(rs []qrune) []string {
	out := make([]string, len(rs))
	var stack []opened
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return ' '
		}
		return rs[i].r
	}
	find := func(mark rune) int {
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].mark == mark {
				return k
			}
		}
		return -1
	}
	open := func(i int, mark rune) {
		inner := len(stack)%2 == 1
		stack = append(stack, opened{mark: mark, inner: inner})
		if inner {
			out[i] = q.innerOpen
		} else {
			out[i] = q.open
		}
	}
	closeAt := func(i, k int) {
		if stack[k].inner {
			out[i] = q.innerClose
		} else {
			out[i] = q.close
		}
		stack = stack[:k]
	}
	opening := make([]bool, len(rs)) // the character became an opening mark
	for i, c := range rs {
		out[i] = string(c.r)
		if c.fixed || c.r != '"' && c.r != '\'' {
			continue
		}
		prev, next := at(i-1), at(i+1)
		// left: nothing of a word before it; right: nothing after it.
		left := opensAfter(prev) || i > 0 && opening[i-1]
		right := closesBefore(next)
		if left && (next == '"' || next == '\'') {
			right = false // "'Hi,' she said": two marks open
		}
		k := find(c.r)
		switch {
		case left && right:
			// A mark standing alone ("a " b") is left as typed.
		case c.r == '\'' && isWordChar(prev) && unicode.IsLetter(next):
			out[i] = apostrophe // don't, l'accord, 1990's
		case c.r == '\'' && unicode.IsDigit(prev) && unicode.IsDigit(next):
			out[i] = prime // 5'10"
		case c.r == '\'' && left && elidedYear(rs, i):
			out[i] = apostrophe // '90s
		case left:
			open(i, c.r)
			opening[i] = true
		case k >= 0:
			closeAt(i, k)
		case unicode.IsDigit(prev) && c.r == '"':
			out[i] = doublePrime
		case unicode.IsDigit(prev):
			out[i] = prime
		case c.r == '\'':
			out[i] = apostrophe // the States' rights
		case right:
			// A closing " with no opening one: a quotation continued
			// from an earlier paragraph, or a typing slip; close it.
			out[i] = q.close
		case c.r == '"':
			// Between two words or marks, as Chinese writes without
			// spaces (他说："河流"): no quotation is open, so this opens one.
			open(i, c.r)
			opening[i] = true
		}
	}
	return out
}

// elidedYear reports whether the ' at rs[i] stands for the century of a
// two-digit year ('90s, '68).
func elidedYear(rs []qrune, i int) bool {
	n := 0
	for j := i + 1; j < len(rs) && unicode.IsDigit(rs[j].r); j++ {
		n++
	}
	return n == 2 && (i+3 >= len(rs) || !unicode.IsDigit(rs[i+3].r))
}

// isWordChar reports whether r belongs to a word: a letter, digit or mark.
func isWordChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// opensAfter reports whether a quote after r opens a quotation: r is a
// space, the start of the text, or punctuation that opens (a bracket, a
// dash, another opening mark).
func opensAfter(r rune) bool {
	return unicode.IsSpace(r) || unicode.In(r, unicode.Ps, unicode.Pi, unicode.Pd) || r == '/'
}

// closesBefore reports whether a quote before r closes a quotation: r is a
// space, the end of the text, or punctuation other than an opening mark.
func closesBefore(r rune) bool {
	if unicode.IsSpace(r) || r == '\uFFFC' {
		return true
	}
	return (unicode.IsPunct(r) || unicode.IsSymbol(r)) && !unicode.In(r, unicode.Ps, unicode.Pi)
}
