package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
)

// fpdf draws text by character: each character is looked up in the font's
// cmap and the glyph it maps to is embedded and shown. Shaped text is a
// sequence of glyphs, many of which no character maps to (joined Arabic
// forms, Devanagari conjuncts, ligatures). So for every font a document uses
// we make a private copy whose cmap maps one code point per used glyph, and
// draw those code points. Text extraction is restored with ActualText spans.

// codeRanges are the code points handed out to glyphs, in order: the
// Private Use Area first, then the rest of the BMP above Latin-1 and below
// the surrogates. fpdf's CID fonts address 16-bit codes only, and always
// embeds codes below 256, so those are avoided.
var codeRanges = [][2]rune{{0xE000, 0xF8FF}, {0x0100, 0xD7FF}}

// maxGlyphsPerFont is how many distinct glyphs of one font a document may use.
var maxGlyphsPerFont = func() int {
	n := 0
	for _, r := range codeRanges {
		n += int(r[1]-r[0]) + 1
	}
	return n
}()

// glyphCodes assigns a code point to each glyph, in glyph-ID order so that
// the same set of glyphs always gets the same codes.
func glyphCodes(gids []uint16) (map[uint16]rune, error) {
	if len(gids) > maxGlyphsPerFont {
		return nil, fmt.Errorf("document uses %d distinct glyphs of one font; at most %d are supported", len(gids), maxGlyphsPerFont)
	}
	sorted := append([]uint16(nil), gids...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	codes := make(map[uint16]rune, len(sorted))
	ri, next := 0, codeRanges[0][0]
	for _, g := range sorted {
		if next > codeRanges[ri][1] {
			ri++
			next = codeRanges[ri][0]
		}
		codes[g] = next
		next++
	}
	return codes, nil
}

// withCmap returns a copy of the TrueType font data whose only cmap
// subtable (Windows Unicode BMP, format 4) maps each code in codes to its
// glyph. Every other table is copied unchanged.
func withCmap(data []byte, codes map[uint16]rune) ([]byte, error) {
	type table struct {
		tag  string
		data []byte
	}
	if len(data) < 12 {
		return nil, fmt.Errorf("font too short")
	}
	num := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*num {
		return nil, fmt.Errorf("font table directory truncated")
	}
	var tables []table
	for i := 0; i < num; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := binary.BigEndian.Uint32(rec[8:])
		length := binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return nil, fmt.Errorf("font table %q out of bounds", tag)
		}
		if tag == "cmap" || tag == "DSIG" {
			continue // replaced; a signature would no longer match
		}
		tables = append(tables, table{tag, data[off : off+length]})
	}
	tables = append(tables, table{"cmap", buildCmap(codes)})
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })

	n := len(tables)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := (1 << entrySelector) * 16
	size := 12 + 16*n
	for _, t := range tables {
		size += (len(t.data) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	copy(out[:4], data[:4])
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-searchRange))
	headAt := -1
	for i, t := range tables {
		off := len(out)
		body := t.data
		if t.tag == "head" && len(body) >= 12 {
			body = append([]byte(nil), body...)
			binary.BigEndian.PutUint32(body[8:], 0) // checkSumAdjustment, set below
			headAt = off
		}
		out = append(out, body...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		rec := out[12+16*i:]
		copy(rec[:4], t.tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(out[off:off+len(body)]))
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(body)))
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out, nil
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// buildCmap writes a cmap table with one format 4 subtable. Runs of codes
// whose glyph IDs also increase by one share a segment (idDelta), so the
// table stays small when glyphs were coded in glyph order.
func buildCmap(codes map[uint16]rune) []byte {
	type pair struct {
		code uint16
		gid  uint16
	}
	pairs := make([]pair, 0, len(codes))
	for g, c := range codes {
		pairs = append(pairs, pair{uint16(c), g})
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].code < pairs[j].code })
	type seg struct{ start, end, delta uint16 }
	var segs []seg
	for _, p := range pairs {
		if k := len(segs) - 1; k >= 0 && segs[k].end+1 == p.code && segs[k].delta == p.gid-p.code {
			segs[k].end = p.code
			continue
		}
		segs = append(segs, seg{p.code, p.code, p.gid - p.code})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := 2 * (1 << entrySelector)
	subLen := 16 + 8*n
	b := make([]byte, 0, 12+subLen)
	u16 := func(v int) { b = binary.BigEndian.AppendUint16(b, uint16(v)) }
	u16(0) // version
	u16(1) // one subtable
	u16(3) // Windows
	u16(1) // Unicode BMP
	b = binary.BigEndian.AppendUint32(b, 12)
	u16(4)
	u16(subLen)
	u16(0) // language
	u16(2 * n)
	u16(searchRange)
	u16(entrySelector)
	u16(2*n - searchRange)
	for _, s := range segs {
		u16(int(s.end))
	}
	u16(0) // reservedPad
	for _, s := range segs {
		u16(int(s.start))
	}
	for _, s := range segs {
		u16(int(s.delta))
	}
	for range segs {
		u16(0) // idRangeOffset
	}
	return b
}

// subsetName pairs the font name fpdf writes for key ("utf8" + key) with
// the name a subset font should have: a tag of six capital letters, "+",
// and the font's name (PDF 32000 §9.6.4), so that tools know the font is
// a subset. The tag is derived from the glyphs kept, so the same document
// gets the same tag; key is "sub" + name, as long as the tag and "+".
func subsetName(key, name string, gids []uint16) [2]string {
	h := sha256.New()
	h.Write([]byte(name))
	sorted := slices.Clone(gids)
	slices.Sort(sorted)
	for _, g := range sorted {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return [2]string{"/utf8" + key + "\n", "/" + string(tag) + "+" + name + "\n"}
}

// subsetTags renames the fonts in the document's font dictionaries and
// descriptors. Each name keeps its length, so the cross-reference offsets
// stay right; fpdf writes these dictionaries uncompressed.
func (r *renderer) subsetTags(pdf []byte) []byte {
	for _, s := range r.subsets {
		if len(s[0]) == len(s[1]) {
			pdf = bytes.ReplaceAll(pdf, []byte(s[0]), []byte(s[1]))
		}
	}
	return pdf
}
