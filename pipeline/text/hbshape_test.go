package text

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/internal/validate"
)

// shapedGlyph is one glyph as hb-shape's JSON output writes it: glyph ID,
// cluster (a character index into the text), offset and advance, in font
// units.
type shapedGlyph struct {
	G  int `json:"g"`
	Cl int `json:"cl"`
	Dx int `json:"dx"`
	Dy int `json:"dy"`
	Ax int `json:"ax"`
	Ay int `json:"ay"`
}

func (g shapedGlyph) String() string {
	return fmt.Sprintf("g%d@%d+%d%+d,%+d", g.G, g.Cl, g.Ax, g.Dx, g.Dy)
}

// shapingCase is one string shaped in one font, as a single run.
type shapingCase struct {
	family string // a family of the bundled fonts; its Regular face is used
	script string // ISO 15924, as the stack and hb-shape --script take it
	lang   string
	rtl    bool
	text   string
}

// shapingCases cover the scripts the bundled fonts set, each with the
// features that make its shaping hard.
var shapingCases = []shapingCase{
	// Arabic: joining, the lam-alef ligature, shadda with a haraka on one
	// letter, the Allah ligature, tatweel.
	{"NotoNaskhArabic", "Arab", "ar", true, "منظمة التعاون الإسلامي"},
	{"NotoNaskhArabic", "Arab", "ar", true, "لا إله إلا الله"},
	{"NotoNaskhArabic", "Arab", "ar", true, "مُحَمَّدٌ رَسُولُ اللَّهِ"},
	{"NotoNaskhArabic", "Arab", "ar", true, "قُلْ هُوَ اللَّهُ أَحَدٌ"},
	{"NotoNaskhArabic", "Arab", "ar", true, "الاستقلال لأن سلام ـــ"},
	// Urdu in Nastaliq: the cascade of letters down to the baseline, dots
	// and marks placed around it, Urdu-specific letters.
	{"NotoNastaliqUrdu", "Arab", "ur", true, "اسلامی تعاون تنظیم"},
	{"NotoNastaliqUrdu", "Arab", "ur", true, "میں نے کتاب پڑھی"},
	{"NotoNastaliqUrdu", "Arab", "ur", true, "بِسْمِ اللّٰہِ"},
	{"NotoNastaliqUrdu", "Arab", "ur", true, "ہمیشہ سچ بولنا چاہیے"},
	{"NotoNastaliqUrdu", "Arab", "ur", true, "پاکستان کی قومی زبان اُردُو ہے"},
	// Extended Arabic-Indic digits: the font's locl feature gives Persian
	// its own 4, 6 and 7, so the language must reach the shaper.
	{"NotoNastaliqUrdu", "Arab", "ur", false, "۱۲۳۴۵۶۷"},
	{"NotoNastaliqUrdu", "Arab", "fa", false, "۱۲۳۴۵۶۷"},
	// Persian: ZWNJ breaks the joining inside a word.
	{"NotoNaskhArabic", "Arab", "fa", true, "می‌خواهم نمی‌دانم"},
	{"NotoNaskhArabic", "Arab", "fa", true, "سازمان همکاری اسلامی"},
	// Hebrew with niqqud (points, dagesh, shin dot).
	{"NotoSansHebrew", "Hebr", "he", true, "שָׁלוֹם עֲלֵיכֶם"},
	{"NotoSansHebrew", "Hebr", "he", true, "בְּרֵאשִׁית בָּרָא אֱלֹהִים"},
	// Devanagari: conjuncts क्ष and त्र, reph र्क, the pre-base i-matra,
	// nukta, candrabindu.
	{"NotoSansDevanagari", "Deva", "hi", false, "क्षत्रिय त्रिकोण"},
	{"NotoSansDevanagari", "Deva", "hi", false, "तर्क कर्म धर्म"},
	{"NotoSansDevanagari", "Deva", "hi", false, "किताब हिन्दी स्थिति"},
	{"NotoSansDevanagari", "Deva", "hi", false, "इस्लामी सहयोग संगठन"},
	{"NotoSansDevanagari", "Deva", "hi", false, "ज़िंदगी आँख श्री द्वार"},
	// Chinese.
	{"DroidSansFallbackFull", "Hani", "zh", false, "伊斯兰合作组织是一个政府间国际组织"},
	// Russian and Greek, with tonos and final sigma.
	{"NotoSerif", "Cyrl", "ru", false, "Организация исламского сотрудничества"},
	{"NotoSerif", "Grek", "el", false, "Οργανισμός Ισλαμικής Συνεργασίας"},
	// Latin: kerning pairs and f-ligatures.
	{"NotoSerif", "Latn", "en", false, "AVATAR Type office affluent To Wa"},
	{"NotoSerif", "Latn", "fr", false, "Déclaration finale « efficace »"},
}

// TestShapingMatchesHarfBuzz shapes each case with the engine's shaping path
// (itemize: bidi, script and font segmentation, then go-text's HarfBuzz
// port) and with HarfBuzz's own hb-shape on the same font file, and wants
// the same glyphs, clusters, advances and offsets, exactly, in font units.
// go-text is a port of HarfBuzz; a difference here is either a bug in the
// port or one in how the engine drives it (direction, script, language).
func TestShapingMatchesHarfBuzz(t *testing.T) {
	hbShape := validate.Require(t, "hb-shape")
	sh := NewShaper(library(t))
	for _, c := range shapingCases {
		t.Run(c.lang+"/"+c.text, func(t *testing.T) {
			ours, fnt := shapeOneRun(t, sh, c)
			if fnt.Family != c.family {
				t.Fatalf("set in %s, want %s", fnt.Name, c.family)
			}
			theirs := harfBuzzShape(t, hbShape, fnt.Name, c)
			for _, d := range shapingDiffs(ours, theirs, glyphString) {
				t.Error(d)
			}
		})
	}
}

// shapeOneRun shapes c with the engine and returns its glyphs in visual
// order in font units, wanting exactly one item (one bidi level, one
// script, one font).
func shapeOneRun(t *testing.T, sh *Shaper, c shapingCase) ([]shapedGlyph, *Font) {
	t.Helper()
	stack := &Stack{Scripts: map[string]string{c.script: c.family}, Fallback: []string{c.family}}
	p := Paragraph{
		Spans: []Span{{Text: c.text, Style: Style{Stack: stack, Size: 10}}},
		Lang:  c.lang, RTL: c.rtl,
	}
	runes := []rune(c.text)
	items, _ := sh.itemize(p, runes, make([]int, len(runes)))
	if len(items) != 1 {
		t.Fatalf("itemized into %d items, want one run", len(items))
	}
	it := items[0]
	if rtl := it.level%2 == 1; rtl != c.rtl {
		t.Fatalf("item right-to-left %v, want %v", rtl, c.rtl)
	}
	// itemize shapes at a size of one font unit per pixel, so go-text's
	// 26.6 fixed-point positions are font units times 64.
	out := make([]shapedGlyph, len(it.glyphs))
	for i, g := range it.glyphs {
		for _, v := range []int32{int32(g.adv), int32(g.xoff), int32(g.yoff)} {
			if v%64 != 0 {
				t.Fatalf("glyph %d: position %d is not a whole font unit", i, v)
			}
		}
		out[i] = shapedGlyph{G: int(g.id), Cl: g.clusterIndex(),
			Ax: int(g.adv) / 64, Dx: int(g.xoff) / 64, Dy: int(g.yoff) / 64}
	}
	return out, it.font
}

// harfBuzzShape runs hb-shape on the bundled font file named name.
func harfBuzzShape(t *testing.T, hbShape, name string, c shapingCase) []shapedGlyph {
	t.Helper()
	dir := "ltr"
	if c.rtl {
		dir = "rtl"
	}
	fontFile := filepath.Join("..", "..", "fonts", name+".ttf")
	cmd := exec.Command(hbShape, "--no-glyph-names", "--output-format=json",
		"--direction="+dir, "--script="+c.script, "--language="+c.lang, fontFile, c.text)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("hb-shape: %v: %s", err, stderr.String())
	}
	var glyphs []shapedGlyph
	if err := json.Unmarshal(out, &glyphs); err != nil {
		t.Fatalf("hb-shape output %q: %v", out, err)
	}
	return glyphs
}

// glyphString shows everything hb-shape reports of a glyph.
func glyphString(g shapedGlyph) string { return g.String() }

// shapingDiffs lists the glyphs where the two shapings differ, as show
// prints them, with a count at the end.
func shapingDiffs(ours, theirs []shapedGlyph, show func(shapedGlyph) string) []string {
	n := max(len(ours), len(theirs))
	var diffs []string
	bad := 0
	for i := 0; i < n; i++ {
		var o, h string
		if i < len(ours) {
			o = show(ours[i])
		}
		if i < len(theirs) {
			h = show(theirs[i])
		}
		if o != h {
			bad++
			if bad <= 8 {
				diffs = append(diffs, fmt.Sprintf("glyph %d: ours %s, HarfBuzz %s", i, o, h))
			}
		}
	}
	if bad > 0 {
		diffs = append(diffs, fmt.Sprintf("%d of %d glyphs differ (ours %d glyphs, HarfBuzz %d)", bad, n, len(ours), len(theirs)))
	}
	return diffs
}
