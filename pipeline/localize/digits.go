package localize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/doc"
)

// The values of the text_digits convention.
const (
	// textDigitsNumbering prints the digits written in the text in the
	// locale's numbering system, as generated numbers are.
	textDigitsNumbering = "numbering"
	// textDigitsAsWritten leaves them as the text writes them (the
	// default).
	textDigitsAsWritten = "as-written"
)

// digitValue gives the value of a decimal digit of every numbering system
// numberingDigits knows, so that text written in one can be printed in
// another.
var digitValue = func() map[rune]int {
	m := map[rune]int{}
	for _, ds := range numberingDigits {
		i := 0
		for _, r := range ds {
			m[r] = i
			i++
		}
	}
	return m
}()

// numberSeparators are the decimal and group separators of the numbering
// systems whose numbers do not use Western ones (CLDR's symbols for the
// Arabic-Indic and Eastern Arabic-Indic digits): "1.2" is "١٫٢".
var numberSeparators = map[string][2]rune{
	"arab":    {'٫', '٬'},
	"arabext": {'٫', '٬'},
}

// text prints s with the digits written in it in ds's system, as
// text_digits = "numbering" asks; everything else is kept. A word that
// holds Latin letters keeps its digits ("COVID-19", "A/RES/74/1", a web
// address): it is a code or a name written in Latin script, not a number
// of the text. Between digits, a single decimal point and commas before
// groups of three become the system's separators where it has its own.
func (ds digits) text(s string) string {
	if !hasDigit(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for len(s) > 0 {
		// One word at a time: the text up to the next space, and the
		// space.
		end := strings.IndexFunc(s, unicode.IsSpace)
		if end < 0 {
			end = len(s)
		}
		word := s[:end]
		if !hasDigit(word) || strings.IndexFunc(word, isLatinLetter) >= 0 {
			b.WriteString(word)
		} else {
			ds.number(&b, word)
		}
		s = s[end:]
		if _, n := utf8.DecodeRuneInString(s); n > 0 {
			b.WriteString(s[:n])
			s = s[n:]
		}
	}
	return b.String()
}

// number writes word with its digits in ds's system.
func (ds digits) number(b *strings.Builder, word string) {
	rs := []rune(word)
	sep, native := numberSeparators[ds.system]
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if v, ok := digitValue[r]; ok {
			b.WriteRune(ds.d[v])
			continue
		}
		if native && (r == '.' || r == ',') && i > 0 && isDigit(rs[i-1]) && i+1 < len(rs) && isDigit(rs[i+1]) {
			if r == '.' && singlePoint(rs, i) {
				r = sep[0]
			} else if r == ',' && groupOfThree(rs, i) {
				r = sep[1]
			}
		}
		b.WriteRune(r)
	}
}

// singlePoint reports whether the point at rs[i] is the only one of its
// number: "1.2" is a decimal number, "29.06.2020" a date.
func singlePoint(rs []rune, i int) bool {
	for j := i - 1; j >= 0 && (isDigit(rs[j]) || rs[j] == '.' || rs[j] == ','); j-- {
		if rs[j] == '.' {
			return false
		}
	}
	for j := i + 1; j < len(rs) && (isDigit(rs[j]) || rs[j] == '.' || rs[j] == ','); j++ {
		if rs[j] == '.' {
			return false
		}
	}
	return true
}

// groupOfThree reports whether the comma at rs[i] is followed by exactly
// three digits, as a group separator is.
func groupOfThree(rs []rune, i int) bool {
	n := 0
	for j := i + 1; j < len(rs) && isDigit(rs[j]); j++ {
		n++
	}
	return n == 3
}

func isDigit(r rune) bool {
	_, ok := digitValue[r]
	return ok
}

func hasDigit(s string) bool { return strings.IndexFunc(s, isDigit) >= 0 }

func isLatinLetter(r rune) bool { return unicode.Is(unicode.Latin, r) }

// textDigits prints the digits of in's text in the locale's numbering
// system, when the locale asks for it (text_digits = "numbering"),
// changing in. Code and spans in another language than the edition's
// keep theirs.
func (l *localizer) textDigits(in doc.Inline) {
	if !l.p.conv.TextDigits {
		return
	}
	for i, s := range in {
		if s.Style&doc.Code != 0 || s.Lang != "" && !sameBaseTag(s.Lang, l.p.Lang()) {
			continue
		}
		in[i].Text = l.p.digits.text(s.Text)
	}
}

// textString is what inline does for a plain string: a title, a name.
func (l *localizer) textString(s string) string {
	s = quoteMarksOf(l.p.conv).text(s)
	if !l.p.conv.TextDigits {
		return s
	}
	return l.p.digits.text(s)
}

// sameBaseTag reports whether two BCP 47 tags name the same language.
func sameBaseTag(a, b string) bool {
	base := func(t string) string {
		return strings.ToLower(strings.SplitN(strings.SplitN(t, "-", 2)[0], "_", 2)[0])
	}
	return base(a) == base(b)
}
