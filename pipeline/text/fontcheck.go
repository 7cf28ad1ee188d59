package text

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// checkFont validates a TrueType-outline font completely, before any part
// of polypress reads it: the table directory and every table's bounds,
// the tables the OpenType specification requires, head, hhea, maxp, hmtx,
// every loca offset against glyf, every glyph's own structure (contour end
// points, flags and coordinates of simple glyphs; the components of
// composite ones, with their glyph indices and no cycles), and every
// mapping of the Unicode cmap subtables to a glyph that exists. A font
// that passes can be parsed, shaped and subset without reading out of
// bounds; one that fails is refused with the reason, so a corrupt,
// truncated or empty file never reaches a renderer (fpdf panicked on a
// corrupt loca).
func checkFont(data []byte) error {
	if len(data) < 12 {
		return fmt.Errorf("the file is %d bytes, too short to be a font", len(data))
	}
	switch tag := string(data[:4]); tag {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return errors.New("it has CFF (PostScript) outlines; polypress embeds TrueType-outline fonts only: use the .ttf version of the font")
	case "ttcf":
		return errors.New("it is a font collection (.ttc); extract the face you need into a .ttf file")
	case "wOFF", "wOF2":
		return errors.New("it is a web font (WOFF); use the .ttf file")
	default:
		return errors.New("not a TrueType font (its first bytes are no font signature)")
	}
	f := &fontFile{data: data, tables: map[string][]byte{}}
	if err := f.readDirectory(); err != nil {
		return err
	}
	for _, t := range []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "OS/2", "post"} {
		if _, ok := f.tables[t]; !ok {
			return fmt.Errorf("no %s table, which every TrueType font needs", t)
		}
	}
	for _, check := range []func() error{f.checkHead, f.checkMaxp, f.checkHhea, f.checkHmtx, f.checkLoca, f.checkGlyphs, f.checkCmap, f.checkPost} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// fontFile is a font being checked.
type fontFile struct {
	data        []byte
	tables      map[string][]byte
	numGlyphs   int
	longLoca    bool
	numHMetrics int
	// loca holds the glyphs' offsets in glyf: glyph i is
	// glyf[loca[i]:loca[i+1]].
	loca []uint32
	// components lists the components of composite glyphs: those of glyph
	// i are components[first[i]:first[i+1]].
	components []uint16
	first      []int32
	unitsPerEm int
}

var be = binary.BigEndian

func (f *fontFile) readDirectory() error {
	n := int(be.Uint16(f.data[4:]))
	if n == 0 || 12+16*n > len(f.data) {
		return fmt.Errorf("its table directory (%d tables) does not fit in the file: it is truncated or corrupt", n)
	}
	for i := range n {
		rec := f.data[12+16*i:]
		tag := string(rec[:4])
		off, length := uint64(be.Uint32(rec[8:])), uint64(be.Uint32(rec[12:]))
		if off+length > uint64(len(f.data)) {
			return fmt.Errorf("its %s table (%d bytes at %d) runs past the end of the file (%d bytes): it is truncated or corrupt", tag, length, off, len(f.data))
		}
		if _, dup := f.tables[tag]; dup {
			return fmt.Errorf("it has two %s tables", tag)
		}
		f.tables[tag] = f.data[off : off+length]
	}
	return nil
}

func (f *fontFile) checkHead() error {
	h := f.tables["head"]
	if len(h) < 54 {
		return fmt.Errorf("its head table is %d bytes, less than 54", len(h))
	}
	if be.Uint32(h[12:]) != 0x5F0F3CF5 {
		return errors.New("its head table has the wrong magic number")
	}
	f.unitsPerEm = int(be.Uint16(h[18:]))
	if f.unitsPerEm < 16 || f.unitsPerEm > 16384 {
		return fmt.Errorf("its unitsPerEm is %d, outside 16–16384", f.unitsPerEm)
	}
	switch be.Uint16(h[50:]) {
	case 0:
	case 1:
		f.longLoca = true
	default:
		return fmt.Errorf("its indexToLocFormat is %d, neither 0 nor 1", int16(be.Uint16(h[50:])))
	}
	return nil
}

func (f *fontFile) checkMaxp() error {
	m := f.tables["maxp"]
	if len(m) < 6 {
		return fmt.Errorf("its maxp table is %d bytes, less than 6", len(m))
	}
	f.numGlyphs = int(be.Uint16(m[4:]))
	if f.numGlyphs == 0 {
		return errors.New("it has no glyphs")
	}
	return nil
}

func (f *fontFile) checkHhea() error {
	h := f.tables["hhea"]
	if len(h) < 36 {
		return fmt.Errorf("its hhea table is %d bytes, less than 36", len(h))
	}
	f.numHMetrics = int(be.Uint16(h[34:]))
	if f.numHMetrics < 1 || f.numHMetrics > f.numGlyphs {
		return fmt.Errorf("its hhea table gives %d horizontal metrics for %d glyphs", f.numHMetrics, f.numGlyphs)
	}
	return nil
}

func (f *fontFile) checkHmtx() error {
	if want := 4*f.numHMetrics + 2*(f.numGlyphs-f.numHMetrics); len(f.tables["hmtx"]) < want {
		return fmt.Errorf("its hmtx table is %d bytes; %d glyphs need %d", len(f.tables["hmtx"]), f.numGlyphs, want)
	}
	return nil
}

func (f *fontFile) checkLoca() error {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	size := 2
	if f.longLoca {
		size = 4
	}
	if len(loca) < (f.numGlyphs+1)*size {
		return fmt.Errorf("its loca table is %d bytes; %d glyphs need %d", len(loca), f.numGlyphs, (f.numGlyphs+1)*size)
	}
	at := func(i int) uint64 {
		if f.longLoca {
			return uint64(be.Uint32(loca[4*i:]))
		}
		return 2 * uint64(be.Uint16(loca[2*i:]))
	}
	f.loca = make([]uint32, f.numGlyphs+1)
	start := at(0)
	if start > uint64(len(glyf)) {
		return fmt.Errorf("its loca table is corrupt: glyph 0 starts at byte %d of a %d-byte glyf table", start, len(glyf))
	}
	f.loca[0] = uint32(start)
	for i := range f.numGlyphs {
		end := at(i + 1)
		if end < start || end > uint64(len(glyf)) {
			return fmt.Errorf("its loca table is corrupt: glyph %d spans bytes %d to %d of a %d-byte glyf table", i, start, end, len(glyf))
		}
		f.loca[i+1] = uint32(end)
		start = end
	}
	return nil
}

// Composite glyph flags.
const (
	argsAreWords     = 0x0001
	haveScale        = 0x0008
	moreComponents   = 0x0020
	haveXYScale      = 0x0040
	haveTwoByTwo     = 0x0080
	haveInstrs       = 0x0100
	maxCompositeNest = 16
)

func (f *fontFile) checkGlyphs() error {
	glyf := f.tables["glyf"]
	f.first = make([]int32, f.numGlyphs+1)
	for gid := range f.numGlyphs {
		f.first[gid] = int32(len(f.components))
		g := glyf[f.loca[gid]:f.loca[gid+1]]
		if len(g) == 0 {
			continue // an empty glyph, such as the space
		}
		if err := f.checkGlyph(g); err != nil {
			return fmt.Errorf("glyph %d is corrupt: %w", gid, err)
		}
	}
	f.first[f.numGlyphs] = int32(len(f.components))
	if len(f.components) == 0 {
		return nil
	}
	// Components must not refer to themselves, directly or not, nor nest
	// without end.
	state := make([]uint8, f.numGlyphs) // 1: being visited, 2: done
	var visit func(gid, depth int) error
	visit = func(gid, depth int) error {
		switch {
		case state[gid] == 2:
			return nil
		case state[gid] == 1:
			return fmt.Errorf("composite glyph %d contains itself", gid)
		case depth > maxCompositeNest:
			return fmt.Errorf("composite glyph %d nests more than %d levels deep", gid, maxCompositeNest)
		}
		state[gid] = 1
		for _, c := range f.components[f.first[gid]:f.first[gid+1]] {
			if err := visit(int(c), depth+1); err != nil {
				return err
			}
		}
		state[gid] = 2
		return nil
	}
	for gid := range f.numGlyphs {
		if err := visit(gid, 0); err != nil {
			return err
		}
	}
	return nil
}

func (f *fontFile) checkGlyph(g []byte) error {
	if len(g) < 10 {
		return fmt.Errorf("%d bytes, less than a glyph header", len(g))
	}
	contours := int(int16(be.Uint16(g)))
	if contours < 0 {
		return f.checkComposite(g)
	}
	p := 10
	if p+2*contours+2 > len(g) {
		return errors.New("its contour end points run past its end")
	}
	points, last := 0, -1
	for i := range contours {
		end := int(be.Uint16(g[p+2*i:]))
		if end <= last {
			return errors.New("its contour end points are not increasing")
		}
		last, points = end, end+1
	}
	p += 2 * contours
	instrs := int(be.Uint16(g[p:]))
	p += 2 + instrs
	if p > len(g) {
		return errors.New("its instructions run past its end")
	}
	xBytes, yBytes := 0, 0
	for n := 0; n < points; {
		if p >= len(g) {
			return errors.New("its point flags run past its end")
		}
		flag := g[p]
		p++
		repeat := 1
		if flag&0x08 != 0 {
			if p >= len(g) {
				return errors.New("its point flags run past its end")
			}
			repeat += int(g[p])
			p++
		}
		if n+repeat > points {
			return errors.New("its point flags repeat past its last point")
		}
		n += repeat
		switch {
		case flag&0x02 != 0:
			xBytes += repeat
		case flag&0x10 == 0:
			xBytes += 2 * repeat
		}
		switch {
		case flag&0x04 != 0:
			yBytes += repeat
		case flag&0x20 == 0:
			yBytes += 2 * repeat
		}
	}
	if p+xBytes+yBytes > len(g) {
		return errors.New("its coordinates run past its end")
	}
	return nil
}

func (f *fontFile) checkComposite(g []byte) error {
	p := 10
	for {
		if p+4 > len(g) {
			return errors.New("its components run past its end")
		}
		flags := be.Uint16(g[p:])
		comp := int(be.Uint16(g[p+2:]))
		if comp >= f.numGlyphs {
			return fmt.Errorf("it uses glyph %d, but the font has %d glyphs", comp, f.numGlyphs)
		}
		f.components = append(f.components, uint16(comp))
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if p > len(g) {
			return errors.New("its components run past its end")
		}
		if flags&moreComponents == 0 {
			if flags&haveInstrs != 0 {
				if p+2 > len(g) || p+2+int(be.Uint16(g[p:])) > len(g) {
					return errors.New("its instructions run past its end")
				}
			}
			return nil
		}
	}
}

// checkCmap checks the cmap table's directory and every subtable's bounds,
// and that each Unicode subtable maps characters only to glyphs the font
// has. At least one Unicode subtable must be there.
func (f *fontFile) checkCmap() error {
	c := f.tables["cmap"]
	if len(c) < 4 {
		return errors.New("its cmap table is too short")
	}
	n := int(be.Uint16(c[2:]))
	if 4+8*n > len(c) {
		return errors.New("its cmap table's directory runs past its end")
	}
	unicode := false
	for i := range n {
		rec := c[4+8*i:]
		platform, encoding, off := be.Uint16(rec), be.Uint16(rec[2:]), uint64(be.Uint32(rec[4:]))
		if off+4 > uint64(len(c)) {
			return fmt.Errorf("its cmap subtable %d/%d starts past the table's end", platform, encoding)
		}
		sub := c[off:]
		format := be.Uint16(sub)
		var length uint64
		switch format {
		case 0, 2, 4, 6:
			length = uint64(be.Uint16(sub[2:]))
		case 8, 10, 12, 13:
			if len(sub) < 8 {
				return fmt.Errorf("its cmap subtable %d/%d is truncated", platform, encoding)
			}
			length = uint64(be.Uint32(sub[4:]))
		case 14:
			length = uint64(be.Uint32(sub[2:]))
		default:
			return fmt.Errorf("its cmap subtable %d/%d has unknown format %d", platform, encoding, format)
		}
		if length < 4 || length > uint64(len(sub)) {
			return fmt.Errorf("its cmap subtable %d/%d (format %d) runs past the table's end", platform, encoding, format)
		}
		sub = sub[:length]
		isUnicode := platform == 0 || platform == 3 && (encoding == 1 || encoding == 10)
		if !isUnicode {
			continue
		}
		var err error
		switch format {
		case 4:
			err = f.checkCmap4(sub)
			unicode = true
		case 12:
			err = f.checkCmap12(sub)
			unicode = true
		}
		if err != nil {
			return fmt.Errorf("its cmap subtable %d/%d (format %d) is corrupt: %w", platform, encoding, format, err)
		}
	}
	if !unicode {
		return errors.New("its cmap has no Unicode subtable (format 4 or 12)")
	}
	return nil
}

func (f *fontFile) checkCmap4(sub []byte) error {
	if len(sub) < 14 {
		return errors.New("too short")
	}
	segX2 := int(be.Uint16(sub[6:]))
	if segX2%2 != 0 || 16+4*segX2 > len(sub) {
		return errors.New("its segments run past its end")
	}
	segs := segX2 / 2
	ends, starts := sub[14:], sub[16+segX2:]
	deltas, rangeOffs := sub[16+2*segX2:], sub[16+3*segX2:]
	for i := range segs {
		end, start := int(be.Uint16(ends[2*i:])), int(be.Uint16(starts[2*i:]))
		delta, ro := int(be.Uint16(deltas[2*i:])), int(be.Uint16(rangeOffs[2*i:]))
		if start > end {
			if start == 0xFFFF && end == 0xFFFF {
				continue
			}
			return fmt.Errorf("segment %d starts at U+%04X after it ends at U+%04X", i, start, end)
		}
		if ro == 0 {
			if start == 0xFFFF {
				continue // the closing segment
			}
			// The glyphs are start+delta … end+delta, modulo 65536: a
			// range that wraps reaches glyph 65535, which no font has.
			lo, hi := (start+delta)&0xFFFF, (end+delta)&0xFFFF
			if lo > hi || hi >= f.numGlyphs {
				return fmt.Errorf("U+%04X to U+%04X map to glyphs past the font's %d", start, end, f.numGlyphs)
			}
			continue
		}
		for ch := start; ch <= end; ch++ {
			var gid int
			{
				at := 16 + 3*segX2 + 2*i + ro + 2*(ch-start)
				if at+2 > len(sub) {
					if ch == 0xFFFF {
						break // the final segment often points nowhere
					}
					return fmt.Errorf("U+%04X's glyph index lies past its end", ch)
				}
				if gid = int(be.Uint16(sub[at:])); gid != 0 {
					gid = (gid + delta) & 0xFFFF
				}
			}
			if gid >= f.numGlyphs && ch != 0xFFFF {
				return fmt.Errorf("U+%04X maps to glyph %d, but the font has %d glyphs", ch, gid, f.numGlyphs)
			}
		}
	}
	return nil
}

func (f *fontFile) checkCmap12(sub []byte) error {
	if len(sub) < 16 {
		return errors.New("too short")
	}
	groups := uint64(be.Uint32(sub[12:]))
	if 16+12*groups > uint64(len(sub)) {
		return errors.New("its groups run past its end")
	}
	for i := range int(groups) {
		g := sub[16+12*i:]
		start, end, gid := uint64(be.Uint32(g)), uint64(be.Uint32(g[4:])), uint64(be.Uint32(g[8:]))
		if start > end || end > 0x10FFFF {
			return fmt.Errorf("group %d covers U+%04X to U+%04X", i, start, end)
		}
		if gid+end-start >= uint64(f.numGlyphs) {
			return fmt.Errorf("U+%04X to U+%04X map to glyphs up to %d, but the font has %d glyphs", start, end, gid+end-start, f.numGlyphs)
		}
	}
	return nil
}

func (f *fontFile) checkPost() error {
	if len(f.tables["post"]) < 32 {
		return fmt.Errorf("its post table is %d bytes, less than 32", len(f.tables["post"]))
	}
	return nil
}
