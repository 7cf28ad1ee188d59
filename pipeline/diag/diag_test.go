package diag

import (
	"errors"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{}, ""},
		{Pos{File: "a.md"}, "a.md"},
		{Pos{File: "a.md", Line: 3}, "a.md:3"},
		{Pos{File: "a.md", Line: 3, Col: 7}, "a.md:3:7"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestListErr(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "b.md", Line: 2, Col: 1}, "just a warning")
	if l.Err() != nil {
		t.Fatalf("Err() with only warnings = %v, want nil", l.Err())
	}
	l.Errorf(Pos{File: "a.md", Line: 9, Col: 4}, "broken %s", "thing")
	l.Sort()
	err := l.Err()
	if err == nil {
		t.Fatal("Err() = nil with an error present")
	}
	if got, want := err.Error(), "a.md:9:4: broken thing"; got != want {
		t.Errorf("Err().Error() = %q, want %q", got, want)
	}
	var d *Diagnostic
	if !errors.As(err, &d) || d.Pos.Line != 9 {
		t.Errorf("errors.As did not find the diagnostic: %v", d)
	}
	if got := Flatten(err); len(got) != 1 {
		t.Errorf("Flatten = %d diagnostics, want 1", len(got))
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"id", "title", "subtitle", "kind", "issuer", "date", "place", "reference", "lang", "authors"}
	tests := map[string]string{
		"titel":    "title",
		"autors":   "authors",
		"referenc": "reference",
		"language": "",
		"zzzzzzz":  "",
	}
	for in, want := range tests {
		if got := Suggest(in, keys); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
