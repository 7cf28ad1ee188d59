package text

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/hyphen"
	"github.com/polypress/polypress/pipeline/internal/typesetting/language"
)

// segment is the text between two line-break opportunities.
type segment struct {
	start, end int
	width      float64 // including trailing spaces
	trail      float64 // width of trailing spaces
	spaces     int     // stretchable spaces, not counting trailing ones
	spaceWidth float64
	clusters   int
	cjk        bool
	mandatory  bool
	// hyphen: a line that ends here ends inside a word, and a hyphen
	// hyphenW wide is drawn after it.
	hyphen  bool
	hyphenW float64
	// lead and tail are the blank halves of full-width punctuation that
	// a line starting (lead) or ending (tail) here does not set.
	lead, tail float64
	// flagged: a line that ends here counts as hyphenated (TeX's flagged
	// break), for the penalty and the limit on hyphens in a row: a
	// hyphenation point, a soft hyphen, or a hyphen written in the text.
	// An emergency cut of a word longer than the line is not flagged: it
	// cannot be avoided.
	flagged bool
}

// Line-breaking costs, in TeX's units (The TeXbook, chapter 14): each line
// costs (linePenalty + badness)², a line ending at a hyphen adds
// hyphenPenalty², two such lines in a row doubleHyphenDemerits, and a
// hyphen on the line before the last finalHyphenDemerits.
const (
	// pretolerance is the largest adjustment ratio a justified line may
	// have in the first pass, without hyphenation (TeX's \pretolerance of
	// 100 is a badness, 100·r³, so r = 1: spaces stretched by all of
	// their stretchability, 1.6 times their natural width).
	pretolerance         = 1.0
	linePenalty          = 10
	hyphenPenalty        = 50
	doubleHyphenDemerits = 10000
	finalHyphenDemerits  = 5000
)

// breaker holds what cutting one paragraph into segments needs.
type breaker struct {
	sh           *Shaper
	p            *Paragraph
	runes        []rune
	styleOf      []int
	items        []item
	adv          []float64
	clusterStart []bool
	width        float64
	ty           *doc.Typography
	patterns     *hyphen.Patterns
	lang         language.Language // the paragraph's, for spans in other languages
	hyphenate    bool
	segs         []segment
}

// segments cuts the paragraph at UAX #14 line-break opportunities, less
// those the locale's rules forbid, plus hyphenation points inside words
// (every word of a justified paragraph; in a ragged one only words too
// long for the line). A piece still wider than the line (a long URL, an
// unbroken run of letters) is cut again at cluster boundaries, with a
// hyphen between two letters, so that nothing overflows the measure.
//
// hyphenate offers the hyphenation points of every word; without it only
// words too long for the line are hyphenated.
func (sh *Shaper) segments(p *Paragraph, runes []rune, styleOf []int, items []item, adv []float64, clusterStart []bool, width float64, opps []opportunity, hyphenate bool) []segment {
	b := &breaker{sh: sh, p: p, runes: runes, styleOf: styleOf, items: items, adv: adv, hyphenate: hyphenate,
		clusterStart: clusterStart, width: width, ty: p.Typography, lang: baseLang(p.Lang),
		segs: sh.tmp.segs[:0]}
	defer func() { sh.tmp.segs = b.segs }()
	if b.ty != nil && b.ty.Hyphenation != "" {
		// The loader checked the name; a set that fails to load leaves
		// the paragraph unhyphenated rather than failing the build.
		b.patterns, _ = hyphen.Builtin(b.ty.Hyphenation)
	}
	segStart := 0
	for _, o := range opps {
		// A break opportunity inside a shaped cluster (a space carrying
		// a combining mark, which UAX #14 lets a line end after) is not
		// taken: the cluster's glyphs cannot be split between lines.
		if !clusterStart[o.end] {
			continue
		}
		if !o.mandatory && o.end < len(runes) && b.ty != nil && !b.allowed(segStart, o.end) {
			continue
		}
		b.add(segStart, o.end, o.mandatory)
		segStart = o.end
	}
	return b.segs
}

// opportunity is a UAX #14 line-break opportunity before runes[end].
type opportunity struct {
	end       int
	mandatory bool
}

// opportunities lists the paragraph's UAX #14 line-break opportunities;
// the last is at the end of the text.
func (sh *Shaper) opportunities(runes []rune) []opportunity {
	sh.lines.InitLines(runes)
	it := sh.lines.LineIterator()
	out := sh.tmp.opps[:0]
	defer func() { sh.tmp.opps = out }()
	for it.Next() {
		l := it.Line()
		out = append(out, opportunity{end: l.Offset + len(l.Text), mandatory: l.IsMandatoryBreak})
	}
	return out
}

// allowed applies the locale's rules to the break opportunity between
// runes[end-1] and runes[end], the end of text that began at from.
func (b *breaker) allowed(from, end int) bool {
	ty, runes := b.ty, b.runes
	next := runes[end]
	if ty.NoLineStart != "" && strings.ContainsRune(ty.NoLineStart, next) {
		return false
	}
	te := end
	for te > from && isBreakSpace(runes[te-1]) {
		te--
	}
	if te == end || te == from {
		return true // the rules below are about the space between two words
	}
	if ty.GlueNumbers && unicode.IsLetter(next) && countingNumber(runes[from:te]) {
		return false
	}
	if len(ty.NoBreakAfter) > 0 {
		ws := te
		for ws > from && !isBreakSpace(runes[ws-1]) {
			ws--
		}
		if slices.Contains(ty.NoBreakAfter, string(runes[ws:te])) {
			return false
		}
	}
	return true
}

// countingNumber reports whether the text ends with a number that counts
// or dates what follows it ("5 August", "57 States", "1,000 people"): at
// most three digits, or digits grouped by a separator. A bare four-digit
// number is most often a year ("in 2019 the"), which may end a line.
func countingNumber(t []rune) bool {
	digits, grouped := 0, false
	for i := len(t) - 1; i >= 0; i-- {
		r := t[i]
		switch {
		case unicode.IsDigit(r):
			digits++
		case (r == ',' || r == '.' || r == '\u00a0' || r == '\u202f' || r == '\'') && i > 0 && unicode.IsDigit(t[i-1]) && digits > 0:
			grouped = true
		default:
			return digits > 0 && (digits <= 3 || grouped) && (unicode.IsSpace(r) || unicode.IsPunct(r))
		}
	}
	return digits > 0 && (digits <= 3 || grouped)
}

// add appends the segments of the text between two break opportunities.
func (b *breaker) add(from, to int, mandatory bool) {
	runes := b.runes
	te := to
	for te > from && isBreakSpace(runes[te-1]) {
		te--
	}
	var cuts []int
	if b.patterns != nil && (b.hyphenate || b.widthOf(from, te) > b.width) {
		cuts = b.hyphenationPoints(from, te)
	}
	start := from
	for _, c := range cuts {
		s := measure(runes, b.adv, b.clusterStart, start, c)
		s.hyphen, s.flagged, s.hyphenW = true, true, b.hyphenWidth(c-1)
		b.fit(s)
		start = c
	}
	s := measure(runes, b.adv, b.clusterStart, start, to)
	s.mandatory = mandatory
	if te > start {
		switch runes[te-1] {
		case '\u00ad': // soft hyphen: drawn only at a line end
			if te == to {
				s.hyphen, s.hyphenW = true, b.hyphenWidth(te-1)
			}
			s.flagged = true
		case '-', '\u2010':
			s.flagged = te == to
		}
	}
	b.fit(s)
}

// widthOf is the width of runes[from:to].
func (b *breaker) widthOf(from, to int) float64 {
	w := 0.0
	for k := from; k < to; k++ {
		w += b.adv[k]
	}
	return w
}

// fit appends s, cut at cluster boundaries when it is wider than the line.
func (b *breaker) fit(s segment) {
	if s.width-s.trail+s.hyphenW <= b.width {
		b.segs = append(b.segs, s)
		return
	}
	runes, adv, clusterStart := b.runes, b.adv, b.clusterStart
	from := s.start
	for from < s.end {
		to, w := from, 0.0
		for to < s.end {
			next := to + 1
			for next < s.end && !clusterStart[next] {
				next++
			}
			cw := 0.0
			for k := to; k < next; k++ {
				cw += adv[k]
			}
			hw := 0.0
			if next < s.end && b.needsHyphen(next) {
				hw = b.hyphenWidth(next - 1)
			} else if next == s.end {
				hw = s.hyphenW
			}
			if w+cw+hw > b.width && to > from {
				break
			}
			w += cw
			to = next
		}
		piece := measure(runes, adv, clusterStart, from, to)
		if to == s.end {
			piece.mandatory, piece.hyphen, piece.hyphenW, piece.flagged = s.mandatory, s.hyphen, s.hyphenW, s.flagged
		} else if b.needsHyphen(to) {
			piece.hyphen, piece.hyphenW = true, b.hyphenWidth(to-1)
		}
		b.segs = append(b.segs, piece)
		from = to
	}
}

// needsHyphen reports whether a cut before runes[at] splits a word of a
// script that marks such a cut with a hyphen: letters on both sides, set
// left to right (Arabic and Hebrew words are not hyphenated; Chinese needs
// no cut inside a word).
func (b *breaker) needsHyphen(at int) bool {
	l, r := b.runes[at-1], b.runes[at]
	if !unicode.IsLetter(l) || !unicode.IsLetter(r) || isCJK(l) || isCJK(r) {
		return false
	}
	it := b.itemAt(at - 1)
	return it != nil && it.level%2 == 0
}

// itemAt returns the item holding rune k.
func (b *breaker) itemAt(k int) *item {
	i := sort.Search(len(b.items), func(i int) bool { return b.items[i].end > k })
	if i < len(b.items) && b.items[i].start <= k {
		return &b.items[i]
	}
	return nil
}

// hyphenWidth is the width of the hyphen drawn after rune k, in its font.
func (b *breaker) hyphenWidth(k int) float64 {
	it := b.itemAt(k)
	if it == nil {
		return 0
	}
	_, adv := b.sh.hyphenGlyph(it.font)
	return adv * it.style.Size / it.font.Upem()
}

// hyphenationPoints returns where the words of runes[from:to] may be
// hyphenated by the paragraph's patterns, ascending. (A word with no
// usable point that is still too long for the line is cut by fit.)
func (b *breaker) hyphenationPoints(from, to int) []int {
	ty := b.ty
	left, right := max(ty.HyphenLeft, 1), max(ty.HyphenRight, 1)
	var out []int
	for k := from; k < to; {
		if !unicode.IsLetter(b.runes[k]) {
			k++
			continue
		}
		ws := k
		for k < to && (unicode.IsLetter(b.runes[k]) || unicode.Is(unicode.M, b.runes[k])) {
			k++
		}
		word := b.runes[ws:k]
		// A word glued to digits, a soft hyphen or other symbols
		// ("COVID19", "x\u00adyz") is left as written. The parts of a
		// hyphenated compound are words, as TeX has them.
		if k < to && !isWordEnd(b.runes[k]) || ws > 0 && !isWordEnd(b.runes[ws-1]) {
			continue
		}
		if len(word) < left+right || !b.hyphenatable(word, ws) {
			continue
		}
		for _, pt := range b.sh.hyphenPoints(b.patterns, word, left, right) {
			if b.clusterStart[ws+pt] {
				out = append(out, ws+pt)
			}
		}
	}
	return out
}

// hyphenPoints returns p's hyphenation points of word, from the shaper's
// memory of the words it has hyphenated: a statement repeats its words,
// and a pattern search costs a trie walk from every letter. The slice is
// read, never kept.
func (sh *Shaper) hyphenPoints(p *hyphen.Patterns, word []rune, left, right int) []int {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for _, r := range word {
		h = (h ^ uint64(r)) * prime
	}
	h = (h ^ uint64(left)<<8 ^ uint64(right)) * prime
	for w := sh.hyphenWords[h]; w != nil; w = w.next {
		if w.patterns == p && w.left == left && w.right == right && slices.Equal(w.word, word) {
			return w.points
		}
	}
	if sh.hyphenWords == nil || len(sh.hyphenWords) >= maxHyphenWords {
		sh.hyphenWords = map[uint64]*hyphenWord{}
	}
	sh.points = p.Points(word, left, right, sh.points)
	w := &hyphenWord{patterns: p, left: left, right: right, word: slices.Clone(word),
		points: slices.Clone(sh.points), next: sh.hyphenWords[h]}
	sh.hyphenWords[h] = w
	return w.points
}

// maxHyphenWords bounds a shaper's memory of hyphenated words (a few MB).
const maxHyphenWords = 50_000

// hyphenWord is a word's hyphenation points by one pattern set.
type hyphenWord struct {
	patterns    *hyphen.Patterns
	left, right int
	word        []rune
	points      []int
	next        *hyphenWord // same hash
}

// isWordEnd reports the characters a hyphenated word may touch: spaces,
// punctuation and hyphens, not digits or soft hyphens.
func isWordEnd(r rune) bool {
	return r != '\u00ad' && (unicode.IsSpace(r) || unicode.IsPunct(r) || r == '\u00a0' || r == '\u202f')
}

// hyphenatable applies the locale's case rule and the span's language to
// a word starting at rune ws.
func (b *breaker) hyphenatable(word []rune, ws int) bool {
	upper, lower := 0, 0
	for _, r := range word {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		case unicode.Is(unicode.M, r):
			return false // decomposed letters: the patterns are NFC
		}
	}
	if lower == 0 || upper > 1 {
		return false // an acronym, or a name such as "McDonald"
	}
	if upper == 1 && (!b.ty.HyphenateCapitalized || !unicode.IsUpper(word[0])) {
		return false
	}
	if l := b.p.Spans[b.styleOf[ws]].Lang; l != "" && baseLang(l) != b.lang {
		return false // another language: these are not its patterns
	}
	return true
}

func baseLang(tag string) language.Language {
	return language.NewLanguage(tag).Primary()
}

func measure(runes []rune, adv []float64, clusterStart []bool, start, end int) segment {
	s := segment{start: start, end: end}
	te := end
	for te > start && isBreakSpace(runes[te-1]) {
		te--
	}
	for k := start; k < end; k++ {
		s.width += adv[k]
		if k >= te {
			s.trail += adv[k]
			continue
		}
		if clusterStart[k] {
			s.clusters++
		}
		if isStretchSpace(runes[k]) {
			s.spaces++
			s.spaceWidth += adv[k]
		}
		if isCJK(runes[k]) {
			s.cjk = true
		}
	}
	// The space that ends a segment stretches when the line goes on.
	if te < end && isStretchSpace(runes[te]) {
		s.spaces++
		s.spaceWidth += adv[te]
	}
	return s
}

func isBreakSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\u2028' || r == '\u3000'
}

// isStretchSpace reports the spaces that justification stretches: word
// spaces, including no-break ones. A narrow no-break space (French
// "mot ;") keeps its width.
func isStretchSpace(r rune) bool { return r == ' ' || r == '\u00a0' }

func isCJK(r rune) bool {
	if r < 0x1100 && r != 0x02EA && r != 0x02EB {
		// Below Hangul Jamo only two Bopomofo tone letters are CJK.
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo)
}

// breakScratch is breakLines's working space, reused from paragraph to
// paragraph; the breaks it returns are valid until its next call.
type breakScratch struct {
	cumW, cumSpaceW     []float64
	cumClusters, cumCJK []int
	best                []float64
	prev                []int32
	breaks              []int
}

// breakLines chooses where lines end: a total-fit search, in the manner of
// Knuth and Plass, minimising the demerits of the whole paragraph so that
// justified lines are evenly spaced instead of one loose line after several
// tight ones, and hyphens are used where they pay. ladder is the most
// hyphenated lines allowed in a row (0: any number). It returns, for each
// line, the index after its last segment, and the largest adjustment
// ratio of a justified line but the last (how far its spaces stretch, as
// a multiple of their stretchability; TeX's pretolerance test).
//
// The search keeps, for every segment end, the best paragraph so far for
// each count of hyphenated lines just before it; a line never spans more
// than a measure, so the work grows linearly with the paragraph.
func breakLines(tmp *breakScratch, segs []segment, width float64, justify bool, ladder int) ([]int, float64) {
	n := len(segs)
	cumW := zeroed(&tmp.cumW, n+1)
	cumSpaceW := zeroed(&tmp.cumSpaceW, n+1)
	cumClusters := zeroed(&tmp.cumClusters, n+1)
	cumCJK := zeroed(&tmp.cumCJK, n+1)
	for i, s := range segs {
		cumW[i+1] = cumW[i] + s.width
		cumSpaceW[i+1] = cumSpaceW[i] + s.spaceWidth
		cumClusters[i+1] = cumClusters[i] + s.clusters
		cumCJK[i+1] = cumCJK[i]
		if s.cjk {
			cumCJK[i+1]++
		}
	}
	// States per segment end: 0, 1, ... hyphenated lines in a row ending
	// there (the last state also stands for more, when there is no limit).
	states := 2
	if ladder > 0 {
		states = ladder + 1
	}
	if !slices.ContainsFunc(segs, func(s segment) bool { return s.flagged }) {
		// No line can end hyphenated (most first passes): every line
		// ends in state 0, so that is the only one to keep.
		states = 1
	}
	inf := math.Inf(1)
	best := zeroed(&tmp.best, (n+1)*states)
	prev := zeroed(&tmp.prev, (n+1)*states)
	for k := range best {
		best[k] = inf
	}
	best[0] = 0
	for j := 1; j <= n; j++ {
		last := &segs[j-1]
		isLast := j == n || last.mandatory
		flagged := last.flagged && !isLast
		// A line never spans a mandatory break.
		single := j >= 2 && segs[j-2].mandatory
		for i := j - 1; i >= 0; i-- {
			if i < j-1 && single {
				break
			}
			natural := cumW[j] - cumW[i] - last.trail - segs[i].lead - last.tail
			if last.hyphen && !isLast {
				natural += last.hyphenW
			}
			// The last segment's closing space does not stretch.
			spaceW := cumSpaceW[j] - cumSpaceW[i]
			if last.trail > 0 {
				spaceW -= last.trail
			}
			stretch := spaceW * 0.6
			// Spaces shrink by a third, as TeX's fonts let them (cmr10: 1.11 pt
			// of 3.33), which leaves fewer loose lines in a narrow measure.
			shrink := spaceW / 3
			if !justify {
				// Only justification shrinks spaces: a ragged line
				// over the measure would stick out past the margin.
				shrink = 0
			}
			if cumCJK[j] > cumCJK[i] {
				// Chinese and Japanese justify between characters.
				stretch += float64(cumClusters[j]-cumClusters[i]) * width * 0.004
			}
			if natural > width+shrink && i < j-1 {
				break // longer lines only get worse
			}
			var d float64
			switch {
			case natural > width+shrink:
				d = 1e12 // a single piece that cannot fit anyway
			case isLast && natural <= width:
				d = 0
			case !justify:
				// Ragged lines: prefer filling the measure.
				d = (width - natural) * (width - natural)
			default:
				var r float64
				if natural <= width {
					if stretch > 0 {
						r = (width - natural) / stretch
					} else {
						r = 10
					}
				} else if shrink > 0 {
					r = (natural - width) / shrink
				}
				bad := 100 * r * r * r
				d = (linePenalty + bad) * (linePenalty + bad)
			}
			if flagged {
				d += hyphenPenalty * hyphenPenalty
			}
			for h := 0; h < states; h++ {
				from := best[i*states+h]
				if from == inf {
					continue
				}
				v, nh := from+d, 0
				if flagged {
					nh = h + 1
					if ladder > 0 && nh > ladder {
						continue
					}
					nh = min(nh, states-1)
					if h > 0 {
						v += doubleHyphenDemerits
					}
				}
				if j == n && h > 0 && i > 0 {
					v += finalHyphenDemerits
				}
				if v < best[j*states+nh] {
					best[j*states+nh], prev[j*states+nh] = v, int32(i*states+h)
				}
			}
		}
	}
	end, bestV := -1, inf
	for h := 0; h < states; h++ {
		if v := best[n*states+h]; v < bestV {
			end, bestV = n*states+h, v
		}
	}
	if end < 0 && ladder > 0 {
		// The limit on hyphens in a row left no way through (a word cut
		// at every hyphenation point to fit a narrow measure): drop it.
		return breakLines(tmp, segs, width, justify, 0)
	}
	breaks := tmp.breaks[:0]
	defer func() { tmp.breaks = breaks }()
	for k := end; k > 0 && end > 0; k = int(prev[k]) {
		breaks = append(breaks, k/states)
	}
	slices.Reverse(breaks)
	worst, i := 0.0, 0
	for _, j := range breaks {
		last := segs[j-1]
		if j < n && !last.mandatory && justify {
			natural := cumW[j] - cumW[i] - last.trail - segs[i].lead - last.tail
			if last.hyphen {
				natural += last.hyphenW
			}
			stretch := (cumSpaceW[j] - cumSpaceW[i] - last.trail) * 0.6
			if cumCJK[j] > cumCJK[i] {
				stretch += float64(cumClusters[j]-cumClusters[i]) * width * 0.004
			}
			switch {
			case natural >= width:
			case stretch > 0:
				worst = math.Max(worst, (width-natural)/stretch)
			default:
				worst = math.Inf(1)
			}
		}
		i = j
	}
	return breaks, worst
}
