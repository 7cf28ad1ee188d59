package validate

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// recorder is a testing.TB that records failures and skips instead of
// acting on them, so that the checkers' own verdicts can be tested.
type recorder struct {
	testing.TB
	mu      sync.Mutex
	errors  []string
	skipped string
	fatal   bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.fatal = true
	runtime.Goexit()
}

func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// check runs fn against a recorder, in its own goroutine so that Fatalf
// and Skipf can stop it as they stop a test.
func check(t *testing.T, fn func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(r)
	}()
	<-done
	return r
}

func TestRequireMissingTool(t *testing.T) {
	const tool = "polypress-no-such-checker"
	isolateSkips(t)
	t.Setenv("CI", "")
	r := check(t, func(tb testing.TB) { Require(tb, tool) })
	if !strings.Contains(r.skipped, tool) || len(r.errors) != 0 {
		t.Errorf("outside CI: skipped %q, errors %q; want a skip naming the tool", r.skipped, r.errors)
	}
	t.Setenv("CI", "true")
	r = check(t, func(tb testing.TB) { Require(tb, tool) })
	if r.skipped != "" || !r.fatal || !strings.Contains(strings.Join(r.errors, ""), tool) {
		t.Errorf("in CI: skipped %q, errors %q; want a failure naming the tool", r.skipped, r.errors)
	}
}

// minimalPDF writes a one-page PDF showing text in Helvetica, with a
// correct cross-reference table, so that the poppler tools read it without
// complaint.
func minimalPDF(text string) []byte {
	content := fmt.Sprintf("BT /F1 24 Tf 72 720 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Title (Validate test) /Producer (polypress tests) >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestPDFTools(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hello.pdf")
	if err := os.WriteFile(path, minimalPDF("Hello polypress"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := PDFText(t, path); strings.TrimSpace(got) != "Hello polypress" {
		t.Errorf("PDFText = %q", got)
	}
	if got := PDFText(t, path, "-layout"); !strings.Contains(got, "Hello polypress") {
		t.Errorf("PDFText -layout = %q", got)
	}
	info := PDFInfo(t, path)
	if info["Pages"] != "1" || info["Title"] != "Validate test" || !strings.HasPrefix(info["Page size"], "595 x 842") {
		t.Errorf("PDFInfo = %q", info)
	}
	fonts := PDFFonts(t, path)
	want := []FontInfo{{Name: "Helvetica", Type: "Type 1", Encoding: "WinAnsi", Object: "4 0"}}
	if fmt.Sprint(fonts) != fmt.Sprint(want) {
		t.Errorf("PDFFonts = %+v, want %+v", fonts, want)
	}
}

func TestParsePDFFonts(t *testing.T) {
	out := `name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
ABCDEF+NotoSans-Regular              CID TrueType      Identity-H       yes yes yes      7  0
GHIJKL+NotoNastaliqUrdu-Regular-With-A-Very-Long-Name CID TrueType      Identity-H       yes yes no      12  0
[none]                               Type 3            Custom           yes no  no      20  0
`
	got, err := parsePDFFonts(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []FontInfo{
		{"ABCDEF+NotoSans-Regular", "CID TrueType", "Identity-H", true, true, true, "7 0"},
		{"GHIJKL+NotoNastaliqUrdu-Regular-With-A-Very-Long-Name", "CID TrueType", "Identity-H", true, true, false, "12 0"},
		{"[none]", "Type 3", "Custom", true, false, false, "20 0"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	for _, bad := range []string{"no table", "name\n---\nX TrueType Custom maybe yes yes 1 0\n", "name\n---\nshort row\n"} {
		if _, err := parsePDFFonts(bad); err == nil {
			t.Errorf("parsePDFFonts(%q) accepted", bad)
		}
	}
}

func TestAceViolations(t *testing.T) {
	report := `{"assertions":[
	 {"earl:testSubject":{"url":"text/a.xhtml"},"assertions":[
	  {"earl:test":{"dct:title":"document-title","earl:impact":"serious","dct:description":"Ensure a title"},
	   "earl:result":{"earl:outcome":"fail","dct:description":"No title","html":"<html>"}},
	  {"earl:test":{"dct:title":"ok-rule","earl:impact":"minor","dct:description":"fine"},
	   "earl:result":{"earl:outcome":"pass"}}]},
	 {"earl:testSubject":{"url":"package.opf"},"assertions":[
	  {"earl:test":{"dct:title":"metadata-accessmode","earl:impact":"moderate","dct:description":"Missing accessMode"},
	   "earl:result":{"earl:outcome":"fail"}}]}]}`
	got, err := aceViolations([]byte(report))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"text/a.xhtml: [serious] document-title: Ensure a title\n\tNo title\n\t<html>",
		"package.opf: [moderate] metadata-accessmode: Missing accessMode",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if _, err := aceViolations([]byte("not json")); err == nil {
		t.Error("aceViolations accepted a broken report")
	}
}

// epubEntry is one file of a test EPUB.
type epubEntry struct{ name, body string }

// writeEPUB zips entries into an EPUB file, mimetype first and stored.
func writeEPUB(t *testing.T, name string, entries ...epubEntry) string {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/epub+zip"))
	for _, e := range entries {
		w, _ := zw.Create(e.name)
		w.Write([]byte(e.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const epubContainer = `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`

// brokenEPUB is a container whose package document is missing.
func brokenEPUB(t *testing.T) string {
	return writeEPUB(t, "broken.epub", epubEntry{"META-INF/container.xml", epubContainer})
}

// goodEPUB is the smallest EPUB 3 that EPUBCheck and Ace pass: a package
// document with accessibility metadata, a navigation document and one
// page.
func goodEPUB(t *testing.T) string {
	const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="en">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:2f1d3c57-64a4-4a4e-9a51-0c1e8f1f7a10</dc:identifier>
<dc:title>Good</dc:title>
<dc:language>en</dc:language>
<meta property="dcterms:modified">2024-03-01T00:00:00Z</meta>
<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>
<meta property="schema:accessMode">textual</meta>
<meta property="schema:accessModeSufficient">textual</meta>
<meta property="schema:accessibilityFeature">tableOfContents</meta>
<meta property="schema:accessibilityHazard">none</meta>
<meta property="schema:accessibilitySummary">Text only, with a table of contents.</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="page" href="page.xhtml" media-type="application/xhtml+xml"/>
</manifest>
<spine><itemref idref="page"/></spine>
</package>
`
	const nav = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>Contents</title></head>
<body><nav epub:type="toc" role="doc-toc" aria-labelledby="toc"><h1 id="toc">Contents</h1><ol><li><a href="page.xhtml">Good</a></li></ol></nav></body>
</html>
`
	const page = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">
<head><title>Good</title></head>
<body><main><h1>Good</h1><p>A publication with nothing wrong.</p></main></body>
</html>
`
	return writeEPUB(t, "good.epub",
		epubEntry{"META-INF/container.xml", epubContainer},
		epubEntry{"EPUB/package.opf", opf},
		epubEntry{"EPUB/nav.xhtml", nav},
		epubEntry{"EPUB/page.xhtml", page})
}

// The checkers must pass a good publication and fail a broken one, each
// file on its own verdict although one server checks them all: a checker
// that cannot fail proves nothing, and one that carried a verdict over
// from the file before would prove nothing either.
func TestCheckersJudgeEachEPUB(t *testing.T) {
	if testing.Short() {
		t.Skip("runs EPUBCheck and Ace")
	}
	good, broken := goodEPUB(t), brokenEPUB(t)
	for _, tc := range []struct {
		name  string
		check func(testing.TB, ...string)
	}{{"EPUBCheck", EPUBCheck}, {"Ace", Ace}} {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, func(tb testing.TB) { tc.check(tb, broken, good, broken, good) })
			if r.skipped != "" {
				t.Skip(r.skipped)
			}
			t.Logf("%s:\n%s", tc.name, strings.Join(r.errors, "\n"))
			var onBroken int
			for _, e := range r.errors {
				switch {
				case strings.Contains(e, "good.epub"):
					t.Errorf("%s reported the good publication: %s", tc.name, e)
				case strings.Contains(e, "broken.epub"):
					onBroken++
				default:
					t.Errorf("%s reported a message naming no file: %s", tc.name, e)
				}
			}
			if onBroken < 2 {
				t.Errorf("%s reported %d messages on the two broken publications, want one each at least:\n%s", tc.name, onBroken, strings.Join(r.errors, "\n"))
			}
			if tc.name == "EPUBCheck" && !strings.Contains(strings.Join(r.errors, "\n"), "package.opf") {
				t.Errorf("EPUBCheck errors = %q; want one about the missing package.opf", r.errors)
			}
		})
	}
}
