package text

import (
	"github.com/polypress/polypress/pipeline/doc"
	"maps"
	"reflect"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzLayout lays out arbitrary text, in either direction and at any
// width, and wants every character back: no panic, and the characters the
// lines' clusters show are exactly the input's, counted with multiplicity,
// apart from white space (spaces at line ends are not drawn). This is what
// text extraction from the PDF relies on, since it reads the clusters.
func FuzzLayout(f *testing.F) {
	seeds := []struct {
		text  string
		rtl   bool
		width float64
	}{
		{"Hello (world) 123", false, 100},
		{"أحاط (OIC) في 2020 لا", true, 60},
		{"伊斯兰合作组织，成立于1969年。", false, 30},
		{"😀 emoji \U0001F600 and 𝒜", false, 20},
		// Urdu in Nastaliq shapes through the Arabic stack here; marks and
		// Urdu letters still have to come back.
		{"اسلامی تعاون تنظیم (او آئی سی) ۱۹۶۹ میں بنی۔", true, 50},
		{"مُحَمَّدٌ رَسُولُ اللَّهِ", true, 15},
		{"می‌خواهم نمی‌دانم", true, 25},
		{"שָׁלוֹם עֲלֵיכֶם (OIC) 57", true, 40},
		{"क्षत्रिय त्रिकोण तर्क किताब हिन्दी", false, 20},
		{"Организация исламского сотрудничества, Οργανισμός Ισλαμικής Συνεργασίας", false, 70},
		// Combining marks on Latin, and a mark with no base at the start.
		{"\u0301e\u0301 n\u0303 a\u0308\u0304", false, 10},
		// ZWJ and ZWNJ in emoji sequences and between Arabic letters.
		{"👩\u200d👩\u200d👧 ل\u200dا ل\u200cا", true, 8},
		// Bidi controls: embeddings, overrides, isolates, marks.
		{"a\u202bب c\u202c d\u202eابc\u202c \u2067x 1\u2069 \u200f!\u200e", false, 30},
		{"\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e", true, 5},
		// Tifinagh: no bundled font covers it.
		{"ⵣ \u2d63\u2d63 ⴰⵣⵓⵍ", false, 10},
		// Above U+FFFF: emoji, mathematical letters, a CJK extension B ideograph.
		{"\U0001F1F5\U0001F1F0 𝐀𝐁 𠀋𠀌 \U0001F44D\U0001F3FD", false, 12},
		{"a\nb\u2028c\td  e\u00a0f\u3000g", false, 15},
	}
	for _, s := range seeds {
		f.Add(s.text, s.rtl, s.width)
	}
	f.Fuzz(func(t *testing.T, s string, rtl bool, width float64) {
		if !(width >= 1 && width <= 2000) || !utf8.ValidString(s) || len(s) > 2000 {
			return
		}
		sh := NewShaper(library(t))
		p := para(s, rtl)
		// Every rule at once: hyphenation, the locale's break rules,
		// added narrow spaces and CJK punctuation must not lose or add
		// a character of the text.
		p.Typography = fuzzTypography
		lines := sh.Layout(p, width)
		got := map[rune]int{}
		for _, l := range lines {
			for _, r := range l.Runs {
				for _, c := range r.Clusters {
					countInk(got, c.Text)
				}
			}
		}
		want := map[rune]int{}
		countInk(want, s)
		if !maps.Equal(got, want) {
			for r, n := range want {
				if got[r] != n {
					t.Errorf("%U %q: %d in the lines, %d in the text", r, r, got[r], n)
				}
			}
			for r, n := range got {
				if _, ok := want[r]; !ok {
					t.Errorf("%U %q: %d in the lines, none in the text", r, r, n)
				}
			}
		}
	})
}

// FuzzWordShaping lays out arbitrary text with words shaped one by one
// and cached, and with every run shaped whole, uncached: the lines must be
// identical. Spans of two styles cut words and runs at arbitrary places,
// where the cache must carry the Arabic joining context across.
func FuzzWordShaping(f *testing.F) {
	f.Add("Hello (world) 123 AVATAR office affluent", false, 100.0, 3)
	f.Add("أحاط (OIC) في 2020 لا إله إلا الله", true, 60.0, 4)
	f.Add("اسلامی تعاون تنظیم (او آئی سی) ۱۹۶۹ میں بنی۔", true, 50.0, 9)
	f.Add("क्षत्रिय त्रिकोण तर्क किताब हिन्दी", false, 20.0, 2)
	f.Add("伊斯兰合作组织，成立于1969年。 伊斯兰合作组织", false, 30.0, 5)
	f.Add("\u0301e\u0301 n\u0303  a\u0308 \u0304x 👍\U0001F3FD ำ", false, 10.0, 1)
	f.Add("می‌خواهم نمی‌دانم ل\u200dا ل\u200cا", true, 25.0, 6)
	f.Fuzz(func(t *testing.T, s string, rtl bool, width float64, cut int) {
		if !(width >= 1 && width <= 2000) || !utf8.ValidString(s) || len(s) > 2000 {
			return
		}
		lib := library(t)
		cached, whole := NewShaper(lib), NewShaper(lib)
		whole.wholeRuns = true
		p := para(s, rtl)
		p.Typography = fuzzTypography
		if cut > 0 && cut < len(s) && utf8.RuneStart(s[cut]) {
			// A word half bold: two spans, two runs.
			bold := p.Spans[0]
			bold.Style.Bold = true
			p.Spans = []Span{{Text: s[:cut], Style: p.Spans[0].Style}, {Text: s[cut:], Style: bold.Style}}
		}
		got, want := cached.Layout(p, width), whole.Layout(p, width)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: word-by-word shaping differs from whole runs", s)
		}
	})
}

var fuzzTypography = &doc.Typography{Hyphenation: "en-gb", HyphenLeft: 2, HyphenRight: 3, HyphenLadder: 2,
	HyphenateCapitalized: true, NoBreakAfter: []string{"و"}, NoLineStart: "।॥", GlueNumbers: true,
	ThinSpaceBefore: ";:!?»", ThinSpaceAfter: "«", FullWidthPunctuation: true}

// countInk counts the runes of s that are not white space.
func countInk(counts map[rune]int, s string) {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			counts[r]++
		}
	}
}
