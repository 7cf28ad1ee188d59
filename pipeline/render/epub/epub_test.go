package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// layoutCSS is the project's EPUB stylesheet, as editions ship it.
func layoutCSS(t testing.TB) []byte {
	t.Helper()
	css, err := os.ReadFile("../../../layouts/epub.css")
	if err != nil {
		t.Fatal(err)
	}
	return css
}

func options(t testing.TB) Options {
	return Options{CSS: layoutCSS(t), Modified: modified, Generator: "polypress 0.1.0"}
}

func render(t testing.TB, ed *doc.Edition, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, ed, opts); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return b.Bytes()
}

// unpack reads an EPUB's entries in container order.
func unpack(t testing.TB, data []byte) (*zip.Reader, map[string]string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip file: %v", err)
	}
	files := make(map[string]string)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = string(b)
	}
	return zr, files
}

type editionCase struct {
	name string
	ed   func() *doc.Edition
	// expected container entries, in order
	files []string
}

var editionCases = []editionCase{
	{"en", englishEdition, []string{
		"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/css/epub.css",
		"EPUB/text/statement.xhtml", "EPUB/text/authors.xhtml",
	}},
	{"ar", arabicEdition, []string{
		"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/css/epub.css",
		"EPUB/text/statement.xhtml", "EPUB/text/authors.xhtml",
	}},
	{"fr-draft", draftEdition, []string{
		"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/css/epub.css",
		"EPUB/text/statement.xhtml",
	}},
}

func TestContainer(t *testing.T) {
	for _, tc := range editionCases {
		t.Run(tc.name, func(t *testing.T) {
			data := render(t, tc.ed(), options(t))
			zr, files, _ := checkContainer(t, data, tc.files)
			first := zr.File[0]
			if first.Name != "mimetype" || first.Method != zip.Store || files["mimetype"] != "application/epub+zip" {
				t.Errorf("first entry %q method %d content %q", first.Name, first.Method, files["mimetype"])
			}
			for _, f := range zr.File {
				if len(f.Extra) != 0 {
					t.Errorf("%s has extra fields %x (EPUBCheck PKG-005 on mimetype)", f.Name, f.Extra)
				}
				if f.Flags&0x8 != 0 {
					t.Errorf("%s has a data descriptor", f.Name)
				}
				// MS-DOS time has two-second steps.
				if got, want := f.Modified.UTC(), modified.Truncate(2e9); !got.Equal(want) {
					t.Errorf("%s modified %v, want %v", f.Name, got, want)
				}
			}

			// Every XML file is well-formed.
			for name, content := range files {
				if strings.HasSuffix(name, ".xhtml") || strings.HasSuffix(name, ".opf") || strings.HasSuffix(name, ".xml") {
					if err := wellFormed(content); err != nil {
						t.Errorf("%s is not well-formed XML: %v", name, err)
					}
				}
			}
		})
	}
}

// checkContainer unpacks an EPUB, checks that its entries are want, in
// order, and that it opens as reading systems sniff it, and returns the
// archive, the files' contents and their names.
func checkContainer(t *testing.T, data []byte, want []string) (*zip.Reader, map[string]string, []string) {
	t.Helper()
	zr, files := unpack(t, data)
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	// Reading systems sniff the first 58 bytes: a stored "mimetype"
	// entry with no extra field, then its content.
	if !bytes.HasPrefix(data[30:], []byte("mimetypeapplication/epub+zip")) {
		t.Errorf("container does not start with the bare mimetype entry: %q", data[:58])
	}
	return zr, files, names
}

func wellFormed(s string) error {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestLanguageAndDirection(t *testing.T) {
	for _, tc := range editionCases {
		t.Run(tc.name, func(t *testing.T) {
			ed := tc.ed()
			_, files := unpack(t, render(t, ed, options(t)))
			dir := string(ed.Dir)
			htmlTag := `lang="` + ed.Lang + `" xml:lang="` + ed.Lang + `" dir="` + dir + `">`
			for name, content := range files {
				if strings.HasSuffix(name, ".xhtml") && !strings.Contains(content, htmlTag) {
					t.Errorf("%s: <html> lacks %s", name, htmlTag)
				}
			}
			opf := files["EPUB/package.opf"]
			if want := `xml:lang="` + ed.Lang + `" dir="` + dir + `"`; !strings.Contains(opf, want) {
				t.Errorf("package lacks %s", want)
			}
			hasPPD := strings.Contains(opf, `<spine page-progression-direction="rtl">`)
			if hasPPD != (ed.Dir == doc.RTL) {
				t.Errorf("spine page-progression-direction rtl = %v for a %s edition", hasPPD, dir)
			}
			if want := "<dc:language>" + ed.Lang + "</dc:language>"; !strings.Contains(opf, want) {
				t.Errorf("package lacks %s", want)
			}
		})
	}
}

func TestNavigation(t *testing.T) {
	for _, tc := range editionCases {
		t.Run(tc.name, func(t *testing.T) {
			ed := tc.ed()
			_, files := unpack(t, render(t, ed, options(t)))
			nav := files["EPUB/nav.xhtml"]
			for _, want := range []string{
				"<title>" + xmlText(ed.Labels.Contents) + "</title>",
				`<h1 id="toc-title">` + xmlText(ed.Labels.Contents) + "</h1>",
				`<nav epub:type="toc" role="doc-toc" id="toc"`,
				`<a href="text/statement.xhtml">` + xmlText(ed.Title) + "</a>",
				`<a epub:type="toc" href="nav.xhtml#toc">`,
				`<a epub:type="bodymatter" href="text/statement.xhtml">`,
			} {
				if !strings.Contains(nav, want) {
					t.Errorf("nav.xhtml lacks %s", want)
				}
			}
			// Every heading and operative clause has an entry pointing
			// at its id; the lead-ins that introduce clauses have none.
			st := files["EPUB/text/statement.xhtml"]
			for _, blk := range ed.Body {
				switch blk := blk.(type) {
				case *doc.Heading:
					want := `<a href="text/statement.xhtml#` + blk.Key + `">` + xmlText(blk.Text.Plain()) + "</a>"
					if !strings.Contains(nav, want) {
						t.Errorf("nav.xhtml lacks heading entry %s", want)
					}
					if !strings.Contains(st, `<h2 id="`+blk.Key+`">`) {
						t.Errorf("statement lacks <h2 id=%q>", blk.Key)
					}
				case *doc.ClauseList:
					if blk.LeadIn != nil {
						title := strings.TrimSuffix(blk.LeadIn.Text.Plain(), ":")
						if strings.Contains(nav, ">"+xmlText(title)+"</a>") {
							t.Errorf("nav.xhtml has an entry for the lead-in %q", title)
						}
					}
					for _, cl := range blk.Clauses {
						want := `<a href="text/statement.xhtml#` + cl.Anchor() + `">` + xmlText(cl.Label) + " "
						if !strings.Contains(nav, want) {
							t.Errorf("nav.xhtml lacks clause entry %s…", want)
						}
					}
				}
			}
			hasAuthors := strings.Contains(nav, `<a href="text/authors.xhtml">`+xmlText(ed.Labels.AboutAuthors)+"</a>")
			if hasAuthors != (len(ed.Authors) > 0) {
				t.Errorf("nav.xhtml entry for the biographies present = %v with %d authors", hasAuthors, len(ed.Authors))
			}
			for i, a := range ed.Authors {
				if want := `#author-` + string(rune('1'+i)) + `">` + xmlText(a.Name) + "</a>"; !strings.Contains(nav, want) {
					t.Errorf("nav.xhtml lacks author entry %s", want)
				}
			}
		})
	}
}

// xmlText escapes s as the templates do.
func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// markerRE finds clause markers and the id of their clause.
var markerRE = regexp.MustCompile(`<li id="([^"]+)">\n<p><span class="marker">([^<]*) </span>`)

func TestClauseMarkersAreText(t *testing.T) {
	for _, tc := range editionCases {
		t.Run(tc.name, func(t *testing.T) {
			ed := tc.ed()
			_, files := unpack(t, render(t, ed, options(t)))
			st := files["EPUB/text/statement.xhtml"]
			var want []string
			doc.Walk(ed.Body, func(c *doc.Clause) {
				want = append(want, "clause-"+strings.ReplaceAll(c.Path, ".", "-")+" "+c.Label)
			})
			var got []string
			for _, m := range markerRE.FindAllStringSubmatch(st, -1) {
				got = append(got, m[1]+" "+m[2])
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("clause markers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if !strings.Contains(st, `<ol class="clauses">`) {
				t.Error(`no <ol class="clauses">`)
			}
		})
	}
}

func TestTitleBlockAndBody(t *testing.T) {
	_, files := unpack(t, render(t, englishEdition(), options(t)))
	st := files["EPUB/text/statement.xhtml"]
	for _, want := range []string{
		`<p class="kind">Communiqué</p>`,
		`<p class="issuer">Organisation of Islamic Cooperation</p>`,
		`<h1 class="title" id="title">OIC Contact Group on Jammu and Kashmir Renews Its Call</h1>`,
		`<p class="subtitle" role="doc-subtitle">Meeting of the Contact Group at the level of Foreign Ministers</p>`,
		`<p class="dateline">Jeddah, 22 June 2020</p>`,
		`<p class="reference">OIC/CG-JK/2020/1</p>`,
		`<em>virtually</em>`,
		`<a href="https://www.oic-oci.org/" rel="external">Secretary General</a>`,
		` &amp; heard &lt;statements&gt;.`,
		`<strong>Special Representative</strong>`,
		`<a href="#decisions">the decisions</a>`,
		`<code>OIC/CG/1</code>`,
		`<strong><em>Refrain</em></strong>`,
		// A link to a file the publication does not hold stays text.
		`report, see the archive.`,
		`<p class="lead-in" id="lead-in-1">The Contact Group:</p>`,
		"<blockquote>\n<p>“Peace is the only way.”</p>\n</blockquote>",
		"<span class=\"marker\">4. </span>Agreed to meet again.</p>\n<p>The date will be set by the Chair.</p>",
	} {
		if !strings.Contains(st, want) {
			t.Errorf("statement.xhtml lacks %s", want)
		}
	}
	if strings.Contains(st, "class=\"original\"") {
		t.Error("canonical edition shows an Original line")
	}
	if strings.Contains(st, "draft-notice") {
		t.Error("final edition shows a draft notice")
	}
	au := files["EPUB/text/authors.xhtml"]
	for _, want := range []string{
		`<title>About the authors</title>`,
		`<body epub:type="backmatter">`,
		`<h1 id="authors-title">About the authors</h1>`,
		`<h2 id="author-1-name">Dr Muhammad Tahir Tabassum</h2>`,
		`<p class="role">Founder and President, Institute of Peace and Development</p>`,
		`<a href="mailto:other@example.org" rel="external">Profile</a>`,
	} {
		if !strings.Contains(au, want) {
			t.Errorf("authors.xhtml lacks %s", want)
		}
	}

	_, files = unpack(t, render(t, arabicEdition(), options(t)))
	if want := `<p class="original">الأصل: بالإنكليزية</p>`; !strings.Contains(files["EPUB/text/statement.xhtml"], want) {
		t.Errorf("translation lacks %s", want)
	}
}

func TestMetadata(t *testing.T) {
	for _, tc := range editionCases {
		t.Run(tc.name, func(t *testing.T) {
			ed := tc.ed()
			_, files := unpack(t, render(t, ed, options(t)))
			opf := files["EPUB/package.opf"]
			for _, want := range []string{
				`<dc:identifier id="pub-id">urn:uuid:`,
				`<dc:title id="title">` + xmlText(ed.Title) + `</dc:title>`,
				`<dc:creator id="creator">` + xmlText(ed.Issuer) + `</dc:creator>`,
				`<dc:date>2020-06-22</dc:date>`,
				`<meta property="dcterms:modified">2020-06-24T12:00:01Z</meta>`,
				`<meta property="schema:accessMode">textual</meta>`,
				`<meta property="schema:accessModeSufficient">textual</meta>`,
				`<meta property="schema:accessibilityFeature">structuralNavigation</meta>`,
				`<meta property="schema:accessibilityFeature">tableOfContents</meta>`,
				`<meta property="schema:accessibilityFeature">readingOrder</meta>`,
				`<meta property="schema:accessibilityHazard">none</meta>`,
				`<meta property="schema:accessibilitySummary" xml:lang="en">`,
				`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>`,
				`<meta name="generator" content="polypress 0.1.0"/>`,
			} {
				if !strings.Contains(opf, want) {
					t.Errorf("package.opf lacks %s", want)
				}
			}
			status := strings.Contains(opf, `<meta property="schema:creativeWorkStatus">Draft</meta>`)
			visible := strings.Contains(files["EPUB/text/statement.xhtml"], `<p class="draft-notice" role="note">`+xmlText(ed.Labels.Draft)+`</p>`)
			if status != ed.Draft || visible != ed.Draft {
				t.Errorf("draft edition %v: status metadata %v, visible notice %v", ed.Draft, status, visible)
			}
		})
	}
}

func TestIdentifier(t *testing.T) {
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got, want := uuidString(uuid5(dns, "python.org")), "886313e1-3b8a-5372-9b90-0c9aee199e5d"; got != want {
		t.Errorf("uuid5(DNS, python.org) = %s, want %s (RFC 4122 vector, as Python computes it)", got, want)
	}
	if got, want := uuidString(projectNamespace), "5b871e00-097b-568a-a402-b8030997591d"; got != want {
		t.Errorf("project namespace = %s, want %s", got, want)
	}
	en, ar := englishEdition(), arabicEdition()
	if identifier(en) == identifier(ar) {
		t.Error("two locales share an identifier")
	}
	en2 := englishEdition()
	en2.Body = nil
	if identifier(en) != identifier(en2) {
		t.Error("identifier changed with the content; a corrected reissue must keep it")
	}
}

func TestDeterministic(t *testing.T) {
	for _, tc := range editionCases {
		t.Run(tc.name, func(t *testing.T) {
			a := render(t, tc.ed(), options(t))
			b := render(t, tc.ed(), options(t))
			if !bytes.Equal(a, b) {
				t.Fatal("two renders of the same edition differ")
			}
			// A different build time changes the output: the test can fail.
			opts := options(t)
			opts.Modified = opts.Modified.Add(3e9)
			if bytes.Equal(a, render(t, tc.ed(), opts)) {
				t.Fatal("Modified does not reach the output")
			}
		})
	}
}

// TestGoldenPackage pins the English package document. Run
// `go test -run TestGoldenPackage -update` after an intended change.
func TestGoldenPackage(t *testing.T) {
	_, files := unpack(t, render(t, englishEdition(), options(t)))
	got := []byte(files["EPUB/package.opf"])
	golden := filepath.Join("testdata", "en.package.opf")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("package.opf differs from %s (run with -update if intended):\n%s", golden, got)
	}
}

func TestErrors(t *testing.T) {
	noTitle := englishEdition()
	noTitle.Title = ""
	noLang := englishEdition()
	noLang.Lang = ""
	badDir := englishEdition()
	badDir.Dir = "ttb"
	noContents := englishEdition()
	noContents.Labels.Contents = ""
	noAbout := englishEdition()
	noAbout.Labels.AboutAuthors = ""
	noDraft := draftEdition()
	noDraft.Labels.Draft = ""
	font := func(name string) Font { return Font{Family: "X", File: name, Data: []byte{0, 1, 0, 0}} }

	tests := []struct {
		name string
		ed   *doc.Edition
		opts func(Options) Options
		want string
	}{
		{"nil edition", nil, nil, "no edition"},
		{"no title", noTitle, nil, "no title"},
		{"no language", noLang, nil, "no language"},
		{"bad direction", badDir, nil, `"ttb"`},
		{"no contents label", noContents, nil, "no Contents label"},
		{"no about label", noAbout, nil, "no AboutAuthors label"},
		{"no draft label", noDraft, nil, "no Draft label"},
		{"zero modified", englishEdition(), func(o Options) Options { o.Modified = time.Time{}; return o }, "Modified is zero"},
		{"css direction", englishEdition(), func(o Options) Options { o.CSS = []byte("p { color: red; direction: rtl }"); return o }, "direction"},
		{"css unicode-bidi", englishEdition(), func(o Options) Options { o.CSS = []byte("p{unicode-bidi:isolate}"); return o }, "direction"},
		{"font path", englishEdition(), func(o Options) Options { o.Fonts = []Font{font("../x.ttf")}; return o }, "plain name"},
		{"font space", englishEdition(), func(o Options) Options { o.Fonts = []Font{font("Noto Sans.ttf")}; return o }, "plain name"},
		{"font type", englishEdition(), func(o Options) Options { o.Fonts = []Font{font("x.ttc")}; return o }, "extension"},
		{"font twice", englishEdition(), func(o Options) Options { o.Fonts = []Font{font("x.ttf"), font("X.ttf")}; return o }, "twice"},
		{"font empty", englishEdition(), func(o Options) Options { o.Fonts = []Font{{Family: "X", File: "x.ttf"}}; return o }, "empty"},
		{"font family", englishEdition(), func(o Options) Options { o.Fonts = []Font{{File: "x.ttf", Data: []byte{1}}}; return o }, "no family"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := options(t)
			if tt.opts != nil {
				opts = tt.opts(opts)
			}
			var b bytes.Buffer
			err := Render(&b, tt.ed, opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Render error = %v, want one containing %q", err, tt.want)
			}
			if b.Len() != 0 {
				t.Errorf("Render wrote %d bytes before failing", b.Len())
			}
		})
	}

	// Comments and longer property names may mention direction.
	opts := options(t)
	opts.CSS = []byte("/* never set direction: rtl here */\nul { flex-direction: row; }\n")
	if err := Render(io.Discard, englishEdition(), opts); err != nil {
		t.Errorf("harmless mentions of direction refused: %v", err)
	}
}

func TestDOSTime(t *testing.T) {
	tests := []struct {
		in       string
		date, tm uint16
	}{
		{"2020-06-24T12:00:01Z", 40<<9 | 6<<5 | 24, 12<<11 | 0<<5 | 0},
		{"1970-01-01T00:00:00Z", 0<<9 | 1<<5 | 1, 0},
		{"2107-12-31T23:59:59Z", 127<<9 | 12<<5 | 31, 23<<11 | 59<<5 | 29},
		{"2200-01-01T00:00:00Z", 127<<9 | 12<<5 | 31, 23<<11 | 59<<5 | 29},
	}
	for _, tt := range tests {
		tm, err := time.Parse(time.RFC3339, tt.in)
		if err != nil {
			t.Fatal(err)
		}
		d, h := dosTime(tm)
		if d != tt.date || h != tt.tm {
			t.Errorf("dosTime(%s) = %#04x %#04x, want %#04x %#04x", tt.in, d, h, tt.date, tt.tm)
		}
	}
}
