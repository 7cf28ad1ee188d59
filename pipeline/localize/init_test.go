package localize

import (
	"slices"
	"strings"
	"testing"
)

// TestSkeleton writes new locale files and loads them back: each carries
// exactly its language's plural keys, the English source as comments, and
// conventions complete enough to load.
func TestSkeleton(t *testing.T) {
	shipped := catalog(t, map[string]string{"en.toml": shippedFile(t, "en.toml"), "fa.toml": shippedFile(t, "fa.toml")})
	tests := []struct {
		tag       string
		forms     []string
		direction string
		numbering string
	}{
		{"de", []string{"one", "other"}, "ltr", "latn"},
		{"ar", []string{"zero", "one", "two", "few", "many", "other"}, "rtl", "arab"},
		{"fr", []string{"one", "many", "other"}, "ltr", "latn"},
		{"zh-Hant", []string{"other"}, "ltr", "latn"},
		{"ps", []string{"one", "other"}, "rtl", "arabext"},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			data, err := shipped.Skeleton(tt.tag)
			if err != nil {
				t.Fatal(err)
			}
			text := string(data)
			section := text[strings.Index(text, "[about_authors]"):]
			section = section[:strings.Index(section, "\n\n")]
			var keys []string
			for _, line := range strings.Split(section, "\n")[1:] {
				keys = append(keys, strings.Fields(line)[0])
			}
			if want := append([]string{"hash"}, tt.forms...); !slices.Equal(keys, want) {
				t.Errorf("[about_authors] keys = %v, want %v", keys, want)
			}
			for _, want := range []string{
				"# en: Page {{.Page}} of {{.Total}}\n[page_x_of_y]\n",
				"# en one: About the author\n",
				`direction = "` + tt.direction + `"`,
				`numbering = "` + tt.numbering + `"`,
			} {
				if !strings.Contains(text, want) {
					t.Errorf("skeleton lacks %q:\n%s", want, text)
				}
			}
			c := catalog(t, map[string]string{"en.toml": shippedFile(t, "en.toml"), tt.tag + ".toml": text})
			var st LocaleStatus
			for _, s := range c.Status() {
				if s.Locale == tt.tag {
					st = s
				}
			}
			if st.Translated != 0 || len(st.Missing) != len(Messages) || len(st.Stale) != 0 {
				t.Errorf("status of the new file: translated %d, missing %d, stale %v", st.Translated, len(st.Missing), st.Stale)
			}
		})
	}
	if _, err := shipped.Skeleton("fr_CA"); err == nil {
		t.Error("Skeleton(fr_CA) did not fail")
	}
}
