package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/internal/typesetting/font"
	"github.com/polypress/polypress/pipeline/internal/validate"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/render/pdf/internal/pdfw"
	"github.com/polypress/polypress/pipeline/render/pdf/internal/truetype"
	"github.com/polypress/polypress/pipeline/text"
)

// linePDF writes a one-page tagged PDF holding line l and returns its path.
func linePDF(t *testing.T, l text.Line) string {
	t.Helper()
	var buf bytes.Buffer
	w := pdfw.New(&buf)
	gw := newGlyphWriter(w, "en")
	p := w.NewPage(pdfw.Rect{X1: 595, Y1: 842})
	e := w.Add(w.Root(), "P")
	if err := gw.line(p, &l, [6]float64{1, 0, 0, 1, 72, 700}, solid(layout.Color(0)), e); err != nil {
		t.Fatal(err)
	}
	w.FinishPage(p)
	if err := w.Close(pdfw.Info{Title: "line", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "line.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// unmappedGlyph returns a glyph of the font that no character maps to.
func unmappedGlyph(t *testing.T, data []byte) uint16 {
	t.Helper()
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	mapped := map[font.GID]bool{}
	it := face.Cmap.Iter()
	for it.Next() {
		_, g := it.Char()
		mapped[g] = true
	}
	tf, err := truetype.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	for g := tf.NumGlyphs() - 1; g > 0; g-- {
		if !mapped[font.GID(g)] {
			return uint16(g)
		}
	}
	t.Fatal("every glyph is mapped")
	return 0
}

func serif(t *testing.T) *text.Font {
	testOptions(t, "briefing")
	f := lib.Font("NotoSerif-Regular")
	if f == nil {
		t.Fatal("no NotoSerif-Regular")
	}
	return f
}

// TestTextComesFromClustersNotFonts: a glyph that no character of the
// font maps to, and a cluster that shows no text of its own, still
// extract as the source text in all four readers — never as nothing,
// never as U+FFFD.
func TestTextComesFromClustersNotFonts(t *testing.T) {
	f := serif(t)
	g := unmappedGlyph(t, f.Data)
	adv := f.AdvanceEm(g) * 12 / 1000
	h := f.AdvanceEm(75) * 12 / 1000 // any glyph
	l := text.Line{Runs: []text.Run{{
		Font: f, Size: 12, Text: "Qhi", Width: adv + 2*h,
		Glyphs: []text.Glyph{
			{ID: g, X: 0, Advance: adv, Pen: 0},
			{ID: 75, X: adv, Advance: h, Pen: adv},
			{ID: 76, X: adv + h, Advance: h, Pen: adv + h},
		},
		// The third glyph's cluster shows no text: its characters were
		// given to the one before.
		Clusters: []text.Cluster{{Text: "Q", Start: 0, End: 1}, {Text: "hi", Start: 1, End: 2}, {Text: "", Start: 2, End: 3}},
	}}}
	path := linePDF(t, l)
	ex := validate.Extract(t, path)[path]
	for _, r := range validate.Readers {
		got := strings.Join(strings.Fields(ex.Text[r]), "")
		if got != "Qhi" {
			t.Errorf("%s extracts %q, want %q", r, got, "Qhi")
		}
	}
}

// TestBrokenFontIsAnError: a font the library accepted but whose glyph
// data is damaged makes the PDF an error, not a panic.
func TestBrokenFontIsAnError(t *testing.T) {
	good := serif(t)
	for name, data := range map[string][]byte{
		"truncated": good.Data[:len(good.Data)/3],
		"garbage":   bytes.Repeat([]byte{0xFF}, 4096),
		"empty":     nil,
	} {
		t.Run(name, func(t *testing.T) {
			broken := &text.Font{Name: "Broken", Data: data}
			l := text.Line{Runs: []text.Run{{Font: broken, Size: 12, Text: "a",
				Glyphs: []text.Glyph{{ID: 5, Advance: 6}}, Clusters: []text.Cluster{{Text: "a", Start: 0, End: 1}}}}}
			var buf bytes.Buffer
			w := pdfw.New(&buf)
			gw := newGlyphWriter(w, "en")
			p := w.NewPage(pdfw.Rect{X1: 100, Y1: 100})
			err := gw.line(p, &l, [6]float64{1, 0, 0, 1, 0, 0}, solid(0), nil)
			if err == nil {
				w.FinishPage(p)
				err = w.Close(pdfw.Info{})
			}
			if err == nil {
				t.Fatal("a broken font gave no error")
			}
			if !strings.Contains(err.Error(), "Broken") {
				t.Errorf("the error does not name the font: %v", err)
			}
		})
	}
	// A glyph the font does not have.
	l := text.Line{Runs: []text.Run{{Font: good, Size: 12, Text: "a",
		Glyphs: []text.Glyph{{ID: 60000, Advance: 6}}, Clusters: []text.Cluster{{Text: "a", Start: 0, End: 1}}}}}
	var buf bytes.Buffer
	w := pdfw.New(&buf)
	if err := newGlyphWriter(w, "en").line(w.NewPage(pdfw.Rect{X1: 9, Y1: 9}), &l, [6]float64{1, 0, 0, 1, 0, 0}, solid(0), nil); err == nil {
		t.Error("a glyph beyond the font gave no error")
	}
}
