package bench

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

func TestStatementOfTheSampleSizeIsTheSample(t *testing.T) {
	sample, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Statement(sample, 24)
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`(?m)^id: .*$`)
	want := id.ReplaceAll(sample, []byte("id: bench-24"))
	if !bytes.Equal(got, want) {
		t.Errorf("24 clauses should give back the sample (24 clauses) with only its id changed; got\n%s", got)
	}
}

func TestStatementParsesWithNClausesNumberedInOrder(t *testing.T) {
	sample, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 23, 25, 200, 1001} {
		src, err := Statement(sample, n)
		if err != nil {
			t.Fatal(err)
		}
		d, err := source.Parse("bench.md", src)
		if err != nil {
			t.Fatalf("%d clauses: %v", n, err)
		}
		var numbers []int
		subs := 0
		doc.Walk(d.Body, func(c *doc.Clause) {
			if c.Depth == 1 {
				numbers = append(numbers, c.Number)
			} else {
				subs++
			}
		})
		if len(numbers) != n {
			t.Fatalf("%d clauses asked, %d parsed", n, len(numbers))
		}
		for i, num := range numbers {
			if num != i+1 {
				t.Fatalf("%d clauses: clause %d is numbered %d", n, i+1, num)
			}
		}
		// Clause 18 of every round of 24 has five sub-clauses; they stay
		// nested however wide the clause numbers grow.
		if want := 5 * ((n + 6) / 24); subs != want {
			t.Errorf("%d clauses: %d sub-clauses, want %d", n, subs, want)
		}
		if d.Meta.ID == "oic-contact-group-2020" {
			t.Errorf("%d clauses: the id should differ from the sample's", n)
		}
	}
}

func TestStatementRefusesNoClauses(t *testing.T) {
	if _, err := Statement([]byte("---\nid: x\n---\n\nText.\n"), 3); err == nil {
		t.Error("a sample without clauses gave no error")
	}
	if _, err := Statement(nil, 0); err == nil {
		t.Error("zero clauses gave no error")
	}
}

// Statements generated from the translations have the English one's
// shape: the same paragraphs, lead-ins, clauses and sub-clauses in the
// same order, in their own language, with no translation stamp left.
func TestStatementFromTranslations(t *testing.T) {
	shape := func(d *doc.Document) []string {
		var out []string
		for _, b := range d.Body {
			switch b := b.(type) {
			case *doc.ClauseList:
				out = append(out, "list")
				doc.Walk([]doc.Block{b}, func(c *doc.Clause) { out = append(out, "clause"+strconv.Itoa(c.Depth)) })
			default:
				out = append(out, fmt.Sprintf("%T", b))
			}
		}
		return out
	}
	en, err := Sample()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{24, 25, 200} {
		src, err := Statement(en, n)
		if err != nil {
			t.Fatal(err)
		}
		want, err := source.Parse("en.md", src)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range Langs[1:] {
			sample, err := SampleFor(lang)
			if err != nil {
				t.Fatal(err)
			}
			src, err := Statement(sample, n)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(src, []byte("source-digest")) || bytes.Contains(src, []byte("source-clauses")) {
				t.Errorf("%s, %d clauses: the translation's stamp was kept", lang, n)
			}
			d, err := source.Parse(lang+".md", src)
			if err != nil {
				t.Fatalf("%s, %d clauses: %v", lang, n, err)
			}
			if d.Meta.Lang != lang || d.Meta.ID != "bench-"+strconv.Itoa(n) {
				t.Errorf("%s, %d clauses: lang %q, id %q", lang, n, d.Meta.Lang, d.Meta.ID)
			}
			if got, want := strings.Join(shape(d), " "), strings.Join(shape(want), " "); got != want {
				t.Errorf("%s, %d clauses: shape\n%s\nwant English's\n%s", lang, n, got, want)
			}
		}
	}
}

func TestDropKeys(t *testing.T) {
	front := "---\nid: x\nsource-digest: sha256:00\nsource-clauses: >-\n  1=aa 2=bb\n  3=cc\nlang: ar\n---\n"
	if got, want := string(dropKeys([]byte(front), "source-digest", "source-clauses")), "---\nid: x\nlang: ar\n---\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
