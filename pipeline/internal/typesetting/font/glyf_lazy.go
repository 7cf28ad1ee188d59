// SPDX-License-Identifier: Unlicense OR BSD-3-Clause

package font

import (
	"sync/atomic"

	"github.com/polypress/polypress/pipeline/internal/typesetting/font/opentype/tables"
)

// lazyGlyf is the 'glyf' table, each glyph parsed when first asked for
// and kept. v0.3.5 parsed every outline of a font when it was loaded,
// though shaping reads the outlines of a few glyphs, for their extents:
// most of the time spent loading a font. A Font is shared between
// goroutines, so each glyph is published atomically; two goroutines may
// both parse a glyph, and keep equal results. A glyph that does not parse
// is empty, where v0.3.5 dropped the whole table (a font polypress
// accepts has none). (polypress: added; see POLYPRESS.md.)
type lazyGlyf struct {
	raw    []byte
	loca   []uint32
	glyphs []atomic.Pointer[tables.Glyph]
}

func newLazyGlyf(raw []byte, loca []uint32) *lazyGlyf {
	return &lazyGlyf{raw: raw, loca: loca, glyphs: make([]atomic.Pointer[tables.Glyph], len(loca)-1)}
}

// len is the number of glyphs; 0 for a font without the table.
func (g *lazyGlyf) len() int {
	if g == nil {
		return 0
	}
	return len(g.glyphs)
}

// at returns glyph i, parsing it the first time (0 <= i < g.len()).
func (g *lazyGlyf) at(i int) tables.Glyph {
	if p := g.glyphs[i].Load(); p != nil {
		return *p
	}
	var out tables.Glyph
	start, end := g.loca[i], g.loca[i+1]
	// If a glyph has no outline, then loca[n] = loca [n+1].
	if start < end && int(end) <= len(g.raw) {
		if parsed, _, err := tables.ParseGlyph(g.raw[start:end]); err == nil {
			out = parsed
		}
	}
	g.glyphs[i].Store(&out)
	return out
}
