package epub

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
)

// FuzzRender feeds arbitrary strings into every kind of text an edition
// carries. Render must either refuse the edition with an error or write a
// container whose every XML file is well-formed: nothing in the content may
// break the markup.
func FuzzRender(f *testing.F) {
	f.Add("Title", "text <b>&amp;", "https://example.org/?a=1&b=2", "1.", "key", "Name")
	f.Add("عنوان", "نص", "#key", "١.", "مفتاح", "اسم")
	f.Add("\x00\x01", "]]>", "javascript:alert(1)", "(a)", "1 2", "\uFFFE")
	f.Add("t", "x\xff\xfey", "mailto:a@b", "", "", "")
	f.Fuzz(func(t *testing.T, title, body, link, label, key, name string) {
		ed := &doc.Edition{
			ID: "fuzz", Locale: "en", Lang: "en", Dir: doc.LTR,
			Title: title, Subtitle: body, KindLabel: label, Issuer: name, DateLine: body, Reference: key, Original: label,
			Body: []doc.Block{
				para(span(body), link2(body, link), styled(body, doc.Emphasis|doc.Strong|doc.Code)),
				&doc.Heading{Key: key, Text: doc.Inline{span(body)}},
				&doc.ClauseList{LeadIn: para(span(body)), Clauses: []*doc.Clause{
					with(clause(1, 1, key, label, para(link2(body, "#"+key))), clause(2, 1, key+".a", label)),
				}},
				&doc.Quote{Paras: []*doc.Paragraph{para(span(body))}},
			},
			Authors: []*doc.Author{{Name: name, Role: body, Bio: []*doc.Paragraph{para(link2(name, link))}}},
			Labels:  doc.Labels{Contents: label + "c", AboutAuthors: name + "a", Draft: "d"},
			Draft:   len(body)%2 == 0,
		}
		var b bytes.Buffer
		err := Render(&b, ed, Options{CSS: []byte("p{margin:0}"), Modified: time.Unix(1593000000, 0), Generator: name})
		if err != nil {
			if markup.Clean(title) != "" {
				t.Fatalf("Render refused an edition with a title: %v", err)
			}
			return
		}
		_, files := unpack(t, b.Bytes())
		for n, content := range files {
			if strings.HasSuffix(n, ".xhtml") || strings.HasSuffix(n, ".opf") {
				if err := wellFormed(content); err != nil {
					t.Fatalf("%s: %v\n%s", n, err, content)
				}
				seen := make(map[string]bool)
				for _, m := range idAttr.FindAllStringSubmatch(content, -1) {
					if seen[m[1]] {
						t.Fatalf("%s: id %q used twice", n, m[1])
					}
					seen[m[1]] = true
				}
			}
		}
	})
}

var idAttr = regexp.MustCompile(` id="([^"]*)"`)

func link2(text, dest string) doc.Span { return doc.Span{Text: text, Link: dest} }
