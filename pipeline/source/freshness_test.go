package source

import (
	"slices"
	"strings"
	"testing"
)

// TestFreshness stamps a translation of the three-level alignBase, then
// edits the canonical statement in several ways and checks what the
// translation reports.
func TestFreshness(t *testing.T) {
	canonical, err := Parse("c/statement.md", []byte(alignBase))
	if err != nil {
		t.Fatal(err)
	}
	trSrc := strings.Replace(alignBase, "lang: en", "lang: fr", 1)
	unstamped, err := Parse("c/statement.fr.md", []byte(trSrc))
	if err != nil {
		t.Fatal(err)
	}
	if f := CheckFreshness(canonical, unstamped); f.State != Unknown {
		t.Errorf("unstamped: state %q, want unknown", f.State)
	}
	if got := StaleDiagnostics(canonical, unstamped).Error(); !strings.HasPrefix(got, `c/statement.fr.md:1:1: warning: translation records no source-digest`) {
		t.Errorf("unstamped: %s", got)
	}

	stamped, err := Stamp(canonical, "c/statement.fr.md", []byte(trSrc))
	if err != nil {
		t.Fatal(err)
	}
	again, err := Stamp(canonical, "c/statement.fr.md", stamped)
	if err != nil || string(again) != string(stamped) {
		t.Errorf("stamping twice changed the file:\n%s\nthen\n%s", stamped, again)
	}
	if !strings.Contains(string(stamped), "source-clauses: >-\n  1=") || !strings.HasSuffix(string(stamped), strings.SplitN(trSrc, "---\n", 3)[2]) {
		t.Errorf("stamped file:\n%s", stamped)
	}
	tr, err := Parse("c/statement.fr.md", stamped)
	if err != nil {
		t.Fatalf("stamped translation does not parse: %v", err)
	}
	if d := Align(canonical, tr); len(d) > 0 {
		t.Errorf("stamped translation does not align: %v", d)
	}
	if len(tr.Meta.SourceClauses) != 8 {
		t.Errorf("SourceClauses = %v, want the 8 clauses 1, 2, 2.a, 2.b, 2.b.i, 2.b.ii, 3, 4", tr.Meta.SourceClauses)
	}
	if f := CheckFreshness(canonical, tr); f.State != Current || len(StaleDiagnostics(canonical, tr)) != 0 {
		t.Errorf("stamped: %+v", f)
	}

	tests := []struct {
		name    string
		old     string
		new     string
		changed []string
		outside bool
		diags   []string
	}{
		{"depth 3 clause reworded", "      - i;", "      - i, as amended;", []string{"2.b.i"}, false, []string{
			`c/statement.fr.md:22:7: warning: clause 2.b.i changed in c/statement.md (c/statement.md:18:7) since this translation was made; update it, then run "polypress locales stamp c/statement.fr.md"`}},
		{"two clauses", "1. One.", "1. Uno.\n\n   More.", []string{"1", "4"}, false, nil},
		{"white space only", "4. Four.", "4.  Four. ", nil, true, nil},
		{"intro", "Intro.", "Introduction.", nil, true, []string{
			`c/statement.fr.md:7:1: warning: translation was made from an older version of c/statement.md: no clause changed, but the title, front matter, introduction, headings or lead-ins did; review them, then run "polypress locales stamp c/statement.fr.md"`}},
		{"clause removed", "      - ii.\n", "", []string{"2.b.ii"}, false, []string{
			`c/statement.fr.md:23:7: warning: clause 2.b.ii was removed from c/statement.md since this translation was made; update it, then run "polypress locales stamp c/statement.fr.md"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := alignBase
			if tt.name == "two clauses" {
				src = strings.Replace(src, "4. Four.", "4. Four!", 1)
			}
			if !strings.Contains(src, tt.old) {
				t.Fatalf("edit %q does not apply", tt.old)
			}
			c2, err := Parse("c/statement.md", []byte(strings.Replace(src, tt.old, tt.new, 1)))
			if err != nil {
				t.Fatal(err)
			}
			f := CheckFreshness(c2, tr)
			if f.State != Stale || !slices.Equal(f.Changed, tt.changed) || f.OutsideClauses != tt.outside {
				t.Errorf("CheckFreshness = %+v, want stale, changed %v, outside %v", f, tt.changed, tt.outside)
			}
			if tt.diags == nil {
				return
			}
			var got []string
			for _, d := range StaleDiagnostics(c2, tr) {
				got = append(got, d.Error())
			}
			if !slices.Equal(got, tt.diags) {
				t.Errorf("StaleDiagnostics:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}

func TestSourceClausesSyntax(t *testing.T) {
	_, err := Parse("s.md", []byte(header[:len(header)-4]+"source-clauses: 1=abcdef01 2=xyz\n---\nx\n"))
	want := `s.md:6:17: source-clauses entry "2=xyz" must be a clause path, "=" and 8 hexadecimal digits, such as 18.c=9f86d081 (polypress locales stamp writes them)`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}
