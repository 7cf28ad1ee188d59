package validate

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Words splits text into the words a reader would search for: letters,
// marks and digits (with zero-width joiners, which belong to Persian and
// Indic words), in lower case after NFC normalization, each CJK character
// a word of its own. Soft hyphens are dropped, and a word broken at a line
// end by a hyphen is joined again: poppler and MuPDF give "hy-", a line
// break and "phen"; PDFium joins the line itself and puts U+FFFE where the
// hyphen was ("hy\uFFFEphen", its mark for a hyphen that ends a line,
// which its callers remove).
func Words(text string) []string {
	text = norm.NFC.String(text)
	text = strings.NewReplacer("\u00ad", "", "\ufffe", "").Replace(text)
	text = lineEndHyphen.ReplaceAllString(text, "$1$2")
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			if w := cur.String(); strings.Trim(w, "\u200c\u200d") != "" {
				out = append(out, w)
			}
			cur.Reset()
		}
	}
	for _, r := range text {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			flush()
			out = append(out, string(r))
		case unicode.In(r, unicode.L, unicode.M, unicode.N) || r == '\u200c' || r == '\u200d':
			cur.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return out
}

var lineEndHyphen = regexp.MustCompile(`(\pL)[-\x{2010}]\s*\n\s*(\pL)`)

// Recall is the share of the source's words that the extracted text gives
// back in order: the length of the longest common subsequence of the two
// word lists over the source's length.
func Recall(source, extracted []string) float64 {
	if len(source) == 0 {
		return 1
	}
	// Positions of each word in the extraction, for the sparse LCS.
	at := map[string][]int{}
	for j, w := range extracted {
		at[w] = append(at[w], j)
	}
	prev := make([]int32, len(extracted)+1)
	cur := make([]int32, len(extracted)+1)
	for _, w := range source {
		copy(cur, prev)
		for _, j := range at[w] {
			if prev[j]+1 > cur[j+1] {
				cur[j+1] = prev[j] + 1
			}
		}
		for j := 1; j <= len(extracted); j++ {
			if cur[j-1] > cur[j] {
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(extracted)]) / float64(len(source))
}
