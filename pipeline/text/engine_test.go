package text

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/polypress/polypress/fonts"
)

var (
	libOnce sync.Once
	testLib *Library
)

// library loads the bundled fonts once for all tests.
func library(t testing.TB) *Library {
	libOnce.Do(func() {
		testLib = NewLibrary()
		if err := testLib.AddFS(fonts.FS, "fonts"); err != nil {
			panic(err)
		}
	})
	return testLib
}

func testStack() *Stack {
	return &Stack{
		Scripts: map[string]string{
			"Latn": "NotoSerif", "Grek": "NotoSerif", "Cyrl": "NotoSerif",
			"Arab": "NotoNaskhArabic", "Hebr": "NotoSansHebrew",
			"Deva": "NotoSansDevanagari", "Hani": "DroidSansFallbackFull",
		},
		Fallback: []string{"NotoSerif", "NotoNaskhArabic", "NotoSansDevanagari", "NotoSansHebrew", "DroidSansFallbackFull"},
	}
}

func para(s string, rtl bool) Paragraph {
	return Paragraph{Spans: []Span{{Text: s, Style: Style{Stack: testStack(), Size: 10}}}, RTL: rtl, Align: Justify}
}

// visualText returns the line's clusters in visual order.
func visualText(l Line) string {
	var b strings.Builder
	for _, r := range l.Runs {
		for _, c := range r.Clusters {
			b.WriteString(c.Text)
		}
		b.WriteString("|")
	}
	return b.String()
}

func TestDebugArabic(t *testing.T) {
	if os.Getenv("POLYPRESS_DEBUG") == "" {
		t.Skip()
	}
	sh := NewShaper(library(t))
	for _, l := range sh.Layout(para("أحاط علماً بالتطورات الأخيرة (OIC) في 2020 لا", true), 1000) {
		for _, r := range l.Runs {
			t.Logf("run font=%s rtl=%v x=%.2f w=%.2f text=%q", r.Font.Name, r.RTL, r.X, r.Width, r.Text)
			for _, c := range r.Clusters {
				t.Logf("   cluster %q glyphs %d-%d", c.Text, c.Start, c.End)
			}
		}
	}
}
