package bidi

import (
	"math/rand"
	"slices"
	"testing"

	ucd "github.com/polypress/polypress/pipeline/internal/typesetting/internal/unicodedata"
)

// TestLeftToRightShortcut checks the short-cut for left-to-right text
// against the full algorithm: random texts of letters, digits, spaces,
// separators, terminators, brackets, quotes, marks and boundary
// neutrals, with a left-to-right or implicit base direction, get the
// same levels either way (all 0).
func TestLeftToRightShortcut(t *testing.T) {
	chars := []rune("aZé€$%#+-,.:/ ()[]{}«»\"'!?;&*\u0301\u0308\u00ad\u200b\t09٫\u00a0\u2009")
	var allowedSeen ucd.BidiClass
	rng := rand.New(rand.NewSource(1))
	var p Paragraph
	for n := 0; n < 20000; n++ {
		text := make([]rune, 1+rng.Intn(24))
		for i := range text {
			text[i] = chars[rng.Intn(len(chars))]
		}
		for _, dir := range []Direction{LeftToRight, Neutral} {
			fast := p.Segment(text, dir)
			got := slices.Clone(fast.levels)
			// The full algorithm, as segment runs it without the short-cut.
			classes := p.prepareInput()
			allowedSeen |= classes
			p.embeddingLevel = 0
			if dir == Neutral {
				p.embeddingLevel = implicitLevel
			}
			p.run()
			p.computeLevels()
			if !slices.Equal(got, p.resultLevels) {
				t.Fatalf("%q (%v): short-cut levels %v, full algorithm %v", string(text), dir, got, p.resultLevels)
			}
		}
	}
	for _, c := range []ucd.BidiClass{ucd.BD_ON, ucd.BD_ET, ucd.BD_NSM, ucd.BD_BN, ucd.BD_S, ucd.BD_CS, ucd.BD_ES, ucd.BD_EN, ucd.BD_WS, ucd.BD_L} {
		if allowedSeen&c == 0 {
			t.Errorf("no character of class %v was tried", c)
		}
	}
}
