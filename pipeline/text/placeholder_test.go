package text

import (
	"strings"
	"testing"
)

// TestMissingGlyphsShowPlaceholder checks that a character no font covers
// is drawn as the placeholder glyph, never as the empty .notdef box, and
// that its cluster still carries the original character for extraction.
func TestMissingGlyphsShowPlaceholder(t *testing.T) {
	sh := NewShaper(library(t))
	placeholder := sh.Covers(testStack(), Placeholder, false, false)
	if placeholder == nil {
		t.Fatal("no font of the stack has the placeholder U+FFFD")
	}
	for _, s := range []string{"the sign ⵣ here", "a smile 😀 and 𓀀", "رمز ⵣ هنا"} {
		rtl := strings.ContainsRune(s, 'ر')
		lines := sh.Layout(para(s, rtl), 400)
		var texts []string
		for _, l := range lines {
			for _, r := range l.Runs {
				for _, c := range r.Clusters {
					texts = append(texts, c.Text)
					for _, g := range r.Glyphs[c.Start:c.End] {
						if g.ID == 0 {
							t.Errorf("%q: cluster %q drawn with .notdef (an empty box)", s, c.Text)
						}
					}
					if strings.ContainsAny(c.Text, "ⵣ😀𓀀") && r.Font != placeholder {
						t.Errorf("%q: cluster %q set in %s, want the placeholder's font %s", s, c.Text, r.Font.Name, placeholder.Name)
					}
				}
			}
		}
		all := strings.Join(texts, "")
		for _, want := range []string{"ⵣ", "😀", "𓀀"} {
			if strings.Contains(s, want) && !strings.Contains(all, want) {
				t.Errorf("%q: the clusters lost %q: %q", s, want, texts)
			}
		}
	}
}
