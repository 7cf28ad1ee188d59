package text

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/typesetting/bidi"
	"github.com/polypress/polypress/pipeline/internal/typesetting/di"
	"github.com/polypress/polypress/pipeline/internal/typesetting/language"
	"github.com/polypress/polypress/pipeline/internal/typesetting/shaping"
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
	// Lang is the BCP 47 language of the span when it differs from the
	// paragraph's (an Urdu name in an English sentence); empty: the
	// paragraph's. It selects language-specific shaping, and reaches the
	// Run so that writers can tag it (PDF /Lang, HTML lang).
	Lang string
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
	// Typography is the locale's hyphenation and line-breaking rules (from
	// its locale file); nil: Unicode line breaking only. Justified
	// paragraphs are hyphenated where the rules name a pattern set;
	// ragged ones only inside a word too long for the line. Spans in
	// another language than the paragraph's are not hyphenated.
	Typography *doc.Typography
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
//
// Text is what the source says, which is not always what is drawn: a
// narrow no-break space the locale asks for before "!" shows " " when it
// replaced a space and "" when it was added, and a line-end hyphen the
// line breaker added shows "" and is marked Hyphen. A writer must make
// such clusters extract as their Text (in PDF, an ActualText span with
// it), and an added hyphen as Hyphen says.
type Cluster struct {
	Text       string
	Start, End int
	// Hyphen marks the hyphen the line breaker draws at the end of a line
	// broken inside a word (at a hyphenation point, a soft hyphen, or an
	// emergency cut of a word longer than the line). It is always the
	// last cluster of its run and its Text is empty: it is not in the
	// source. A writer gives it the extraction its readers rejoin words
	// by: the PDF writer writes an ActualText of "-" at the line end,
	// which pdftotext removes as it joins "hy-" to the next line's
	// "phen", and which PDFium reports as its soft-hyphen mark (U+FFFE);
	// an empty ActualText would leave the two halves as two words.
	Hyphen bool
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
	// Text is the run's text in logical order, as the source gives it.
	Text string
	// Start is the index, in characters of the paragraph, of the run's
	// first character: sorting a line's runs by Start gives them in
	// logical (reading) order, which PDF text extraction needs.
	Start int
	// Lang is the BCP 47 language of the run's text: its span's, else the
	// paragraph's. Writers tag a run whose language differs from the
	// document's (PDF /Lang on a marked-content span, EPUB lang).
	Lang string
	// Embolden is set when the style asks for bold and the family has no
	// bold face (Droid Sans Fallback, which sets Chinese): the stroke
	// width, in points, with which a writer outlines the glyphs as well as
	// filling them (PDF text render mode 2), which thickens every stem by
	// that much. It is EmboldenStroke times the size.
	Embolden float64
}

// EmboldenStroke is the stroke width of synthetic bold, as a fraction of
// the font size: 0.04 em thickens stems about as much as FreeType's
// FT_Outline_Embolden does by default (em/24), and as much as a regular
// CJK face differs from its bold.
const EmboldenStroke = 0.04

// Line is one laid-out line: runs in visual order, positioned inside the
// width the caller asked for (alignment and justification are applied).
type Line struct {
	Runs []Run
	// Width is the natural width of the content before justification.
	Width float64
	// Ascent and Descent are the extents of the paragraph's primary font
	// (the family its stack gives the script of its language) at its
	// size, in points (Descent is negative): the same on every line of a
	// paragraph, whatever fallback fonts a line holds, so that a layout
	// can give the paragraph one line pitch.
	Ascent, Descent float64
	// RTL is the paragraph's base direction.
	RTL bool
}

// Hyphenated reports whether the line ends inside a word, with a hyphen
// the text engine added (Cluster.Hyphen, always the last cluster of its
// run).
func (l Line) Hyphenated() bool {
	for _, r := range l.Runs {
		if n := len(r.Clusters); n > 0 && r.Clusters[n-1].Hyphen {
			return true
		}
	}
	return false
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
	glyphs     []glyph
	scale      float64 // points per font unit
	// lang is the language the item was shaped as (its span's, else the
	// paragraph's).
	lang string
	// monotone: the glyphs' clusters run in the direction's order, as
	// HarfBuzz gives them, so glyphsIn can search them.
	monotone bool
}

// Layout shapes the paragraph and breaks it into lines no wider than width
// points. It never fails: a character no font of its stack covers is drawn
// as Placeholder, never as an empty box, while the line's clusters keep the
// original character for text extraction. (The glyph preflight reports
// such characters before layout; a build only gets here with them when it
// allows missing glyphs.)
func (sh *Shaper) Layout(p Paragraph, width float64) []Line {
	// The paragraph's working arrays live in the shaper's scratch space,
	// reused from paragraph to paragraph: only the lines are new.
	runes, styleOf := sh.tmp.runes[:0], sh.tmp.styleOf[:0]
	for i, s := range p.Spans {
		for _, r := range s.Text {
			runes = append(runes, r)
			styleOf = append(styleOf, i)
		}
	}
	sh.tmp.runes, sh.tmp.styleOf = runes, styleOf
	if len(runes) == 0 {
		return nil
	}
	// src is what each rune shows in extracted text when the locale's
	// rules changed the text drawn (nil: the runes themselves).
	var src []string
	if ty := p.Typography; ty != nil && (ty.ThinSpaceBefore != "" || ty.ThinSpaceAfter != "") {
		runes, styleOf, src = thinSpaces(runes, styleOf, ty)
	}
	items, missing := sh.itemize(p, runes, styleOf)
	if missing {
		items, _ = sh.itemize(p, sh.withPlaceholders(p, runes, styleOf), styleOf)
	}

	// Advance of every rune: a cluster's advance is given to its first rune,
	// so sums over rune ranges that respect cluster boundaries are exact.
	adv := zeroed(&sh.tmp.adv, len(runes))
	clusterStart := zeroed(&sh.tmp.clusterStart, len(runes)+1)
	clusterStart[len(runes)] = true
	for _, it := range items {
		for _, g := range it.glyphs {
			adv[g.clusterIndex()] += float64(g.adv) * it.scale
			clusterStart[g.clusterIndex()] = true
		}
		clusterStart[it.start] = true
	}
	var punct []blank
	var punctAt map[int][2]int
	if p.Typography != nil && p.Typography.FullWidthPunctuation {
		punct, punctAt = sh.cjkPunct(runes, items)
		if punct != nil {
			// Quotation marks may have been widened: their runes'
			// advances follow the glyphs.
			for k := range punctAt {
				it := &items[punctAt[k][0]]
				adv[k] = float64(it.glyphs[punctAt[k][1]].adv) * it.scale
			}
		}
		compressAdjacent(runes, items, adv, punct, punctAt)
	}
	// Every line of a paragraph gets the extents of its primary font, so
	// that the line pitch does not jump where a line holds an Arabic word
	// or a Chinese name set from a fallback font.
	ascent, descent := 0.0, 0.0
	if pf := sh.primary(&p); pf != nil {
		size := 0.0
		for _, s := range p.Spans {
			size = math.Max(size, s.Style.Size)
		}
		ascent, descent = pf.Ascent()*size, pf.Descent()*size
	}
	ladder := 0
	if p.Typography != nil {
		ladder = p.Typography.HyphenLadder
	}
	// As TeX does, a justified paragraph is first broken without
	// hyphenation (but for words too long for any line); only when that
	// leaves a line stretched past its spaces' stretchability is it broken
	// again with every hyphenation point. Most short paragraphs set well
	// at once, and finding points costs a pattern search per word.
	opps := sh.opportunities(runes)
	segs := sh.segments(&p, runes, styleOf, items, adv, clusterStart, width, opps, false)
	edges(runes, items, punct, punctAt, segs)
	breaks, worst := breakLines(&sh.tmp.breaking, segs, width, p.Align == Justify, ladder)
	if worst > pretolerance && p.Align == Justify && p.Typography != nil && p.Typography.Hyphenation != "" {
		segs = sh.segments(&p, runes, styleOf, items, adv, clusterStart, width, opps, true)
		edges(runes, items, punct, punctAt, segs)
		breaks, _ = breakLines(&sh.tmp.breaking, segs, width, true, ladder)
	}

	txt := newSourceText(runes, src)
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
		hyphen := !last && segs[end-1].hyphen
		l := sh.buildLine(p, runes, txt, items, adv, punct, ls, te, width, last, hyphen)
		if ascent != 0 || descent != 0 {
			l.Ascent, l.Descent = ascent, descent
		}
		lines = append(lines, l)
		start = end
	}
	return lines
}

// itemize splits the paragraph by bidi level and style, then lets the
// go-text segmenter split by script and font coverage, and shapes each item.
// It reports whether some character had no font.
func (sh *Shaper) itemize(p Paragraph, runes []rune, styleOf []int) ([]item, bool) {
	primary := sh.primary(&p)
	def := bidi.LeftToRight
	if p.RTL {
		def = bidi.RightToLeft
	}
	// go-text's bidi resolves only up to the first paragraph separator
	// (a newline, say) and its segmenter drops the rest, so each bidi
	// paragraph (UAX #9 P1) is resolved on its own, and a separator,
	// which keeps the paragraph level (L1), is an item by itself.
	levels := zeroed(&sh.tmp.levels, len(runes))
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
	// Items and their glyphs are scratch: lines copy what they draw.
	items := sh.tmp.items[:0]
	arena := sh.tmp.glyphs[:0]
	missing := false
	for start := 0; start < len(runes); {
		end := start + 1
		for end < len(runes) && levels[end] == levels[start] && styleOf[end] == styleOf[start] &&
			!isParagraphSeparator(runes[start]) && !isParagraphSeparator(runes[end]) {
			end++
		}
		span := &p.Spans[styleOf[start]]
		st := span.Style
		tag := p.Lang
		if span.Lang != "" {
			tag = span.Lang
		}
		dir := di.DirectionLTR
		if levels[start]%2 == 1 {
			dir = di.DirectionRTL
		}
		fm := &fontmap{sh: sh, stack: st.Stack, bold: st.Bold, italic: st.Italic, lang: baseLang(tag)}
		in := shaping.Input{Text: runes, RunStart: start, RunEnd: end, Direction: dir, Language: language.NewLanguage(tag)}
		for _, part := range sh.seg.Split(in, fm) {
			part.Direction = dir
			fnt := sh.fonts[part.Face]
			n := len(arena)
			arena = sh.shapeRun(runes, part, fnt, arena)
			glyphs := arena[n:len(arena):len(arena)]
			ist := st
			if sc, ok := st.Stack.Scale[fnt.Family]; ok && primary != nil && fnt.Family != primary.Family {
				ist.Size *= sc.factor(fnt, primary)
			}
			items = append(items, item{
				start: part.RunStart, end: part.RunEnd, level: levels[start], style: ist,
				font: fnt, glyphs: glyphs, scale: ist.Size / fnt.Upem() / 64, lang: tag,
				monotone: monotone(glyphs, dir == di.DirectionRTL),
			})
		}
		missing = missing || fm.missing
		start = end
	}
	sh.tmp.items, sh.tmp.glyphs = items, arena
	return items, missing
}

// monotone reports whether the glyphs' clusters never go back against the
// direction's order.
func monotone(gs []glyph, rtl bool) bool {
	for i := 1; i < len(gs); i++ {
		if rtl && gs[i].cluster > gs[i-1].cluster || !rtl && gs[i].cluster < gs[i-1].cluster {
			return false
		}
	}
	return true
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
	if r < 0x80 {
		return r <= ' ' || r == 0x7f // ASCII has no format characters
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) ||
		unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}

// isParagraphSeparator reports the characters of bidi class B, which end
// a bidi paragraph.
func isParagraphSeparator(r rune) bool {
	// The whole class, as TestFastPaths checks against the bidi tables.
	return r == '\n' || r == '\r' || r >= 0x1c && r <= 0x1e || r == 0x85 || r == 0x2029
}

// piece is the part of an item that falls on one line.
type piece struct {
	it         *item
	start, end int
	glyphs     []glyph
}

// buildLine cuts the items to [ls, le), reorders them visually and places
// the glyphs, justifying when asked. hyphen draws a hyphen after the line's
// last character (a line broken inside a word).
//
// punct gives the full-width punctuation whose blank half a line edge
// removes (see cjk.go): an opening mark starting the line is drawn half an
// em earlier, a closing mark ending it takes half an em less.
func (sh *Shaper) buildLine(p Paragraph, runes []rune, txt sourceText, items []item, adv []float64, punct []blank, ls, le int, width float64, last, hyphen bool) Line {
	var pieces []piece
	// Items are in logical order: find the first that reaches ls rather
	// than walk them all, so that a paragraph's lines cost what they hold.
	first := sort.Search(len(items), func(i int) bool { return items[i].end > ls })
	for i := first; i < len(items) && items[i].start < le; i++ {
		it := &items[i]
		s, e := max(ls, it.start), min(le, it.end)
		if s >= e {
			continue
		}
		pieces = append(pieces, piece{it: it, start: s, end: e, glyphs: glyphsIn(it, s, e)})
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
	leadK, tailK := -1, -1
	var leadW, tailW float64
	if punct != nil {
		if punct[ls].side == leftBlank {
			leadK, leadW = ls, punct[ls].cut
		}
		if k := lastInk(runes, ls, le); k >= 0 && punct[k].side == rightBlank && !hyphen {
			tailK, tailW = k, punct[k].cut
		}
		natural -= leadW + tailW
	}
	// The hyphen goes after the logically last character, in its font.
	var hyphenGID uint16
	hyphenAdv := 0.0
	if hyphen {
		for _, pc := range pieces {
			if pc.start <= le-1 && le-1 < pc.end && pc.it.level%2 == 0 {
				gid, units := sh.hyphenGlyph(pc.it.font)
				hyphenGID, hyphenAdv = gid, units*pc.it.style.Size/pc.it.font.Upem()
			}
		}
		natural += hyphenAdv
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

	line := Line{Width: natural, RTL: p.RTL, Runs: make([]Run, 0, len(pieces))}
	// One array holds the glyphs of all the line's runs and the hyphen,
	// with room for each run to take one more glyph than it has.
	n := 2
	for _, pc := range pieces {
		n += len(pc.glyphs)
	}
	glyphs := make([]Glyph, 0, n)
	x := offset
	for pi, pc := range pieces {
		it := pc.it
		text := txt.slice(pc.start, pc.end)
		run := Run{Font: it.font, Size: it.style.Size, Style: it.style, X: x, RTL: it.level%2 == 1,
			Text: text, Start: pc.start, Lang: it.lang, Glyphs: glyphs[len(glyphs) : len(glyphs) : len(glyphs)+len(pc.glyphs)+1]}
		if it.style.Bold && !it.font.Bold {
			run.Embolden = EmboldenStroke * it.style.Size
		}
		pen := 0.0
		for gi, g := range pc.glyphs {
			dx, da := 0.0, 0.0
			switch g.clusterIndex() {
			case leadK:
				dx, da = -leadW, -leadW
			case tailK:
				da = -tailW
			}
			run.Glyphs = append(run.Glyphs, Glyph{
				ID:      g.id,
				X:       pen + float64(g.xoff)*it.scale + dx,
				Y:       float64(g.yoff) * it.scale,
				Advance: float64(g.adv)*it.scale + da,
				Pen:     pen,
			})
			pen += float64(g.adv)*it.scale + da
			if perSpace != 0 && isStretchSpace(runes[g.clusterIndex()]) {
				run.Glyphs[len(run.Glyphs)-1].Advance += perSpace
				pen += perSpace
			}
			// Inter-character spacing goes into the advance of each
			// cluster's last glyph, so that a cluster's box still
			// touches the next one (text extraction reads a gap as a
			// space).
			endOfCluster := gi == len(pc.glyphs)-1 || pc.glyphs[gi+1].clusterIndex() != g.clusterIndex()
			endOfLine := pi == len(pieces)-1 && gi == len(pc.glyphs)-1
			if perCluster != 0 && endOfCluster && !endOfLine {
				run.Glyphs[len(run.Glyphs)-1].Advance += perCluster
				pen += perCluster
			}
		}
		run.Clusters = clusters(txt, pc)
		if hyphenAdv > 0 && pc.start <= le-1 && le-1 < pc.end && !run.RTL {
			run.Clusters = append(run.Clusters, Cluster{Start: len(run.Glyphs), End: len(run.Glyphs) + 1, Hyphen: true})
			run.Glyphs = append(run.Glyphs, Glyph{ID: hyphenGID, X: pen, Advance: hyphenAdv, Pen: pen})
			pen += hyphenAdv
		}
		run.Width = pen
		glyphs = glyphs[:len(glyphs)+len(run.Glyphs)]
		line.Runs = append(line.Runs, run)
		line.Ascent = math.Max(line.Ascent, it.font.Ascent()*it.style.Size)
		line.Descent = math.Min(line.Descent, it.font.Descent()*it.style.Size)
		x += pen
	}
	return line
}

// sourceText is the paragraph's text as extracted text shows it (the
// runes, or what the locale's rules say each stands for), with the byte
// offset of each rune in it, so that runs and clusters take their text as
// substrings of it instead of a string each.
type sourceText struct {
	s   string
	off []int32
}

func newSourceText(runes []rune, src []string) sourceText {
	t := sourceText{off: make([]int32, len(runes)+1)}
	if src == nil {
		t.s = string(runes)
		for k, r := range runes {
			t.off[k+1] = t.off[k] + int32(utf8.RuneLen(r))
		}
		return t
	}
	t.s = strings.Join(src, "")
	for k := range runes {
		t.off[k+1] = t.off[k] + int32(len(src[k]))
	}
	return t
}

// slice is the text runes[s:e] show.
func (t sourceText) slice(s, e int) string { return t.s[t.off[s]:t.off[e]] }

// glyphsIn returns the glyphs of it whose cluster starts in the runes
// [s, e). Shaped glyphs come in cluster order (ascending, or descending for
// right-to-left text; itemize checks), so they are one stretch of the
// item's glyphs, found by binary search and returned without copying:
// lines are many and items can be a whole paragraph long.
func glyphsIn(it *item, s, e int) []glyph {
	gs := it.glyphs
	if !it.monotone {
		var out []glyph
		for _, g := range gs {
			if g.clusterIndex() >= s && g.clusterIndex() < e {
				out = append(out, g)
			}
		}
		return out
	}
	var lo, hi int
	if it.level%2 == 0 {
		lo = sort.Search(len(gs), func(i int) bool { return gs[i].clusterIndex() >= s })
		hi = sort.Search(len(gs), func(i int) bool { return gs[i].clusterIndex() >= e })
	} else {
		lo = sort.Search(len(gs), func(i int) bool { return gs[i].clusterIndex() < e })
		hi = sort.Search(len(gs), func(i int) bool { return gs[i].clusterIndex() < s })
	}
	if lo >= hi {
		return nil
	}
	return gs[lo:hi:hi]
}

func countClusters(gs []glyph) int {
	n, last := 0, -1
	for _, g := range gs {
		if g.clusterIndex() != last {
			n++
			last = g.clusterIndex()
		}
	}
	return n
}

// clusters groups a piece's glyphs by cluster, in visual order, with the
// logical text each cluster shows: from its first rune to the next
// cluster's first rune in logical order (characters before the first
// cluster of the piece, possible when a cluster began on the previous
// line, are left out, as they were drawn there).
func clusters(txt sourceText, pc piece) []Cluster {
	gs := pc.glyphs
	out := make([]Cluster, 0, len(gs))
	// next(c) is the smallest cluster start greater than c, else the
	// piece's end. Glyphs in cluster order (a monotone item) give it from
	// their neighbours; otherwise the starts are sorted first.
	var starts []int
	if !pc.it.monotone {
		starts = make([]int, 0, len(gs))
		for _, g := range gs {
			starts = append(starts, g.clusterIndex())
		}
		slices.Sort(starts)
		starts = slices.Compact(starts)
	}
	rtl := pc.it.level%2 == 1
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j].cluster == gs[i].cluster {
			j++
		}
		c := gs[i].clusterIndex()
		next := pc.end
		switch {
		case starts != nil:
			if k, _ := slices.BinarySearch(starts, c+1); k < len(starts) {
				next = starts[k]
			}
		case rtl && i > 0:
			next = gs[i-1].clusterIndex()
		case !rtl && j < len(gs):
			next = gs[j].clusterIndex()
		}
		out = append(out, Cluster{Text: txt.slice(c, next), Start: i, End: j})
		i = j
	}
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
