package epub

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
)

// followUpEdition is a second English statement whose heading keys are
// the same as englishEdition's, so that the pack must keep their ids apart.
func followUpEdition() *doc.Edition {
	ed := englishEdition()
	ed.ID = "oic-contact-group-2020-follow-up"
	ed.Title = "Follow-up to the Contact Group's Call"
	ed.Subtitle = ""
	ed.Authors = ed.Authors[1:]
	return ed
}

// shortEdition has no headings: its lead-in is a direct child of the
// statement in the table of contents.
func shortEdition() *doc.Edition {
	ed := draftEdition()
	ed.ID = "oic-note-2020"
	ed.Locale, ed.Lang = "en", "en"
	ed.Title = "Note by the Secretariat"
	ed.Original = ""
	ed.Draft = false
	ed.Labels = englishLabels()
	ed.Body = []doc.Block{&doc.ClauseList{
		LeadIn:  text("The Secretariat:"),
		Clauses: []*doc.Clause{clause(1, 1, "1", "1.", text("Circulated the report."))},
	}}
	return ed
}

// englishPack binds three statements, two of which share heading keys.
func englishPack() *doc.PackEdition {
	a, b := englishEdition(), followUpEdition()
	return &doc.PackEdition{
		ID:           "briefing-2020",
		Locale:       "en",
		Lang:         "en",
		Dir:          doc.LTR,
		Title:        "Briefing Pack on Jammu and Kashmir",
		Subtitle:     "Statements of June 2020",
		Issuer:       "Organisation of Islamic Cooperation",
		Date:         statementDate,
		DateLine:     "22 June 2020",
		KindLabel:    "Briefing pack",
		Statements:   []*doc.Edition{a, b, shortEdition()},
		Contributors: []*doc.Author{a.Authors[1], a.Authors[0]},
		Labels:       englishLabels(),
	}
}

// arabicPack binds two right-to-left statements.
func arabicPack() *doc.PackEdition {
	a, b := arabicEdition(), arabicEdition()
	b.ID = "oic-contact-group-2020-follow-up"
	b.Title = "متابعة دعوة فريق الاتصال"
	labels := a.Labels
	labels.Authors = "المساهمون"
	return &doc.PackEdition{
		ID:           "briefing-2020",
		Locale:       "ar",
		Lang:         "ar",
		Dir:          doc.RTL,
		Title:        "ملف إحاطة بشأن جامو وكشمير",
		Issuer:       "منظمة التعاون الإسلامي",
		Date:         statementDate,
		DateLine:     "٢٢ يونيو ٢٠٢٠",
		KindLabel:    "ملف إحاطة",
		Statements:   []*doc.Edition{a, b},
		Contributors: a.Authors,
		Labels:       labels,
	}
}

// draftPack holds a statement built with fallbacks, in another language
// than the pack's.
func draftPack() *doc.PackEdition {
	pe := englishPack()
	pe.Statements = []*doc.Edition{englishEdition(), draftEdition()}
	return pe
}

// writePNG writes a small real PNG file and returns its path.
func writePNG(t testing.TB) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := range 4 {
		img.Set(i, i, color.RGBA{0, 0x66, 0x33, 0xff})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// writeSVG writes a small SVG logo, with an upper-case extension, and
// returns its path.
func writeSVG(t testing.TB) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "logo.SVG")
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="#063"/></svg>`
	if err := os.WriteFile(p, []byte(svg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func renderPack(t testing.TB, pe *doc.PackEdition, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := RenderPack(&b, pe, opts); err != nil {
		t.Fatalf("RenderPack: %v", err)
	}
	return b.Bytes()
}

type packCase struct {
	name  string
	pack  func(t testing.TB) *doc.PackEdition
	files []string // expected container entries, in order
}

var packCases = []packCase{
	{"en", func(t testing.TB) *doc.PackEdition { pe := englishPack(); pe.Logo = writePNG(t); return pe }, []string{
		"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/css/epub.css",
		"EPUB/images/cover.png", "EPUB/text/cover.xhtml",
		"EPUB/text/statement-1.xhtml", "EPUB/text/statement-2.xhtml", "EPUB/text/statement-3.xhtml",
		"EPUB/text/contributors.xhtml",
	}},
	{"ar", func(t testing.TB) *doc.PackEdition { pe := arabicPack(); pe.Logo = writeSVG(t); return pe }, []string{
		"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/css/epub.css",
		"EPUB/images/cover.svg", "EPUB/text/cover.xhtml",
		"EPUB/text/statement-1.xhtml", "EPUB/text/statement-2.xhtml",
		"EPUB/text/contributors.xhtml",
	}},
	{"draft-no-logo", func(testing.TB) *doc.PackEdition { return draftPack() }, []string{
		"mimetype", "META-INF/container.xml", "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/css/epub.css",
		"EPUB/text/cover.xhtml", "EPUB/text/statement-1.xhtml", "EPUB/text/statement-2.xhtml",
		"EPUB/text/contributors.xhtml",
	}},
}

func TestPackContainer(t *testing.T) {
	for _, tc := range packCases {
		t.Run(tc.name, func(t *testing.T) {
			data := renderPack(t, tc.pack(t), options(t))
			_, files, names := checkContainer(t, data, tc.files)
			// Every XML file is well-formed, and no id is used twice in
			// the whole publication.
			owner := make(map[string]string)
			for _, name := range names {
				content := files[name]
				if !strings.HasSuffix(name, ".xhtml") && !strings.HasSuffix(name, ".opf") && !strings.HasSuffix(name, ".xml") {
					continue
				}
				if err := wellFormed(content); err != nil {
					t.Errorf("%s is not well-formed XML: %v", name, err)
				}
				if !strings.HasSuffix(name, ".xhtml") {
					continue
				}
				for _, m := range idAttr.FindAllStringSubmatch(content, -1) {
					if prev, ok := owner[m[1]]; ok {
						t.Errorf("id %q is in %s and again in %s", m[1], prev, name)
					}
					owner[m[1]] = name
				}
			}
		})
	}
}

// navItem is one <li> of the navigation document's table of contents.
type navItem struct {
	Link struct {
		Type string `xml:"http://www.idpf.org/2007/ops type,attr"`
		Href string `xml:"href,attr"`
		Text string `xml:",chardata"`
	} `xml:"a"`
	Children []navItem `xml:"ol>li"`
}

type navDoc struct {
	Navs []struct {
		Type  string    `xml:"http://www.idpf.org/2007/ops type,attr"`
		Items []navItem `xml:"ol>li"`
	} `xml:"body>nav"`
}

func parseNav(t *testing.T, s string) navDoc {
	t.Helper()
	var n navDoc
	if err := xml.Unmarshal([]byte(s), &n); err != nil {
		t.Fatalf("nav.xhtml: %v", err)
	}
	return n
}

// targetExists reports whether href, relative to the package document,
// names a file of the publication and, with a fragment, an id in it.
func targetExists(files map[string]string, href string) bool {
	file, frag, _ := strings.Cut(href, "#")
	content, ok := files["EPUB/"+file]
	if !ok {
		return false
	}
	return frag == "" || strings.Contains(content, ` id="`+frag+`"`)
}

func TestPackNavigation(t *testing.T) {
	pe := englishPack()
	_, files := unpack(t, renderPack(t, pe, options(t)))
	nav := parseNav(t, files["EPUB/nav.xhtml"])
	if len(nav.Navs) != 2 || nav.Navs[0].Type != "toc" || nav.Navs[1].Type != "landmarks" {
		t.Fatalf("nav.xhtml has navs %+v, want toc then landmarks", nav.Navs)
	}

	// Level 1: the pack.
	toc := nav.Navs[0].Items
	if len(toc) != 1 || toc[0].Link.Href != "text/cover.xhtml" || toc[0].Link.Text != pe.Title {
		t.Fatalf("top level %+v, want the pack's title linking to the cover", toc)
	}
	// Level 2: each statement in order, then the contributors.
	var got []string
	for _, c := range toc[0].Children {
		got = append(got, c.Link.Href+" "+c.Link.Text)
	}
	want := []string{
		"text/statement-1.xhtml " + pe.Statements[0].Title,
		"text/statement-2.xhtml " + pe.Statements[1].Title,
		"text/statement-3.xhtml " + pe.Statements[2].Title,
		"text/contributors.xhtml Contributors",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("second level:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Level 3: a statement's sections, with their clauses under their
	// heading, and no entry for the lead-ins that introduce them; a
	// statement without headings lists its clauses directly.
	outline := func(items []navItem) string {
		var b strings.Builder
		var walk func([]navItem, string)
		walk = func(items []navItem, indent string) {
			for _, it := range items {
				b.WriteString(indent + it.Link.Href + " " + it.Link.Text + "\n")
				walk(it.Children, indent+"  ")
			}
		}
		walk(items, "")
		return b.String()
	}
	for i, wantOutline := range []string{
		"text/statement-1.xhtml#s1-decisions Decisions\n  text/statement-1.xhtml#s1-clause-1 1. Took note of the report OIC/CG/1\n" +
			"  text/statement-1.xhtml#s1-clause-2 2. Demanded that the parties\n  text/statement-1.xhtml#s1-clause-3 3. Decided to remain seized of the matter.\n" +
			"text/statement-1.xhtml#s1-follow-up Follow-up\n  text/statement-1.xhtml#s1-clause-4 4. Agreed to meet again.\n",
		"text/statement-2.xhtml#s2-decisions Decisions\n  text/statement-2.xhtml#s2-clause-1 1. Took note of the report OIC/CG/1\n" +
			"  text/statement-2.xhtml#s2-clause-2 2. Demanded that the parties\n  text/statement-2.xhtml#s2-clause-3 3. Decided to remain seized of the matter.\n" +
			"text/statement-2.xhtml#s2-follow-up Follow-up\n  text/statement-2.xhtml#s2-clause-4 4. Agreed to meet again.\n",
		"text/statement-3.xhtml#s3-clause-1 1. Circulated the report.\n",
		"text/contributors.xhtml#author-1 A. N. Other\ntext/contributors.xhtml#author-2 Dr Muhammad Tahir Tabassum\n",
	} {
		if got := outline(toc[0].Children[i].Children); got != wantOutline {
			t.Errorf("entries under %s:\n%swant:\n%s", toc[0].Children[i].Link.Href, got, wantOutline)
		}
	}
	// Every entry points at something that exists.
	var check func([]navItem)
	check = func(items []navItem) {
		for _, it := range items {
			if !targetExists(files, it.Link.Href) {
				t.Errorf("toc entry %q links to %s, which does not exist", it.Link.Text, it.Link.Href)
			}
			check(it.Children)
		}
	}
	check(toc)

	var landmarks []string
	for _, it := range nav.Navs[1].Items {
		l := it.Link
		landmarks = append(landmarks, l.Type+" "+l.Href)
		if !targetExists(files, l.Href) {
			t.Errorf("landmark %s links to %s, which does not exist", l.Type, l.Href)
		}
	}
	wantLandmarks := "cover text/cover.xhtml|toc nav.xhtml#toc|bodymatter text/statement-1.xhtml|backmatter text/contributors.xhtml"
	if strings.Join(landmarks, "|") != wantLandmarks {
		t.Errorf("landmarks %s, want %s", strings.Join(landmarks, "|"), wantLandmarks)
	}

	// A link to a heading stays within its own statement.
	if st := files["EPUB/text/statement-2.xhtml"]; !strings.Contains(st, `<a href="#s2-decisions">the decisions</a>`) {
		t.Error("statement 2's link to its heading does not point at its own heading")
	}
}

// packageDoc is the part of package.opf the tests read.
type packageDoc struct {
	Dir       string   `xml:"dir,attr"`
	Languages []string `xml:"metadata>language"`
	Meta      []struct {
		Property string `xml:"property,attr"`
		Value    string `xml:",chardata"`
	} `xml:"metadata>meta"`
	Items []struct {
		ID         string `xml:"id,attr"`
		Href       string `xml:"href,attr"`
		MediaType  string `xml:"media-type,attr"`
		Properties string `xml:"properties,attr"`
	} `xml:"manifest>item"`
	Spine struct {
		PPD   string `xml:"page-progression-direction,attr"`
		Items []struct {
			IDRef  string `xml:"idref,attr"`
			Linear string `xml:"linear,attr"`
		} `xml:"itemref"`
	} `xml:"spine"`
}

func parsePackage(t *testing.T, s string) packageDoc {
	t.Helper()
	var p packageDoc
	if err := xml.Unmarshal([]byte(s), &p); err != nil {
		t.Fatalf("package.opf: %v", err)
	}
	return p
}

func (p packageDoc) meta(property string) []string {
	var vs []string
	for _, m := range p.Meta {
		if m.Property == property {
			vs = append(vs, m.Value)
		}
	}
	return vs
}

func TestPackSpine(t *testing.T) {
	for _, tc := range packCases {
		t.Run(tc.name, func(t *testing.T) {
			pe := tc.pack(t)
			_, files := unpack(t, renderPack(t, pe, options(t)))
			opf := parsePackage(t, files["EPUB/package.opf"])
			href := make(map[string]string)
			for _, it := range opf.Items {
				href[it.ID] = it.Href
			}
			var got []string
			for _, it := range opf.Spine.Items {
				got = append(got, href[it.IDRef]+" "+it.Linear)
			}
			want := []string{"text/cover.xhtml "}
			for i := range pe.Statements {
				want = append(want, statementDocPath(i)+" ")
			}
			want = append(want, "text/contributors.xhtml ", "nav.xhtml no")
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("spine %v, want %v", got, want)
			}
			// Each statement document holds its own statement.
			for i, ed := range pe.Statements {
				if st := files["EPUB/"+statementDocPath(i)]; !strings.Contains(st, `id="s`+string(rune('1'+i))+`-title">`+xmlText(ed.Title)+"</h1>") {
					t.Errorf("%s does not hold %q", statementDocPath(i), ed.Title)
				}
			}
		})
	}
}

func TestPackDirection(t *testing.T) {
	for _, tc := range packCases {
		t.Run(tc.name, func(t *testing.T) {
			pe := tc.pack(t)
			_, files := unpack(t, renderPack(t, pe, options(t)))
			rtl := pe.Dir == doc.RTL
			for name, content := range files {
				if !strings.HasSuffix(name, ".xhtml") {
					continue
				}
				if got := strings.Contains(content, ` dir="rtl">`); got != rtl {
					t.Errorf("%s: <html dir=\"rtl\"> = %v in a %s pack", name, got, pe.Dir)
				}
			}
			opf := parsePackage(t, files["EPUB/package.opf"])
			if (opf.Spine.PPD == "rtl") != rtl || opf.Dir != string(pe.Dir) {
				t.Errorf("spine page-progression-direction %q, package dir %q in a %s pack", opf.Spine.PPD, opf.Dir, pe.Dir)
			}
			if opf.Languages[0] != pe.Lang {
				t.Errorf("first dc:language %q, want %q", opf.Languages[0], pe.Lang)
			}
			if strings.Contains(files["EPUB/css/epub.css"], "direction:") {
				t.Error("stylesheet sets direction")
			}
		})
	}

	// A statement that fell back to another language is marked as such.
	_, files := unpack(t, renderPack(t, draftPack(), options(t)))
	if !strings.Contains(files["EPUB/text/statement-2.xhtml"], `lang="fr" xml:lang="fr" dir="ltr">`) {
		t.Error("French statement in an English pack is not marked lang=fr")
	}
	if !strings.Contains(files["EPUB/package.opf"], "<dc:language>en</dc:language>\n<dc:language>fr</dc:language>\n") {
		t.Error("package does not list the statements' other language after the pack's")
	}
}

func TestPackCoverImage(t *testing.T) {
	pe := englishPack()
	pe.Logo = writePNG(t)
	logo, err := os.ReadFile(pe.Logo)
	if err != nil {
		t.Fatal(err)
	}
	_, files := unpack(t, renderPack(t, pe, options(t)))
	if files["EPUB/images/cover.png"] != string(logo) {
		t.Error("logo not embedded whole")
	}
	opf := files["EPUB/package.opf"]
	for _, want := range []string{
		`<item id="cover-image" href="images/cover.png" media-type="image/png" properties="cover-image"/>`,
		`<meta property="schema:accessMode">visual</meta>`,
		`<meta property="schema:accessibilityFeature">alternativeText</meta>`,
		summaryLogo,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %s", want)
		}
	}
	cover := files["EPUB/text/cover.xhtml"]
	for _, want := range []string{
		`<img src="../images/cover.png" alt="Organisation of Islamic Cooperation"/>`,
		`<p class="kind">Briefing pack</p>`,
		`<p class="issuer">Organisation of Islamic Cooperation</p>`,
		`<h1 class="title" id="cover-title">Briefing Pack on Jammu and Kashmir</h1>`,
		`<p class="subtitle" role="doc-subtitle">Statements of June 2020</p>`,
		`<p class="dateline">22 June 2020</p>`,
	} {
		if !strings.Contains(cover, want) {
			t.Errorf("cover.xhtml lacks %s", want)
		}
	}

	// Without a logo there is no image, and the metadata says so.
	_, files = unpack(t, renderPack(t, englishPack(), options(t)))
	for name := range files {
		if strings.HasPrefix(name, "EPUB/images/") {
			t.Errorf("pack without a logo holds %s", name)
		}
	}
	if strings.Contains(files["EPUB/text/cover.xhtml"], "<img") || strings.Contains(files["EPUB/package.opf"], "cover-image") ||
		strings.Contains(files["EPUB/package.opf"], ">visual<") {
		t.Error("pack without a logo has a cover image")
	}

	// An SVG logo keeps its media type unescaped.
	pe = englishPack()
	pe.Logo = writeSVG(t)
	_, files = unpack(t, renderPack(t, pe, options(t)))
	if want := `<item id="cover-image" href="images/cover.svg" media-type="image/svg+xml" properties="cover-image"/>`; !strings.Contains(files["EPUB/package.opf"], want) {
		t.Errorf("package.opf lacks %s", want)
	}
}

func TestPackMetadata(t *testing.T) {
	pe := englishPack()
	_, files := unpack(t, renderPack(t, pe, options(t)))
	opf := files["EPUB/package.opf"]
	for _, want := range []string{
		`<dc:identifier id="pub-id">` + packIdentifier(pe) + `</dc:identifier>`,
		`<dc:title id="title">Briefing Pack on Jammu and Kashmir</dc:title>`,
		`<dc:title id="subtitle">Statements of June 2020</dc:title>`,
		`<dc:creator id="creator">Organisation of Islamic Cooperation</dc:creator>`,
		"<dc:contributor>A. N. Other</dc:contributor>\n<dc:contributor>Dr Muhammad Tahir Tabassum</dc:contributor>\n",
		`<dc:date>2020-06-22</dc:date>`,
		`<meta property="dcterms:modified">2020-06-24T12:00:01Z</meta>`,
		`<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>`,
		`<meta property="schema:accessMode">textual</meta>`,
		`<meta property="schema:accessModeSufficient">textual</meta>`,
		`<meta property="schema:accessibilityHazard">none</meta>`,
		`<meta property="schema:accessibilitySummary" xml:lang="en">` + accessibilitySummary + `</meta>`,
		`<meta name="generator" content="polypress 0.1.0"/>`,
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package.opf lacks %s", want)
		}
	}
	if got := parsePackage(t, opf).meta("schema:accessibilityFeature"); strings.Join(got, " ") != strings.Join(textFeatures, " ") {
		t.Errorf("accessibility features %v, want %v", got, textFeatures)
	}
	au := files["EPUB/text/contributors.xhtml"]
	for _, want := range []string{
		`<h1 id="authors-title">Contributors</h1>`,
		`<h2 id="author-2-name">Dr Muhammad Tahir Tabassum</h2>`,
		`<p class="role">Founder and President, Institute of Peace and Development</p>`,
		`<p>Writes on <em>conflict resolution</em>.</p>`,
	} {
		if !strings.Contains(au, want) {
			t.Errorf("contributors.xhtml lacks %s", want)
		}
	}
	for i := range pe.Statements {
		if strings.Contains(files["EPUB/"+statementDocPath(i)], "About the authors") {
			t.Errorf("%s has its own biographies; the pack gathers them", statementDocPath(i))
		}
	}

	// The identifier depends on the pack and locale only, and is not a
	// statement's.
	ar := arabicPack()
	if packIdentifier(pe) == packIdentifier(ar) {
		t.Error("two locales of a pack share an identifier")
	}
	same := englishPack()
	same.Statements = same.Statements[:1]
	if packIdentifier(pe) != packIdentifier(same) {
		t.Error("identifier changed with the content")
	}
	st := englishEdition()
	st.ID = pe.ID
	if packIdentifier(pe) == identifier(st) {
		t.Error("a pack shares its identifier with a statement of the same ID")
	}

	// Draft: status metadata and a notice in every content document, in
	// each document's language.
	_, files = unpack(t, renderPack(t, draftPack(), options(t)))
	if !strings.Contains(files["EPUB/package.opf"], `<meta property="schema:creativeWorkStatus">Draft</meta>`) {
		t.Error("draft pack lacks creativeWorkStatus Draft")
	}
	for name, label := range map[string]string{
		"EPUB/text/cover.xhtml":        "Draft",
		"EPUB/text/statement-1.xhtml":  "Draft",
		"EPUB/text/statement-2.xhtml":  "Projet",
		"EPUB/text/contributors.xhtml": "Draft",
	} {
		if !strings.Contains(files[name], `<p class="draft-notice" role="note">`+label+`</p>`) {
			t.Errorf("draft pack's %s lacks the notice %q", name, label)
		}
	}
	_, files = unpack(t, renderPack(t, englishPack(), options(t)))
	if strings.Contains(files["EPUB/package.opf"], "creativeWorkStatus") || strings.Contains(files["EPUB/text/cover.xhtml"], "draft-notice") {
		t.Error("final pack is marked as a draft")
	}
}

func TestPackDeterministic(t *testing.T) {
	for _, tc := range packCases {
		t.Run(tc.name, func(t *testing.T) {
			pe := tc.pack(t)
			a := renderPack(t, pe, options(t))
			b := renderPack(t, tc.pack(t), options(t))
			if !bytes.Equal(a, b) {
				t.Fatal("two renders of the same pack differ")
			}
			zr, _ := unpack(t, a)
			for _, f := range zr.File {
				if got, want := f.Modified.UTC(), modified.Truncate(2e9); !got.Equal(want) || len(f.Extra) != 0 {
					t.Errorf("%s modified %v (extra %x), want %v and no extra field", f.Name, got, f.Extra, want)
				}
			}
			opts := options(t)
			opts.Modified = opts.Modified.Add(3 * time.Second)
			if bytes.Equal(a, renderPack(t, pe, opts)) {
				t.Fatal("Modified does not reach the output")
			}
		})
	}
}

func TestPackFonts(t *testing.T) {
	opts := options(t)
	opts.Fonts = []Font{{Family: "Test Sans", File: "TestSans.woff2", Data: []byte("wOF2 not really"), Lang: "ar"}}
	zr, files := unpack(t, renderPack(t, arabicPack(), opts))
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if !strings.Contains(strings.Join(names, " "), "EPUB/css/epub.css EPUB/css/fonts.css EPUB/fonts/TestSans.woff2 EPUB/text/cover.xhtml") {
		t.Errorf("fonts not embedded in order: %v", names)
	}
	if !strings.Contains(files["EPUB/package.opf"], `<item id="font-TestSans.woff2" href="fonts/TestSans.woff2" media-type="font/woff2"/>`) {
		t.Error("font not in the manifest")
	}
	for _, name := range []string{"EPUB/text/cover.xhtml", "EPUB/text/statement-1.xhtml", "EPUB/text/contributors.xhtml"} {
		if !strings.Contains(files[name], `href="../css/fonts.css"`) {
			t.Errorf("%s does not link fonts.css", name)
		}
	}
}

func TestPackErrors(t *testing.T) {
	dir := t.TempDir()
	notPNG := filepath.Join(dir, "logo.png")
	gif := filepath.Join(dir, "logo.gif")
	for _, p := range []string{notPNG, gif} {
		if err := os.WriteFile(p, []byte("GIF89a"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	change := func(f func(*doc.PackEdition)) *doc.PackEdition {
		pe := englishPack()
		f(pe)
		return pe
	}
	tests := []struct {
		name string
		pe   *doc.PackEdition
		opts func(Options) Options
		want string
	}{
		{"nil pack", nil, nil, "no pack"},
		{"no id", change(func(pe *doc.PackEdition) { pe.ID = "" }), nil, "no ID"},
		{"no title", change(func(pe *doc.PackEdition) { pe.Title = "\x00" }), nil, "no title"},
		{"bad language", change(func(pe *doc.PackEdition) { pe.Lang = "en_GB" }), nil, "BCP 47"},
		{"bad direction", change(func(pe *doc.PackEdition) { pe.Dir = "ttb" }), nil, `"ttb"`},
		{"no statements", change(func(pe *doc.PackEdition) { pe.Statements = nil }), nil, "no statements"},
		{"nil statement", change(func(pe *doc.PackEdition) { pe.Statements[1] = nil }), nil, "statement 2 is missing"},
		{"statement without title", change(func(pe *doc.PackEdition) { pe.Statements[2].Title = "" }), nil, "statement 3 (oic-note-2020.en): edition has no title"},
		{"no contents label", change(func(pe *doc.PackEdition) { pe.Labels.Contents = "" }), nil, "no Contents label"},
		{"no authors label", change(func(pe *doc.PackEdition) { pe.Labels.Authors = "" }), nil, "no Authors label"},
		{"no draft label", change(func(pe *doc.PackEdition) { pe.Draft = true; pe.Labels.Draft = "" }), nil, "no Draft label"},
		{"missing logo", change(func(pe *doc.PackEdition) { pe.Logo = filepath.Join(dir, "none.png") }), nil, "none.png"},
		{"logo type", change(func(pe *doc.PackEdition) { pe.Logo = gif }), nil, "extension is not"},
		{"logo content", change(func(pe *doc.PackEdition) { pe.Logo = notPNG }), nil, "content is not image/png"},
		{"zero modified", englishPack(), func(o Options) Options { o.Modified = time.Time{}; return o }, "Modified is zero"},
		{"css direction", englishPack(), func(o Options) Options { o.CSS = []byte("p{direction:rtl}"); return o }, "direction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := options(t)
			if tt.opts != nil {
				opts = tt.opts(opts)
			}
			var b bytes.Buffer
			err := RenderPack(&b, tt.pe, opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("RenderPack error = %v, want one containing %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "epub pack ") {
				t.Errorf("error %q does not name the pack", err)
			}
			if b.Len() != 0 {
				t.Errorf("RenderPack wrote %d bytes before failing", b.Len())
			}
		})
	}
	if err := RenderPack(io.Discard, englishPack(), options(t)); err != nil {
		t.Errorf("valid pack refused: %v", err)
	}
}

// TestPackValidators holds the packs to EPUBCheck and Ace: no error,
// warning or violation of any impact is accepted.
func TestPackValidators(t *testing.T) {
	if testing.Short() {
		t.Skip("runs EPUBCheck and Ace")
	}
	dir := t.TempDir()
	var paths []string
	for _, tc := range packCases {
		p := filepath.Join(dir, "pack-"+tc.name+".epub")
		if err := os.WriteFile(p, renderPack(t, tc.pack(t), options(t)), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	t.Run("EPUBCheck", func(t *testing.T) {
		validate.EPUBCheck(t, paths...)
	})
	for i, tc := range packCases {
		t.Run("Ace/"+tc.name, func(t *testing.T) {
			validate.Ace(t, paths[i])
		})
	}
}
