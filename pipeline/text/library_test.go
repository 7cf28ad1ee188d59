package text

import (
	"strings"
	"testing"

	"github.com/polypress/polypress/fonts"
)

// A font is parsed when a shaper first needs it, once for the process:
// English text must not pay for the CJK font.
func TestFontsAreParsedWhenFirstUsed(t *testing.T) {
	lib := NewLibrary()
	if err := lib.AddFS(fonts.FS, "fonts"); err != nil {
		t.Fatal(err)
	}
	cjk, serif := lib.Font("DroidSansFallbackFull"), lib.Font("NotoSerif-Regular")
	if cjk.parsed != nil || serif.parsed != nil {
		t.Fatal("fonts were parsed when added")
	}
	sh := NewShaper(lib)
	sh.Layout(Paragraph{Spans: []Span{{Text: "Plain English.", Style: Style{Stack: testStack(), Size: 10}}}}, 200)
	if serif.parsed == nil {
		t.Error("the Latin font was not parsed by laying out Latin text")
	}
	if cjk.parsed != nil {
		t.Error("the CJK font was parsed for Latin text")
	}
	first := serif.parsed
	sh2 := NewShaper(lib)
	sh2.Layout(Paragraph{Spans: []Span{{Text: "伊斯兰合作组织 and more.", Style: Style{Stack: testStack(), Size: 10}}}}, 200)
	if cjk.parsed == nil {
		t.Error("the CJK font was not parsed by laying out Chinese")
	}
	if serif.parsed != first {
		t.Error("a second shaper parsed the Latin font again")
	}
}

func TestAddRefusesAFontWithoutGlyphTables(t *testing.T) {
	data, err := fonts.FS.ReadFile("NotoSerif-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	// Rename the glyf table in the table directory: the file still starts
	// like a TrueType font, but has no outlines.
	broken := append([]byte(nil), data...)
	i := strings.Index(string(broken[:12+16*int(broken[5])]), "glyf")
	if i < 0 {
		t.Fatal("no glyf entry in the table directory")
	}
	copy(broken[i:], "glyx")
	err = NewLibrary().Add("Broken-Regular", broken)
	if err == nil || !strings.Contains(err.Error(), "glyf") {
		t.Errorf("Add of a font without glyf: got %v, want an error naming the glyf table", err)
	}
}

// The stack's last resort must be usable before any layout: Check parses
// it and reports a font that does not parse.
func TestCheckParsesTheLastResortFamily(t *testing.T) {
	lib := NewLibrary()
	if err := lib.AddFS(fonts.FS, "fonts"); err != nil {
		t.Fatal(err)
	}
	if err := testStack().Check(lib); err != nil {
		t.Fatal(err)
	}
	if lib.Font("NotoSerif-Regular").parsed == nil || lib.Font("NotoSerif-Bold").parsed == nil {
		t.Error("Check did not parse the first fallback family")
	}
	if lib.Font("DroidSansFallbackFull").parsed != nil {
		t.Error("Check parsed a font that is not the last resort")
	}
}

// Editions are built in parallel over one library: the first use of a
// font from several goroutines at once parses it once (run with -race).
func TestFirstUseFromManyGoroutines(t *testing.T) {
	lib := NewLibrary()
	if err := lib.AddFS(fonts.FS, "fonts"); err != nil {
		t.Fatal(err)
	}
	const workers = 4
	widths := make(chan float64, workers)
	for range workers {
		go func() {
			sh := NewShaper(lib)
			lines := sh.Layout(Paragraph{Spans: []Span{{Text: "Parallel editions, one parse.", Style: Style{Stack: testStack(), Size: 10}}}}, 400)
			widths <- lines[0].Width
		}()
	}
	first := <-widths
	for range workers - 1 {
		if w := <-widths; w != first {
			t.Errorf("goroutines laid out the same text at widths %v and %v", first, w)
		}
	}
}
