package localize

import (
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

// TestQuoteText checks the conversion of plain text with each shipped
// locale's marks.
func TestQuoteText(t *testing.T) {
	c := shipped(t)
	tests := []struct{ locale, in, want string }{
		// English: “ ” outside, ‘ ’ inside, ’ for the apostrophe.
		{"en", `"A river that crosses a border…," said the Minister.`, `“A river that crosses a border…,” said the Minister.`},
		{"en", `He said "the 'final' text" today.`, `He said “the ‘final’ text” today.`},
		{"en", `'Outer "inner" outer'`, `“Outer ‘inner’ outer”`},
		{"en", `"'Hi,' she said"`, `“‘Hi,’ she said”`},
		{"en", `"Deeper: 'one "two" one'"`, `“Deeper: ‘one “two” one’”`},
		{"en", `don't, the States' rights, it's, 1990's`, `don’t, the States’ rights, it’s, 1990’s`},
		{"en", `in the '90s`, `in the ’90s`},
		{"en", `He is 5'10" tall.`, `He is 5′10″ tall.`},
		{"en", `a 12" pipe`, `a 12″ pipe`},
		{"en", `"In 1990"`, `“In 1990”`},
		{"en", `("quoted")`, `(“quoted”)`},
		{"en", `the—"quoted"—word`, `the—“quoted”—word`},
		{"en", `"Yes!" "No?"`, `“Yes!” “No?”`},
		{"en", `a " b`, `a " b`},
		{"en", `“Already” ‘typographic’`, `“Already” ‘typographic’`},
		{"en", `see http://example.org/?q="x" and "y"`, `see http://example.org/?q="x" and “y”`},
		// French: guillemets with a no-break space inside, ‹ › inside them.
		{"fr", `Il a dit "l'accord est signé".`, "Il a dit «\u00a0l’accord est signé\u00a0»."},
		{"fr", `"Le mot 'eau' suffit"`, "«\u00a0Le mot ‹\u00a0eau\u00a0› suffit\u00a0»"},
		{"de", `Er sagte "das 'letzte' Wort".`, `Er sagte „das ‚letzte‘ Wort“.`},
		{"es", `"Dijo 'agua'"`, `«Dijo “agua”»`},
		{"it", `"L'acqua 'pulita'"`, `«L’acqua “pulita”»`},
		{"pt", `"A 'água'"`, `«A “água”»`},
		{"nl", `"Het 'water'"`, `“Het ‘water’”`},
		{"ru", `"Слово 'вода'"`, `«Слово „вода“»`},
		{"tr", `"Su 'nehir'"`, `“Su ‘nehir’”`},
		{"hi", `"नदी 'जल'"`, `“नदी ‘जल’”`},
		{"zh-Hans", `他说："河流"。`, `他说：“河流”。`},
		{"zh-Hans", `他说"河流"很长`, `他说“河流”很长`},
		// Right-to-left text: the marks go by reading order.
		{"ar", `قال "النهر" اليوم`, `قال «النهر» اليوم`},
		{"ar", `"قال 'النهر'"`, `«قال ’النهر‘»`},
		{"fa", `گفت "رود" امروز`, `گفت «رود» امروز`},
		{"ur", `کہا "دریا" آج`, `کہا “دریا” آج`},
	}
	for _, tc := range tests {
		conv, ok := c.Conventions(tc.locale)
		if !ok {
			t.Fatalf("no locale %s", tc.locale)
		}
		if got := quoteMarksOf(conv).text(tc.in); got != tc.want {
			t.Errorf("%s %q:\n got %q\nwant %q", tc.locale, tc.in, got, tc.want)
		}
	}
}

// TestQuoteInline checks the conversion across the spans of a paragraph
// as the Markdown reader makes them: code spans, links and escapes.
func TestQuoteInline(t *testing.T) {
	c := shipped(t)
	conv, _ := c.Conventions("en")
	tests := []struct{ md, want string }{
		{"Run `say \"hi\"` \"now\".", "Run say \"hi\" “now”."},
		{"\"*Emphasised*\" text", "“Emphasised” text"},
		{"\"**Bold** start\" and end", "“Bold start” and end"},
		{"[\"Linked\" text](https://example.org/a'b) it's", "“Linked” text it’s"},
		{"<https://example.org/x'y>", "https://example.org/x'y"},
		{"A \\\"straight\\\" mark", "A \"straight\" mark"},
		{"The \"note\"[^1] ends.", "The “note”1 ends."},
	}
	for _, tc := range tests {
		in, err := source.ParseInline(tc.md)
		if err != nil {
			t.Fatalf("%q: %v", tc.md, err)
		}
		for i := range in {
			if in[i].Note != nil {
				in[i].Text = "1"
			}
		}
		quoteMarksOf(conv).inline(in)
		if got := in.Plain(); got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.md, got, tc.want)
		}
		for _, s := range in {
			if s.Style&doc.Code != 0 && strings.ContainsAny(s.Text, "“”") {
				t.Errorf("%q: code span changed: %q", tc.md, s.Text)
			}
			if s.Link != "" && strings.ContainsAny(s.Link, "’") {
				t.Errorf("%q: link destination changed: %q", tc.md, s.Link)
			}
		}
	}
}

// TestQuoteEdition checks that Localize gives the edition typographic
// quotes in its front matter strings and body, and leaves the source as
// the author wrote it.
func TestQuoteEdition(t *testing.T) {
	src := "---\nid: q\ntitle: The \"Blue\" Accord\nsubtitle: It's signed\ndate: 2021-03-22\nlang: en\n---\n\n" +
		"## The \"Heading\"\n\n\"A river,\" said the Minister.[^1]\n\n| a \"cell\" |\n| --- |\n| it's |\n\n[^1]: A \"note\".\n"
	d, err := source.Parse("statement.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	ed, err := shipped(t).Localize(d, d, "en", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ed.Title != "The “Blue” Accord" || ed.Subtitle != "It’s signed" {
		t.Errorf("title %q, subtitle %q", ed.Title, ed.Subtitle)
	}
	var texts []string
	doc.Visit(ed.Body, inlineCollector(func(in doc.Inline) { texts = append(texts, in.Plain()) }))
	for _, n := range ed.Notes {
		for _, p := range n.Paras {
			texts = append(texts, p.Text.Plain())
		}
	}
	got := strings.Join(texts, "|")
	for _, want := range []string{"The “Heading”", "“A river,” said the Minister.", "a “cell”", "it’s", "A “note”."} {
		if !strings.Contains(got, want) {
			t.Errorf("edition text %q lacks %q", got, want)
		}
	}
	if strings.ContainsAny(got, `"'`) {
		t.Errorf("straight quotes left in %q", got)
	}
	if d.Meta.Title != `The "Blue" Accord` || !strings.Contains(d.Body[1].(*doc.Paragraph).Text.Plain(), `"A river,"`) {
		t.Errorf("the source was changed: %q", d.Meta.Title)
	}
}

// inlineCollector calls f with each heading, paragraph and cell text.
type inlineCollector func(doc.Inline)

func (f inlineCollector) Paragraph(p *doc.Paragraph) { f(p.Text) }
func (f inlineCollector) Heading(h *doc.Heading)     { f(h.Text) }
func (f inlineCollector) ClauseList(b *doc.ClauseList) {
	if b.LeadIn != nil {
		f(b.LeadIn.Text)
	}
}
func (f inlineCollector) Quote(q *doc.Quote) {
	for _, p := range q.Paras {
		f(p.Text)
	}
}
func (f inlineCollector) Table(t *doc.Table) {
	for _, c := range t.Header {
		f(c.Text)
	}
	for _, r := range t.Rows {
		for _, c := range r {
			f(c.Text)
		}
	}
}
func (f inlineCollector) List(*doc.List)             {}
func (f inlineCollector) Annex(*doc.Annex)           {}
func (f inlineCollector) EndMark(*doc.EndMark)       {}
func (f inlineCollector) Signatures(*doc.Signatures) {}
func (f inlineCollector) Contacts(*doc.Contacts)     {}

// TestInnerQuotesKey checks the inner_quotes convention and its errors.
func TestInnerQuotesKey(t *testing.T) {
	c := catalog(t, map[string]string{"en.toml": withConventions("inner_quotes = [\"‘\", \"’\"]\n")})
	en, _ := c.Conventions("en")
	if en.InnerQuoteOpen != "‘" || en.InnerQuoteClose != "’" {
		t.Errorf("inner quotes %q %q", en.InnerQuoteOpen, en.InnerQuoteClose)
	}
	// Without the key, an inner quotation takes the outer marks.
	c = catalog(t, map[string]string{"en.toml": minimalEN})
	en, _ = c.Conventions("en")
	if got := quoteMarksOf(en).text(`"a 'b' c"`); got != "“a “b” c”" {
		t.Errorf("without inner_quotes: %q", got)
	}
	for _, bad := range []string{"inner_quotes = [\"‘\"]\n", "inner_quotes = \"‘’\"\n", "inner_quotes = [\"‘\", \"\"]\n"} {
		_, err := Load(mapFS(map[string]string{"en.toml": withConventions(bad)}), ".")
		if err == nil || !strings.Contains(err.Error(), "en.toml:9:1: inner_quotes must be [opening, closing]") {
			t.Errorf("%q: got %v", bad, err)
		}
	}
}
