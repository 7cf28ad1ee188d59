package preflight

import (
	"strings"
	"sync"
	"testing"

	"github.com/polypress/polypress/fonts"
	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
)

var (
	libOnce sync.Once
	lib     *text.Library
)

func shaper(t *testing.T) *text.Shaper {
	libOnce.Do(func() {
		lib = text.NewLibrary()
		if err := lib.AddFS(fonts.FS, "fonts"); err != nil {
			panic(err)
		}
	})
	return text.NewShaper(lib)
}

// edition has one clause whose text starts at statement.md:12:4.
func edition(lang, clause string) *doc.Edition {
	span := doc.Span{Pos: diag.Pos{File: "statement.md", Line: 12, Col: 4}, Text: clause}
	return &doc.Edition{
		ID: "t", Locale: lang, Lang: lang, Title: "Title",
		Body: []doc.Block{&doc.ClauseList{Clauses: []*doc.Clause{{Depth: 1, Number: 1, Label: "1.",
			Body: []doc.Block{&doc.Paragraph{Text: doc.Inline{span}}}}}}},
		Source: &doc.Document{Path: "statement.md"},
	}
}

func TestCheck(t *testing.T) {
	lay, err := layout.Load(layouts.FS, "briefing")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, lang, clause string
		want               []string // one pattern per diagnostic, in order
	}{
		{"every bundled script", "en", "OIC, منظمة التعاون الإسلامي، اسلامی تعاون تنظیم, इस्लामी सहयोग संगठन, 伊斯兰合作组织, Организация, Οργανισμός, ארגון.", nil},
		{"Nastaliq locale", "ur", "اسلامی تعاون تنظیم (او آئی سی) ۲۰۲۰", nil},
		// Joiners, variation selectors and bidi marks need no glyph.
		{"ignorable characters", "fa", "می\u200cخواهم \u200f(OIC)\u200e x\ufe0f a\u200db", nil},
		{"Tifinagh", "en", "the sign ⵣ (yaz)", []string{`statement.md:12:13: U+2D63 TIFINAGH LETTER YAZ "ⵣ" has no glyph in any font for locale en (tried NotoSerif, `}},
		{"above U+FFFF", "en", "a smile 😀 and 𓀀", []string{
			`statement.md:12:12: U+1F600 GRINNING FACE "😀"`,
			`statement.md:12:18: U+13000 EGYPTIAN HIEROGLYPH A001 "𓀀"`}},
		{"in an Arabic edition", "ar", "رمز ⵣ", []string{`statement.md:12:8: U+2D63 .* for locale ar \(tried NotoSerif, NotoNaskhArabic, `}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check(edition(tt.lang, tt.clause), lay, shaper(t), Options{})
			if len(got) != len(tt.want) {
				t.Fatalf("%d diagnostics, want %d:\n%v", len(got), len(tt.want), got)
			}
			for i, d := range got {
				if d.Severity != diag.Error || d.Code != Code {
					t.Errorf("diagnostic %d: severity %v code %q, want an error %q", i, d.Severity, d.Code, Code)
				}
				if !matches(tt.want[i], d.Error()) {
					t.Errorf("diagnostic %d:\n got %s\nwant %s", i, d.Error(), tt.want[i])
				}
			}
		})
	}
}

// matches compares a pattern in which only ".*" and "\(", "\)" are special.
func matches(pattern, s string) bool {
	pattern = strings.NewReplacer(`\(`, "(", `\)`, ")").Replace(pattern)
	parts := strings.Split(pattern, ".*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, p := range parts[1:] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

func TestAllowMissingWarnsAndLimits(t *testing.T) {
	lay, err := layout.Load(layouts.FS, "briefing")
	if err != nil {
		t.Fatal(err)
	}
	got := Check(edition("en", strings.Repeat("ⵣ", 8)), lay, shaper(t), Options{AllowMissing: true, Limit: 5})
	if len(got) != 6 {
		t.Fatalf("%d diagnostics, want 5 and a summary:\n%v", len(got), got)
	}
	if got.HasErrors() {
		t.Errorf("allowed missing glyphs are errors:\n%v", got)
	}
	if !strings.Contains(got[0].Error(), "the PDF shows U+FFFD REPLACEMENT CHARACTER in its place") {
		t.Errorf("warning does not name the placeholder: %s", got[0].Error())
	}
	if !strings.Contains(got[5].Error(), "3 more characters without a glyph") {
		t.Errorf("last diagnostic should count the rest: %s", got[5].Error())
	}
}
