package langmatch

import (
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	for _, tt := range []struct {
		want, have, got string // have: comma-separated; got: "" for none
	}{
		{"fr", "en,fr", "fr"},
		{"fr-CA", "en,fr", "fr"},
		{"fr-CA", "en,fr,fr-CA", "fr-CA"},
		{"ar-u-nu-arab", "en,ar", "ar"},
		{"ar-EG", "en,ar", "ar"},
		{"zh-Hant-HK", "en,zh-Hant,zh-Hans", "zh-Hant"},
		{"zh-TW", "en,zh-Hans,zh-Hant", "zh-Hant"},
		{"pt-BR", "en,pt", "pt"},
		{"en-GB", "en-US,fr", "en-US"},
		{"no", "en,nb", "nb"},
		// Across languages, however close: an edition labelled in one
		// language must be in it.
		{"da", "en,nb", ""},
		{"nb", "en,da", ""},
		{"nn", "en,nb", ""},
		{"ms", "en,id", ""},
		{"gsw", "en,de", ""},
		{"fa", "en,ar", ""},
		{"ur", "en,hi", ""},
		{"zh-Hant", "en,zh-Hans", ""},
		{"sr-Latn", "en,sr-Cyrl", ""},
		{"de", "", ""},
		{"xx-invalid-", "en", ""},
	} {
		var have []string
		if tt.have != "" {
			have = strings.Split(tt.have, ",")
		}
		got := ""
		if i := ClosestString(tt.want, have); i >= 0 {
			got = have[i]
		}
		if got != tt.got {
			t.Errorf("Closest(%s, [%s]) = %q, want %q", tt.want, tt.have, got, tt.got)
		}
	}
}
