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

// brokenEPUB is a container whose package document is missing.
func brokenEPUB(t *testing.T) string {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/epub+zip"))
	w, _ = zw.Create("META-INF/container.xml")
	w.Write([]byte(`<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "broken.epub")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The checkers must fail a broken publication: a checker that cannot fail
// proves nothing.
func TestCheckersRejectBrokenEPUB(t *testing.T) {
	if testing.Short() {
		t.Skip("runs EPUBCheck and Ace")
	}
	path := brokenEPUB(t)
	t.Run("EPUBCheck", func(t *testing.T) {
		Require(t, "java")
		r := check(t, func(tb testing.TB) { EPUBCheck(tb, path) })
		if r.skipped != "" {
			t.Skip(r.skipped)
		}
		if len(r.errors) == 0 || !strings.Contains(strings.Join(r.errors, "\n"), "package.opf") {
			t.Errorf("EPUBCheck errors = %q; want one about the missing package.opf", r.errors)
		}
	})
	t.Run("Ace", func(t *testing.T) {
		r := check(t, func(tb testing.TB) { Ace(tb, path) })
		if r.skipped != "" {
			t.Skip(r.skipped)
		}
		if len(r.errors) == 0 {
			t.Error("Ace accepted a publication without a package document")
		}
	})
}
