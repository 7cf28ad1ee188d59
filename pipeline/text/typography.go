package text

import (
	"strings"
	"unicode"

	"github.com/polypress/polypress/pipeline/doc"
)

// nnbsp is U+202F NARROW NO-BREAK SPACE, the fine space French sets before
// ; : ! ? and inside guillemets.
const nnbsp = '\u202f'

// thinSpaces returns the text to draw when the locale asks for narrow
// no-break spaces around some punctuation (ty.ThinSpaceBefore,
// ty.ThinSpaceAfter): a space already there is drawn narrow, and one is
// added where the text has none. It also returns, for each rune drawn,
// the text it stands for in extracted text: the space written, or nothing
// for an added one, so that copying gives back the source.
//
// A space is only added between a word and the punctuation (not in
// "http://", "10:30" or "?!"), where a typographer would put one.
func thinSpaces(runes []rune, styleOf []int, ty *doc.Typography) ([]rune, []int, []string) {
	out := make([]rune, 0, len(runes)+8)
	outStyle := make([]int, 0, len(runes)+8)
	src := make([]string, 0, len(runes)+8)
	isSpace := func(r rune) bool { return r == ' ' || r == '\u00a0' || r == nnbsp }
	wordy := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) ||
			unicode.In(r, unicode.Pe, unicode.Pf) || r == '"' || r == '\''
	}
	for i, r := range runes {
		before := strings.ContainsRune(ty.ThinSpaceBefore, r)
		if before && len(out) > 0 {
			prev := out[len(out)-1]
			// ":" and ";" take a space only before a space or the end, so
			// that "10:30" and URLs stay as written; "!" and "?" also
			// before other punctuation ("?»", "!)"); "»" always.
			end := i+1 == len(runes) || unicode.IsSpace(runes[i+1])
			nextOK := end || r == '»' || (r == '!' || r == '?') && unicode.IsPunct(runes[i+1])
			switch {
			case isSpace(prev) && (r == '»' || len(out) > 1 && !unicode.IsSpace(out[len(out)-2])):
				out[len(out)-1] = nnbsp
			case r == '»' && prev != '«' && !unicode.IsSpace(prev):
				out = append(out, nnbsp)
				outStyle = append(outStyle, styleOf[i])
				src = append(src, "")
			case wordy(prev) && nextOK:
				out = append(out, nnbsp)
				outStyle = append(outStyle, styleOf[i])
				src = append(src, "")
			}
		}
		out = append(out, r)
		outStyle = append(outStyle, styleOf[i])
		src = append(src, string(r))
		if strings.ContainsRune(ty.ThinSpaceAfter, r) && i+1 < len(runes) {
			next := runes[i+1]
			if !isSpace(next) && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
				out = append(out, nnbsp)
				outStyle = append(outStyle, styleOf[i])
				src = append(src, "")
			}
		}
	}
	// A space after an opening mark that the text wrote is drawn narrow.
	for i := 1; i < len(out); i++ {
		if strings.ContainsRune(ty.ThinSpaceAfter, out[i-1]) && (out[i] == ' ' || out[i] == '\u00a0') {
			out[i] = nnbsp
		}
	}
	return out, outStyle, src
}
