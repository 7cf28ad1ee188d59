package doc

import (
	"strconv"
	"strings"
)

// Roman returns n as a lowercase roman numeral ("xiv"), the third-level
// sub-clause marker of UN practice, and "" for numbers roman numerals do
// not write (below 1 or above 3999). Parsing names clause paths with it and
// localization prints markers with it, so the two always agree.
func Roman(n int) string {
	if n < 1 || n > 3999 {
		return ""
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// NumberStyle is how a level of clauses is numbered, as the front matter's
// numbering names it. The name shows the English form; each locale writes
// the counter in its own punctuation, letters and digits ("(a)" is "a)" in
// French and "(أ)" in Arabic).
type NumberStyle string

// Numbering styles.
const (
	StyleDecimal      NumberStyle = "1."      // 1. 2. 3.
	StyleParenDecimal NumberStyle = "(1)"     // (1) (2) (3)
	StyleLower        NumberStyle = "(a)"     // (a) (b) (c)
	StyleUpper        NumberStyle = "(A)"     // (A) (B) (C)
	StyleRoman        NumberStyle = "(i)"     // (i) (ii) (iii)
	StyleUpperRoman   NumberStyle = "(I)"     // (I) (II) (III)
	StyleArticle      NumberStyle = "article" // Article 1, on a line of its own
)

// NumberStyles lists the styles, in the order the documentation gives them.
var NumberStyles = []NumberStyle{StyleDecimal, StyleParenDecimal, StyleLower, StyleUpper, StyleRoman, StyleUpperRoman, StyleArticle}

// Counter is the kind of counter of a style: 'n' digits, 'a' letters or
// 'i' roman numerals (upper-case styles count as their lower case).
func (s NumberStyle) Counter() byte {
	switch s {
	case StyleLower, StyleUpper:
		return 'a'
	case StyleRoman, StyleUpperRoman:
		return 'i'
	}
	return 'n'
}

// DefaultCounter is the counter of a level whose style the front matter
// does not set, for clause paths: digits at level 1, letters at 2 and 4,
// roman numerals at 3 (18.c.ii.a).
func DefaultCounter(depth int) byte {
	switch depth {
	case 1:
		return 'n'
	case 3:
		return 'i'
	}
	return 'a'
}

// UpperRoman returns n in capital roman numerals ("IV"), as annexes are
// numbered, or in digits when roman numerals cannot write it.
func UpperRoman(n int) string {
	if r := Roman(n); r != "" {
		return strings.ToUpper(r)
	}
	return strconv.Itoa(n)
}
