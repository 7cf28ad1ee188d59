package localize

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/polypress/polypress/locales"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// shippedTags are the locale files polypress ships. locales.FS embeds
// every .toml file of the folder, so it also holds any file a user added
// (as "polypress locales init" does); tests read only these, so that what
// a user adds never changes what make test finds.
var shippedTags = []string{"ar", "de", "en", "es", "fa", "fr", "hi", "it", "nl", "pt", "ru", "tr", "ur", "zh-Hans"}

// shipped loads the locale files polypress ships.
func shipped(t testing.TB) *Catalog {
	t.Helper()
	files := map[string]string{}
	for _, tag := range shippedTags {
		files[tag+".toml"] = shippedFile(t, tag+".toml")
	}
	c, err := Load(mapFS(files), ".")
	if err != nil {
		t.Fatalf("Load(locales.FS): %v", err)
	}
	return c
}

// shippedFile returns the text of a shipped locale file.
func shippedFile(t testing.TB, name string) string {
	t.Helper()
	b, err := fs.ReadFile(locales.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// withoutMessage removes the table of message id from a locale file's text.
func withoutMessage(src, id string) string {
	re := regexp.MustCompile(`(?ms)^\[` + regexp.QuoteMeta(id) + `\]\n.*?(\n\n|\z)`)
	return re.ReplaceAllString(src, "")
}

// catalog loads a catalog from in-memory files.
func catalog(t testing.TB, files map[string]string) *Catalog {
	t.Helper()
	c, err := Load(mapFS(files), ".")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

func pos(file string, line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }

func para(file string, line int, text string) *doc.Paragraph {
	return &doc.Paragraph{Pos: pos(file, line, 1), Text: doc.Inline{{Pos: pos(file, line, 1), Text: text}}}
}

// statement builds, by hand, the canonical statement the tests localize: an
// introduction, a heading, three operative clauses of which the second has
// three sub-clauses and the third of those two of its own, and two authors.
func statement() *doc.Document {
	const f = "statement.md"
	sub := func(line, depth, n int, path, text string, subs ...*doc.Clause) *doc.Clause {
		return &doc.Clause{Pos: pos(f, line, 1), Depth: depth, Number: n, Path: path, Body: []doc.Block{para(f, line, text)}, Subs: subs}
	}
	return &doc.Document{
		Path:   f,
		Digest: "c0ffee",
		Meta: doc.Meta{
			ID:        "oic-contact-group-2020",
			Title:     "OIC Contact Group Renews Call",
			Subtitle:  "Meeting of the Contact Group",
			Kind:      "communique",
			Issuer:    "Organisation of Islamic Cooperation",
			Date:      time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC),
			Place:     "Jeddah",
			Reference: "OIC/CG-JK/2020/1",
			Lang:      "en",
			Authors: []*doc.Author{
				{Pos: pos(f, 12, 5), Name: "Dr A", Role: "Founder", Bio: []*doc.Paragraph{para(f, 14, "Bio A.")}},
				{Pos: pos(f, 16, 5), Name: "Dr B", Role: "Fellow", Bio: []*doc.Paragraph{para(f, 18, "Bio B.")}},
			},
			Pos: map[string]diag.Pos{"lang": pos(f, 10, 1), "title": pos(f, 3, 1)},
		},
		Body: []doc.Block{
			para(f, 22, "Intro paragraph."),
			&doc.Heading{Pos: pos(f, 24, 1), Key: "decisions", Explicit: true, Text: doc.Inline{{Pos: pos(f, 24, 4), Text: "Decisions"}}},
			&doc.ClauseList{
				Pos:    pos(f, 28, 1),
				LeadIn: para(f, 26, "The meeting:"),
				Clauses: []*doc.Clause{
					sub(28, 1, 1, "1", "Took note."),
					sub(29, 1, 2, "2", "Demanded:",
						sub(30, 2, 1, "2.a", "first;"),
						sub(31, 2, 2, "2.b", "second;"),
						sub(32, 2, 3, "2.c", "third:",
							sub(33, 3, 1, "2.c.i", "one;"),
							sub(34, 3, 2, "2.c.ii", "two."))),
					sub(35, 1, 3, "3", "Decided."),
				},
			},
			&doc.Quote{Pos: pos(f, 37, 1), Paras: []*doc.Paragraph{para(f, 37, "A quotation.")}},
		},
	}
}

// translation returns a copy of the statement as a translation into lang:
// the text stays English, which the labels do not care about.
func translation(canonical *doc.Document, lang string) *doc.Document {
	d := *canonical
	d.Path = "statement." + lang + ".md"
	d.Digest = "d1ge57"
	d.Meta.Lang = lang
	d.Meta.Title = "[" + lang + "] " + canonical.Meta.Title
	d.Meta.SourceDigest = canonical.Digest
	d.Meta.Pos = map[string]diag.Pos{"lang": pos(d.Path, 10, 1), "source-digest": pos(d.Path, 11, 1)}
	return &d
}

// codes returns the diagnostic codes of l, for comparing.
func codes(l diag.List) string {
	var s []string
	for _, d := range l {
		s = append(s, d.Code)
	}
	return strings.Join(s, ",")
}
