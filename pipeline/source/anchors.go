package source

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/doc"
)

// Clause alignment looks for what survives translation. A translator
// rewrites every word, but keeps the numbers (in whatever digits: "١٩٤٨"
// is 1948), dates' years and days, web addresses, acronyms and codes
// ("OHCHR", "COVID-19", "S/RES/2334"), quoted names and proper names
// written in Latin letters. Those are a clause's anchors. Where anchors
// are missing, the length of the text gives a weaker signal: a
// translation is about as much longer or shorter than its original for
// every clause (Gale and Church's sentence aligner rests on that).

// clauseFeatures are what alignment compares of one clause: its anchors
// with a weight each, and its length.
type clauseFeatures struct {
	anchors map[string]float64 // anchor → weight (type weight × rarity × occurrences)
	weight  float64            // sum of anchor weights
	length  int                // letters and digits, all sub-clauses included
}

var (
	urlRE = regexp.MustCompile(`(?i)\b(?:https?://|mailto:|www\.)[^\s<>"“”«»]+`)
	// codeRE matches acronyms and document codes in Latin capitals:
	// OIC, IOJ&K, COVID-19, A/HRC/43/L.1.
	codeRE = regexp.MustCompile(`\b[A-Z][A-Z0-9]*(?:[&/.\-][A-Z0-9]+)*\b`)
	// nameRE matches a capitalised Latin word that may be a proper name.
	nameRE = regexp.MustCompile(`\p{Lu}\p{Ll}{3,}`)
	// quotedRE matches text in quotation marks of the common styles.
	quotedRE = regexp.MustCompile(`[“«„"]\s*([^“”«»„"]{3,80}?)\s*[”»“"]`)
)

// Anchor weights: an address or a code is nearly proof, a number good
// evidence, a capitalised word only a hint (it may start a sentence, and
// names change between languages: India, Inde).
const (
	weightURL    = 3
	weightCode   = 2
	weightQuote  = 2
	weightNumber = 1.5
	weightName   = 0.5
	weightStem   = 0.3
)

// expansion is the letters counted for each letter of an acronym the
// other side does not have: about a word's length.
const expansion = 3

// weighAnchors keeps, of each clause's anchors, those that occur on both
// sides somewhere in the lists being aligned: an acronym the translation
// spells differently everywhere ("OIC", "OCI") and names of another
// language tell nothing. Each kept anchor is weighted by its rarity among
// the canonical clauses, as a search engine weighs terms (inverse document
// frequency): a year every clause has says less than a date one clause
// has.
func weighAnchors(fc, ft []clauseFeatures) {
	inC, inT := map[string]int{}, map[string]bool{}
	for _, f := range fc {
		for k := range f.anchors {
			inC[k]++
		}
	}
	for _, f := range ft {
		for k := range f.anchors {
			inT[k] = true
		}
	}
	n := float64(len(fc))
	weigh := func(fs []clauseFeatures) {
		for i := range fs {
			f := &fs[i]
			f.weight = 0
			for k, w := range f.anchors {
				df, ok := inC[k]
				if !ok || !inT[k] {
					delete(f.anchors, k)
					if code, ok := strings.CutPrefix(k, "code:"); ok {
						// An acronym the other side spells out (OIC:
						// منظمة التعاون الإسلامي) stands for words:
						// count its letters as words' length.
						f.length += expansion * countUpper(code) * int(w/weightCode+0.5)
					}
					continue
				}
				w *= math.Log(1 + n/float64(df))
				f.anchors[k] = w
				f.weight += w
			}
		}
	}
	weigh(fc)
	weigh(ft)
}

// features computes the features of a clause and all its sub-clauses,
// with the footnotes they reference.
func features(c *doc.Clause) clauseFeatures {
	var b strings.Builder
	var links []string
	var walk func(c *doc.Clause)
	add := func(blocks []doc.Block) {
		ownText(blocks, func(in doc.Inline) {
			for _, s := range in {
				b.WriteString(s.Text)
				if s.Link != "" && !strings.HasPrefix(s.Link, "#") {
					links = append(links, s.Link)
				}
			}
			b.WriteByte('\n')
		})
	}
	walk = func(c *doc.Clause) {
		add(c.Body)
		for _, s := range c.Subs {
			walk(s)
		}
		add(c.Tail)
	}
	walk(c)
	return textFeatures(b.String(), links)
}

// ownText calls fn for every rich text of blocks, in reading order, and
// after each, for the paragraphs of the footnotes it references.
func ownText(blocks []doc.Block, fn func(doc.Inline)) {
	doc.EachInline(blocks, func(in doc.Inline) {
		fn(in)
		for _, s := range in {
			if s.Note != nil {
				for _, p := range s.Note.Paras {
					fn(p.Text)
				}
			}
		}
	})
}

// textFeatures finds the anchors of text, whose link targets are links.
func textFeatures(text string, links []string) clauseFeatures {
	f := clauseFeatures{anchors: map[string]float64{}}
	put := func(key string, w float64) {
		f.anchors[key] += w
		f.weight += w
	}
	for _, l := range links {
		put("url:"+strings.TrimRight(l, "/"), weightURL)
	}
	rest := urlRE.ReplaceAllStringFunc(text, func(u string) string {
		put("url:"+strings.TrimRight(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(u), "https://"), "http://"), "/.,;:"), weightURL)
		return " "
	})
	for _, m := range quotedRE.FindAllStringSubmatch(rest, -1) {
		put("quote:"+strings.ToLower(strings.Join(strings.Fields(m[1]), " ")), weightQuote)
	}
	for _, m := range codeRE.FindAllString(rest, -1) {
		if upper := countUpper(m); upper >= 2 {
			put("code:"+m, weightCode)
		}
	}
	// Long words cut to their first five letters, without accents: in
	// languages of one script, cognates survive translation
	// ("laboratories", "laboratoires"), and the filter of weighAnchors
	// drops the rest.
	for _, w := range strings.FieldsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if utf8.RuneCountInString(w) >= 7 {
			put("stem:"+stem(w), weightStem)
		}
	}
	for _, m := range nameRE.FindAllStringIndex(rest, -1) {
		if !sentenceStart(rest[:m[0]]) {
			put("name:"+rest[m[0]:m[1]], weightName)
		}
	}
	// Numbers, in any script's digits: runs of decimal digits, read as
	// their values so that "٢٠٢٠" and "2020" agree.
	var num []byte
	flush := func() {
		if len(num) > 0 {
			put("num:"+strings.TrimLeft(string(num), "0"), weightNumber)
			num = num[:0]
		}
	}
	for _, r := range rest {
		if unicode.IsDigit(r) {
			if d, ok := digitValue(r); ok {
				num = append(num, byte('0'+d))
				continue
			}
		}
		flush()
	}
	flush()
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			f.length++
		}
	}
	return f
}

// stem returns the first five letters of w, lowercased and without
// diacritics on Latin letters.
func stem(w string) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.ToLower(w) {
		if n == 5 {
			break
		}
		if base, ok := latinBase[r]; ok {
			r = base
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// latinBase maps accented Latin letters to their base letters.
var latinBase = func() map[rune]rune {
	m := map[rune]rune{}
	for base, accented := range map[rune]string{
		'a': "àáâãäåā", 'c': "çćč", 'e': "èéêëēė", 'i': "ìíîïī", 'n': "ñń",
		'o': "òóôõöøō", 'u': "ùúûüū", 'y': "ýÿ", 's': "šś", 'z': "žźż",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()

func countUpper(s string) int {
	n := 0
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			n++
		}
	}
	return n
}

// sentenceStart reports whether a word after before starts a sentence:
// nothing but spaces since the start or since a full stop, colon or line.
func sentenceStart(before string) bool {
	t := strings.TrimRight(before, " \t\u00a0")
	if t == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?:;\n(“«\"", r)
}

// digitValue returns the value of a decimal digit of any script.
func digitValue(r rune) (int, bool) {
	for _, base := range digitZeros {
		if r >= base && r <= base+9 {
			return int(r - base), true
		}
	}
	return 0, false
}

// digitZeros are the zeros of the decimal digit blocks Unicode has; every
// Nd block is ten consecutive code points.
var digitZeros = func() []rune {
	var out []rune
	for _, rg := range unicode.Nd.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			if r == rune(rg.Lo) || !unicode.IsDigit(r-1) {
				out = append(out, r)
			}
		}
	}
	for _, rg := range unicode.Nd.R32 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			if r == rune(rg.Lo) || !unicode.IsDigit(r-1) {
				out = append(out, r)
			}
		}
	}
	return out
}()

// anchorSim is the weighted Dice coefficient of two clauses' anchors, and
// whether both have any: a clause without anchors tells nothing.
func anchorSim(a, b clauseFeatures) (float64, bool) {
	if a.weight == 0 || b.weight == 0 {
		return 0, false
	}
	common := 0.0
	for k, wa := range a.anchors {
		if wb, ok := b.anchors[k]; ok {
			common += math.Min(wa, wb)
		}
	}
	return 2 * common / (a.weight + b.weight), true
}

// lengthSim compares the length of a translated clause with that of a
// canonical clause, given the translation's overall ratio: 1 when the
// clause has exactly the ratio, falling off on either side.
func lengthSim(c, t clauseFeatures, ratio float64) float64 {
	r := (float64(t.length) + 10) / (float64(c.length) + 10) / ratio
	return math.Exp(-1.5 * math.Abs(math.Log(r)))
}

// similarity scores how well translated clause t matches canonical
// clause c, from 0 to 1.
func similarity(c, t clauseFeatures, ratio float64) float64 {
	ls := lengthSim(c, t, ratio)
	as, ok := anchorSim(c, t)
	if !ok {
		return 0.5 * ls
	}
	return 0.3*ls + 0.7*as
}
