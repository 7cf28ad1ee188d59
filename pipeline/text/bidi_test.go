package text

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// visualOrder describes a line as UAX #9 rule L2 leaves it: the line's
// characters, read from left to right, cut where the runs' direction
// changes. Each piece is written L"…" or R"…" with its text in logical
// order, so an R piece shows on the page reversed. Fonts split runs, pieces do not: a parenthesis
// set in Noto Serif inside Arabic joins the Arabic piece beside it.
func visualOrder(l Line) string {
	type cluster struct {
		text string
		rtl  bool
	}
	var visual []cluster
	for _, r := range l.Runs {
		for _, c := range r.Clusters {
			visual = append(visual, cluster{c.Text, r.RTL})
		}
	}
	var pieces []string
	for i := 0; i < len(visual); {
		j := i + 1
		for j < len(visual) && visual[j].rtl == visual[i].rtl {
			j++
		}
		texts := make([]string, 0, j-i)
		for _, c := range visual[i:j] {
			texts = append(texts, c.text)
		}
		dir := "L"
		if visual[i].rtl {
			dir = "R"
			slices.Reverse(texts)
		}
		pieces = append(pieces, fmt.Sprintf("%s%q", dir, strings.Join(texts, "")))
		i = j
	}
	return strings.Join(pieces, " ")
}

// bidiCases were worked out by hand from the rules of UAX #9 (Unicode
// 15.1): W4 joins a number across one common separator, N0 gives a bracket
// pair the direction of the text before it when the brackets hold only the
// other direction, N1 and N2 settle neutrals between runs, I1 and I2 raise
// numbers, and L2 reverses per line. Each want line is visualOrder's
// description of one laid-out line.
var bidiCases = []struct {
	name  string
	text  string
	rtl   bool
	width float64 // points at 10 pt; wide enough for one line unless the case breaks lines
	want  []string
}{
	{
		// N0: the brackets enclose only L and follow R, so they take the
		// paragraph's direction and are mirrored; OIC and 2020 sit at
		// level 2.
		name: "Arabic with a Latin acronym in brackets", rtl: true, width: 1000,
		text: "أحاط (OIC) في 2020",
		want: []string{`L"2020" R") في " L"OIC" R"أحاط ("`},
	},
	{
		name: "Arabic ending in a bracketed acronym", rtl: true, width: 1000,
		text: "منظمة التعاون الإسلامي (OIC)",
		want: []string{`R")" L"OIC" R"منظمة التعاون الإسلامي ("`},
	},
	{
		// EN in a right-to-left paragraph goes to level 2 (I2).
		name: "European digits in Arabic", rtl: true, width: 1000,
		text: "عام 2019 و 2020",
		want: []string{`L"2020" R" و " L"2019" R"عام "`},
	},
	{
		// AN goes to level 2 as well (I2).
		name: "Arabic-Indic digits in Arabic", rtl: true, width: 1000,
		text: "عام ٢٠١٩ و ٢٠٢٠",
		want: []string{`L"٢٠٢٠" R" و " L"٢٠١٩" R"عام "`},
	},
	{
		// W4: one comma, full stop or solidus between European digits
		// joins them into one number.
		name: "numbers with separators", rtl: true, width: 1000,
		text: "بلغ 1,000.5 دولار في 22/06/2020",
		want: []string{`L"22/06/2020" R" دولار في " L"1,000.5" R"بلغ "`},
	},
	{
		// W4 for AN: the Arabic thousands and decimal separators are AN
		// themselves.
		name: "Arabic-Indic number with Arabic separators", rtl: true, width: 1000,
		text: "المبلغ ١٬٠٠٠٫٥ ريال",
		want: []string{`R" ريال" L"١٬٠٠٠٫٥" R"المبلغ "`},
	},
	{
		// In a left-to-right paragraph the number after Arabic stays EN
		// (W7 finds R before it), goes to level 2, and the spaces around
		// it go with the Arabic (N1 counts EN as R).
		name: "Latin with an Arabic phrase holding digits", rtl: false, width: 1000,
		text: "The name منظمة التعاون 57 دولة is used.",
		want: []string{`L"The name " R" دولة" L"57" R"منظمة التعاون " L" is used."`},
	},
	{
		// The hyphen is ES, left alone by W4 (no digit before it) and
		// made ON by W6, then R between ב and the number (N1); the full
		// stop after the number is R as well (N1, eos is R).
		name: "Hebrew with brackets and a year", rtl: true, width: 1000,
		text: "ארגון שיתוף הפעולה (OIC) נוסד ב-1969.",
		want: []string{`R"." L"1969" R") נוסד ב-" L"OIC" R"ארגון שיתוף הפעולה ("`},
	},
	{
		name: "Hebrew with niqqud in Latin", rtl: false, width: 1000,
		text: "Shalom שָׁלוֹם עֲלֵיכֶם means peace",
		want: []string{`L"Shalom " R"שָׁלוֹם עֲלֵיכֶם" L" means peace"`},
	},
	{
		// The colon (CS, then ON by W6) and the space between R and L,
		// and the exclamation mark between L and eos, take the paragraph
		// direction (N2).
		name: "neutrals at the edges of a Latin run in Arabic", rtl: true, width: 1000,
		text: "قال: Hello world!",
		want: []string{`R"!" L"Hello world" R"قال: "`},
	},
	{
		name: "neutral after Arabic at the end of a Latin line", rtl: false, width: 1000,
		text: "He said مرحبا!",
		want: []string{`L"He said " R"مرحبا" L"!"`},
	},
	{
		name: "quotation marks around Arabic in Latin", rtl: false, width: 1000,
		text: `The word "سلام" means peace.`,
		want: []string{`L"The word \"" R"سلام" L"\" means peace."`},
	},
	{
		// L2 applies per line: an English phrase broken across lines in
		// an Arabic paragraph is reordered within each line, and its
		// second half starts the second line on the right, where the
		// Arabic left off.
		name: "line breaks inside Latin in Arabic", rtl: true, width: 140,
		text: "أنشئت Organisation of Islamic Cooperation عام 1969",
		want: []string{
			`L"Organisation of Islamic" R"أنشئت "`,
			`L"1969" R" عام " L"Cooperation"`,
		},
	},
	{
		name: "line breaks inside Latin in Arabic, narrower", rtl: true, width: 100,
		text: "أنشئت Organisation of Islamic Cooperation عام 1969",
		want: []string{
			`L"Organisation of" R"أنشئت "`,
			`L"Islamic Cooperation"`,
			`L"1969" R"عام "`,
		},
	},
	{
		// Reordering the paragraph as a whole would put the end of the
		// Arabic phrase on the first line.
		name: "line breaks inside Arabic in Latin", rtl: false, width: 160,
		text: "The Organisation is called منظمة التعاون الإسلامي in Arabic.",
		want: []string{
			`L"The Organisation is called " R"منظمة"`,
			`R"التعاون الإسلامي" L" in Arabic."`,
		},
	},
}

func TestBidiReordersAsUAX9(t *testing.T) {
	sh := NewShaper(library(t))
	for _, c := range bidiCases {
		t.Run(c.name, func(t *testing.T) {
			p := para(c.text, c.rtl)
			p.Align = Start
			lines := sh.Layout(p, c.width)
			var got []string
			for _, l := range lines {
				got = append(got, visualOrder(l))
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("visual order\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(c.want, "\n     "))
			}
		})
	}
}

// TestBracketsMirrorInRightToLeftRuns checks rule L4: a bracket resolved
// to right-to-left is drawn with its mirror's glyph, so "(OIC)" inside
// Arabic opens on the right.
func TestBracketsMirrorInRightToLeftRuns(t *testing.T) {
	mirror := map[string]rune{"(": ')', ")": '(', "[": ']', "]": '['}
	sh := NewShaper(library(t))
	cases := []struct {
		text     string
		rtl      bool
		mirrored bool
	}{
		{"أحاط (OIC) و[القرار ٥]", true, true},
		{"The Organisation (OIC) [founded 1969]", false, false},
	}
	for _, c := range cases {
		seen := 0
		for _, l := range sh.Layout(para(c.text, c.rtl), 1000) {
			for _, r := range l.Runs {
				for _, cl := range r.Clusters {
					m, ok := mirror[cl.Text]
					if !ok {
						continue
					}
					seen++
					want := []rune(cl.Text)[0]
					if c.mirrored {
						want = m
					}
					gid, _ := r.Font.mustParse().metrics.NominalGlyph(want)
					if got := r.Glyphs[cl.Start].ID; got != uint16(gid) || r.RTL != c.mirrored {
						t.Errorf("%q: %q drawn with glyph %d in a run right-to-left %v, want the glyph of %q (%d)", c.text, cl.Text, got, r.RTL, want, gid)
					}
				}
			}
		}
		if seen != 4 {
			t.Errorf("%q: %d brackets laid out, want 4", c.text, seen)
		}
	}
}
