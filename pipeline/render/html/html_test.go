package html

import (
	"bytes"
	"encoding/json"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/render"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// testCSS stands in for the layout's style sheets, so that the golden
// files show the page and not the sheets.
var testCSS = []byte("/* base sheets */\n")

func para(s string) *doc.Paragraph { return &doc.Paragraph{Text: doc.Inline{{Text: s}}} }

// edition is a small statement in lang: a paragraph, a heading, a clause
// list with a sub-clause and a link, and an author.
func edition(lang string, dir doc.Direction, canonical bool) *doc.Edition {
	src := &doc.Document{Path: "statement." + lang + ".md"}
	ed := &doc.Edition{
		ID: "test-2020", Locale: lang, Lang: lang, Dir: dir, CanonicalLang: "en",
		Title: "Joint statement on water", Subtitle: "Tessal basin", Kind: "joint-statement", KindLabel: "Joint statement",
		Issuer: "Sample Office", Place: "Geneva", Reference: "SO/2020/7",
		Date:     time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC),
		DateLine: "Geneva, 22 June 2020",
		Body: []doc.Block{
			para("The two Ministries met in Geneva."),
			&doc.Heading{Key: "steps", Text: doc.Inline{{Text: "Next steps"}}},
			&doc.ClauseList{
				LeadIn: para("The Ministries:"),
				Clauses: []*doc.Clause{
					{Depth: 1, Number: 1, Path: "1", Label: "1.", Body: []doc.Block{&doc.Paragraph{Text: doc.Inline{{Text: "Agree, as set out under "}, {Text: "Next steps", Link: "#steps"}, {Text: ", to:"}}}},
						Subs: []*doc.Clause{{Depth: 2, Number: 1, Path: "1.a", Label: "(a)", Body: []doc.Block{&doc.Paragraph{Text: doc.Inline{{Text: "share data", Style: doc.Emphasis}, {Text: " at "}, {Text: "the portal", Link: "https://example.org/portal"}}}}}}},
				},
			},
		},
		Authors: []*doc.Author{{Name: "Nadia Farouk", Role: "Director", Bio: []*doc.Paragraph{para("Nadia Farouk directs the Office.")}}},
		Labels:  doc.Labels{AboutAuthors: "About the author", Contents: "Contents", Draft: "DRAFT", Authors: "Contributors"},
		Source:  src,
	}
	ed.Canonical = src
	if !canonical {
		ed.Canonical = &doc.Document{Path: "statement.md"}
		ed.Original = "Original: English"
	}
	return ed
}

// alternates are the statement's editions in English, French and Arabic.
var alternates = []render.Alternate{
	{Locale: "en", Lang: "en", Dir: doc.LTR, Href: "test-2020.en.html", Canonical: true},
	{Locale: "fr", Lang: "fr", Dir: doc.LTR, Href: "test-2020.fr.html"},
	{Locale: "ar", Lang: "ar", Dir: doc.RTL, Href: "test-2020.ar.html"},
}

func testOptions(t testing.TB) Options {
	lay, err := layout.Load(layouts.FS, "briefing")
	if err != nil {
		t.Fatal(err)
	}
	return Options{CSS: testCSS, Layout: lay, Generator: "polypress 0.1.0", Alternates: alternates}
}

func renderPage(t testing.TB, ed *doc.Edition, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, ed, opts); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return b.String()
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; run go test -update and review the diff\ngot:\n%s", name, got)
	}
}

func TestRenderGolden(t *testing.T) {
	golden(t, "statement.en.html", renderPage(t, edition("en", doc.LTR, true), testOptions(t)))
	golden(t, "statement.ar.html", renderPage(t, edition("ar", doc.RTL, false), testOptions(t)))
}

func TestRenderReproducible(t *testing.T) {
	first := renderPage(t, edition("fr", doc.LTR, false), testOptions(t))
	for range 5 {
		if renderPage(t, edition("fr", doc.LTR, false), testOptions(t)) != first {
			t.Fatal("two renderings of the same edition differ")
		}
	}
}

// The page names its language and direction, the other editions, and
// every language of the switcher in that language.
func TestLanguages(t *testing.T) {
	page := renderPage(t, edition("ar", doc.RTL, false), testOptions(t))
	for _, want := range []string{
		`<html lang="ar" dir="rtl"`,
		`<link rel="alternate" hreflang="en" href="test-2020.en.html">`,
		`<link rel="alternate" hreflang="x-default" href="test-2020.en.html">`,
		`<a href="test-2020.fr.html" hreflang="fr" lang="fr" dir="ltr">Français</a>`,
		`<a href="test-2020.ar.html" hreflang="ar" lang="ar" dir="rtl" aria-current="page">العربية</a>`,
		`<meta property="og:locale" content="ar">`,
		`<meta property="og:locale:alternate" content="fr">`,
		// The start margin is on the right of a right-to-left page.
		"margin: 68.03pt 73.7pt 73.7pt 68.03pt;",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// One edition alone has no switcher, and links only to itself.
	opts := testOptions(t)
	opts.Alternates = alternates[:1]
	page = renderPage(t, edition("en", doc.LTR, true), opts)
	if strings.Contains(page, `class="languages"`) {
		t.Error("a page with no other language has a language switcher")
	}
}

// jsonLD returns the page's schema.org item.
func pageJSONLD(t testing.TB, page string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">\n(.*?)\n</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no JSON-LD in the page")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, m[1])
	}
	return v
}

func TestJSONLD(t *testing.T) {
	en := pageJSONLD(t, renderPage(t, edition("en", doc.LTR, true), testOptions(t)))
	if en["@type"] != "NewsArticle" || en["headline"] != "Joint statement on water" || en["datePublished"] != "2020-06-22" ||
		en["dateline"] != "Geneva, 22 June 2020" || en["inLanguage"] != "en" {
		t.Errorf("article = %v", en)
	}
	if tr, _ := en["workTranslation"].([]any); len(tr) != 2 {
		t.Errorf("the original lists %v as its translations, want fr and ar", en["workTranslation"])
	}
	ar := pageJSONLD(t, renderPage(t, edition("ar", doc.RTL, false), testOptions(t)))
	if of, _ := ar["translationOfWork"].(map[string]any); of["url"] != "test-2020.en.html" || of["inLanguage"] != "en" {
		t.Errorf("translationOfWork = %v", ar["translationOfWork"])
	}
	if loc, _ := ar["locationCreated"].(map[string]any); loc["name"] != "Geneva" {
		t.Errorf("locationCreated = %v", ar["locationCreated"])
	}
}

// Text from the statement cannot break out of any context it is written
// in: element text, attribute values, the JSON-LD script.
func TestEscaping(t *testing.T) {
	ed := edition("en", doc.LTR, true)
	ed.Title = `Water </script><script>alert(1)</script> & "quotes"`
	ed.Subtitle = `"><img src=x onerror=alert(1)>`
	page := renderPage(t, ed, testOptions(t))
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "<img src=x") {
		t.Errorf("statement text became markup:\n%s", page)
	}
	if v := pageJSONLD(t, page); v["headline"] != ed.Title || v["alternativeHeadline"] != ed.Subtitle {
		t.Errorf("JSON-LD lost the text: %v", v)
	}
}

func TestFonts(t *testing.T) {
	font := render.Font{Family: "Noto Nastaliq Urdu", File: "NotoNastaliqUrdu-Regular.ttf", Data: []byte("\x00\x01\x00\x00font"), Lang: "ur"}
	for _, tt := range []struct {
		mode, url string
		want      []string
		not       string
	}{
		{"", "", []string{`src: url(data:font/ttf;base64,AAEAAGZvbnQ=) format("truetype");`}, `url("https:`},
		{layout.FontsEmbed, "", []string{`url(data:font/ttf;base64,`}, `url("https:`},
		{layout.FontsLink, "https://press.example.org/fonts/", []string{`src: url("https://press.example.org/fonts/NotoNastaliqUrdu-Regular.ttf") format("truetype");`}, "base64"},
		{layout.FontsLocal, "", nil, "@font-face"},
	} {
		opts := testOptions(t)
		opts.Layout.HTML.Fonts, opts.Layout.HTML.FontURL = tt.mode, tt.url
		opts.Fonts = []render.Font{font}
		page := renderPage(t, edition("ur", doc.RTL, false), opts)
		for _, want := range append(tt.want, "html:lang(ur),\n.pack-statement:lang(ur) {\n  font-family: \"Noto Nastaliq Urdu\", serif;") {
			if !strings.Contains(page, want) {
				t.Errorf("html.fonts %q: page lacks %q", tt.mode, want)
			}
		}
		if strings.Contains(page, tt.not) {
			t.Errorf("html.fonts %q: page has %q", tt.mode, tt.not)
		}
	}
}

func TestBadInput(t *testing.T) {
	good := func() (*doc.Edition, Options) { return edition("en", doc.LTR, true), testOptions(t) }
	for _, tt := range []struct {
		name   string
		change func(*doc.Edition, *Options)
		want   string
	}{
		{"no title", func(ed *doc.Edition, _ *Options) { ed.Title = "" }, "no title"},
		{"bad language", func(ed *doc.Edition, _ *Options) { ed.Lang = "en US" }, "not a BCP 47 tag"},
		{"bad direction", func(ed *doc.Edition, _ *Options) { ed.Dir = "up" }, "direction"},
		{"draft without label", func(ed *doc.Edition, _ *Options) { ed.Draft, ed.Labels.Draft = true, "" }, "Draft label"},
		{"alternate in another folder", func(_ *doc.Edition, o *Options) {
			o.Alternates = []render.Alternate{{Locale: "fr", Lang: "fr", Href: "../x.html"}}
		}, "file name in the same folder"},
		{"style sheet ending the element", func(_ *doc.Edition, o *Options) { o.CSS = []byte("p{}</STYLE><script>") }, "</style"},
		{"font family with a quote", func(_ *doc.Edition, o *Options) {
			o.Fonts = []render.Font{{Family: `a"b`, File: "a.ttf", Data: []byte{1}, Lang: "ur"}}
		}, "CSS would need escaped"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ed, opts := good()
			tt.change(ed, &opts)
			var b bytes.Buffer
			err := Render(&b, ed, opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one saying %q", err, tt.want)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %d bytes on error", b.Len())
			}
		})
	}
	if err := Render(new(bytes.Buffer), nil, Options{}); err == nil {
		t.Error("a nil edition was rendered")
	}
	if err := RenderPack(new(bytes.Buffer), nil, Options{}); err == nil {
		t.Error("a nil pack was rendered")
	}
}

// testPack is a pack in English of two statements, the second of which fell
// back to French, with a logo and a contributor.
func testPack(t *testing.T) *doc.PackEdition {
	logo := filepath.Join(t.TempDir(), "logo.png")
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(logo, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	first, second := edition("en", doc.LTR, true), edition("fr", doc.LTR, false)
	second.Title = "Déclaration commune sur l’eau"
	return &doc.PackEdition{
		ID: "pack-2020", Locale: "en", Lang: "en", Dir: doc.LTR,
		Title: "Briefing pack, June 2020", Subtitle: "Water", Issuer: "Sample Office",
		Date: time.Date(2020, 6, 30, 0, 0, 0, 0, time.UTC), DateLine: "30 June 2020", KindLabel: "Briefing pack",
		Logo:         logo,
		Statements:   []*doc.Edition{first, second},
		Contributors: first.Authors,
		Labels:       first.Labels,
	}
}

func TestRenderPack(t *testing.T) {
	pe := testPack(t)
	opts := testOptions(t)
	opts.Alternates = []render.Alternate{{Locale: "en", Lang: "en", Href: "pack-2020.en.html"}, {Locale: "fr", Lang: "fr", Href: "pack-2020.fr.html"}}
	var b bytes.Buffer
	if err := RenderPack(&b, pe, opts); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	golden(t, "pack.en.html", page)
	// Every link within the page leads to an element of the page.
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if ids[m[1]] {
			t.Errorf("id %q is used twice", m[1])
		}
		ids[m[1]] = true
	}
	for _, m := range regexp.MustCompile(` href="#([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if !ids[m[1]] {
			t.Errorf("link to #%s, which is not on the page", m[1])
		}
	}
	for _, want := range []string{
		`<article class="pack-statement" id="s2" lang="fr" dir="ltr" aria-labelledby="s2-title">`,
		`<img src="data:image/png;base64,iVBORw0KGgo`,
		`<a href="#s1-steps">Next steps</a>`,
		`"@type": "Collection"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("pack page lacks %q", want)
		}
	}

	pe.Logo = filepath.Join(t.TempDir(), "missing.png")
	if err := RenderPack(new(bytes.Buffer), pe, opts); err == nil || !strings.Contains(err.Error(), "cover logo") {
		t.Errorf("missing logo: %v", err)
	}
}
