package build

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
	"github.com/polypress/polypress/pipeline/source"
)

// The sample statements, built once for all the checks below exactly as
// `make sample` builds them, and checked as a reader sees them.
var samplePaths = []string{"../../samples/oic-contact-group-2020", "../../samples/world-scripts", "../../samples/briefing-pack",
	"../../samples/river-monitoring-convention-2021", "../../samples/water-data-agreement-release-2021",
	"../../samples/universal-declaration-of-human-rights"}

var (
	sampleOnce sync.Once
	sampleDir  string
	sampleRes  *Result
	sampleErr  error
	// parallelRes is the build of the parallel sample editions, into
	// sampleDir too (see parallelSamples).
	parallelRes *Result
)

func builtSamples(t *testing.T) (string, *Result) {
	t.Helper()
	sampleOnce.Do(func() {
		dir, err := os.MkdirTemp("", "polypress-samples-")
		if err != nil {
			sampleErr = err
			return
		}
		sampleDir = filepath.Join(dir, "dist")
		sampleRes, sampleErr = Build(Config{Paths: samplePaths, OutDir: sampleDir, Epoch: time.Unix(1593000000, 0).UTC()})
		if sampleErr == nil {
			// The parallel editions, as make sample's second command
			// builds them.
			parallelRes, sampleErr = Build(parallelSampleConfig(sampleDir))
		}
		if sampleErr == nil {
			officialRes, sampleErr = Build(officialParallelConfig(filepath.Join(dir, "official")))
		}
	})
	if sampleErr != nil {
		t.Fatalf("building the samples: %v", sampleErr)
	}
	return sampleDir, sampleRes
}

// TestMain removes the sample build after the tests, and stops the
// checker servers (validate.Run).
func TestMain(m *testing.M) {
	code := validate.Run(m)
	if sampleDir != "" {
		os.RemoveAll(filepath.Dir(sampleDir))
	}
	os.Exit(code)
}

func artifacts(res *Result, format string) []Artifact {
	var out []Artifact
	for _, a := range res.Artifacts {
		if a.Format == format {
			out = append(out, a)
		}
	}
	return out
}

func TestSamplesBuildEveryEdition(t *testing.T) {
	_, res := builtSamples(t)
	want := map[string]bool{}
	for _, loc := range []string{"en", "fr", "ar", "ur"} {
		for _, f := range []string{"pdf", "epub", "html"} {
			want["oic-contact-group-2020."+loc+"."+f] = true
		}
	}
	for _, loc := range []string{"en", "fr", "ar"} {
		for _, f := range []string{"pdf", "epub", "html"} {
			want["oic-briefing-2020."+loc+"."+f] = true
			want["river-monitoring-convention-2021."+loc+"."+f] = true
		}
	}
	for _, loc := range []string{"en", "es"} {
		for _, f := range []string{"pdf", "epub", "html"} {
			want["water-data-agreement-release-2021."+loc+"."+f] = true
		}
	}
	// The declaration of 30 articles, in nine languages.
	for _, loc := range []string{"en", "fr", "es", "ar", "zh-Hans", "ru", "de", "hi", "fa"} {
		for _, f := range []string{"pdf", "epub", "html"} {
			want["universal-declaration-of-human-rights."+loc+"."+f] = true
		}
	}
	for _, a := range res.Artifacts {
		delete(want, strings.TrimSuffix(filepath.Base(a.Path), ""))
		if fi, err := os.Stat(a.Path); err != nil || fi.Size() != a.Bytes {
			t.Errorf("%s: on disk %v, reported %d bytes", a.Path, err, a.Bytes)
		}
	}
	for name := range want {
		t.Errorf("sample build did not write %s", name)
	}
}

func TestSamplesReproducible(t *testing.T) {
	dir, res := builtSamples(t)
	again := filepath.Join(t.TempDir(), "again")
	res2, err := Build(Config{Paths: samplePaths, OutDir: again, Epoch: time.Unix(1593000000, 0).UTC()})
	if err != nil {
		t.Fatal(err)
	}
	if len(res2.Artifacts) != len(res.Artifacts) {
		t.Fatalf("second build made %d artifacts, first %d", len(res2.Artifacts), len(res.Artifacts))
	}
	for _, a := range res.Artifacts {
		first, _ := os.ReadFile(a.Path)
		second, err := os.ReadFile(filepath.Join(again, filepath.Base(a.Path)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Errorf("%s differs between two builds of the same input", filepath.Base(a.Path))
		}
	}
	_ = dir
}

func TestSamplePDFFontsEmbedded(t *testing.T) {
	_, res := builtSamples(t)
	for _, a := range artifacts(res, "pdf") {
		fonts := validate.PDFFonts(t, a.Path)
		if len(fonts) == 0 {
			t.Errorf("%s: pdffonts lists no fonts", a.Path)
		}
		for _, f := range fonts {
			if !f.Embedded {
				t.Errorf("%s: font %s is not embedded", filepath.Base(a.Path), f.Name)
			}
			if !f.Subset || !f.Unicode {
				t.Errorf("%s: font %s: subset %v, ToUnicode %v; want both", filepath.Base(a.Path), f.Name, f.Subset, f.Unicode)
			}
		}
	}
}

// bidiControls are the marks poppler adds around right-to-left text; they
// are not part of the words.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0x200e && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0xad:
			return -1
		}
		return r
	}, s)
}

// words splits text into comparable words: letters, marks and digits, with
// punctuation and case dropped.
func words(s string) []string {
	s = strings.ToLower(stripControls(s))
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
	}) {
		if !strings.ContainsFunc(w, isIdeograph) {
			out = append(out, w)
			continue
		}
		// Chinese and Japanese write no spaces: each character is a word,
		// as in shared/tools/text_recall.py, so that a line break inside a
		// phrase does not count as a lost word.
		start := 0
		for i, r := range w {
			if isIdeograph(r) {
				if start < i {
					out = append(out, w[start:i])
				}
				out = append(out, string(r))
				start = i + utf8.RuneLen(r)
			}
		}
		if start < len(w) {
			out = append(out, w[start:])
		}
	}
	return out
}

func isIdeograph(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// lcs is the length of the longest common subsequence of a and b: the
// number of source words found in the extracted text in the same order.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// bodyText is the statement body as a reader should get it back: every
// paragraph, lead-in, clause, table cell and list item, in reading order
// (footnotes, which stand at the foot of their pages, are checked apart).
func bodyText(d *doc.Document) string {
	var b strings.Builder
	doc.EachInline(d.Body, func(in doc.Inline) { b.WriteString(in.Plain() + "\n") })
	return b.String()
}

// TestSamplePDFTextInOrder checks that copy and paste give the words back:
// pdftotext must return at least 98% of the body's words in order.
func TestSamplePDFTextInOrder(t *testing.T) {
	_, res := builtSamples(t)
	for _, a := range artifacts(res, "pdf") {
		t.Run(filepath.Base(a.Path), func(t *testing.T) {
			var src []string
			for _, path := range statementsOf(t, sampleFor(a)) {
				st, err := Load(path)
				if err != nil {
					t.Fatal(err)
				}
				body, err := st.Body(a.Locale)
				if err != nil {
					t.Fatal(err)
				}
				src = append(src, words(bodyText(body))...)
			}
			got := words(validate.PDFText(t, a.Path))
			n := lcs(src, got)
			ratio := float64(n) / float64(len(src))
			t.Logf("%d of %d source words in order (%.1f%%)", n, len(src), ratio*100)
			if ratio < 0.98 {
				t.Errorf("pdftotext returned %.1f%% of the source words in order, want at least 98%%", ratio*100)
			}
		})
	}
}

// statementsOf returns the statements a sample path builds: itself, or a
// pack's statements in order.
func statementsOf(t *testing.T, path string) []string {
	if !source.IsPack(path) {
		return []string{path}
	}
	pk, err := source.ParsePack(path)
	if err != nil {
		t.Fatal(err)
	}
	return pk.Statements
}

func sampleFor(a Artifact) string {
	for _, p := range samplePaths {
		id := filepath.Base(p)
		if source.IsPack(p) {
			if pk, err := source.ParsePack(p); err == nil {
				id = pk.ID
			}
		}
		if strings.HasPrefix(filepath.Base(a.Path), id+".") {
			return p
		}
	}
	return ""
}

// TestSampleClauseNumbersInOrder checks that the English communiqué prints
// its 24 clause numbers, in order, as text a reader can find.
func TestSampleClauseNumbersInOrder(t *testing.T) {
	dir, _ := builtSamples(t)
	txt := validate.PDFText(t, filepath.Join(dir, "oic-contact-group-2020.en.pdf"), "-layout")
	re := regexp.MustCompile(`(?m)^\s*(\d+)\.\s`)
	next := 1
	for _, m := range re.FindAllStringSubmatch(txt, -1) {
		if n, _ := strconv.Atoi(m[1]); n == next {
			next++
		}
	}
	if next != 25 {
		t.Errorf("clause numbers 1–24 in order: found up to %d", next-1)
	}
}

func TestSampleEPUBsValid(t *testing.T) {
	_, res := builtSamples(t)
	var paths []string
	for _, a := range artifacts(res, "epub") {
		paths = append(paths, a.Path)
	}
	// And the parallel editions (samples_parallel_test.go), in the same
	// runs of the checkers.
	for _, a := range append(parallelArtifacts("epub"), officialParallel("epub")...) {
		paths = append(paths, a.Path)
	}
	t.Run("EPUBCheck", func(t *testing.T) { validate.EPUBCheck(t, paths...) })
	t.Run("Ace", func(t *testing.T) { validate.Ace(t, paths...) })
}

// TestSampleHTMLValid runs the Nu HTML Checker and axe-core once each over
// every HTML edition of the samples, and checks that no page asks for
// anything outside its own file.
func TestSampleHTMLValid(t *testing.T) {
	_, res := builtSamples(t)
	var paths []string
	for _, a := range artifacts(res, "html") {
		paths = append(paths, a.Path)
	}
	if len(paths) != 22 {
		t.Fatalf("%d HTML editions, want 22", len(paths))
	}
	// And the parallel editions (samples_parallel_test.go), in the same
	// runs of the checkers.
	for _, a := range append(parallelArtifacts("html"), officialParallel("html")...) {
		paths = append(paths, a.Path)
	}
	t.Run("NuHTMLChecker", func(t *testing.T) {
		validate.NuHTML(t, paths...)
	})
	t.Run("axe-core", func(t *testing.T) {
		for _, p := range validate.AxeHTML(t, paths...) {
			if len(p.Requests) > 0 {
				t.Errorf("%s is not self-contained: it asked for %q", filepath.Base(p.Path), p.Requests)
			}
		}
	})
}

// TestSampleHTMLLinks follows every link of the HTML editions: ids are
// unique, links within a page lead to an element of it, and links to the
// other language editions lead to files the build wrote, each of which
// links back. Right-to-left editions say so on <html>.
func TestSampleHTMLLinks(t *testing.T) {
	dir, res := builtSamples(t)
	idRE := regexp.MustCompile(` id="([^"]+)"`)
	hrefRE := regexp.MustCompile(`<(?:a|link)\b[^>]* href="([^"#:]*)(?:#([^"]*))?"`)
	alternateRE := regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	links := map[string][]string{} // page → the editions it announces
	for _, a := range artifacts(res, "html") {
		name := filepath.Base(a.Path)
		data, err := os.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		page := string(data)
		ids := map[string]bool{}
		for _, m := range idRE.FindAllStringSubmatch(page, -1) {
			if ids[m[1]] {
				t.Errorf("%s: id %q is used twice", name, m[1])
			}
			ids[m[1]] = true
		}
		for _, m := range hrefRE.FindAllStringSubmatch(page, -1) {
			file, frag := m[1], m[2]
			switch {
			case file == "" && !ids[frag]:
				t.Errorf("%s: link to #%s, which is not on the page", name, frag)
			case file != "":
				if _, err := os.Stat(filepath.Join(dir, file)); err != nil {
					t.Errorf("%s: link to %s, which the build did not write", name, file)
				}
			}
		}
		for _, m := range alternateRE.FindAllStringSubmatch(page, -1) {
			if m[1] != "x-default" {
				links[name] = append(links[name], m[2])
			}
		}
		rtl := a.Locale == "ar" || a.Locale == "ur" || a.Locale == "fa"
		if want := fmt.Sprintf(`<html lang="%s" dir="%s"`, a.Locale, map[bool]string{true: "rtl", false: "ltr"}[rtl]); !strings.Contains(page, want) {
			t.Errorf("%s does not start %s", name, want)
		}
	}
	for page, alts := range links {
		if !slices.Contains(alts, page) {
			t.Errorf("%s does not list itself among its language editions %q", page, alts)
		}
		for _, other := range alts {
			if !slices.Contains(links[other], page) {
				t.Errorf("%s links to %s, which does not link back", page, other)
			}
		}
	}
	if got := len(links["oic-contact-group-2020.en.html"]); got != 4 {
		t.Errorf("the English communiqué announces %d editions, want 4 (en, ar, fr, ur)", got)
	}
}

// TestSampleHTMLTextInOrder checks that a web page gives the whole body
// back, in order, as a reader (or a search engine) reads its text.
func TestSampleHTMLTextInOrder(t *testing.T) {
	_, res := builtSamples(t)
	hidden := regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>`)
	tags := regexp.MustCompile(`<[^>]*>`)
	for _, a := range artifacts(res, "html") {
		t.Run(filepath.Base(a.Path), func(t *testing.T) {
			var src []string
			for _, path := range statementsOf(t, sampleFor(a)) {
				st, err := Load(path)
				if err != nil {
					t.Fatal(err)
				}
				body, err := st.Body(a.Locale)
				if err != nil {
					t.Fatal(err)
				}
				src = append(src, words(bodyText(body))...)
			}
			data, err := os.ReadFile(a.Path)
			if err != nil {
				t.Fatal(err)
			}
			text := html.UnescapeString(tags.ReplaceAllString(hidden.ReplaceAllString(string(data), " "), " "))
			if n := lcs(src, words(text)); n != len(src) {
				t.Errorf("the page gives back %d of the body's %d words in order", n, len(src))
			}
		})
	}
}
