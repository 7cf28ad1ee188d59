package text

import (
	"strings"
	"unicode"

	"golang.org/x/image/math/fixed"

	"github.com/polypress/polypress/pipeline/internal/typesetting/font"
)

// Full-width punctuation of Chinese and Japanese fills an em square but
// inks only half of it: the opening marks 「（《“ their right half, the
// closing marks and stops 」）》”。，、 their left half (in mainland
// Chinese fonts). JLREQ (3.1.4, 3.1.5) and CLREQ (3.1.6) remove the blank
// half where it doubles a gap: between two adjacent marks ("。」" is one
// and a half em, not two), at the start of a line before an opening mark,
// and at the end of a line after a closing one, so that the text block
// keeps straight edges.

// blank says which side of a full-width punctuation mark is empty, and
// how much of it a compression removes: half an em, or less when the
// font's ink reaches further into the blank half (Droid Sans Fallback's
// parentheses).
type blank struct {
	side int8
	cut  float64 // points
}

const (
	noBlank    = iota
	leftBlank  // an opening mark: its ink sits in the right half
	rightBlank // a closing mark or a stop: ink in the left half
)

// cjkPunct returns, per rune, the blank side of each full-width
// punctuation mark set one em wide, judged by the glyph's ink, and where
// its glyph is; nil when the paragraph has none. Quotation marks that a
// Latin font set narrow are first made one em wide, placed as a CJK font
// places them. A centred mark (the colon, the exclamation mark) has no
// blank side.
func (sh *Shaper) cjkPunct(runes []rune, items []item) ([]blank, map[int][2]int) {
	var out []blank
	var at map[int][2]int // rune → item and glyph index
	for i := range items {
		it := &items[i]
		em := it.font.Upem() * 64
		var face *font.Face
		for gi := range it.glyphs {
			g := &it.glyphs[gi]
			k := g.clusterIndex()
			if !isCJKPunct(runes[k]) {
				continue
			}
			// One glyph, one character.
			if gi > 0 && it.glyphs[gi-1].clusterIndex() == k || gi+1 < len(it.glyphs) && it.glyphs[gi+1].clusterIndex() == k {
				continue
			}
			if face == nil {
				if face = sh.faceOf(it.font); face == nil {
					break
				}
			}
			ext, ok := face.GlyphExtents(font.GID(g.id))
			if !ok || ext.Width <= 0 {
				continue
			}
			upem := it.font.Upem()
			left, right := float64(ext.XBearing)/upem, float64(ext.XBearing+ext.Width)/upem
			if quote := strings.ContainsRune("“‘”’", runes[k]); quote && float64(g.adv) < em*0.8 {
				// A narrow quotation mark: one em wide, its ink by the
				// side of the text it encloses.
				shift := 0.0
				if runes[k] == '“' || runes[k] == '‘' {
					shift = 0.9 - right
				} else {
					shift = 0.1 - left
				}
				g.xoff += fixed.Int26_6(shift * em)
				g.adv = fixed.Int26_6(em)
				left, right = left+shift, right+shift
			}
			if float64(g.adv) < em*0.95 || float64(g.adv) > em*1.05 {
				continue
			}
			var b blank
			switch center := (left + right) / 2; {
			case center >= 0.55 && left > 0.2:
				b = blank{side: leftBlank, cut: min(0.5, left) * it.style.Size}
			case center <= 0.45 && right < 0.8:
				b = blank{side: rightBlank, cut: min(0.5, 1-right) * it.style.Size}
			default:
				continue
			}
			if out == nil {
				out = make([]blank, len(runes))
				at = map[int][2]int{}
			}
			out[k] = b
			at[k] = [2]int{i, gi}
		}
	}
	return out, at
}

// isCJKPunct reports the punctuation that full-width fonts set in an em:
// CJK symbols and punctuation, full-width forms, and the quotation marks a
// CJK layout takes from the CJK font.
func isCJKPunct(r rune) bool {
	switch {
	case r >= 0x3001 && r <= 0x3003, r >= 0x3008 && r <= 0x3011, r >= 0x3014 && r <= 0x301F:
		return true
	case r >= 0xFF01 && r <= 0xFF0F, r >= 0xFF1A && r <= 0xFF1F, r == 0xFF3B, r == 0xFF3D, r == 0xFF5B, r == 0xFF5D:
		return true
	case r == '“' || r == '”' || r == '‘' || r == '’':
		return true
	}
	return false
}

// compressAdjacent removes the blank half between two adjacent marks:
// after a closing mark followed by another mark ("。」", "」「"), and
// before an opening mark that follows an opening one ("（「"). It changes
// the shaped glyphs and the runes' advances, and clears the blank it
// used up so that line edges do not remove it again.
func compressAdjacent(runes []rune, items []item, adv []float64, punct []blank, at map[int][2]int) {
	if punct == nil {
		return
	}
	glyph := func(k int) (*item, *glyph) {
		loc, ok := at[k]
		if !ok {
			return nil, nil
		}
		it := &items[loc[0]]
		return it, &it.glyphs[loc[1]]
	}
	for k := 0; k+1 < len(runes); k++ {
		a, b := punct[k], punct[k+1]
		if a.side == noBlank || b.side == noBlank {
			continue
		}
		switch {
		case a.side == rightBlank:
			if it, g := glyph(k); g != nil {
				cut := fixed.Int26_6(a.cut / it.scale)
				g.adv -= cut
				adv[k] -= a.cut
				punct[k] = blank{}
			}
		case a.side == leftBlank && b.side == leftBlank:
			if it, g := glyph(k + 1); g != nil {
				cut := fixed.Int26_6(b.cut / it.scale)
				g.adv -= cut
				g.xoff -= cut
				adv[k+1] -= b.cut
				punct[k+1] = blank{}
			}
		}
	}
}

// edges sets, on each segment, the blank halves a line edge removes: of
// an opening mark that starts it (lead) and of a closing mark that ends
// it (tail).
func edges(runes []rune, items []item, punct []blank, at map[int][2]int, segs []segment) {
	if punct == nil {
		return
	}
	for i := range segs {
		s := &segs[i]
		if punct[s.start].side == leftBlank {
			s.lead = punct[s.start].cut
		}
		if k := lastInk(runes, s.start, s.end); k >= 0 && punct[k].side == rightBlank && !s.hyphen {
			s.tail = punct[k].cut
		}
	}
}

// lastInk is the last rune of runes[s:e] that is not a space, or -1.
func lastInk(runes []rune, s, e int) int {
	for k := e - 1; k >= s; k-- {
		if !unicode.IsSpace(runes[k]) {
			return k
		}
	}
	return -1
}
