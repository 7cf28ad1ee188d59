package parallel

import (
	"fmt"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
)

func TestParseSet(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // the set joined by "|", or the start of the error
	}{
		{"en,fr", "en|fr"},
		{" ar , en ", "ar|en"},
		{"en,fr,ar", "en|fr|ar"},
		{"fr-CA,en", "fr-CA|en"},
		{"en", `error: "en" names one language`},
		{"", `error: "" names no language`},
		{"en,EN", `error: "en,EN" names EN twice`},
		{"en,fr,ar,ur", `error: "en,fr,ar,ur" names 4 languages: a parallel edition sets at most 3`},
		{"en,xx-invalid--", `error: "en,xx-invalid--": "xx-invalid--" is not a BCP 47`},
		{"en,fr_CA", `error: "en,fr_CA": "fr_CA" is not`},
	} {
		got, err := ParseSet(tc.in)
		s := strings.Join(got, "|")
		if err != nil {
			s = "error: " + err.Error()
		}
		if !strings.HasPrefix(s, tc.want) {
			t.Errorf("ParseSet(%q) = %s, want %s…", tc.in, s, tc.want)
		}
	}
}

// body builds a body from a compact description: "p" a paragraph, "h" a
// heading, "L" a clause list with a lead-in and "l" one without, followed
// by its number of clauses ("L3"), "q" a quote.
func body(spec string) []doc.Block {
	var out []doc.Block
	n := 0
	for _, f := range strings.Fields(spec) {
		switch f[0] {
		case 'p':
			out = append(out, &doc.Paragraph{Text: doc.Inline{{Text: f}}})
		case 'q':
			out = append(out, &doc.Quote{Paras: []*doc.Paragraph{{Text: doc.Inline{{Text: f}}}}})
		case 'h':
			out = append(out, &doc.Heading{Key: f, Text: doc.Inline{{Text: f}}})
		case 'L', 'l':
			cl := &doc.ClauseList{}
			if f[0] == 'L' {
				cl.LeadIn = &doc.Paragraph{Text: doc.Inline{{Text: "lead-in"}}}
			}
			var k int
			fmt.Sscan(f[1:], &k)
			for range k {
				n++
				cl.Clauses = append(cl.Clauses, &doc.Clause{Depth: 1, Number: n, Path: fmt.Sprint(n)})
			}
			out = append(out, cl)
		}
	}
	return out
}

// describe writes rows as "cell|cell" per row, each cell its parts: a
// paragraph or heading by its text, a lead-in as "L", a clause by number.
func describe(rows []doc.ParallelRow) string {
	var out []string
	for _, r := range rows {
		var cells []string
		for _, c := range r.Cells {
			var parts []string
			for _, p := range c {
				switch {
				case p.Clause != nil:
					parts = append(parts, fmt.Sprint(p.Clause.Number))
				case p.List != nil:
					parts = append(parts, "L")
				case p.Block != nil:
					switch b := p.Block.(type) {
					case *doc.Paragraph:
						parts = append(parts, b.Text.Plain())
					case *doc.Heading:
						parts = append(parts, b.Text.Plain())
					case *doc.Quote:
						parts = append(parts, b.Paras[0].Text.Plain())
					}
				}
			}
			cells = append(cells, strings.Join(parts, "+"))
		}
		out = append(out, strings.Join(cells, "|"))
	}
	return strings.Join(out, " ")
}

func TestPair(t *testing.T) {
	for _, tc := range []struct {
		name   string
		bodies []string
		want   string
	}{
		{"the same structure", []string{"p1 p2 L2 h1 p3 L1", "pa pb L2 ha pc L1"},
			"p1|pa p2|pb L|L 1|1 2|2 h1|ha p3|pc L|L 3|3"},
		{"more paragraphs in one language: one row between landmarks", []string{"p1 p2 L2", "pa L2"},
			"p1+p2|pa L|L 1|1 2|2"},
		{"a paragraph only one language has, after the clauses", []string{"L1 p1", "L1"},
			"L|L 1|1 p1|"},
		{"a lead-in only one language has", []string{"p1 L2", "p2 l2"},
			"p1+L|p2 1|1 2|2"},
		{"quotes pair like paragraphs", []string{"q1 L1 q2", "qa L1 qb"},
			"q1|qa L|L 1|1 q2|qb"},
		{"three languages", []string{"p1 L1 h1 L1", "pa L1 ha L1", "px L1 hx L1"},
			"p1|pa|px L|L|L 1|1|1 h1|ha|hx L|L|L 2|2|2"},
		{"three languages, one with a paragraph more", []string{"p1 L1", "pa pb L1", "px L1"},
			"p1|pa+pb|px L|L|L 1|1|1"},
		{"no landmarks", []string{"p1 p2", "pa pb"}, "p1|pa p2|pb"},
		{"empty bodies", []string{"", ""}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var bodies [][]doc.Block
			for _, b := range tc.bodies {
				bodies = append(bodies, body(b))
			}
			if got := describe(Pair(bodies...)); got != tc.want {
				t.Errorf("Pair:\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func edition(id, locale string, body []doc.Block) *doc.Edition {
	src := &doc.Document{Path: "statement." + locale + ".md"}
	return &doc.Edition{ID: id, Locale: locale, Lang: locale, Body: body, Source: src}
}

func TestNew(t *testing.T) {
	en := edition("x", "en", body("p1 L2"))
	fr := edition("x", "fr", body("pa L2"))
	fr.Draft = true
	pe, err := New([]*doc.Edition{en, fr})
	if err != nil {
		t.Fatal(err)
	}
	if pe.ID != "x" || pe.Name != "en-fr" || !pe.Draft || len(pe.Rows) != 4 {
		t.Errorf("New: id %q, name %q, draft %v, %d rows", pe.ID, pe.Name, pe.Draft, len(pe.Rows))
	}
	if got := strings.Join(pe.Locales(), ","); got != "en,fr" {
		t.Errorf("Locales = %s", got)
	}
	for _, tc := range []struct {
		name string
		eds  []*doc.Edition
		want string
	}{
		{"one edition", []*doc.Edition{en}, "1 editions"},
		{"four editions", []*doc.Edition{en, fr, edition("x", "ar", nil), edition("x", "ur", nil)}, "4 editions"},
		{"two statements", []*doc.Edition{en, edition("y", "fr", nil)}, `of statement "x", edition fr of "y"`},
		{"one language twice", []*doc.Edition{en, edition("x", "en", nil)}, "show the same text"},
		{"one text twice", []*doc.Edition{fr, {ID: "x", Locale: "fr-CA", Lang: "fr-CA", Source: fr.Source}}, "the fr and fr-CA editions show the same text"},
	} {
		if _, err := New(tc.eds); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: New = %v, want an error containing %q", tc.name, err, tc.want)
		}
	}
}
