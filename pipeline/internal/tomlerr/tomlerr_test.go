package tomlerr

import (
	"testing"

	"github.com/BurntSushi/toml"
)

// TestDiagnosticCountsCharacters places a syntax error after Arabic text at
// the column of characters, not of bytes.
func TestDiagnosticCountsCharacters(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"a = 1\nb = = 2\n", "f.toml:2:5: "},
		// BurntSushi/toml reports the space before "junk": byte column 19,
		// character column 15.
		{"[x]\nother = \"عربي\" junk\n", "f.toml:2:15: "},
	} {
		var v map[string]any
		_, err := toml.Decode(tt.src, &v)
		if err == nil {
			t.Fatalf("%q decodes", tt.src)
		}
		got := Diagnostic("f.toml", tt.src, err).Error()
		if len(got) < len(tt.want) || got[:len(tt.want)] != tt.want {
			t.Errorf("%q: %s, want it to start with %q", tt.src, got, tt.want)
		}
	}
}
