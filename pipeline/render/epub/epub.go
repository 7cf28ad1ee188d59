// Package epub writes a doc.Edition as an EPUB 3 publication. It is the last
// stage of the EPUB branch of the polypress pipeline:
//
//	source files ──source.Parse──▶ Document ──localize──▶ Edition ──epub.Render──▶ .epub
//
// The packager is written on archive/zip and html/template rather than on a
// general EPUB library because an edition must be byte-for-byte
// reproducible and accessible: the libraries we measured order the
// manifest by map iteration, stamp dcterms:modified with the wall clock,
// leave lang and dir off <html>, cannot write accessibility metadata and
// title the navigation document in English whatever the edition's language.
//
// An edition becomes, in this fixed order:
//
//	mimetype                 stored, first, no extra fields
//	META-INF/container.xml
//	EPUB/package.opf         metadata, manifest, spine
//	EPUB/nav.xhtml           table of contents and landmarks
//	EPUB/css/epub.css        the layout's stylesheet (Options.CSS)
//	EPUB/css/fonts.css       @font-face rules, when fonts are embedded
//	EPUB/fonts/<File>        the embedded fonts, in Options.Fonts order
//	EPUB/images/logo.<ext>   the statement's logo, when it has one (the cover image)
//	EPUB/text/statement.xhtml  title block, statement body and footnotes
//	EPUB/text/authors.xhtml    the authors' biographies, when there are authors
//
// RenderPack writes a briefing pack (doc.PackEdition) the same way, with a
// cover, one statement document per statement and a contributors document;
// pack.go describes its layout.
//
// The navigation document is also in the spine, marked linear="no": the
// landmarks link to its table of contents, and EPUB allows links only to
// spine items.
//
// The package metadata carries the schema.org accessibility properties
// and the EPUB Accessibility 1.1 conformance claim ("EPUB Accessibility 1.1
// - WCAG 2.1 Level AA") that Ace by DAISY looks for. No a:certifiedBy is
// written: the claim is the publisher's own, and no one has certified it. A
// draft edition is marked with schema:creativeWorkStatus "Draft" (the
// schema: prefix is reserved in EPUB 3, so no prefix declaration is needed)
// as well as with a visible notice in each content document.
//
// Render never decides wording: every visible string comes from the
// Edition, whose localization already made labels, dates, digits and clause
// markers final. The few strings that no reader sees as content (the
// accessibility summary, which EPUB metadata conventionally gives in
// English) are written here.
package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha1"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/render/internal/markup"
)

// Font is a font file to embed in the publication. Reading systems cannot
// be relied on to have a font for every script (few have a Nastaliq face
// for Urdu), so a layout may ship its own.
type Font struct {
	// Family is the CSS font-family name the font is declared under.
	Family string
	// File is the file name inside the publication, e.g.
	// "NotoNastaliqUrdu-Regular.ttf". It must be a plain name of ASCII
	// letters, digits, '.', '-' and '_'; its extension gives the media type
	// (.ttf, .otf, .woff, .woff2).
	File string
	// Data is the font file's content.
	Data []byte
	// Lang, when set, makes the font the first choice for text in that
	// language: an html:lang(Lang) rule is generated for it.
	Lang string
}

// Options are the inputs to Render that do not come from the edition.
type Options struct {
	// CSS is the layout stylesheet, written as css/epub.css. It must not use
	// the CSS direction property, which EPUB forbids; direction comes from
	// dir attributes and the spine's page-progression-direction.
	CSS []byte
	// Fonts are embedded whole, in this order. Subsetting would save space
	// but must keep every glyph the font's shaping rules can reach (a
	// Nastaliq face substitutes glyphs by context), which a character-based
	// subset does not; fonts are therefore embedded as given.
	Fonts []Font
	// Modified is the publication's last-modification time, written as
	// dcterms:modified and as the date of every zip entry. The caller
	// derives it from SOURCE_DATE_EPOCH or the statement's date so that a
	// rebuild gives the same bytes; it must not be zero.
	Modified time.Time
	// Generator names the program in the metadata, e.g. "polypress 0.1.0".
	// It may be empty.
	Generator string
	// CoverBand, when set, is the colour of the band a pack's cover logo
	// stands on (the layout's cover.color), as on the PDF edition's
	// cover; the cover image is the logo on it.
	CoverBand *layout.Color
}

// Render writes ed as an EPUB 3 file to w. The same edition and options
// always give the same bytes.
func Render(w io.Writer, ed *doc.Edition, opts Options) error {
	files, err := build(ed, opts)
	return writeOrFail(w, files, err, opts, "epub "+editionName(ed))
}

// writeOrFail writes the container's files, or says what failed (what
// names the publication in messages); nothing is written after an error.
func writeOrFail(w io.Writer, files []file, err error, opts Options, what string) error {
	if err == nil {
		err = writeZip(w, files, opts.Modified)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func editionName(ed *doc.Edition) string {
	if ed == nil {
		return "<nil>"
	}
	return publicationName(ed.ID, ed.Locale)
}

// publicationName is "<id>.<locale>", or the id alone without a locale.
func publicationName(id, locale string) string {
	if locale == "" {
		return id
	}
	return id + "." + locale
}

// file is one entry of the zip container.
type file struct {
	name  string
	data  []byte
	store bool // written uncompressed
}

// Paths inside the container. Content documents live one folder below the
// package document so that relative links from text/ to css/ and fonts/ are
// the same in every document.
const (
	rootDir       = "EPUB"
	packagePath   = "package.opf"
	navPath       = "nav.xhtml"
	cssPath       = "css/epub.css"
	fontsCSSPath  = "css/fonts.css"
	fontDir       = "fonts"
	statementPath = "text/statement.xhtml"
	logoImageBase = "images/logo"
	authorsPath   = "text/authors.xhtml"
)

const containerXML = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="` + rootDir + "/" + packagePath + `" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`

// xmlDecl starts every XML file. It is written outside the templates
// because html/template escapes the "<?" of a processing instruction.
const xmlDecl = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// containerFiles are the files that open every EPUB container: the
// mimetype, stored first and uncompressed as OCF requires, and the
// container document that points at the package document.
func containerFiles() []file {
	return []file{
		{name: "mimetype", data: []byte("application/epub+zip"), store: true},
		{name: "META-INF/container.xml", data: []byte(containerXML)},
	}
}

// build checks the inputs and produces the container's files in their
// final order.
func build(ed *doc.Edition, opts Options) ([]file, error) {
	if ed == nil {
		return nil, errors.New("no edition")
	}
	ed = markup.CleanEdition(ed)
	if err := check(ed, opts); err != nil {
		return nil, err
	}
	var logo *logoFile
	if ed.Logo != "" {
		l, err := markup.ReadLogo(ed.Logo)
		if err != nil {
			return nil, err
		}
		logo = &logoFile{href: logoImageBase + l.Ext, mediaType: l.MediaType, data: l.Data}
	}
	v := newView(ed, opts, logo)

	files := containerFiles()
	add := func(name string, data []byte) {
		files = append(files, file{name: rootDir + "/" + name, data: data})
	}
	pkg, err := execute("package.opf", v.pkg)
	if err != nil {
		return nil, err
	}
	add(packagePath, pkg)
	nav, err := execute("nav.xhtml", v.nav)
	if err != nil {
		return nil, err
	}
	add(navPath, nav)
	if len(opts.CSS) > 0 {
		add(cssPath, opts.CSS)
	}
	if len(opts.Fonts) > 0 {
		add(fontsCSSPath, fontsCSS(opts.Fonts))
		for _, f := range opts.Fonts {
			add(fontDir+"/"+f.File, f.Data)
		}
	}
	if logo != nil {
		add(logo.href, logo.data)
	}
	st, err := execute("statement.xhtml", v.statement)
	if err != nil {
		return nil, err
	}
	add(statementPath, st)
	if v.authors != nil {
		au, err := execute("authors.xhtml", v.authors)
		if err != nil {
			return nil, err
		}
		add(authorsPath, au)
	}
	return files, nil
}

// execute renders the template named tmpl as an XML file.
func execute(tmpl string, data any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xmlDecl)
	if err := templates.ExecuteTemplate(&b, tmpl, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// fontMediaTypes are the font types EPUB 3.2 lists as core media types.
var fontMediaTypes = map[string]string{
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".woff":  "font/woff",
	".woff2": "font/woff2",
}

// check reports the first input that would make an invalid publication.
func check(ed *doc.Edition, opts Options) error {
	if err := checkStatement(ed); err != nil {
		return err
	}
	switch {
	case ed.Labels.Contents == "":
		return errors.New("edition has no Contents label, which titles the table of contents")
	case len(ed.Authors) > 0 && ed.Labels.AboutAuthors == "":
		return errors.New("edition has authors but no AboutAuthors label")
	case ed.Draft && ed.Labels.Draft == "":
		return errors.New("edition is a draft but has no Draft label to mark it with")
	}
	return checkOptions(opts)
}

// checkStatement reports the first field of ed, an edition to be rendered
// as a statement document, that would make an invalid publication.
func checkStatement(ed *doc.Edition) error {
	return markup.CheckPublication("edition", ed.ID, ed.Title, ed.Lang, ed.Dir)
}

// checkOptions reports the first option that would make an invalid
// publication.
func checkOptions(opts Options) error {
	if opts.Modified.IsZero() {
		return errors.New("Options.Modified is zero; set it from SOURCE_DATE_EPOCH or the statement date")
	}
	if forbiddenCSS.Match(cssComment.ReplaceAll(opts.CSS, []byte(" "))) {
		return errors.New("stylesheet sets direction or unicode-bidi, which EPUB forbids; direction comes from dir attributes")
	}
	seen := make(map[string]bool)
	for i, f := range opts.Fonts {
		switch {
		case f.Family == "":
			return fmt.Errorf("font %d (%s) has no family name", i+1, f.File)
		case !safeFileName(f.File):
			return fmt.Errorf("font file name %q must be a plain name of ASCII letters, digits, '.', '-' and '_'", f.File)
		case fontMediaTypes[strings.ToLower(path.Ext(f.File))] == "":
			return fmt.Errorf("font file %q: extension is not .ttf, .otf, .woff or .woff2", f.File)
		case len(f.Data) == 0:
			return fmt.Errorf("font file %q is empty", f.File)
		case seen[strings.ToLower(f.File)]:
			return fmt.Errorf("font file %q is given twice", f.File)
		case strings.ContainsAny(f.Family, "\"\\\n") || strings.ContainsAny(f.Lang, "()\"\\\n{};"):
			return fmt.Errorf("font %q: family or language holds characters CSS would need escaped", f.File)
		}
		seen[strings.ToLower(f.File)] = true
	}
	return nil
}

// forbiddenCSS matches a declaration of a property EPUB forbids
// (EPUBCheck CSS-001): direction and unicode-bidi must come from markup.
var forbiddenCSS = regexp.MustCompile(`(?:^|[\s;{])(?:direction|unicode-bidi)\s*:`)

// cssComment matches a CSS comment, which may mention a property freely.
var cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

func safeFileName(name string) bool {
	if name == "" || name[0] == '.' {
		return false
	}
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
		default:
			return false
		}
	}
	return true
}

// fontsCSS declares the embedded fonts and makes each the first choice for
// its language. The rule is on html:lang(), as the layout's language font
// rules are, so that it wins by coming later and every element inherits it,
// while the layout's own choices for particular elements (a monospace face
// for code) still apply.
func fontsCSS(fonts []Font) []byte {
	var b bytes.Buffer
	b.WriteString("/* Fonts embedded in this publication. */\n")
	for _, f := range fonts {
		fmt.Fprintf(&b, "\n@font-face {\n  font-family: \"%s\";\n  src: url(\"../%s/%s\");\n}\n", f.Family, fontDir, f.File)
	}
	// One rule per language, its fonts in the order given.
	var langs []string
	families := make(map[string][]string)
	for _, f := range fonts {
		if f.Lang == "" {
			continue
		}
		if _, ok := families[f.Lang]; !ok {
			langs = append(langs, f.Lang)
		}
		families[f.Lang] = append(families[f.Lang], `"`+f.Family+`"`)
	}
	for _, l := range langs {
		fmt.Fprintf(&b, "\nhtml:lang(%s) {\n  font-family: %s, serif;\n}\n", l, strings.Join(families[l], ", "))
	}
	return b.Bytes()
}

// writeZip writes the files as an OCF container. Every entry is written
// with CreateRaw, so that no entry has a data descriptor and the mimetype
// entry's local header is exactly what reading systems sniff for, and with
// the MS-DOS date fields set directly: zip.FileHeader.Modified would add an
// extended-timestamp extra field, which EPUBCheck rejects on the mimetype
// entry (PKG-005).
func writeZip(w io.Writer, files []file, mod time.Time) error {
	date, tm := dosTime(mod)
	zw := zip.NewWriter(w)
	for _, f := range files {
		fh := &zip.FileHeader{
			Name:               f.name,
			Method:             zip.Deflate,
			ModifiedDate:       date,
			ModifiedTime:       tm,
			CRC32:              crc32.ChecksumIEEE(f.data),
			UncompressedSize64: uint64(len(f.data)),
		}
		data := f.data
		if f.store {
			fh.Method = zip.Store
		} else {
			var b bytes.Buffer
			fw, err := flate.NewWriter(&b, flate.BestCompression)
			if err != nil {
				return err
			}
			if _, err := fw.Write(f.data); err != nil {
				return err
			}
			if err := fw.Close(); err != nil {
				return err
			}
			data = b.Bytes()
		}
		fh.CompressedSize64 = uint64(len(data))
		ew, err := zw.CreateRaw(fh)
		if err != nil {
			return err
		}
		if _, err := ew.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// dosTime converts t, in UTC, to MS-DOS date and time fields, clamped to
// the years they can hold (1980–2107). MS-DOS time counts seconds in twos.
func dosTime(t time.Time) (date, tm uint16) {
	t = t.UTC()
	switch {
	case t.Year() < 1980:
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	case t.Year() > 2107:
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, time.UTC)
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}

// projectNamespace is the UUID namespace of polypress identifiers: the
// version 5 UUID of the project's URL in the RFC 4122 URL namespace.
var projectNamespace = uuid5(uuidNamespaceURL, "https://github.com/polypress/polypress")

// uuidNamespaceURL is RFC 4122's name space for URLs.
var uuidNamespaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// uuid5 returns the RFC 4122 version 5 (SHA-1, name-based) UUID of name in
// namespace ns.
func uuid5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

func uuidString(u [16]byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// identifier is the publication's unique identifier. It is derived from the
// statement's ID and the edition's locale only, not from its content, so a
// corrected reissue of an edition keeps its identity and reading systems
// treat it as an update; dcterms:modified tells the releases apart.
func identifier(ed *doc.Edition) string {
	locale := ed.Locale
	if locale == "" {
		locale = ed.Lang
	}
	return "urn:uuid:" + uuidString(uuid5(projectNamespace, ed.ID+"/"+locale))
}
