package text

import (
	"slices"
	"sync"
	"unicode"

	"github.com/polypress/polypress/pipeline/internal/typesetting/di"
	"github.com/polypress/polypress/pipeline/internal/typesetting/font"
	"github.com/polypress/polypress/pipeline/internal/typesetting/harfbuzz"
	"github.com/polypress/polypress/pipeline/internal/typesetting/language"
	"github.com/polypress/polypress/pipeline/internal/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// glyph is one shaped glyph of an item, as HarfBuzz gives it, in font
// units (26.6 fixed point: items are shaped at one unit per em).
type glyph struct {
	// cluster is the index, in the paragraph's runes, of the first rune
	// of the glyph's cluster.
	cluster int32
	id      uint16
	adv     fixed.Int26_6
	xoff    fixed.Int26_6
	yoff    fixed.Int26_6
}

// The words of a run are shaped one by one and kept in the Library's
// shaping cache, so that a statement, which repeats most of its words,
// shapes each (word, font, script, direction, language) once per process.
// A piece is a word and the spaces that follow it: the run is cut after
// every run of U+0020 SPACE that a new grapheme follows, where the font
// lets nothing reach from one side of a space to the other (see
// spaceSeparates), and the glyphs of the pieces, put side by side, are
// exactly those HarfBuzz gives the whole run. A font that fails that test
// is shaped run by run, as HarfBuzz would be called without a cache; its
// short runes (labels, running heads) are still cached whole.
//
// Size and features are not part of the key: shaping runs at one size
// (the font's units per em, positions are scaled afterwards) and with the
// features HarfBuzz's shaper chooses for the script, language and
// direction, which are.

// maxPiece is the longest piece, in runes, that is cached. Longer ones
// (a run of Chinese, which has no spaces; a long URL) are shaped in place,
// as they would seldom recur.
const maxPiece = 48

// contextRunes is how many runes of context on each side HarfBuzz reads
// (harfbuzz.Buffer.AddRunes): only Arabic joining uses them.
const contextRunes = 5

// planKey is what, besides the text, decides how a piece is shaped.
type planKey struct {
	font   *Font
	dir    di.Direction
	script language.Script
	lang   language.Language
}

// shapeRun shapes one item, runes[part.RunStart:part.RunEnd], all in one
// face, script, direction and language, and appends its glyphs, in visual
// order as HarfBuzz gives them, to out.
func (sh *Shaper) shapeRun(runes []rune, part shaping.Input, fnt *Font, out []glyph) []glyph {
	plan := planKey{font: fnt, dir: part.Direction, script: part.Script, lang: part.Language}
	// Where the pieces start, and the run's end.
	cuts := append(sh.cuts[:0], part.RunStart)
	if sh.wholeRuns {
		gs := sh.harfbuzz(runes, part.RunStart, part.RunEnd, part)
		return append(out, gs...)
	}
	if fnt.mustParse().separates {
		for k := part.RunStart + 1; k < part.RunEnd; k++ {
			if runes[k-1] == ' ' && runes[k] != ' ' && pieceStart(runes[k]) {
				cuts = append(cuts, k)
			}
		}
	}
	cuts = append(cuts, part.RunEnd)
	sh.cuts = cuts
	add := func(i int) {
		s, e := cuts[i], cuts[i+1]
		for _, g := range sh.piece(runes, part, plan, s, e) {
			g.cluster += int32(s)
			out = append(out, g)
		}
	}
	if part.Direction.Progression() == di.TowardTopLeft {
		// Right to left: HarfBuzz gives the glyphs in visual order, the
		// last word's first.
		for i := len(cuts) - 2; i >= 0; i-- {
			add(i)
		}
	} else {
		for i := 0; i < len(cuts)-1; i++ {
			add(i)
		}
	}
	return out
}

// pieceStart reports whether a piece may start with r after a space: r
// must begin a new grapheme cluster (no combining mark, joiner or
// variation selector, which HarfBuzz would put in the space's cluster).
func pieceStart(r rune) bool {
	if !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)) {
		return false
	}
	switch {
	case unicode.Is(unicode.Other_Grapheme_Extend, r):
		return false // half-width katakana sound marks, say
	case r >= 0x1F3FB && r <= 0x1F3FF: // emoji modifiers extend a cluster
		return false
	case r == 0x0E33 || r == 0x0EB3: // Thai and Lao SARA AM are spacing marks
		return false
	}
	return true
}

// piece returns the glyphs of runes[s:e], clusters counted from s. The
// slice is the cache's or the shaper's scratch: it is read, never kept.
func (sh *Shaper) piece(runes []rune, part shaping.Input, plan planKey, s, e int) []glyph {
	if e-s > maxPiece {
		gs := sh.harfbuzz(runes, s, e, part)
		for i := range gs {
			gs[i].cluster -= int32(s)
		}
		return gs
	}
	before, after := pieceContext(runes, s, e)
	key := sh.key[:0]
	key = append(key, before...)
	key = append(key, runes[s:e]...)
	key = append(key, after...)
	sh.key = key
	cache := sh.lib.shapes()
	span := [2]int{len(before), len(before) + e - s}
	h := cache.hash(plan, key, span)
	if gs, ok := cache.get(h, plan, key, span); ok {
		return gs
	}
	gs := sh.harfbuzz(key, span[0], span[1], part)
	for i := range gs {
		gs[i].cluster -= int32(span[0])
	}
	cache.put(h, plan, key, span, gs)
	return gs
}

// pieceContext returns the context HarfBuzz needs around runes[s:e],
// reduced to what can change its glyphs, so that a cached piece's glyphs
// depend on its key alone. HarfBuzz reads up to five runes on each side,
// and only to join Arabic letters: from the nearest rune outward, skipping
// marks, up to the first rune that is not one. A space there joins
// nothing, which is as if there were no context; and a piece that ends
// with a space (or is followed by one) leaves the joining state where
// the runes after it cannot change it. Elsewhere, where a piece meets
// another font or style inside a word, the five runes are kept.
func pieceContext(runes []rune, s, e int) (before, after []rune) {
	if s > 0 && runes[s-1] != ' ' {
		before = runes[max(0, s-contextRunes):s]
	}
	if e < len(runes) && runes[e-1] != ' ' && runes[e] != ' ' {
		after = runes[e:min(len(runes), e+contextRunes)]
	}
	return before, after
}

// harfbuzz shapes text[s:e] with the rest of text as context, as
// go-text's shaping.HarfbuzzShaper does, and returns the glyphs in the
// shaper's scratch space, clusters indexing text.
func (sh *Shaper) harfbuzz(text []rune, s, e int, part shaping.Input) []glyph {
	if sh.buf == nil {
		sh.buf = harfbuzz.NewBuffer()
	} else {
		sh.buf.Clear()
	}
	sh.buf.AddRunes(text, s, e-s)
	sh.buf.Props.Direction = part.Direction.Harfbuzz()
	sh.buf.Props.Language = part.Language
	sh.buf.Props.Script = part.Script
	f := sh.hbFont(part.Face)
	sh.buf.Shape(f, nil)
	gs := sh.scratch[:0]
	for i, info := range sh.buf.Info {
		p := sh.buf.Pos[i]
		gs = append(gs, glyph{cluster: int32(info.Cluster), id: uint16(info.Glyph),
			adv: fixed.Int26_6(p.XAdvance), xoff: fixed.Int26_6(p.XOffset), yoff: fixed.Int26_6(p.YOffset)})
	}
	sh.scratch = gs
	return gs
}

// hbFont returns this shaper's HarfBuzz font for face, scaled to one unit
// per em (positions in 26.6 fixed point).
func (sh *Shaper) hbFont(face *font.Face) *harfbuzz.Font {
	f, ok := sh.hbFonts[face]
	if !ok {
		f = harfbuzz.NewFont(face)
		upem := int32(face.Upem())
		f.XScale, f.YScale = upem<<6, upem<<6
		sh.hbFonts[face] = f
	}
	return f
}

// shapeCache holds shaped pieces for every Shaper of a Library, safe for
// concurrent use. It is split into shards, each with its own lock, so that
// goroutines seldom wait for one another, and bounded: a shard that grows
// past its share of cacheBytes is emptied and fills again. The glyphs a
// piece gets do not depend on what the cache holds, only how fast it
// gets them.
type shapeCache struct {
	shards [cacheShards]cacheShard
}

// cacheBytes bounds the memory the shaping cache takes, counted as the
// keys' runes, the glyphs and a fixed overhead per piece. A statement of
// 2,000 clauses, in English, Arabic or Urdu, fills about 1 MB of it (some
// 4,500 pieces: its words, numbers and punctuation).
const cacheBytes = 16 << 20

const cacheShards = 64

// pieceOverhead is what a cached piece costs besides its runes and glyphs:
// the entry, its slice headers and its slot in the map.
const pieceOverhead = 128

type cacheShard struct {
	mu    sync.RWMutex
	m     map[uint64]*cachedPiece
	bytes int
}

type cachedPiece struct {
	plan planKey
	// key is the piece with its context; span is where the piece is in it.
	key    []rune
	span   [2]int
	glyphs []glyph
	next   *cachedPiece // same hash
}

func (c *shapeCache) hash(plan planKey, key []rune, span [2]int) uint64 {
	// FNV-1a over the plan's identity and the runes.
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	mix := func(v uint64) { h = (h ^ v) * prime }
	mix(uint64(plan.font.id))
	mix(uint64(plan.dir))
	mix(uint64(plan.script))
	for i := 0; i < len(plan.lang); i++ {
		mix(uint64(plan.lang[i]))
	}
	mix(uint64(span[0]))
	mix(uint64(span[1]))
	for _, r := range key {
		mix(uint64(r))
	}
	return h
}

func (c *shapeCache) shard(h uint64) *cacheShard { return &c.shards[h>>58] }

func (c *shapeCache) get(h uint64, plan planKey, key []rune, span [2]int) ([]glyph, bool) {
	s := c.shard(h)
	s.mu.RLock()
	defer s.mu.RUnlock()
	for p := s.m[h]; p != nil; p = p.next {
		if p.plan == plan && p.span == span && slices.Equal(p.key, key) {
			return p.glyphs, true
		}
	}
	return nil, false
}

func (c *shapeCache) put(h uint64, plan planKey, key []rune, span [2]int, gs []glyph) {
	p := &cachedPiece{plan: plan, key: append([]rune(nil), key...), span: span, glyphs: append([]glyph(nil), gs...)}
	size := pieceOverhead + 4*len(p.key) + 20*len(p.glyphs)
	s := c.shard(h)
	s.mu.Lock()
	defer s.mu.Unlock()
	for q := s.m[h]; q != nil; q = q.next {
		if q.plan == plan && q.span == span && slices.Equal(q.key, key) {
			return // another goroutine shaped it first
		}
	}
	if s.m == nil || s.bytes+size > cacheBytes/cacheShards {
		s.m, s.bytes = map[uint64]*cachedPiece{}, 0
	}
	p.next = s.m[h]
	s.m[h] = p
	s.bytes += size
}

// use returns how many pieces the cache holds and the bytes it counts
// for them.
func (c *shapeCache) use() (pieces, bytes int) {
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.RLock()
		for _, p := range s.m {
			for ; p != nil; p = p.next {
				pieces++
			}
		}
		bytes += s.bytes
		s.mu.RUnlock()
	}
	return pieces, bytes
}

// clusterIndex is the glyph's cluster as an index into the paragraph.
func (g glyph) clusterIndex() int { return int(g.cluster) }
