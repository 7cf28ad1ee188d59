package localize

import (
	"slices"
	"strings"
	"testing"
)

// withConventions adds lines at the end of minimalEN's [_conventions].
func withConventions(lines string) string {
	return strings.Replace(minimalEN, "date = \"long\"\n", "date = \"long\"\n"+lines, 1)
}

func TestTypographyKeys(t *testing.T) {
	files := map[string]string{
		"en.toml": withConventions("hyphenation = \"en-gb\"\nhyphen_min = [2, 4]\nglue_numbers = true\nno_break_after = [\"و\"]\nno_line_start = \"।॥\"\nthin_space_before = \";:\"\nthin_space_after = \"«\"\n"),
		// en-CA inherits everything but what it sets.
		"en-CA.toml": "[_conventions]\nhyphenation = \"fr\"\nhyphenate_capitalized = true\nhyphen_ladder = 0\n",
	}
	c := catalog(t, files)
	en, _ := c.Conventions("en")
	ty := en.Typography
	if ty.Hyphenation != "en-gb" || ty.HyphenLeft != 2 || ty.HyphenRight != 4 || !ty.GlueNumbers ||
		!slices.Equal(ty.NoBreakAfter, []string{"و"}) || ty.NoLineStart != "।॥" || ty.ThinSpaceBefore != ";:" ||
		ty.ThinSpaceAfter != "«" || ty.HyphenateCapitalized || ty.HyphenLadder != 2 {
		t.Errorf("en typography = %+v", ty)
	}
	ca, _ := c.Conventions("en-CA")
	if ty := ca.Typography; ty.Hyphenation != "fr" || !ty.HyphenateCapitalized || ty.HyphenLadder != 0 || ty.HyphenRight != 4 || !ty.GlueNumbers {
		t.Errorf("en-CA typography = %+v, want fr patterns and en's other keys", ty)
	}
}

func TestTypographyErrors(t *testing.T) {
	tests := []struct{ conv, want string }{
		{"hyphenation = \"en-uk\"\n", `en.toml:9:1: no hyphenation patterns "en-uk" in locales/hyphenation (did you mean "en-us"?)`},
		{"hyphen_min = [2]\n", "en.toml:9:1: hyphen_min must be [left, right]"},
		{"hyphen_min = [0, 3]\n", "en.toml:9:1: hyphen_min must be [left, right]"},
		{"hyphen_ladder = -1\n", "en.toml:9:1: hyphen_ladder must be a whole number"},
		{"glue_numbers = \"yes\"\n", "en.toml:9:1: glue_numbers must be true or false, not a string"},
		{"no_break_after = [\"a b\"]\n", "en.toml:9:1: no_break_after: element 1 must be one word"},
		{"no_line_start = 1\n", "en.toml:9:1: no_line_start must be a string, not an integer"},
		{"hyphenaton = \"fr\"\n", `en.toml:9:1: unknown convention "hyphenaton" (did you mean "hyphenation"?)`},
	}
	for _, tc := range tests {
		_, err := Load(mapFS(map[string]string{"en.toml": withConventions(tc.conv)}), ".")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.conv, err, tc.want)
		}
	}
}

// TestShippedTypography checks that the shipped locale files ask for what
// their languages need.
func TestShippedTypography(t *testing.T) {
	c := shipped(t)
	for tag, want := range map[string]string{"en": "en-gb", "fr": "fr", "es": "es", "de": "de-1996",
		"ru": "ru", "pt": "pt", "it": "it", "nl": "nl", "tr": "tr"} {
		conv, ok := c.Conventions(tag)
		if !ok {
			t.Errorf("no locale file %s", tag)
			continue
		}
		if conv.Typography.Hyphenation != want {
			t.Errorf("%s hyphenates with %q, want %q", tag, conv.Typography.Hyphenation, want)
		}
	}
	for tag, check := range map[string]func(c Conventions) bool{
		"ur": func(c Conventions) bool { return slices.Contains(c.Typography.NoBreakAfter, "و") },
		"fa": func(c Conventions) bool { return slices.Contains(c.Typography.NoBreakAfter, "و") },
		"hi": func(c Conventions) bool { return strings.ContainsRune(c.Typography.NoLineStart, '।') },
		"fr": func(c Conventions) bool {
			return strings.ContainsRune(c.Typography.ThinSpaceBefore, ';') && c.Typography.GlueNumbers
		},
	} {
		if conv, _ := c.Conventions(tag); !check(conv) {
			t.Errorf("%s: line-breaking rules missing: %+v", tag, conv.Typography)
		}
	}
}
