package pdfw

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/fonts"
	"github.com/polypress/polypress/pipeline/internal/validate"
)

func font(t *testing.T, w *Writer, name string) *Font {
	t.Helper()
	data, err := fonts.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := w.AddFont(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// document writes a small tagged document of n pages: a heading and a
// line of text per page, a link, an outline entry with a non-ASCII
// title, trim and bleed boxes and an image.
func document(t *testing.T, n int, out *bytes.Buffer) (sizes []int) {
	t.Helper()
	w := New(out)
	f := font(t, w, "NotoSans-Regular.ttf")
	img, err := w.AddImage(pngData(t))
	if err != nil {
		t.Fatal(err)
	}
	doc := w.Root()
	for i := range n {
		p := w.NewPage(Rect{0, 0, 200, 200})
		p.Trim = &Rect{10, 10, 190, 190}
		p.Bleed = &Rect{5, 5, 195, 195}
		h := w.Add(doc, "H1")
		p.BeginTag(h)
		c := p.Content()
		c.WriteString("BT " + p.FontName(f) + " 12 Tf 1 0 0 1 20 150 Tm <")
		for _, r := range "Résumé" {
			g, err := f.Glyph(uint16(36 + int(r)%40))
			if err != nil {
				t.Fatal(err)
			}
			code, err := f.Code(g, string(r))
			if err != nil {
				t.Fatal(err)
			}
			c.WriteString(hex4(code))
		}
		c.WriteString("> Tj ET\n")
		p.End()
		fig := w.Add(doc, "Figure")
		fig.Alt = "A square"
		p.BeginTag(fig)
		c.WriteString("q 20 0 0 20 20 20 cm " + p.ImageName(img) + " Do Q\n")
		p.End()
		link := w.Add(doc, "Link")
		p.Link(Rect{20, 100, 80, 112}, "https://example.org/a b", Dest{}, link, "Example")
		w.Bookmark("Résumé — تقرير "+string(rune('1'+i)), 0, Dest{Page: p.Ref(), Y: 150})
		w.FinishPage(p)
		sizes = append(sizes, out.Len())
	}
	if err := w.Close(Info{Title: "Pages", Lang: "fr", Created: time.Date(2020, 6, 30, 0, 0, 0, 0, time.UTC), PDFUA: true}); err != nil {
		t.Fatal(err)
	}
	return sizes
}

func hex4(v uint16) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15]})
}

func pngData(t *testing.T) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	for i := range 64 {
		img.Set(i%8, i/8, color.NRGBA{200, 30, 30, uint8(4 * i)})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPagesAreWrittenAsTheyFinish: each page is in the output once
// FinishPage returns (the buffered writer flushes as it fills), so a long
// document's pages do not wait in memory.
func TestPagesAreWrittenAsTheyFinish(t *testing.T) {
	var out bytes.Buffer
	sizes := document(t, 400, &out)
	if sizes[len(sizes)-1] == 0 || sizes[len(sizes)-1] <= sizes[len(sizes)/2] {
		t.Errorf("output after each page %v…: pages are not written as they finish", sizes[len(sizes)-5:])
	}
}

// TestWriterOutput reads a written document back: reproducible bytes,
// trim and bleed boxes, the outline's titles, the PDF/UA checks.
func TestWriterOutput(t *testing.T) {
	var a, b bytes.Buffer
	document(t, 3, &a)
	document(t, 3, &b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same document differ")
	}
	if i, j := bytes.Index(a.Bytes(), []byte("/TrimBox")), bytes.Index(a.Bytes(), []byte("/BleedBox")); i < 0 || j < i {
		t.Error("page boxes missing or not trim then bleed")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	outline := validate.PDFOutline(t, path)
	if len(outline) != 3 || outline[0].Title != "Résumé — تقرير 1" || outline[2].Page != 3 {
		t.Errorf("outline %+v", outline)
	}
	info := validate.PDFInfo(t, path, "-box")
	if info["TrimBox"] != "10.00    10.00   190.00   190.00" || info["BleedBox"] != "5.00     5.00   195.00   195.00" {
		t.Errorf("boxes: trim %q, bleed %q", info["TrimBox"], info["BleedBox"])
	}
	for _, f := range validate.PDFUA(t, path) {
		t.Errorf("PDF/UA %s", f)
	}
	if got := validate.PDFText(t, path); !strings.Contains(got, "Résumé") {
		t.Errorf("text %q", got)
	}
}

// TestDamagedInputsAreErrors: a damaged image or font is an error, never
// a panic.
func TestDamagedInputsAreErrors(t *testing.T) {
	w := New(&bytes.Buffer{})
	good := pngData(t)
	for _, data := range [][]byte{good[:len(good)/2], good[:20], []byte("GIF89a"), nil} {
		if _, err := w.AddImage(data); err == nil {
			t.Errorf("image of %d bytes accepted", len(data))
		}
	}
	ttf, err := fonts.FS.ReadFile("NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range [][]byte{nil, ttf[:100], ttf[:len(ttf)/2], []byte("not a font")} {
		if _, err := New(&bytes.Buffer{}).AddFont("broken.ttf", data); err == nil {
			t.Errorf("font of %d bytes accepted", len(data))
		}
	}
}

// TestNum checks Num's hand-written digits against strconv's shortest
// form of the rounded value, on random values of every magnitude it
// writes by hand and on the edges of rounding.
func TestNum(t *testing.T) {
	want := func(v float64) string {
		v = math.Round(v*1000) / 1000
		if v == 0 {
			return "0"
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	rng := rand.New(rand.NewSource(1))
	vals := []float64{0, -0.0004, 0.0005, -0.0005, 0.0015, 1, -1, 0.1, 0.999, 0.9995, 12.34, 595.276, 841.89, -10000.5, 999999999999.9994, 1e12, -1e12 + 0.001, 1e13}
	for range 200000 {
		mag := math.Pow(10, float64(rng.Intn(15)-3))
		vals = append(vals, (rng.Float64()*2-1)*mag, float64(rng.Intn(2000000)-1000000)/1000)
	}
	for _, v := range vals {
		if got, w := Num(v), want(v); got != w {
			t.Fatalf("Num(%v) = %q, want %q", v, got, w)
		}
	}
}

// TestOutlineOpensTheTopLevel: a reader shows the outline's top level
// with its kids, and the levels below closed; each /Count says so (ISO
// 32000-1, 12.3.3: positive for an open entry, minus the entries an
// opening would show for a closed one, the root's the entries shown).
func TestOutlineOpensTheTopLevel(t *testing.T) {
	var out bytes.Buffer
	w := New(&out)
	p := w.NewPage(Rect{0, 0, 200, 200})
	d := Dest{Page: p.Ref(), Y: 100}
	for _, e := range []struct {
		title string
		level int
	}{{"Title", 0}, {"Section", 1}, {"Clause 1", 2}, {"Clause 2", 2}, {"Authors", 1}, {"Annex", 0}} {
		w.Bookmark(e.title, e.level, d)
	}
	w.FinishPage(p)
	if err := w.Close(Info{Title: "Outline", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	// Title shows Section and Authors; Section hides two clauses; the
	// root shows Title, its two kids and Annex.
	for _, want := range []string{"/Count 2/Dest", "/Count -2/Dest", "/Type/Outlines/First", "/Count 4>>"} {
		if !bytes.Contains(out.Bytes(), []byte(want)) {
			t.Errorf("the outline lacks %q", want)
		}
	}
	path := filepath.Join(t.TempDir(), "outline.pdf")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	outline := validate.PDFOutline(t, path)
	if len(outline) != 2 || !outline[0].Open || len(outline[0].Kids) != 2 || outline[0].Kids[0].Open || len(outline[0].Kids[0].Kids) != 2 {
		t.Errorf("outline %+v", outline)
	}
}
