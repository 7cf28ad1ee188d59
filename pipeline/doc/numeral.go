package doc

import "strings"

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
