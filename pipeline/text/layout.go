package text

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/internal/typesetting/bidi"
	"github.com/polypress/polypress/pipeline/internal/typesetting/di"
	"github.com/polypress/polypress/pipeline/internal/typesetting/language"
	"github.com/polypress/polypress/pipeline/internal/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	xbidi "golang.org/x/text/unicode/bidi"
)

// Align is a paragraph's alignment. Start and End follow the paragraph's
// direction, so a right-to-left edition mirrors without the caller knowing.
type Align int

// Alignments.
const (
	Justify Align = iota
	Start
	End
	Center
)

// Style is how a span of text is set.
type Style struct {
	Stack  *Stack
	Size   float64 // points
	Bold   bool
	Italic bool
	// Color is 0xRRGGBB; the renderer applies it.
	Color uint32
	// Link is a URL the renderer makes clickable.
	Link string
}

// Span is text in one style.
type Span struct {
	Text  string
	Style Style
}

// Paragraph is the input of Layout.
type Paragraph struct {
	Spans []Span
	// Lang is the BCP 47 language of the paragraph; it selects
	// language-specific shaping (Urdu digits, say).
	Lang string
	// RTL sets the paragraph's base direction to right-to-left.
	RTL   bool
	Align Align
}

// Glyph is one positioned glyph. X and Y are its drawing origin relative to
// the run's origin, in points, Y up; Advance is its shaped advance.
type Glyph struct {
	ID      uint16
	X, Y    float64
	Advance float64
	// Pen is where the pen stood before this glyph: X without the
	// glyph's own offset. A cluster's box on the baseline runs from its
	// first glyph's Pen to its last glyph's Pen+Advance.
	Pen float64
}

// Cluster ties glyphs to the characters they show: Glyphs[Start:End] of the
// run show Text. Text extraction (ActualText) is written per cluster.
type Cluster struct {
	Text       string
	Start, End int
}

// Run is a sequence of glyphs in one font, size and direction, in visual
// (left-to-right) order.
type Run struct {
	Font     *Font
	Size     float64
	Style    Style
	X        float64 // origin relative to the line's left edge
	Width    float64
	Glyphs   []Glyph
	Clusters []Cluster
	RTL      bool
	// Text is the run's text in logical order.
	Text string
	// Start is the index, in characters of the paragraph, of the run's
	// first character: sorting a line's runs by Start gives them in
	// logical (reading) order, which PDF text extraction needs.
	Start int
}

// Line is one laid-out line: runs in visual order, positioned inside the
// width the caller asked for (alignment and justification are applied).
type Line struct {
	Runs []Run
	// Width is the natural width of the content before justification.
	Width float64
	// Ascent and Descent are the largest font extents on the line, in points
	// (Descent is negative).
	Ascent, Descent float64
	// RTL is the paragraph's base direction.
	RTL bool
}

// Text returns the line's text in logical order, for tests and logs.
func (l Line) Text() string {
	// Runs are visual; rebuild logical order from the clusters' source
	// order is not kept, so return visual run order joined, which equals
	// logical order for left-to-right lines.
	s := ""
	for _, r := range l.Runs {
		s += r.Text
	}
	return s
}

// item is a shaped piece of a paragraph: constant bidi level, style, script
// and font.
type item struct {
	start, end int
	level      bidi.Level
	style      Style
	font       *Font
	glyphs     []shaping.Glyph
	scale      float64 // points per font unit
}

// Layout shapes the paragraph and breaks it into lines no wider than width
// points. It never fails: a character no font of its stack covers is drawn
// as Placeholder, never as an empty box, while the line's clusters keep the
// original character for text extraction. (The glyph preflight reports
// such characters before layout; a build only gets here with them when it
// allows missing glyphs.)
func (sh *Shaper) Layout(p Paragraph, width float64) []Line {
	var runes []rune
	var styleOf []int
	for i, s := range p.Spans {
		for _, r := range s.Text {
			runes = append(runes, r)
			styleOf = append(styleOf, i)
		}
	}
	if len(runes) == 0 {
		return nil
	}
	items, missing := sh.itemize(p, runes, styleOf)
	if missing {
		items, _ = sh.itemize(p, sh.withPlaceholders(p, runes, styleOf), styleOf)
	}

	// Advance of every rune: a cluster's advance is given to its first rune,
	// so sums over rune ranges that respect cluster boundaries are exact.
	adv := make([]float64, len(runes))
	clusterStart := make([]bool, len(runes)+1)
	clusterStart[len(runes)] = true
	var ascent, descent float64
	for _, it := range items {
		for _, g := range it.glyphs {
			adv[g.ClusterIndex] += float64(g.Advance) * it.scale
			clusterStart[g.ClusterIndex] = true
		}
		clusterStart[it.start] = true
		ascent = math.Max(ascent, it.font.Ascent()*it.style.Size)
		descent = math.Min(descent, it.font.Descent()*it.style.Size)
	}
	segs := sh.segments(runes, adv, clusterStart, width)
	breaks := breakLines(segs, width, p.Align == Justify)

	lines := make([]Line, 0, len(breaks))
	start := 0
	for bi, end := range breaks {
		ls, le := segs[start].start, segs[end-1].end
		last := bi == len(breaks)-1 || segs[end-1].mandatory
		// Trailing white space hangs outside the line (UAX #9 L1 puts it at
		// paragraph level; we simply do not draw it).
		te := le
		for te > ls && isBreakSpace(runes[te-1]) {
			te--
		}
		lines = append(lines, sh.buildLine(p, runes, items, adv, ls, te, width, last))
		start = end
	}
	return lines
}

// itemize splits the paragraph by bidi level and style, then lets the
// go-text segmenter split by script and font coverage, and shapes each item.
// It reports whether some character had no font.
func (sh *Shaper) itemize(p Paragraph, runes []rune, styleOf []int) ([]item, bool) {
	def := bidi.LeftToRight
	if p.RTL {
		def = bidi.RightToLeft
	}
	// go-text's bidi resolves only up to the first paragraph separator
	// (a newline, say) and its segmenter drops the rest, so each bidi
	// paragraph (UAX #9 P1) is resolved on its own, and a separator,
	// which keeps the paragraph level (L1), is an item by itself.
	levels := make([]bidi.Level, len(runes))
	for ps := 0; ps < len(runes); {
		pe := ps
		for pe < len(runes) && !isParagraphSeparator(runes[pe]) {
			pe++
		}
		if pe > ps {
			runs := sh.bidi.Segment(runes[ps:pe], def)
			for i := 0; i < runs.NumRuns(); i++ {
				r := runs.Run(i)
				for k := r.Start; k < r.End; k++ {
					levels[ps+k] = r.Level
				}
			}
		}
		if pe < len(runes) && p.RTL {
			levels[pe] = 1
		}
		ps = pe + 1
	}
	lang := language.NewLanguage(p.Lang)
	var items []item
	missing := false
	for start := 0; start < len(runes); {
		end := start + 1
		for end < len(runes) && levels[end] == levels[start] && styleOf[end] == styleOf[start] &&
			!isParagraphSeparator(runes[start]) && !isParagraphSeparator(runes[end]) {
			end++
		}
		st := p.Spans[styleOf[start]].Style
		dir := di.DirectionLTR
		if levels[start]%2 == 1 {
			dir = di.DirectionRTL
		}
		fm := &fontmap{sh: sh, stack: st.Stack, bold: st.Bold, italic: st.Italic}
		in := shaping.Input{Text: runes, RunStart: start, RunEnd: end, Direction: dir, Language: lang}
		for _, part := range sh.seg.Split(in, fm) {
			part.Direction = dir
			fnt := sh.fonts[part.Face]
			part.Size = fixed.I(int(fnt.Upem()))
			out := sh.hb.Shape(part)
			glyphs := make([]shaping.Glyph, len(out.Glyphs))
			copy(glyphs, out.Glyphs)
			items = append(items, item{
				start: part.RunStart, end: part.RunEnd, level: levels[start], style: st,
				font: fnt, glyphs: glyphs, scale: st.Size / fnt.Upem() / 64,
			})
		}
		missing = missing || fm.missing
		start = end
	}
	return items, missing
}

// Placeholder is drawn for a character that no font of its stack covers:
// U+FFFD REPLACEMENT CHARACTER, which Noto Serif and Noto Sans draw as a
// question mark in a black diamond, the sign readers know for a character
// that could not be shown. Copying the text still gives the original
// character.
const Placeholder = '\uFFFD'

// withPlaceholders returns a copy of runes in which every character that
// no font of its span's stack covers is Placeholder. Default-ignorable
// characters (joiners, variation selectors, bidi controls) are left alone:
// shaping hides them when a font lacks them.
func (sh *Shaper) withPlaceholders(p Paragraph, runes []rune, styleOf []int) []rune {
	out := make([]rune, len(runes))
	for i, r := range runes {
		out[i] = r
		st := p.Spans[styleOf[i]].Style
		if !Ignorable(r) && sh.Covers(st.Stack, r, st.Bold, st.Italic) == nil {
			out[i] = Placeholder
		}
	}
	return out
}

// Ignorable reports whether r needs no glyph: white space, controls,
// format characters such as joiners and bidi marks, and variation
// selectors.
func Ignorable(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) ||
		unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}

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
}

// segments cuts the paragraph at UAX #14 line-break opportunities. A piece
// wider than the line (a long URL, an unbroken run of Latin letters) is cut
// again at cluster boundaries so that nothing overflows the measure.
func (sh *Shaper) segments(runes []rune, adv []float64, clusterStart []bool, width float64) []segment {
	sh.lines.Init(runes)
	it := sh.lines.LineIterator()
	var segs []segment
	segStart := 0
	for it.Next() {
		l := it.Line()
		end := l.Offset + len(l.Text)
		// A break opportunity inside a shaped cluster (a space carrying
		// a combining mark, which UAX #14 lets a line end after) is not
		// taken: the cluster's glyphs cannot be split between lines.
		if !clusterStart[end] {
			continue
		}
		s := measure(runes, adv, clusterStart, segStart, end)
		segStart = end
		s.mandatory = l.IsMandatoryBreak
		if s.width-s.trail <= width {
			segs = append(segs, s)
			continue
		}
		// Emergency: split at cluster boundaries.
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
				if w+cw > width && to > from {
					break
				}
				w += cw
				to = next
			}
			piece := measure(runes, adv, clusterStart, from, to)
			if to == s.end {
				piece.mandatory = s.mandatory
			}
			segs = append(segs, piece)
			from = to
		}
	}
	return segs
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

// isParagraphSeparator reports the characters of bidi class B, which end
// a bidi paragraph.
func isParagraphSeparator(r rune) bool {
	props, _ := xbidi.LookupRune(r)
	return props.Class() == xbidi.B
}

func isBreakSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\u2028' || r == '\u3000'
}

func isStretchSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo)
}

// breakLines chooses where lines end: a total-fit search, in the manner of
// Knuth and Plass, minimising the sum of squared badness over the paragraph
// so that justified lines are evenly spaced instead of one loose line after
// several tight ones. It returns, for each line, the index after its last
// segment.
func breakLines(segs []segment, width float64, justify bool) []int {
	n := len(segs)
	cumW := make([]float64, n+1)
	cumSpaces := make([]int, n+1)
	cumSpaceW := make([]float64, n+1)
	cumClusters := make([]int, n+1)
	for i, s := range segs {
		cumW[i+1] = cumW[i] + s.width
		cumSpaces[i+1] = cumSpaces[i] + s.spaces
		cumSpaceW[i+1] = cumSpaceW[i] + s.spaceWidth
		cumClusters[i+1] = cumClusters[i] + s.clusters
	}
	best := make([]float64, n+1)
	prev := make([]int, n+1)
	for j := 1; j <= n; j++ {
		best[j] = math.Inf(1)
		for i := j - 1; i >= 0; i-- {
			if i < j-1 && segs[j-2].mandatory {
				break // a line never spans a mandatory break
			}
			last := segs[j-1]
			natural := cumW[j] - cumW[i] - last.trail
			// The last segment's closing space does not stretch.
			spaceW := cumSpaceW[j] - cumSpaceW[i]
			if last.trail > 0 {
				spaceW -= last.trail
			}
			stretch := spaceW * 0.6
			shrink := spaceW * 0.25
			cjk := false
			for k := i; k < j && !cjk; k++ {
				cjk = segs[k].cjk
			}
			if cjk {
				// Chinese and Japanese justify between characters.
				stretch += float64(cumClusters[j]-cumClusters[i]) * width * 0.004
			}
			if natural > width+shrink && i < j-1 {
				break // longer lines only get worse
			}
			var d float64
			isLast := j == n || last.mandatory
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
				b := 100 * r * r * r
				d = (1 + b) * (1 + b)
			}
			if v := best[i] + d; v < best[j] {
				best[j], prev[j] = v, i
			}
		}
	}
	var breaks []int
	for j := n; j > 0; j = prev[j] {
		breaks = append(breaks, j)
	}
	for a, b := 0, len(breaks)-1; a < b; a, b = a+1, b-1 {
		breaks[a], breaks[b] = breaks[b], breaks[a]
	}
	return breaks
}

// piece is the part of an item that falls on one line.
type piece struct {
	it         *item
	start, end int
	glyphs     []shaping.Glyph
}

// buildLine cuts the items to [ls, le), reorders them visually and places
// the glyphs, justifying when asked.
func (sh *Shaper) buildLine(p Paragraph, runes []rune, items []item, adv []float64, ls, le int, width float64, last bool) Line {
	var pieces []piece
	for i := range items {
		it := &items[i]
		s, e := max(ls, it.start), min(le, it.end)
		if s >= e {
			continue
		}
		pieces = append(pieces, piece{it: it, start: s, end: e, glyphs: glyphsIn(it.glyphs, s, e)})
	}
	reorder(pieces)

	natural := 0.0
	stretchers := 0
	cjk := false
	for k := ls; k < le; k++ {
		natural += adv[k]
		if isStretchSpace(runes[k]) {
			stretchers++
		}
		cjk = cjk || isCJK(runes[k])
	}
	perSpace, perCluster := 0.0, 0.0
	// A last line is set at its natural width unless the line breaker let
	// it run a little over the measure, which only shrinking can fix.
	if p.Align == Justify && (!last && natural != width || natural > width) {
		// Spaces stretch, or shrink when the line breaker chose a line a
		// little over the measure; Chinese and Japanese only stretch.
		switch {
		case stretchers > 0:
			perSpace = (width - natural) / float64(stretchers)
		case cjk && natural < width:
			n := 0
			for _, pc := range pieces {
				n += countClusters(pc.glyphs)
			}
			if n > 1 {
				perCluster = (width - natural) / float64(n-1)
			}
		}
	}
	offset := 0.0
	if perSpace == 0 && perCluster == 0 {
		slack := width - natural
		align := p.Align
		if align == Justify {
			align = Start
		}
		switch {
		case align == Center:
			offset = slack / 2
		case (align == Start) == p.RTL: // right-aligned
			offset = slack
		}
	}

	line := Line{Width: natural, RTL: p.RTL}
	x := offset
	for pi, pc := range pieces {
		it := pc.it
		run := Run{Font: it.font, Size: it.style.Size, Style: it.style, X: x, RTL: it.level%2 == 1,
			Text: string(runes[pc.start:pc.end]), Start: pc.start, Glyphs: make([]Glyph, 0, len(pc.glyphs))}
		pen := 0.0
		for gi, g := range pc.glyphs {
			run.Glyphs = append(run.Glyphs, Glyph{
				ID:      uint16(g.GlyphID),
				X:       pen + float64(g.XOffset)*it.scale,
				Y:       float64(g.YOffset) * it.scale,
				Advance: float64(g.Advance) * it.scale,
				Pen:     pen,
			})
			pen += float64(g.Advance) * it.scale
			if perSpace != 0 && isStretchSpace(runes[g.ClusterIndex]) {
				run.Glyphs[len(run.Glyphs)-1].Advance += perSpace
				pen += perSpace
			}
			// Inter-character spacing goes into the advance of each
			// cluster's last glyph, so that a cluster's box still
			// touches the next one (text extraction reads a gap as a
			// space).
			endOfCluster := gi == len(pc.glyphs)-1 || pc.glyphs[gi+1].ClusterIndex != g.ClusterIndex
			endOfLine := pi == len(pieces)-1 && gi == len(pc.glyphs)-1
			if perCluster != 0 && endOfCluster && !endOfLine {
				run.Glyphs[len(run.Glyphs)-1].Advance += perCluster
				pen += perCluster
			}
		}
		run.Width = pen
		run.Clusters = clusters(runes, pc, run.Text)
		line.Runs = append(line.Runs, run)
		line.Ascent = math.Max(line.Ascent, it.font.Ascent()*it.style.Size)
		line.Descent = math.Min(line.Descent, it.font.Descent()*it.style.Size)
		x += pen
	}
	return line
}

// glyphsIn returns the glyphs whose cluster starts in the runes [s, e).
// Shaped glyphs come in cluster order (ascending, or descending for
// right-to-left text), so they are usually one stretch of the item's
// glyphs, returned without copying; lines are many and glyphs large.
func glyphsIn(gs []shaping.Glyph, s, e int) []shaping.Glyph {
	first, last, n := -1, -1, 0
	for i, g := range gs {
		if g.ClusterIndex >= s && g.ClusterIndex < e {
			if first < 0 {
				first = i
			}
			last = i
			n++
		}
	}
	switch {
	case n == 0:
		return nil
	case n == last-first+1:
		return gs[first : last+1 : last+1]
	}
	out := make([]shaping.Glyph, 0, n)
	for _, g := range gs[first : last+1] {
		if g.ClusterIndex >= s && g.ClusterIndex < e {
			out = append(out, g)
		}
	}
	return out
}

func countClusters(gs []shaping.Glyph) int {
	n, last := 0, -1
	for _, g := range gs {
		if g.ClusterIndex != last {
			n++
			last = g.ClusterIndex
		}
	}
	return n
}

// clusters groups a piece's glyphs by cluster, in visual order, with the
// logical text each cluster shows: from its first rune to the next
// cluster's first rune in logical order. text is string(runes[pc.start:
// pc.end]); each cluster's Text is cut from it rather than allocated.
func clusters(runes []rune, pc piece, text string) []Cluster {
	// Logical starts of the clusters present, ascending.
	starts := make([]int, 0, len(pc.glyphs))
	for _, g := range pc.glyphs {
		starts = append(starts, g.ClusterIndex)
	}
	slices.Sort(starts)
	starts = slices.Compact(starts)
	next := func(c int) int {
		// smallest start greater than c, else the piece end
		lo, hi := 0, len(starts)
		for lo < hi {
			m := (lo + hi) / 2
			if starts[m] <= c {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo < len(starts) {
			return starts[lo]
		}
		return pc.end
	}
	// Byte offset in text of each rune of the piece, and of its end.
	offset := make([]int, pc.end-pc.start+1)
	for k := pc.start; k < pc.end; k++ {
		offset[k-pc.start+1] = offset[k-pc.start] + utf8.RuneLen(runes[k])
	}
	out := make([]Cluster, 0, len(starts))
	for i := 0; i < len(pc.glyphs); {
		j := i + 1
		for j < len(pc.glyphs) && pc.glyphs[j].ClusterIndex == pc.glyphs[i].ClusterIndex {
			j++
		}
		c := pc.glyphs[i].ClusterIndex
		out = append(out, Cluster{Text: text[offset[c-pc.start]:offset[next(c)-pc.start]], Start: i, End: j})
		i = j
	}
	// Characters before the first cluster of the piece (possible when a
	// cluster began on the previous line) are attached to the first one.
	return out
}

// reorder puts the pieces of a line in visual order (UAX #9 rule L2): from
// the highest level down to the lowest odd level, reverse every maximal
// sequence of pieces at that level or higher.
func reorder(pieces []piece) {
	if len(pieces) < 2 {
		return
	}
	maxL, minOdd := bidi.Level(0), bidi.Level(127)
	for _, pc := range pieces {
		l := pc.it.level
		maxL = max(maxL, l)
		if l%2 == 1 {
			minOdd = min(minOdd, l)
		}
	}
	for lev := maxL; lev >= minOdd && lev > 0; lev-- {
		for i := 0; i < len(pieces); {
			if pieces[i].it.level < lev {
				i++
				continue
			}
			j := i
			for j < len(pieces) && pieces[j].it.level >= lev {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				pieces[a], pieces[b] = pieces[b], pieces[a]
			}
			i = j
		}
	}
}
