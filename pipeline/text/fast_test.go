package text

import (
	"testing"
	"unicode"

	xbidi "golang.org/x/text/unicode/bidi"
)

// TestFastPaths checks the short-cuts of isParagraphSeparator, Ignorable
// and isCJK against
// their Unicode definitions on every character they short-cut.
func TestFastPaths(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		props, _ := xbidi.LookupRune(r)
		if isParagraphSeparator(r) != (props.Class() == xbidi.B) {
			t.Errorf("isParagraphSeparator(%U) = %v", r, isParagraphSeparator(r))
		}
	}
	for r := rune(0); r < 0x1100; r++ {
		ign := unicode.IsSpace(r) || unicode.IsControl(r) ||
			unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
		if Ignorable(r) != ign {
			t.Errorf("Ignorable(%U) = %v, want %v", r, Ignorable(r), ign)
		}
		cjk := unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo)
		if isCJK(r) != cjk {
			t.Errorf("isCJK(%U) = %v, want %v", r, isCJK(r), cjk)
		}
	}
}
