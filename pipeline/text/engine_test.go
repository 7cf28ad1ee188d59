package text

import (
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

// lineEnd is where the line's last glyph run ends.
func lineEnd(l Line) float64 {
	if len(l.Runs) == 0 {
		return 0
	}
	r := l.Runs[len(l.Runs)-1]
	return r.X + r.Width
}

// logical returns the characters of a line in logical order, rebuilt from
// its clusters: runs are visual, so right-to-left runs are read backwards.
func logicalRunes(l Line) int {
	n := 0
	for _, r := range l.Runs {
		for _, c := range r.Clusters {
			n += len([]rune(c.Text))
		}
	}
	return n
}

const english = "Took note of the recent developments and expressed deep concern over the worsening human rights and humanitarian situation since the illegal and unilateral actions of 5 August 2019, affirming that any so-called political process held under foreign occupation cannot substitute the exercise of the right to self-determination."

func TestJustifiedLinesFillTheMeasure(t *testing.T) {
	sh := NewShaper(library(t))
	for _, width := range []float64{180, 260, 400} {
		lines := sh.Layout(para(english, false), width)
		if len(lines) < 2 {
			t.Fatalf("width %v: %d lines", width, len(lines))
		}
		for i, l := range lines {
			end := lineEnd(l)
			if end > width+0.01 {
				t.Errorf("width %v line %d ends at %.2f, past the measure", width, i, end)
			}
			if i < len(lines)-1 && end < width-0.01 {
				t.Errorf("width %v line %d ends at %.2f: a justified line must reach the measure", width, i, end)
			}
		}
		if last := lineEnd(lines[len(lines)-1]); last >= width-0.01 && lines[len(lines)-1].Width < width-1 {
			t.Errorf("width %v: the last line was stretched", width)
		}
	}
}

func TestNoCharacterLost(t *testing.T) {
	sh := NewShaper(library(t))
	texts := []string{
		english,
		"伊斯兰合作组织是一个政府间国际组织，成立于1969年，总部设在沙特阿拉伯吉达。它有五十七个成员国，是仅次于联合国的第二大政府间组织。",
		"أحاط علماً بالتطورات الأخيرة في (IOJ&K) منذ 5 أغسطس 2019، لا سيما الوضع الإنساني.",
		"इस्लामी सहयोग संगठन एक अंतरराष्ट्रीय संगठन है।",
	}
	for _, s := range texts {
		lines := sh.Layout(para(s, false), 150)
		n := 0
		for _, l := range lines {
			n += logicalRunes(l)
		}
		// Spaces at line ends are not drawn.
		want := len([]rune(s)) - (len(lines) - 1)
		if n < want || n > len([]rune(s)) {
			t.Errorf("%.20q…: %d characters in %d lines, want about %d", s, n, len(lines), want)
		}
	}
}

func TestNoLineStartsWithClosingPunctuation(t *testing.T) {
	sh := NewShaper(library(t))
	s := "伊斯兰合作组织是一个政府间国际组织，成立于1969年，总部设在沙特阿拉伯吉达。它有五十七个成员国，是仅次于联合国的第二大政府间组织。"
	for _, width := range []float64{60, 75, 90, 105, 120} {
		for i, l := range sh.Layout(para(s, false), width) {
			if len(l.Runs) == 0 || len(l.Runs[0].Clusters) == 0 {
				continue
			}
			first := []rune(l.Runs[0].Clusters[0].Text)[0]
			if first == '，' || first == '。' {
				t.Errorf("width %v: line %d starts with %q", width, i, first)
			}
		}
	}
}

// TestBidiVisualOrder checks rule L2: in a right-to-left paragraph, runs
// are laid out from right to left, while a Latin acronym and digits inside
// keep their own left-to-right order.
func TestBidiVisualOrder(t *testing.T) {
	sh := NewShaper(library(t))
	lines := sh.Layout(para("أحاط (OIC) في 2020", true), 500)
	if len(lines) != 1 {
		t.Fatalf("%d lines", len(lines))
	}
	var visual []string
	for _, r := range lines[0].Runs {
		visual = append(visual, strings.TrimSpace(r.Text))
	}
	got := strings.Join(visual, "|")
	want := "2020|في|)|OIC|(|أحاط"
	if got != want {
		t.Errorf("visual run order %q, want %q", got, want)
	}
	// Right-aligned: the line ends at the measure.
	if end := lineEnd(lines[0]); end < 499.9 {
		t.Errorf("right-to-left line ends at %.2f, want it flush right at 500", end)
	}
}
