package truetype

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"testing"

	"github.com/polypress/polypress/fonts"
	"github.com/polypress/polypress/pipeline/internal/typesetting/font"
)

func load(t testing.TB, name string) []byte {
	t.Helper()
	data, err := fonts.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// outline returns a glyph's outline as text, its points moved by dx, dy.
func outline(t *testing.T, face *font.Face, g uint16, dx, dy float32) string {
	t.Helper()
	o, ok := face.GlyphDataOutline(font.GID(g))
	if !ok {
		t.Fatalf("glyph %d has no outline", g)
	}
	var b bytes.Buffer
	for _, s := range o.Segments {
		fmt.Fprintf(&b, "%d", s.Op)
		for _, p := range s.ArgsSlice() {
			fmt.Fprintf(&b, " %g,%g", p.X+dx, p.Y+dy)
		}
		b.WriteString(";")
	}
	return b.String()
}

func TestSubsetKeepsGlyphsAndMetrics(t *testing.T) {
	for _, name := range []string{"NotoSerif-Regular.ttf", "NotoNaskhArabic-Regular.ttf", "NotoNastaliqUrdu-Regular.ttf"} {
		t.Run(name, func(t *testing.T) {
			data := load(t, name)
			f, err := Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			orig, err := font.ParseTTF(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			want := []uint16{40, 7, 300, 41, 7}
			sub, ids, err := f.Subset([]Glyph{{ID: 40}, {ID: 7}, {ID: 300}, {ID: 41}, {ID: 7}})
			if err != nil {
				t.Fatal(err)
			}
			if ids[1] != ids[4] {
				t.Errorf("the same glyph got two IDs: %v", ids)
			}
			face, err := font.ParseTTF(bytes.NewReader(sub))
			if err != nil {
				t.Fatalf("the subset does not parse: %v", err)
			}
			for i, g := range want {
				if got, w := face.HorizontalAdvance(font.GID(ids[i])), orig.HorizontalAdvance(font.GID(g)); got != w {
					t.Errorf("glyph %d: advance %v, want %v", g, got, w)
				}
				if got, w := outline(t, face, ids[i], 0, 0), outline(t, orig, g, 0, 0); got != w {
					t.Errorf("glyph %d: outline differs\n got %s\nwant %s", g, got, w)
				}
			}
			if n := int(face.Upem()); n != f.UnitsPerEm() {
				t.Errorf("units per em %d, want %d", n, f.UnitsPerEm())
			}
			if len(sub) >= len(data)/2 {
				t.Errorf("subset of 4 glyphs is %d bytes, the font %d", len(sub), len(data))
			}
		})
	}
}

func TestCompositePlacesComponents(t *testing.T) {
	data := load(t, "NotoNastaliqUrdu-Regular.ttf")
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := font.ParseTTF(bytes.NewReader(data))
	comps := []Component{{Glyph: 300, DX: 0, DY: 0}, {Glyph: 120, DX: 150, DY: 420}, {Glyph: 121, DX: -30, DY: -200}}
	sub, ids, err := f.Subset([]Glyph{{ID: 5}, {Components: comps, Advance: 777}})
	if err != nil {
		t.Fatal(err)
	}
	face, err := font.ParseTTF(bytes.NewReader(sub))
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	if got := face.HorizontalAdvance(font.GID(ids[1])); got != 777 {
		t.Errorf("composite advance %v, want 777", got)
	}
	var want string
	for _, c := range comps {
		want += outline(t, orig, c.Glyph, float32(c.DX), float32(c.DY))
	}
	if got := outline(t, face, ids[1], 0, 0); got != want {
		t.Errorf("composite outline is not its components moved:\n got %s\nwant %s", got, want)
	}
	// The subset's head box must hold the composite's.
	head := tableOf(t, sub, "head")
	yMax := int16(binary.BigEndian.Uint16(head[42:]))
	b, _ := f.glyphBox(120)
	if int(yMax) < b.yMax+420 {
		t.Errorf("head yMax %d does not reach the raised component's top %d", yMax, b.yMax+420)
	}
}

func tableOf(t *testing.T, data []byte, tag string) []byte {
	t.Helper()
	f, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return f.tables[tag]
}

func TestSubsetIsReproducible(t *testing.T) {
	data := load(t, "NotoSerif-Regular.ttf")
	f, _ := Parse(data)
	gs := []Glyph{{ID: 90}, {ID: 3}, {Components: []Component{{Glyph: 90}, {Glyph: 3, DX: 400}}, Advance: 900}}
	a, _, err := f.Subset(gs)
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := f.Subset(gs)
	if !bytes.Equal(a, b) {
		t.Error("two subsets of the same glyphs differ")
	}
}

func TestBrokenFontsAreErrors(t *testing.T) {
	good := load(t, "NotoSerif-Regular.ttf")
	cases := map[string][]byte{
		"empty":      nil,
		"cff":        append([]byte("OTTO"), good[4:]...),
		"collection": append([]byte("ttcf"), good[4:]...),
		"truncated":  good[:200],
		"no glyf":    renameTable(good, "glyf", "glyX"),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			f, err := Parse(data)
			if err == nil {
				_, _, err = f.Subset([]Glyph{{ID: 3}})
			}
			if !errors.Is(err, errFont) {
				t.Errorf("got %v, want a malformed-font error", err)
			}
		})
	}
	f, _ := Parse(good)
	if _, _, err := f.Subset([]Glyph{{ID: 60000}}); err == nil {
		t.Error("a glyph beyond the font should be an error")
	}
}

func renameTable(data []byte, from, to string) []byte {
	out := append([]byte(nil), data...)
	n := int(binary.BigEndian.Uint16(out[4:]))
	for i := 0; i < n; i++ {
		rec := out[12+16*i:]
		if string(rec[:4]) == from {
			copy(rec[:4], to)
		}
	}
	return out
}

// FuzzSubset feeds damaged fonts to the parser and subsetter: errors are
// fine, panics are not.
func FuzzSubset(f *testing.F) {
	good := load(f, "NotoSansHebrew-Regular.ttf")
	f.Add(good, uint16(5), uint16(30), int16(10))
	f.Add(good[:1000], uint16(1), uint16(2), int16(0))
	f.Fuzz(func(t *testing.T, data []byte, a, b uint16, dx int16) {
		font, err := Parse(data)
		if err != nil {
			return
		}
		_, _, _ = font.Subset([]Glyph{{ID: a}, {Components: []Component{{Glyph: a}, {Glyph: b, DX: dx}}, Advance: 500}})
		_ = font.Metrics()
	})
}

// FuzzDamagedGlyphs damages the glyph data of a real font at an offset, so
// that the fuzzer reaches the composite and outline parsing.
func FuzzDamagedGlyphs(f *testing.F) {
	good := load(f, "NotoNastaliqUrdu-Regular.ttf")
	f.Add(uint32(100), byte(0xFF), uint16(300))
	f.Add(uint32(5000), byte(0x80), uint16(12))
	f.Fuzz(func(t *testing.T, at uint32, v byte, g uint16) {
		data := append([]byte(nil), good...)
		data[int(at)%len(data)] ^= v
		font, err := Parse(data)
		if err != nil {
			return
		}
		_, _, _ = font.Subset([]Glyph{{ID: g}, {ID: g / 2}, {Components: []Component{{Glyph: g}}, Advance: 1}})
	})
}
