package source

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
)

// samplePairs are the sample statements with their translations: English
// with French, Arabic and Urdu.
var samplePairs = []struct{ dir, lang string }{
	{"briefing-pack/oic-contact-group-2020", "fr"},
	{"briefing-pack/oic-contact-group-2020", "ar"},
	{"briefing-pack/oic-contact-group-2020", "ur"},
	{"briefing-pack/scsic-research-network-2020", "fr"},
	{"briefing-pack/scsic-research-network-2020", "ar"},
	{"briefing-pack/karavia-velmora-water-2020", "fr"},
	{"briefing-pack/karavia-velmora-water-2020", "ar"},
}

// addedClause is a clause no sample has, in each language, with anchors of
// its own (a year, a day, an acronym) as a real clause would have.
var addedClause = map[string]string{
	"fr": "A pris note du rapport du Comité consultatif (CCQAB) publié le 3 mars 1999.",
	"ar": "أحاط علماً بتقرير اللجنة الاستشارية (CCQAB) الصادر في 3 آذار/مارس 1999.",
	"ur": "مشاورتی کمیٹی (CCQAB) کی 3 مارچ 1999 کی رپورٹ کا نوٹس لیا۔",
}

// minExact are the shares of cases where alignment names exactly the
// right clause, by language, as measured on the samples.
var minExact = map[string]float64{"fr": 1, "ar": 0.85, "ur": 0.9}

var itemRE = regexp.MustCompile(`^([0-9]+\. )(.*)$`)

// simpleClauses returns the top-level clauses of d written on one line of
// their own, with no sub-clauses or further paragraphs, by line number
// (1-based) and clause number: the ones a test can drop, swap or add after
// by editing one line.
func simpleClauses(d *doc.Document, lines []string) map[int]int {
	out := map[int]int{}
	for _, c := range topClauses(d.Body) {
		if len(c.Subs) > 0 || len(c.Tail) > 0 || len(c.Body) != 1 || c.Pos.Col != 1 {
			continue
		}
		if l := c.Pos.Line; l < len(lines) && itemRE.MatchString(lines[l-1]) {
			next := ""
			if l < len(lines) {
				next = lines[l]
			}
			if next == "" || itemRE.MatchString(next) {
				out[c.Number] = l
			}
		}
	}
	return out
}

// TestAlignSamplePairs drops, adds and swaps clauses of the sample
// translations, and checks that alignment names the right clause, with its
// position in both files. French keeps enough of the English (numbers,
// names, cognates) to be right every time. Arabic and Urdu keep only
// numbers and a few Latin acronyms, so a clause without numbers is placed
// by its length, which can mislead: the test holds them to the rates
// measured when the method was written (docs/translating.md gives them),
// and holds every case with a clause dropped or added to report at least
// one problem, since the clause counts differ.
func TestAlignSamplePairs(t *testing.T) {
	type tally struct{ exact, all int }
	rates := map[string]*tally{}
	defer func() {
		for _, lang := range []string{"fr", "ar", "ur"} {
			r := rates[lang]
			if r == nil {
				continue
			}
			t.Logf("%s: %d of %d cases name the right clause (%.0f%%)", lang, r.exact, r.all, 100*float64(r.exact)/float64(r.all))
			if min := minExact[lang]; float64(r.exact) < min*float64(r.all) {
				t.Errorf("%s: %d of %d cases right, want at least %.0f%%", lang, r.exact, r.all, 100*min)
			}
		}
	}()
	for _, p := range samplePairs {
		dir := filepath.Join("../../samples", p.dir)
		canonical, err := ParseFile(filepath.Join(dir, "statement.md"))
		if err != nil {
			t.Fatal(err)
		}
		trPath := filepath.Join(dir, "statement."+p.lang+".md")
		src, err := os.ReadFile(trPath)
		if err != nil {
			t.Fatal(err)
		}
		tr, err := Parse(trPath, src)
		if err != nil {
			t.Fatal(err)
		}
		if probs := Align(canonical, tr); len(probs) > 0 {
			t.Fatalf("%s does not align as shipped: %v", trPath, probs)
		}
		lines := strings.Split(string(src), "\n")
		simple := simpleClauses(tr, lines)
		cc := map[int]*doc.Clause{}
		for _, c := range topClauses(canonical.Body) {
			cc[c.Number] = c
		}
		total := len(topClauses(canonical.Body))
		name := p.dir[strings.LastIndexByte(p.dir, '/')+1:] + "." + p.lang
		if rates[p.lang] == nil {
			rates[p.lang] = &tally{}
		}
		r := rates[p.lang]
		check := func(t *testing.T, edited []string, want string) {
			t.Helper()
			d, err := Parse(trPath, []byte(strings.Join(edited, "\n")))
			if err != nil {
				t.Fatalf("edited translation does not parse: %v", err)
			}
			var got []string
			for _, e := range Align(canonical, d) {
				got = append(got, e.Error())
			}
			r.all++
			if len(got) == 1 && strings.HasPrefix(got[0], want) {
				r.exact++
				return
			}
			swap := strings.Contains(want, "appear swapped")
			if p.lang == "fr" || (!swap && len(got) == 0) {
				t.Errorf("got:\n%s\nwant one problem starting:\n%s", strings.Join(got, "\n"), want)
			} else {
				t.Logf("a known limit (see docs/translating.md): got\n%s\nwant one problem starting:\n%s", strings.Join(got, "\n"), want)
			}
		}
		for k := 1; k <= total; k++ {
			line, ok := simple[k]
			if !ok {
				continue
			}
			t.Run(fmt.Sprintf("%s/drop %d", name, k), func(t *testing.T) {
				edited := append(append([]string{}, lines[:line-1]...), lines[line:]...)
				c := cc[k]
				var want string
				if k == total {
					want = fmt.Sprintf("%s:%d:1: clause %d of the canonical statement (%s) is missing after this clause %d ", trPath, line-1, k, c.Pos, k-1)
				} else {
					// The translation's next clause now has number k
					// and is found at the line the dropped one had,
					// unless a blank line or lead-in came between.
					next := topClauses(tr.Body)[k] // clause k+1 of the shipped file
					want = fmt.Sprintf("%s:%d:1: clause %d of the canonical statement (%s) is missing here, before this clause %d, which corresponds to canonical clause %d (%s)", trPath, next.Pos.Line-1, k, c.Pos, k, k+1, cc[k+1].Pos)
				}
				check(t, edited, want)
			})
			t.Run(fmt.Sprintf("%s/add after %d", name, k), func(t *testing.T) {
				edited := append([]string{}, lines[:line]...)
				edited = append(edited, "1. "+addedClause[p.lang])
				edited = append(edited, lines[line:]...)
				var want string
				if k == total {
					want = fmt.Sprintf("%s:%d:1: clause %d has no counterpart in the canonical statement: it comes after canonical clause %d (%s), the last", trPath, line+1, k+1, k, cc[k].Pos)
				} else {
					want = fmt.Sprintf("%s:%d:1: clause %d has no counterpart in the canonical statement: it comes between canonical clauses %d (%s) and %d (%s)", trPath, line+1, k+1, k, cc[k].Pos, k+1, cc[k+1].Pos)
				}
				check(t, edited, want)
			})
			if next, ok := simple[k+1]; ok && next == line+1 {
				t.Run(fmt.Sprintf("%s/swap %d and %d", name, k, k+1), func(t *testing.T) {
					edited := append([]string{}, lines...)
					a, b := itemRE.FindStringSubmatch(lines[line-1]), itemRE.FindStringSubmatch(lines[line])
					edited[line-1], edited[line] = a[1]+b[2], b[1]+a[2]
					want := fmt.Sprintf("%s:%d:1: clauses %d and %d appear swapped: this clause %d corresponds to canonical clause %d (%s), and clause %d (%s:%d:1) to canonical clause %d (%s)",
						trPath, line, k, k+1, k, k+1, cc[k+1].Pos, k+1, trPath, line+1, k, cc[k].Pos)
					check(t, edited, want)
				})
			}
		}
	}
}
