package hyphen

import (
	"strings"
	"testing"
)

// TestBuiltinSets checks each shipped set on words whose hyphenation a
// dictionary of the language gives, so that a pattern file that fails to
// load, or loads wrongly, is noticed.
func TestBuiltinSets(t *testing.T) {
	cases := []struct {
		set, word   string
		left, right int
		want        string
	}{
		{"en-us", "hyphenation", 2, 3, "hy-phen-ation"},
		{"en-us", "associate", 2, 3, "as-so-ciate"}, // an exception word
		{"en-us", "concern", 2, 3, "con-cern"},
		{"en-gb", "international", 2, 3, "in-ter-na-tional"}, // "al" is shorter than right,
		{"en-gb", "Organisation", 2, 3, "Or-gan-isa-tion"},
		{"fr", "anticonstitutionnellement", 2, 2, "an-ti-cons-ti-tu-tion-nel-le-ment"},
		{"fr", "préoccupée", 2, 2, "pré-oc-cu-pée"},
		{"es", "responsabilidad", 2, 2, "res-pon-sa-bi-li-dad"},
		{"de-1996", "Donaudampfschifffahrtsgesellschaft", 2, 2, "Do-nau-dampf-schiff-fahrts-ge-sell-schaft"},
		{"ru", "сотрудничества", 2, 2, "со-труд-ни-че-ства"},
		{"pt", "organização", 2, 3, "or-ga-ni-za-ção"},
		{"it", "organizzazione", 2, 2, "or-ga-niz-za-zio-ne"},
		{"nl", "mensenrechtenschendingen", 2, 2, "men-sen-rech-ten-schen-din-gen"},
		{"tr", "işbirliği", 2, 2, "iş-bir-li-ği"},
		{"tr", "İSTANBUL", 2, 2, "İS-TAN-BUL"}, // Turkish case: İ lowers to i, I to ı
		// Minimums: no fragment shorter than left or right.
		{"en-us", "hyphenation", 3, 5, "hyphen-ation"},
		{"en-us", "hyphenation", 2, 6, "hy-phenation"},
		{"en-us", "a", 1, 1, "a"},
		{"en-us", "", 2, 3, ""},
	}
	for _, c := range cases {
		p, err := Builtin(c.set)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Hyphenate(c.word, c.left, c.right); got != c.want {
			t.Errorf("%s %q (%d, %d): got %q, want %q", c.set, c.word, c.left, c.right, got, c.want)
		}
	}
}

func TestNames(t *testing.T) {
	got := strings.Join(Names(), " ")
	for _, want := range []string{"de-1996", "en-gb", "en-us", "es", "fr", "it", "nl", "pt", "ru", "tr"} {
		if !Has(want) {
			t.Errorf("set %s not shipped (have %s)", want, got)
		}
	}
	if _, err := Builtin("xx"); err == nil || !strings.Contains(err.Error(), "en-gb") {
		t.Errorf("unknown set: got %v, want an error listing the sets", err)
	}
}

func TestParse(t *testing.T) {
	p, err := Parse("test", strings.NewReader("% a comment\n\n1ba 2c1\n"), strings.NewReader("ta-ble\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Hyphenate("abacus", 1, 1); got != "a-bac-us" {
		t.Errorf("got %q", got)
	}
	if got := p.Hyphenate("Table", 1, 1); got != "Ta-ble" {
		t.Errorf("exception: got %q", got)
	}
	for _, bad := range []string{"12", "\xff1a"} {
		if _, err := Parse("bad", strings.NewReader(bad), nil); err == nil {
			t.Errorf("pattern %q: no error", bad)
		}
	}
}

// FuzzPoints checks that any pattern text either fails to parse or gives
// points inside the word that respect the minimums, without panicking.
func FuzzPoints(f *testing.F) {
	f.Add("1ba 2c1 .ab4 a1b", "abacus", 1, 1)
	f.Add("hy3ph he2n hen5at 1na n2at 1tio 2io o2n", "hyphenation", 2, 3)
	f.Fuzz(func(t *testing.T, pats, word string, left, right int) {
		p, err := Parse("fuzz", strings.NewReader(pats), nil)
		if err != nil {
			return
		}
		rs := []rune(word)
		left, right = left%8, right%8
		prev := 0
		for _, i := range p.Points(rs, left, right, nil) {
			if i <= prev && prev != 0 || i < max(left, 1) || len(rs)-i < max(right, 1) {
				t.Fatalf("point %d of %q (%d, %d) out of range or order", i, word, left, right)
			}
			prev = i
		}
	})
}

func BenchmarkPoints(b *testing.B) {
	p, err := Builtin("en-gb")
	if err != nil {
		b.Fatal(err)
	}
	words := strings.Fields("the unilateral actions of August affirming that any so called political process held under foreign occupation cannot substitute the exercise of the right to self determination")
	rs := make([][]rune, len(words))
	for i, w := range words {
		rs[i] = []rune(w)
	}
	var dst []int
	for b.Loop() {
		for _, w := range rs {
			dst = p.Points(w, 2, 3, dst)
		}
	}
}
