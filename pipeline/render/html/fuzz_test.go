package html

import (
	"bytes"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
)

// FuzzRender writes statements whose title and text are arbitrary: the
// page must keep exactly its own script and style elements, whatever the
// text holds, and its JSON-LD must give the title back.
func FuzzRender(f *testing.F) {
	for _, seed := range [][2]string{
		{"Joint statement", "The Ministries met."},
		{"</script><script>alert(1)</script>", "<style>*{}</style>"},
		{"\"'&<>\u2028\u2029", "]]><!-- -->"},
		{"منظمة التعاون الإسلامي", "\x00\xff\ufffe"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, title, text string) {
		ed := edition("en", doc.LTR, true)
		ed.Title = title
		ed.Body = append(ed.Body, para(text))
		ed.Authors[0].Name = text
		var b bytes.Buffer
		err := Render(&b, ed, testOptions(t))
		if markup.Clean(title) == "" {
			if err == nil {
				t.Fatal("a statement without a title was rendered")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		page := strings.ToLower(b.String())
		for _, tag := range []string{"<script", "</script", "<style", "</style", "<body", "</body"} {
			if n := strings.Count(page, tag); n != 1 {
				t.Fatalf("%d %s in the page", n, tag)
			}
		}
		if v := pageJSONLD(t, b.String()); v["headline"] != markup.Clean(title) {
			t.Fatalf("JSON-LD headline %q, want %q", v["headline"], markup.Clean(title))
		}
	})
}
