package segmenter

import (
	"math/rand"
	"slices"
	"testing"
)

// TestInitLinesMatchesInit checks that InitLines gives the line breaks,
// mandatory ones included, that Init gives, on random text drawn from
// characters of every line-breaking class UAX #14 has rules for, and from
// anywhere in Unicode.
func TestInitLinesMatchesInit(t *testing.T) {
	chars := []rune("aZé 09,.:;!?-‐–—/()[]{}«»\"'“”‘’$%#+\t\n\r\u00a0\u00ad\u200b\u200c\u200d\u2060\u2028\u2029\u0301\u0308" +
		"\u3000。、「」（）世界かカ한글\u1100\u1161\u11a8ابت١٢٣\u05d0\u05d1क्षि\u093f\u094d\u25cc\u0e01\u0e33" +
		"👍🏽👩\u200d👩\u200d👧🇫🇷🇩🇪\U0001F600\U000E0001\ufeff\u2024\u2026\u00b4\u02c8\u0f0b\u17d4\u1b05\u1b44\u1b05\uAA80")
	rng := rand.New(rand.NewSource(1))
	var a, b Segmenter
	breaks := func(seg *Segmenter) (out []int) {
		it := seg.LineIterator()
		for it.Next() {
			l := it.Line()
			k := l.Offset + len(l.Text)
			if l.IsMandatoryBreak {
				k = -k
			}
			out = append(out, k)
		}
		return out
	}
	for n := 0; n < 30000; n++ {
		text := make([]rune, 1+rng.Intn(30))
		for i := range text {
			if rng.Intn(8) == 0 {
				text[i] = rune(rng.Intn(0x30000))
			} else {
				text[i] = chars[rng.Intn(len(chars))]
			}
		}
		a.Init(text)
		b.InitLines(text)
		if x, y := breaks(&a), breaks(&b); !slices.Equal(x, y) {
			t.Fatalf("%q: Init breaks at %v, InitLines at %v", string(text), x, y)
		}
	}
}
