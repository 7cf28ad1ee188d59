package markup

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/polypress/polypress/pipeline/doc"
)

func TestXMLID(t *testing.T) {
	for _, tt := range []struct{ in, prefix, want string }{
		{"developments", "h-", "developments"},
		{"2-ways", "h-", "h-2-ways"},
		{"a b/c", "h-", "a-b-c"},
		{"مقدمة", "h-", "مقدمة"},
		{"", "h-", "h"},
		{"é§", "h-", "é-"}, // é (U+00E9) is a letter; § (U+00A7) is below U+00C0
	} {
		if got := XMLID(tt.in, tt.prefix); got != tt.want {
			t.Errorf("XMLID(%q, %q) = %q, want %q", tt.in, tt.prefix, got, tt.want)
		}
	}
}

func TestIDSet(t *testing.T) {
	ids := IDSet{"a": true}
	if got := []string{ids.Take("a"), ids.Take("a"), ids.Take("b")}; strings.Join(got, " ") != "a-2 a-3 b" {
		t.Errorf("Take gave %q", got)
	}
}

func TestClean(t *testing.T) {
	if got := Clean("a\x00b\x1f\tc\uFFFE\xff"); got != "ab\tc" {
		t.Errorf("Clean = %q", got)
	}
}

// edition is a statement with a heading, a linked lead-in, two clauses (one
// with a sub-clause) and an author, in English.
func edition() *doc.Edition {
	return &doc.Edition{
		ID: "x", Locale: "en", Lang: "en", Title: "T",
		Body: []doc.Block{
			&doc.Heading{Key: "author-1", Text: doc.Inline{{Text: "Decisions"}}},
			&doc.ClauseList{
				LeadIn: &doc.Paragraph{Text: doc.Inline{{Text: "See "}, {Text: "above", Link: "#author-1"}, {Text: " and "}, {Text: "the file", Link: "annex.pdf"}, {Text: ":"}}},
				Clauses: []*doc.Clause{
					{Depth: 1, Number: 1, Path: "1", Label: "1.", Body: []doc.Block{&doc.Paragraph{Text: doc.Inline{{Text: "One", Style: doc.Strong}}}},
						Subs: []*doc.Clause{{Depth: 2, Number: 1, Path: "1.a", Label: "(a)", Body: []doc.Block{&doc.Paragraph{Text: doc.Inline{{Text: "sub", Link: "https://example.org/"}}}}}}},
					{Depth: 1, Number: 2, Path: "2", Label: "2.", Body: []doc.Block{&doc.Paragraph{Text: doc.Inline{{Text: "Two"}}}}},
				},
			},
		},
		Authors: []*doc.Author{{Name: "A. Author"}},
	}
}

func TestStatementSharesIDsWithTheDocument(t *testing.T) {
	ids := IDSet{"main": true}
	b, page, toc := Statement(edition(), StatementOptions{DocPath: "x.html", HeadingLevel: 3, IDs: ids})
	if h := page.Body[0]; h.Kind != "heading" || h.Level != 3 || h.ID != "author-1" {
		t.Errorf("heading = %+v", h)
	}
	// The biographies on the same page must not take the heading's id.
	au, _ := b.Authors(edition().Authors, "x.html", "About", "", ids)
	if au.Authors[0].ID != "author-1-2" {
		t.Errorf("author id %q clashes or is unexpected", au.Authors[0].ID)
	}
	lead := page.Body[1].LeadIn.Text
	if lead[1].Href != "#author-1" || lead[3].Href != "" || lead[3].Spans[0].Text != "the file" {
		t.Errorf("lead-in links = %+v; want the heading linked and the relative file as text", lead)
	}
	// The heading's entry holds the clauses', not the lead-in's.
	if len(toc.Children) != 1 || len(toc.Children[0].Children) != 2 || toc.Children[0].Children[0].Text != "1. One" ||
		!toc.Children[0].Children[0].Clause || toc.Children[0].Children[1].Href != "x.html#clause-2" {
		t.Errorf("contents = %+v", toc)
	}
	if w := WithoutClauses(toc); len(w.Children) != 1 || len(w.Children[0].Children) != 0 {
		t.Errorf("without clauses = %+v", w)
	}
}

func TestSharedTemplates(t *testing.T) {
	tmpl := Templates(fstest.MapFS{"t.tmpl": {Data: []byte(`{{define "t"}}{{template "body" .Body}}{{end}}`)}}, "t.tmpl")
	_, page, _ := Statement(edition(), StatementOptions{DocPath: "x.html"})
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, "t", page); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h2 id="author-1">Decisions</h2>`,
		`<p class="lead-in" id="lead-in-1">See <a href="#author-1">above</a> and the file:</p>`,
		`<li id="clause-1">` + "\n" + `<p><span class="marker">1. </span><strong>One</strong></p>`,
		`<ol class="clauses level-2">` + "\n" + `<li id="clause-1-a">` + "\n" + `<p><span class="marker">(a) </span><a href="https://example.org/" rel="external">sub</a></p>`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("body lacks %q:\n%s", want, b.String())
		}
	}
}
