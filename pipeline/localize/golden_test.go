package localize

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGolden prints, for every shipped locale, what its editions and packs
// print — every message, marker, date and number form — into
// testdata/golden/<tag>.txt, so that a change to a locale file or to the
// code shows up in review as a readable diff. Run with -update to accept.
func TestGolden(t *testing.T) {
	c := shipped(t)
	for _, tag := range c.Tags() {
		t.Run(tag, func(t *testing.T) {
			got := goldenText(t, c, tag)
			file := filepath.Join("testdata", "golden", tag+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the output (run go test -update to accept):\n%s", file, got)
			}
		})
	}
}

func goldenText(t *testing.T, c *Catalog, tag string) string {
	canonical := statement()
	body := canonical
	if tag != "en" {
		body = translation(canonical, tag)
	}
	ed, err := c.Localize(body, canonical, tag, Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	p := printer(t, c, tag)
	var b strings.Builder
	line := func(k, v string) { fmt.Fprintf(&b, "%-22s %s\n", k+":", v) }
	conv := p.Conventions()
	line("locale", ed.Locale+" (lang "+ed.Lang+", "+string(ed.Dir)+", digits "+conv.Numbering+")")
	line("quotes", conv.QuoteOpen+"…"+conv.QuoteClose)
	if conv.InnerQuoteOpen != "" {
		line("inner quotes", conv.InnerQuoteOpen+"…"+conv.InnerQuoteClose)
	}
	line("date style", conv.DateStyle+" from "+conv.DateLocale)
	line("kind", ed.KindLabel)
	line("date line", ed.DateLine)
	line("original", ed.Original)
	line("about authors", ed.Labels.AboutAuthors)
	line("contents", ed.Labels.Contents)
	line("draft", ed.Labels.Draft)
	line("contributors", ed.Labels.Authors)
	line("page 3 of 7", ed.Labels.PageOf(3, 7))
	line("page 12 of 40", ed.Labels.PageOf(12, 40))
	line("number 1234", ed.Labels.Number(1234))
	for _, d := range labels(ed.Body) {
		line("clause", d)
	}
	for _, d := range []int{2, 3, 5, 10, 27} {
		line(fmt.Sprintf("sub-clause %d", d), p.ClauseLabel(2, d)+"  "+p.ClauseLabel(3, d))
	}
	for _, m := range Messages {
		switch {
		case m.Plural:
			for _, n := range []int{0, 1, 2, 3, 5, 11, 21, 100, 1000000} {
				line(fmt.Sprintf("%s %d", m.ID, n), p.Plural(m.ID, n, nil))
			}
		default:
			data := map[string]string{}
			for _, v := range m.Vars {
				data[v] = "<" + v + ">"
			}
			line(m.ID, p.Text(m.ID, data))
		}
	}
	return b.String()
}
