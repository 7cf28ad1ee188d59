// Package truetype reads TrueType-outline fonts and writes the subsets a
// PDF embeds: only the glyphs a document draws, renumbered from 1, plus
// composite glyphs made for it.
//
// A composite glyph places several glyphs of the font at offsets in one
// glyph. The PDF writer makes one for each shaped cluster whose glyphs do
// not sit, one each, on the baseline at the cluster's place (a letter with
// its marks, a Nastaliq letter drawn as a body and dots, a raised letter of
// a Nastaliq word), so that every drawn glyph carries the text of exactly
// one cluster and sits where text extraction looks for it.
//
// Fonts come from users (--fonts DIR), so every offset and count read from
// a font is checked: a broken font is an error, never a panic.
package truetype

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
)

// Font is a parsed TrueType font.
type Font struct {
	tables      map[string][]byte
	numGlyphs   int
	upem        int
	longLoca    bool
	loca        []uint32 // numGlyphs+1 offsets into glyf
	glyf        []byte
	hmtx        []byte
	numHMetrics int
}

// errFont wraps every problem found in a font, so callers can say "the
// font is broken" whatever the detail.
var errFont = errors.New("malformed TrueType font")

func bad(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errFont, fmt.Sprintf(format, args...))
}

// requiredTables are the tables a TrueType-outline font must have for its
// glyphs to be drawn.
var requiredTables = []string{"glyf", "head", "hhea", "hmtx", "loca", "maxp"}

// Parse reads the table directory and the tables the subsetter needs. It
// does not keep data beyond the tables themselves (sub-slices of data).
func Parse(data []byte) (*Font, error) {
	if len(data) < 12 {
		return nil, bad("too short for a table directory")
	}
	switch v := binary.BigEndian.Uint32(data); v {
	case 0x00010000, 0x74727565: // 1.0, "true"
	case 0x4F54544F: // "OTTO"
		return nil, bad("CFF outlines (OpenType/CFF) cannot be embedded as TrueType")
	case 0x74746366: // "ttcf"
		return nil, bad("a font collection (.ttc) holds several fonts; give one font file")
	default:
		return nil, bad("unknown sfnt version %#x", v)
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, bad("table directory truncated")
	}
	f := &Font{tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := uint64(binary.BigEndian.Uint32(rec[8:]))
		length := uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+length > uint64(len(data)) {
			return nil, bad("table %q out of bounds", tag)
		}
		f.tables[tag] = data[off : off+length : off+length]
	}
	for _, t := range requiredTables {
		if f.tables[t] == nil {
			return nil, bad("no %s table", t)
		}
	}
	head, maxp, hhea := f.tables["head"], f.tables["maxp"], f.tables["hhea"]
	if len(head) < 54 {
		return nil, bad("head table too short")
	}
	if len(maxp) < 6 {
		return nil, bad("maxp table too short")
	}
	if len(hhea) < 36 {
		return nil, bad("hhea table too short")
	}
	f.upem = int(binary.BigEndian.Uint16(head[18:]))
	if f.upem < 16 || f.upem > 16384 {
		return nil, bad("unitsPerEm %d out of range", f.upem)
	}
	f.longLoca = binary.BigEndian.Uint16(head[50:]) != 0
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	if f.numGlyphs == 0 {
		return nil, bad("no glyphs")
	}
	f.numHMetrics = int(binary.BigEndian.Uint16(hhea[34:]))
	if f.numHMetrics == 0 || f.numHMetrics > f.numGlyphs {
		return nil, bad("numberOfHMetrics %d for %d glyphs", f.numHMetrics, f.numGlyphs)
	}
	f.hmtx = f.tables["hmtx"]
	if len(f.hmtx) < 4*f.numHMetrics+2*(f.numGlyphs-f.numHMetrics) {
		return nil, bad("hmtx table too short")
	}
	f.glyf = f.tables["glyf"]
	loca := f.tables["loca"]
	f.loca = make([]uint32, f.numGlyphs+1)
	for i := range f.loca {
		if f.longLoca {
			if len(loca) < 4*(i+1) {
				return nil, bad("loca table too short")
			}
			f.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		} else {
			if len(loca) < 2*(i+1) {
				return nil, bad("loca table too short")
			}
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		}
		if f.loca[i] > uint32(len(f.glyf)) || i > 0 && f.loca[i] < f.loca[i-1] {
			return nil, bad("loca entry %d out of order or bounds", i)
		}
	}
	return f, nil
}

// NumGlyphs is the number of glyphs in the font.
func (f *Font) NumGlyphs() int { return f.numGlyphs }

// UnitsPerEm is the size of the em square in font units.
func (f *Font) UnitsPerEm() int { return f.upem }

// glyph returns the outline data of glyph g (empty for a glyph with no
// outline, such as a space).
func (f *Font) glyph(g uint16) ([]byte, error) {
	if int(g) >= f.numGlyphs {
		return nil, bad("glyph %d beyond the font's %d glyphs", g, f.numGlyphs)
	}
	return f.glyf[f.loca[g]:f.loca[g+1]], nil
}

// Advance returns the advance width and left side bearing of glyph g, in
// font units.
func (f *Font) Advance(g uint16) (advance uint16, lsb int16) {
	i := int(g)
	if i >= f.numGlyphs {
		return 0, 0
	}
	if i < f.numHMetrics {
		return binary.BigEndian.Uint16(f.hmtx[4*i:]), int16(binary.BigEndian.Uint16(f.hmtx[4*i+2:]))
	}
	last := f.numHMetrics - 1
	return binary.BigEndian.Uint16(f.hmtx[4*last:]),
		int16(binary.BigEndian.Uint16(f.hmtx[4*f.numHMetrics+2*(i-f.numHMetrics):]))
}

// bbox is a glyph's bounding box in font units.
type bbox struct {
	xMin, yMin, xMax, yMax int
	empty                  bool
}

func (b bbox) union(o bbox) bbox {
	switch {
	case o.empty:
		return b
	case b.empty:
		return o
	}
	return bbox{min(b.xMin, o.xMin), min(b.yMin, o.yMin), max(b.xMax, o.xMax), max(b.yMax, o.yMax), false}
}

// glyphBox reads a glyph's header box.
func (f *Font) glyphBox(g uint16) (bbox, error) {
	d, err := f.glyph(g)
	if err != nil {
		return bbox{}, err
	}
	if len(d) == 0 {
		return bbox{empty: true}, nil
	}
	if len(d) < 10 {
		return bbox{}, bad("glyph %d header truncated", g)
	}
	rd := func(o int) int { return int(int16(binary.BigEndian.Uint16(d[o:]))) }
	return bbox{rd(2), rd(4), rd(6), rd(8), false}, nil
}

// Composite-glyph flags (the glyf table's component records).
const (
	argsAreWords     = 0x0001
	argsAreXY        = 0x0002
	haveScale        = 0x0008
	moreComponents   = 0x0020
	haveXYScale      = 0x0040
	haveTwoByTwo     = 0x0080
	haveInstructions = 0x0100
)

// component is one component record of a composite glyph as found in a
// font: where its glyph index sits in the glyph data, for renumbering.
type component struct {
	glyph uint16
	at    int // offset of the glyph index in the glyph data
}

// components lists the component records of composite glyph data d.
func components(d []byte) ([]component, error) {
	var out []component
	o := 10
	for {
		if len(d) < o+4 {
			return nil, bad("composite glyph truncated")
		}
		flags := binary.BigEndian.Uint16(d[o:])
		out = append(out, component{glyph: binary.BigEndian.Uint16(d[o+2:]), at: o + 2})
		o += 4
		if flags&argsAreWords != 0 {
			o += 4
		} else {
			o += 2
		}
		switch {
		case flags&haveScale != 0:
			o += 2
		case flags&haveXYScale != 0:
			o += 4
		case flags&haveTwoByTwo != 0:
			o += 8
		}
		if o > len(d) {
			return nil, bad("composite glyph truncated")
		}
		if flags&moreComponents == 0 {
			return out, nil
		}
		if len(out) > 1024 {
			return nil, bad("composite glyph with too many components")
		}
	}
}

// shape counts a glyph's points and contours, and how deep its components
// nest, for the maxp table.
type shape struct {
	points, contours, components, depth int
}

// maxNesting bounds how deep composite glyphs may nest; fonts nest two or
// three levels. A deeper or circular reference is a broken font.
const maxNesting = 16

func (f *Font) shapeOf(g uint16, depth int, memo map[uint16]shape) (shape, error) {
	if s, ok := memo[g]; ok {
		return s, nil
	}
	if depth > maxNesting {
		return shape{}, bad("glyph %d: components nest too deep (or refer to themselves)", g)
	}
	d, err := f.glyph(g)
	if err != nil {
		return shape{}, err
	}
	var s shape
	switch {
	case len(d) == 0:
	case len(d) < 10:
		return shape{}, bad("glyph %d header truncated", g)
	default:
		nc := int(int16(binary.BigEndian.Uint16(d)))
		if nc >= 0 {
			if len(d) < 10+2*nc {
				return shape{}, bad("glyph %d truncated", g)
			}
			s.contours = nc
			if nc > 0 {
				s.points = int(binary.BigEndian.Uint16(d[10+2*(nc-1):])) + 1
			}
		} else {
			comps, err := components(d)
			if err != nil {
				return shape{}, fmt.Errorf("glyph %d: %w", g, err)
			}
			s.components = len(comps)
			s.depth = 1
			for _, c := range comps {
				cs, err := f.shapeOf(c.glyph, depth+1, memo)
				if err != nil {
					return shape{}, err
				}
				s.points += cs.points
				s.contours += cs.contours
				s.depth = max(s.depth, cs.depth+1)
			}
		}
	}
	memo[g] = s
	return s, nil
}

// Component places a glyph of the font in a new composite glyph, its
// origin moved by DX, DY font units.
type Component struct {
	Glyph  uint16
	DX, DY int16
}

// Glyph is a glyph of a subset: a glyph of the font (Components empty and
// Empty false), a new composite glyph of the font's glyphs with its own
// advance width, or (Empty) a new glyph that draws nothing and only
// advances.
type Glyph struct {
	ID         uint16
	Components []Component
	Advance    uint16
	Empty      bool
	// Anchor adds to a composite glyph a contour of one point at its
	// origin, which draws nothing but makes the glyph's box reach the
	// baseline: a glyph drawn wholly above the baseline (a raised
	// Nastaliq letter) then still meets its neighbours' boxes, which
	// text extraction that joins glyphs into lines by their boxes
	// (PDFium) needs.
	Anchor bool
}

// new reports whether g is a glyph the subset makes rather than copies.
func (g Glyph) new() bool { return g.Empty || len(g.Components) > 0 }

// Subset returns a font program holding .notdef, every glyph in glyphs
// and the glyphs they are made of, and the subset's glyph ID for each of
// glyphs. The font's glyphs keep their order (renumbered from 1); new
// composite glyphs follow them in the order given. Hinting programs, the
// OS/2 and name tables are kept; layout tables (GSUB, GPOS...) and the
// character map are not: a PDF addresses glyphs by ID.
func (f *Font) Subset(glyphs []Glyph) (font []byte, ids []uint16, err error) {
	// The font's glyphs the subset needs, with their components.
	keep := map[uint16]bool{0: true}
	var visit func(g uint16, depth int) error
	visit = func(g uint16, depth int) error {
		if keep[g] {
			return nil
		}
		if depth > maxNesting {
			return bad("glyph %d: components nest too deep (or refer to themselves)", g)
		}
		d, err := f.glyph(g)
		if err != nil {
			return err
		}
		keep[g] = true
		if len(d) >= 10 && int16(binary.BigEndian.Uint16(d)) < 0 {
			comps, err := components(d)
			if err != nil {
				return fmt.Errorf("glyph %d: %w", g, err)
			}
			for _, c := range comps {
				if err := visit(c.glyph, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, g := range glyphs {
		if g.Empty {
			continue
		}
		if len(g.Components) == 0 {
			if err := visit(g.ID, 0); err != nil {
				return nil, nil, err
			}
			continue
		}
		if len(g.Components) > 1024 {
			return nil, nil, bad("composite of %d glyphs", len(g.Components))
		}
		for _, c := range g.Components {
			if err := visit(c.Glyph, 0); err != nil {
				return nil, nil, err
			}
		}
	}
	old := make([]uint16, 0, len(keep))
	for g := range keep {
		old = append(old, g)
	}
	sort.Slice(old, func(i, j int) bool { return old[i] < old[j] })
	var composites []int // indexes into glyphs
	for i, g := range glyphs {
		if g.new() {
			composites = append(composites, i)
		}
	}
	total := len(old) + len(composites)
	anchor := -1 // the subset's ID of the one-point glyph, when needed
	for _, g := range glyphs {
		if g.Anchor && len(g.Components) > 0 {
			anchor = total
			total++
			break
		}
	}
	if total > math.MaxUint16 {
		return nil, nil, fmt.Errorf("a subset of %d glyphs is more than a font can hold", total)
	}
	newID := make(map[uint16]uint16, len(old))
	for i, g := range old {
		newID[g] = uint16(i)
	}
	ids = make([]uint16, len(glyphs))
	for i, g := range glyphs {
		if !g.new() {
			ids[i] = newID[g.ID]
		}
	}
	for k, i := range composites {
		ids[i] = uint16(len(old) + k)
	}

	// glyf, loca and hmtx, with statistics for maxp, hhea and head.
	type metric struct {
		advance uint16
		lsb     int16
	}
	metrics := make([]metric, 0, total)
	var glyf []byte
	loca := make([]uint32, 0, total+1)
	memo := map[uint16]shape{}
	maxp := shape{}
	box := bbox{empty: true}
	var hh hheaStats
	for _, g := range old {
		d, _ := f.glyph(g)
		loca = append(loca, uint32(len(glyf)))
		start := len(glyf)
		glyf = append(glyf, d...)
		if len(d) >= 10 && int16(binary.BigEndian.Uint16(d)) < 0 {
			comps, _ := components(d)
			for _, c := range comps {
				binary.BigEndian.PutUint16(glyf[start+c.at:], newID[c.glyph])
			}
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		adv, lsb := f.Advance(g)
		metrics = append(metrics, metric{adv, lsb})
		b, err := f.glyphBox(g)
		if err != nil {
			return nil, nil, err
		}
		s, err := f.shapeOf(g, 0, memo)
		if err != nil {
			return nil, nil, err
		}
		maxp = maxpMax(maxp, s)
		box = box.union(b)
		hh.add(adv, lsb, b)
	}
	for _, i := range composites {
		g := glyphs[i]
		if g.Empty {
			loca = append(loca, uint32(len(glyf)))
			metrics = append(metrics, metric{g.Advance, 0})
			hh.add(g.Advance, 0, bbox{empty: true})
			continue
		}
		var b bbox
		b.empty = true
		var s shape
		s.components = len(g.Components)
		s.depth = 1
		withAnchor := g.Anchor && anchor >= 0
		if withAnchor {
			b = bbox{}
			s.components++
			s.points++
			s.contours++
		}
		for _, c := range g.Components {
			cb, err := f.glyphBox(c.Glyph)
			if err != nil {
				return nil, nil, err
			}
			if !cb.empty {
				cb.xMin += int(c.DX)
				cb.xMax += int(c.DX)
				cb.yMin += int(c.DY)
				cb.yMax += int(c.DY)
			}
			b = b.union(cb)
			cs, err := f.shapeOf(c.Glyph, 0, memo)
			if err != nil {
				return nil, nil, err
			}
			s.points += cs.points
			s.contours += cs.contours
			s.depth = max(s.depth, cs.depth+1)
		}
		if b.empty {
			b = bbox{}
		}
		if b.xMin < math.MinInt16 || b.yMin < math.MinInt16 || b.xMax > math.MaxInt16 || b.yMax > math.MaxInt16 {
			return nil, nil, fmt.Errorf("composite glyph reaches outside the font's coordinate range")
		}
		loca = append(loca, uint32(len(glyf)))
		glyf = binary.BigEndian.AppendUint16(glyf, 0xFFFF) // numberOfContours -1
		for _, v := range []int{b.xMin, b.yMin, b.xMax, b.yMax} {
			glyf = binary.BigEndian.AppendUint16(glyf, uint16(int16(v)))
		}
		comps := g.Components
		for k, c := range comps {
			// Offsets in font units, not rounded to the pixel grid: the
			// glyphs land exactly where shaping put them.
			flags := uint16(argsAreWords | argsAreXY)
			if k < len(comps)-1 || withAnchor {
				flags |= moreComponents
			}
			glyf = binary.BigEndian.AppendUint16(glyf, flags)
			glyf = binary.BigEndian.AppendUint16(glyf, newID[c.Glyph])
			glyf = binary.BigEndian.AppendUint16(glyf, uint16(c.DX))
			glyf = binary.BigEndian.AppendUint16(glyf, uint16(c.DY))
		}
		if withAnchor {
			glyf = binary.BigEndian.AppendUint16(glyf, argsAreWords|argsAreXY)
			glyf = binary.BigEndian.AppendUint16(glyf, uint16(anchor))
			glyf = binary.BigEndian.AppendUint32(glyf, 0)
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		lsb := int16(b.xMin)
		metrics = append(metrics, metric{g.Advance, lsb})
		maxp = maxpMax(maxp, s)
		box = box.union(b)
		hh.add(g.Advance, lsb, b)
	}
	if anchor >= 0 {
		// One contour of one on-curve point at (0, 0): no area, no ink.
		loca = append(loca, uint32(len(glyf)))
		glyf = append(glyf, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, // 1 contour, box (0,0,0,0)
			0, 0, // endPtsOfContours[0] = 0
			0, 0, // no instructions
			0x31, // on curve, x and y the same as the last point
			0)
		metrics = append(metrics, metric{0, 0})
		maxp = maxpMax(maxp, shape{points: 1, contours: 1})
	}
	loca = append(loca, uint32(len(glyf)))

	long := len(glyf) > 0x1FFFE
	var locaData []byte
	for _, o := range loca {
		if long {
			locaData = binary.BigEndian.AppendUint32(locaData, o)
		} else {
			locaData = binary.BigEndian.AppendUint16(locaData, uint16(o/2))
		}
	}
	hmtx := make([]byte, 0, 4*len(metrics))
	for _, m := range metrics {
		hmtx = binary.BigEndian.AppendUint16(hmtx, m.advance)
		hmtx = binary.BigEndian.AppendUint16(hmtx, uint16(m.lsb))
	}

	head := append([]byte(nil), f.tables["head"][:54]...)
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set last
	if long {
		binary.BigEndian.PutUint16(head[50:], 1)
	} else {
		binary.BigEndian.PutUint16(head[50:], 0)
	}
	// The font's own box and extremes are kept, as they hold every glyph
	// of the subset (rasterizers size their glyph caches by them, so the
	// subset renders as the whole font does), grown to hold the new
	// composite glyphs.
	s16 := func(b []byte, o int) int { return int(int16(binary.BigEndian.Uint16(b[o:]))) }
	if !box.empty {
		orig := bbox{s16(head, 36), s16(head, 38), s16(head, 40), s16(head, 42), false}
		for i, v := range []int{min(orig.xMin, box.xMin), min(orig.yMin, box.yMin), max(orig.xMax, box.xMax), max(orig.yMax, box.yMax)} {
			binary.BigEndian.PutUint16(head[36+2*i:], uint16(int16(v)))
		}
	}

	hhea := append([]byte(nil), f.tables["hhea"][:36]...)
	binary.BigEndian.PutUint16(hhea[10:], max(binary.BigEndian.Uint16(hhea[10:]), hh.advanceMax))
	if hh.any {
		binary.BigEndian.PutUint16(hhea[12:], uint16(int16(min(s16(hhea, 12), hh.minLSB))))
		binary.BigEndian.PutUint16(hhea[14:], uint16(int16(min(s16(hhea, 14), hh.minRSB))))
		binary.BigEndian.PutUint16(hhea[16:], uint16(int16(max(s16(hhea, 16), hh.xMaxExtent))))
	}
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(metrics)))

	maxpData := append([]byte(nil), f.tables["maxp"]...)
	binary.BigEndian.PutUint16(maxpData[4:], uint16(total))
	if len(maxpData) >= 32 && binary.BigEndian.Uint32(maxpData) == 0x00010000 {
		raise := func(off, v int) {
			if v > int(binary.BigEndian.Uint16(maxpData[off:])) {
				binary.BigEndian.PutUint16(maxpData[off:], uint16(min(v, math.MaxUint16)))
			}
		}
		raise(10, maxp.points)     // maxCompositePoints
		raise(12, maxp.contours)   // maxCompositeContours
		raise(28, maxp.components) // maxComponentElements
		raise(30, maxp.depth)      // maxComponentDepth
	}

	post := make([]byte, 32)
	if p := f.tables["post"]; len(p) >= 32 {
		copy(post, p[:32])
	}
	binary.BigEndian.PutUint32(post, 0x00030000) // no glyph names

	tables := map[string][]byte{
		"cmap": emptyCmap(),
		"glyf": glyf,
		"head": head,
		"hhea": hhea,
		"hmtx": hmtx,
		"loca": locaData,
		"maxp": maxpData,
		"post": post,
	}
	// Kept as they are: hinting programs and their data, and the tables
	// naming the font and its licence.
	for _, t := range []string{"cvt ", "fpgm", "prep", "gasp", "OS/2", "name"} {
		if d := f.tables[t]; d != nil {
			tables[t] = d
		}
	}
	return writeSFNT(tables), ids, nil
}

func maxpMax(a, b shape) shape {
	return shape{max(a.points, b.points), max(a.contours, b.contours), max(a.components, b.components), max(a.depth, b.depth)}
}

// hheaStats are the horizontal header's extremes over a subset's glyphs.
type hheaStats struct {
	advanceMax                 uint16
	minLSB, minRSB, xMaxExtent int
	any                        bool
}

func (h *hheaStats) add(adv uint16, lsb int16, b bbox) {
	h.advanceMax = max(h.advanceMax, adv)
	if b.empty {
		return
	}
	rsb := int(adv) - (int(lsb) + b.xMax - b.xMin)
	ext := int(lsb) + b.xMax - b.xMin
	if !h.any {
		h.minLSB, h.minRSB, h.xMaxExtent, h.any = int(lsb), rsb, ext, true
		return
	}
	h.minLSB = min(h.minLSB, int(lsb))
	h.minRSB = min(h.minRSB, rsb)
	h.xMaxExtent = max(h.xMaxExtent, ext)
}

// emptyCmap is a cmap table mapping no character: a PDF font addresses
// glyphs through its CIDToGIDMap, but an sfnt must have a cmap.
func emptyCmap() []byte {
	var b []byte
	u16 := func(v uint16) { b = binary.BigEndian.AppendUint16(b, v) }
	u16(0) // version
	u16(1) // one subtable
	u16(3) // Windows
	u16(1) // Unicode BMP
	b = binary.BigEndian.AppendUint32(b, 12)
	// Format 4 with the one required segment, 0xFFFF → .notdef.
	u16(4)
	u16(24) // length
	u16(0)  // language
	u16(2)  // segCountX2
	u16(2)  // searchRange
	u16(0)  // entrySelector
	u16(0)  // rangeShift
	u16(0xFFFF)
	u16(0) // reservedPad
	u16(0xFFFF)
	u16(1) // idDelta
	u16(0) // idRangeOffset
	return b
}

// writeSFNT writes tables as a TrueType font file: the directory sorted by
// tag, each table padded to four bytes, checksums, and head's
// checkSumAdjustment.
func writeSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := (1 << entrySelector) * 16
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(tables[t]) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-searchRange))
	headAt := -1
	for i, t := range tags {
		off := len(out)
		body := tables[t]
		if t == "head" {
			headAt = off
		}
		out = append(out, body...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		rec := out[12+16*i:]
		copy(rec[:4], t)
		binary.BigEndian.PutUint32(rec[4:], checksum(out[off:off+len(body)]))
		binary.BigEndian.PutUint32(rec[8:], uint32(off))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(body)))
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
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

// Metrics are the font-wide values a PDF font descriptor repeats, in
// thousandths of an em.
type Metrics struct {
	BBox                       [4]float64
	Ascent, Descent, CapHeight float64
	ItalicAngle                float64
	Serif, Italic, FixedPitch  bool
}

// Metrics reads the font's descriptor values from head, hhea, OS/2 and
// post.
func (f *Font) Metrics() Metrics {
	var m Metrics
	scale := 1000 / float64(f.upem)
	head, hhea := f.tables["head"], f.tables["hhea"]
	s16 := func(b []byte, o int) float64 { return float64(int16(binary.BigEndian.Uint16(b[o:]))) }
	for i := range m.BBox {
		m.BBox[i] = math.Round(s16(head, 36+2*i) * scale)
	}
	m.Ascent = math.Round(s16(hhea, 4) * scale)
	m.Descent = math.Round(s16(hhea, 6) * scale)
	m.CapHeight = math.Round(m.Ascent * 0.7)
	if os2 := f.tables["OS/2"]; len(os2) >= 78 {
		if v := binary.BigEndian.Uint16(os2); v >= 2 && len(os2) >= 90 {
			if c := s16(os2, 88); c > 0 {
				m.CapHeight = math.Round(c * scale)
			}
		}
		if len(os2) >= 32+10 {
			// PANOSE family kind 2 (Latin text) with a serif style
			// below 11 (the sans styles) marks a serif face.
			if os2[32] == 2 && os2[33] >= 2 && os2[33] <= 10 {
				m.Serif = true
			}
		}
	}
	if post := f.tables["post"]; len(post) >= 16 {
		m.ItalicAngle = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		m.FixedPitch = binary.BigEndian.Uint32(post[12:]) != 0
	}
	m.Italic = binary.BigEndian.Uint16(head[44:])&2 != 0 || m.ItalicAngle != 0
	return m
}
