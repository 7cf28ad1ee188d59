package text

import (
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
)

func typoPara(s, lang string, ty *doc.Typography, align Align) Paragraph {
	p := para(s, false)
	p.Lang, p.Typography, p.Align = lang, ty, align
	return p
}

// lineTexts returns each line's source text, with "-" where the line
// breaker added a hyphen.
func lineTexts(lines []Line) []string {
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for _, r := range l.Runs {
			for _, c := range r.Clusters {
				if c.Hyphen {
					b.WriteString("-")
				}
				b.WriteString(c.Text)
			}
		}
		out = append(out, b.String())
	}
	return out
}

// logicalTexts returns each line's text in logical order, for lines of
// one direction: a right-to-left line's runs are read from the right.
func logicalTexts(lines []Line) []string {
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for i := range l.Runs {
			r := l.Runs[i]
			if l.RTL {
				r = l.Runs[len(l.Runs)-1-i]
			}
			b.WriteString(r.Text)
		}
		out = append(out, b.String())
	}
	return out
}

var german = &doc.Typography{Hyphenation: "de-1996", HyphenLeft: 2, HyphenRight: 2, HyphenateCapitalized: true, HyphenLadder: 2}

// TestLongCompoundGetsAHyphen: a German compound wider than the line is
// cut at its hyphenation points, each cut drawn with a hyphen, in a
// justified paragraph and in a ragged title alike; without patterns it
// is still cut with a hyphen between letters.
func TestLongCompoundGetsAHyphen(t *testing.T) {
	sh := NewShaper(library(t))
	word := "Donaudampfschifffahrtsgesellschaft"
	for _, tc := range []struct {
		ty    *doc.Typography
		align Align
	}{{german, Justify}, {german, Start}, {nil, Start}} {
		lines := sh.Layout(typoPara("Die "+word+".", "de", tc.ty, tc.align), 60)
		got := lineTexts(lines)
		joined := strings.ReplaceAll(strings.ReplaceAll(strings.Join(got, ""), "-", ""), " ", "")
		if joined != "Die"+word+"." {
			t.Errorf("%v: lines %q do not give back the text", tc.ty != nil, got)
		}
		for i, l := range got[:len(got)-1] {
			if !strings.HasSuffix(l, "-") && !strings.HasSuffix(l, " ") && i > 0 {
				t.Errorf("%v: line %d %q is cut without a hyphen", tc.ty != nil, i, l)
			}
			if lineEnd(lines[i]) > 60.01 {
				t.Errorf("line %d %q ends at %.2f, past the measure", i, l, lineEnd(lines[i]))
			}
		}
		if tc.ty != nil {
			// Cuts follow the patterns: Do-nau-dampf-schiff-fahrts-ge-sell-schaft.
			points := map[int]bool{2: true, 5: true, 10: true, 16: true, 22: true, 24: true, 28: true}
			at := 0
			for _, l := range got {
				l = strings.TrimPrefix(l, "Die ")
				if !strings.HasSuffix(l, "-") {
					continue
				}
				at += len([]rune(l)) - 1
				if !points[at] {
					t.Errorf("cut after %d letters (%q) is not a hyphenation point", at, l)
				}
			}
		}
	}
}

func TestSoftHyphen(t *testing.T) {
	sh := NewShaper(library(t))
	lines := lineTexts(sh.Layout(typoPara("A communi\u00adqué communi\u00adqué communi\u00adqué", "fr", nil, Justify), 70))
	hyph := 0
	for _, l := range lines {
		if strings.HasSuffix(l, "\u00ad-") {
			hyph++
		}
		if strings.Contains(strings.TrimSuffix(l, "\u00ad-"), "-") {
			t.Errorf("line %q: a hyphen drawn away from a line end", l)
		}
	}
	if hyph == 0 {
		t.Errorf("no line broken at a soft hyphen: %q", lines)
	}
}

// TestBreakRules checks each locale rule on a line width that would
// otherwise break where the rule forbids.
func TestBreakRules(t *testing.T) {
	sh := NewShaper(library(t))
	tests := []struct {
		name, text, lang string
		ty               *doc.Typography
		bad              func(prevEnd, nextStart string) bool
	}{
		{"number and what it counts", strings.Repeat("le 5 août et le 22 juin, ", 6), "fr", &doc.Typography{GlueNumbers: true},
			func(p, n string) bool {
				return strings.HasSuffix(strings.TrimSpace(p), "5") || strings.HasSuffix(strings.TrimSpace(p), "22")
			}},
		{"lone waw", strings.Repeat("پاکستان و بھارت اور ایران و ترکی ", 6), "ur", &doc.Typography{NoBreakAfter: []string{"و"}},
			func(p, n string) bool { return strings.HasSuffix(strings.TrimSpace(p), " و") }},
		{"danda", strings.Repeat("यह एक वाक्य है । ", 12), "hi", &doc.Typography{NoLineStart: "।॥"},
			func(p, n string) bool { return strings.HasPrefix(n, "।") }},
	}
	for _, tc := range tests {
		for _, width := range []float64{70, 90, 110, 130, 150} {
			p := typoPara(tc.text, tc.lang, tc.ty, Start)
			p.RTL = tc.lang == "ur"
			lines := logicalTexts(sh.Layout(p, width))
			for i := 1; i < len(lines); i++ {
				if tc.bad(lines[i-1], lines[i]) {
					t.Errorf("%s, width %v: break between %q and %q", tc.name, width, lines[i-1], lines[i])
				}
			}
		}
	}
}

// TestFrenchSpaces: narrow no-break spaces are drawn before ; : ! ? »
// and after «, and the clusters still give the text as written.
func TestFrenchSpaces(t *testing.T) {
	sh := NewShaper(library(t))
	ty := &doc.Typography{ThinSpaceBefore: ";:!?»", ThinSpaceAfter: "«"}
	for _, src := range []string{"Il a dit : « Non ! » Pourquoi ? Voici; http://x.org 10:30", "Il a dit: «Non!» Pourquoi?"} {
		lines := sh.Layout(typoPara(src, "fr", ty, Start), 500)
		if got := strings.Join(lineTexts(lines), ""); got != src {
			t.Errorf("clusters give %q, want the source %q", got, src)
		}
		// Narrow spaces: before ":" "!" "»" "?" ";" and after "«" (not in
		// the URL or the time).
		p := typoPara(src, "fr", ty, Start)
		runes, _, _ := thinSpaces([]rune(src), make([]int, len([]rune(src))), p.Typography)
		want := 6
		if !strings.Contains(src, " ") || strings.Contains(src, "dit:") {
			want = 5
		}
		if n := strings.Count(string(runes), "\u202f"); n != want {
			t.Errorf("%q: %d narrow spaces drawn, want %d: %q", src, n, want, string(runes))
		}
	}
}

// TestOnePitchAndLanguageSpans: every line of a paragraph mixing scripts
// has the same extents (the primary font's), and a span marked Urdu is
// set in the stack's Urdu family, scaled as the stack says, and carries
// its language.
func TestOnePitchAndLanguageSpans(t *testing.T) {
	sh := NewShaper(library(t))
	st := testStack()
	st.Langs = map[string]map[string]string{"ur": {"Arab": "NotoNastaliqUrdu"}}
	st.Scale = map[string]Scale{"NotoNastaliqUrdu": {Factor: 0.8}}
	style := Style{Stack: st, Size: 10}
	p := Paragraph{Lang: "en", Align: Justify, Spans: []Span{
		{Text: "In Arabic the Organisation is called منظمة التعاون الإسلامي and in Chinese 伊斯兰合作组织, in Urdu ", Style: style},
		{Text: "اسلامی تعاون تنظیم", Style: style, Lang: "ur"},
		{Text: ", and in Hindi इस्लामी सहयोग संगठन, all of them in one paragraph of plain English text.", Style: style},
	}}
	lines := sh.Layout(p, 150)
	if len(lines) < 4 {
		t.Fatalf("%d lines", len(lines))
	}
	urdu := false
	for i, l := range lines {
		if l.Ascent != lines[0].Ascent || l.Descent != lines[0].Descent {
			t.Errorf("line %d extents %.2f/%.2f, line 0 %.2f/%.2f", i, l.Ascent, l.Descent, lines[0].Ascent, lines[0].Descent)
		}
		for _, r := range l.Runs {
			if strings.Contains(r.Text, "تعاون تنظیم") || strings.Contains(r.Text, "اسلامی") {
				urdu = true
				if r.Font.Family != "NotoNastaliqUrdu" || r.Lang != "ur" || r.Size != 8 {
					t.Errorf("Urdu span set in %s at %v pt as %q", r.Font.Family, r.Size, r.Lang)
				}
			}
			if strings.Contains(r.Text, "منظمة") && (r.Font.Family != "NotoNaskhArabic" || r.Lang != "en" || r.Size != 10) {
				t.Errorf("Arabic in %s at %v pt as %q", r.Font.Family, r.Size, r.Lang)
			}
		}
	}
	if !urdu {
		t.Error("no Urdu run")
	}
	if want := 1.069 * 10; lines[0].Ascent < want-0.01 || lines[0].Ascent > want+0.01 {
		t.Errorf("ascent %.3f, want Noto Serif's %.3f", lines[0].Ascent, want)
	}
}

// TestCJKPunctuation: in Chinese, quotation marks come from the CJK font
// when the stack says so (Zyyy), adjacent marks lose a blank half ("。」"
// is one and a half em), and a line neither starts with an opening
// mark's blank half nor ends with a closing mark's.
func TestCJKPunctuation(t *testing.T) {
	sh := NewShaper(library(t))
	st := testStack()
	st.Langs = map[string]map[string]string{"zh": {"Zyyy": "DroidSansFallbackFull"}}
	ty := &doc.Typography{FullWidthPunctuation: true}
	p := Paragraph{Lang: "zh-Hans", Align: Justify, Typography: ty, Spans: []Span{{Text: "会议“强调”：伊斯兰合作组织。」「成员国（五十七个）、《宪章》！", Style: Style{Stack: st, Size: 10}}}}
	lines := sh.Layout(p, 1000)
	adv := map[string]float64{}
	for _, r := range lines[0].Runs {
		for _, c := range r.Clusters {

			w := 0.0
			for _, g := range r.Glyphs[c.Start:c.End] {
				w += g.Advance
			}
			adv[c.Text] += w
		}
	}
	// “ and ” are one em; 。」「 is two em (。 and 」 lose their blank
	// half, 「 keeps its own as the gap after the closing bracket);
	// Droid Sans Fallback's ） inks a little past its half, so it gives
	// up only the blank it has.
	for ch, want := range map[string]float64{"“": 10, "”": 10, "。": 5, "」": 5, "「": 10, "会": 10, "、": 5, "）": 6.17} {
		if got := adv[ch]; got < want-0.01 || got > want+0.01 {
			t.Errorf("%s advances %.2f, want %.2f", ch, got, want)
		}
	}
	// Line edges: a narrow measure puts marks at line starts and ends.
	for _, width := range []float64{45, 55, 65, 75} {
		for i, l := range sh.Layout(p, width) {
			if e := lineEnd(l); e > width+0.01 {
				t.Errorf("width %v: line %d ends at %.2f", width, i, e)
			}
			first := l.Runs[0]
			c := first.Clusters[0]
			if strings.ContainsAny(c.Text, "「（《“") && first.Glyphs[c.Start].X > -3.5 {
				t.Errorf("width %v: line %d starts with %s drawn at %.2f, want its blank half cut", width, i, c.Text, first.Glyphs[c.Start].X)
			}
		}
	}
}

// TestSyntheticBold: bold asked of a family with no bold face is drawn
// with a stroke of EmboldenStroke times the size; a family with a bold
// face uses it and no stroke.
func TestSyntheticBold(t *testing.T) {
	sh := NewShaper(library(t))
	p := Paragraph{Lang: "zh-Hans", Align: Start, Spans: []Span{{Text: "伊斯兰合作组织 OIC", Style: Style{Stack: testStack(), Size: 20, Bold: true}}}}
	for _, r := range sh.Layout(p, 500)[0].Runs {
		switch r.Font.Family {
		case "DroidSansFallbackFull":
			if r.Embolden != 0.8 {
				t.Errorf("%q: embolden %v, want 0.8", r.Text, r.Embolden)
			}
		case "NotoSerif":
			if !r.Font.Bold || r.Embolden != 0 {
				t.Errorf("%q: %s with embolden %v", r.Text, r.Font.Name, r.Embolden)
			}
		}
	}
}

// TestHyphenLadder: however narrow the measure, no more lines in a row
// end with a hyphen than the locale allows; and capitalised words are
// left whole when the locale says so.
func TestHyphenLadder(t *testing.T) {
	sh := NewShaper(library(t))
	text := strings.Repeat("international humanitarian responsibilities notwithstanding extraordinary ", 4)
	for _, ladder := range []int{1, 2} {
		ty := &doc.Typography{Hyphenation: "en-us", HyphenLeft: 2, HyphenRight: 3, HyphenLadder: ladder}
		for _, width := range []float64{80, 95, 110, 130} {
			run, hyphens := 0, 0
			for _, l := range lineTexts(sh.Layout(typoPara(text, "en", ty, Justify), width)) {
				if strings.HasSuffix(l, "-") {
					run++
					hyphens++
				} else {
					run = 0
				}
				if run > ladder {
					t.Errorf("ladder %d, width %v: %d hyphenated lines in a row", ladder, width, run)
				}
			}
			if hyphens == 0 {
				t.Errorf("ladder %d, width %v: no hyphen at all", ladder, width)
			}
		}
	}
	ty := &doc.Typography{Hyphenation: "en-gb", HyphenLeft: 2, HyphenRight: 3}
	for _, l := range lineTexts(sh.Layout(typoPara(strings.Repeat("Organisation Kashmir Washington Cooperation ", 5), "en", ty, Justify), 100)) {
		if strings.HasSuffix(l, "-") {
			t.Errorf("a capitalised word was hyphenated: %q", l)
		}
	}
}
