package translate

import (
	"regexp"
	"strings"
	"unicode"
)

// Words are counted as the translate-toolkit's pocount counts them, so
// that "locales status" and a translation platform agree on a file's
// size: text split at white space, punctuation stripped from each piece,
// the pieces left counted. (pocount first blanks a dot between two
// non-digits, "U.N." → "U N", and markup such as <br/>; so does this.)

// pocountPunct is translate-toolkit's punctuation set
// (translate.lang.common.Common.punctuation, translate-toolkit 3.8).
const pocountPunct = ".,;:!?-@#$%^*_()[]{}/\\'`\"<>" +
	"‘’‛“”„‟′″‴‵‶‷‹›«»¿¡،؟؛÷。、，；！？「」『』【】।॥॰።፤፣…±°¹²³·©®×£¥€"

var (
	pocountXMLTag = regexp.MustCompile(`<[\w.:]+(?:\s[\w.:]+=(?:"[^"]*"|'[^']*'))*\s*/?>|</[\w.]+>`)
	pocountBr     = regexp.MustCompile(`<br\s*?/?>`)
)

// isPySpace is Python's str.isspace, which pocount splits at: Unicode
// white space and the four ASCII separators.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f
}

// countWords counts the words of text as pocount does.
func countWords(text string) int {
	text = pocountBr.ReplaceAllString(text, "\n")
	text = pocountXMLTag.ReplaceAllString(text, "")
	text = blankDots(text)
	n := 0
	for _, w := range strings.FieldsFunc(text, isPySpace) {
		if strings.Trim(w, pocountPunct) != "" {
			n++
		}
	}
	return n
}

// blankDots replaces each non-digit, dot, non-digit sequence by a space,
// left to right without overlap, as pocount's re.sub(r"\D\.\D", " ") does.
func blankDots(s string) string {
	rs := []rune(s)
	var out []rune
	for i := 0; i < len(rs); {
		if i+2 < len(rs) && !unicode.IsDigit(rs[i]) && rs[i+1] == '.' && !unicode.IsDigit(rs[i+2]) {
			out = append(out, ' ')
			i += 3
			continue
		}
		out = append(out, rs[i])
		i++
	}
	return string(out)
}

// tokens splits text into words for comparison and diffs: white space
// separates them, and punctuation stays with its word.
func tokens(text string) []string {
	return strings.Fields(text)
}

// maxDiffCells bounds the work of comparing two texts word by word; longer
// texts are compared by their shared words only.
const maxDiffCells = 4 << 20

// lcs returns the pairs of indexes of a longest common subsequence of a
// and b, in order, or nil when the texts are too long to compare so.
func lcs(a, b []string) [][2]int {
	n, m := len(a), len(b)
	if n*m > maxDiffCells {
		return nil
	}
	// dp[i][j] is the LCS length of a[i:] and b[j:].
	dp := make([][]int32, n+1)
	for i := range dp {
		dp[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			out = append(out, [2]int{i, j})
			i, j = i+1, j+1
		case dp[i+1][j] >= dp[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

// likeness is how much of two texts' words they share in order: 1 for
// the same words, 0 for none (twice the common subsequence over the
// total, as difflib's ratio). Texts too long to compare in order are
// compared by the words they share.
func likeness(a, b []string) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	common := 0
	if pairs := lcs(a, b); pairs != nil || len(a)*len(b) <= maxDiffCells {
		common = len(pairs)
	} else {
		count := map[string]int{}
		for _, w := range a {
			count[w]++
		}
		for _, w := range b {
			if count[w] > 0 {
				count[w]--
				common++
			}
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// wordDiff shows how text a became b, word by word, as git diff
// --word-diff=plain does: "[-old-]{+new+}". Long stretches of unchanged
// words are cut to context words on either side of each change.
func wordDiff(a, b string, context int) string {
	wa, wb := tokens(a), tokens(b)
	pairs := lcs(wa, wb)
	if pairs == nil && len(wa)*len(wb) > maxDiffCells {
		return "[-" + a + "-]{+" + b + "+}"
	}
	type piece struct {
		op   byte // '=', '-', '+'
		text []string
	}
	var pieces []piece
	add := func(op byte, w string) {
		if n := len(pieces); n > 0 && pieces[n-1].op == op {
			pieces[n-1].text = append(pieces[n-1].text, w)
			return
		}
		pieces = append(pieces, piece{op, []string{w}})
	}
	i, j := 0, 0
	for _, p := range append(pairs, [2]int{len(wa), len(wb)}) {
		for ; i < p[0]; i++ {
			add('-', wa[i])
		}
		for ; j < p[1]; j++ {
			add('+', wb[j])
		}
		if p[0] < len(wa) {
			add('=', wa[p[0]])
			i, j = p[0]+1, p[1]+1
		}
	}
	var out []string
	for k, p := range pieces {
		switch p.op {
		case '-':
			out = append(out, "[-"+strings.Join(p.text, " ")+"-]")
		case '+':
			out = append(out, "{+"+strings.Join(p.text, " ")+"+}")
		default:
			words := p.text
			first, last := k == 0, k == len(pieces)-1
			switch {
			case first && last:
			case first && len(words) > context:
				words = append([]string{"…"}, words[len(words)-context:]...)
			case last && len(words) > context:
				words = append(append([]string{}, words[:context]...), "…")
			case !first && !last && len(words) > 2*context+1:
				words = append(append(append([]string{}, words[:context]...), "…"), words[len(words)-context:]...)
			}
			out = append(out, strings.Join(words, " "))
		}
	}
	return strings.Join(out, " ")
}
