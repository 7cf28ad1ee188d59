package build

import (
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/internal/validate"
)

// The parallel sample editions: the OIC communiqué as English beside
// French and English beside Arabic, as make sample's second command
// builds them (with the communiqué's own editions again, the same bytes).
var parallelSamples = [][]string{{"en", "fr"}, {"en", "ar"}}

func parallelSampleConfig(out string) Config {
	return Config{Paths: samplePaths[:1], Parallel: parallelSamples, OutDir: out, Epoch: time.Unix(1593000000, 0).UTC()}
}

// officialRes is a parallel edition of the sample convention (articles,
// footnotes, tables, an annex, signatures), English beside Arabic, built
// with the samples into a folder of its own (its English edition links to
// no other language, unlike the sample's).
var officialRes *Result

func officialParallelConfig(out string) Config {
	return Config{Paths: []string{"../../samples/river-monitoring-convention-2021"}, OutDir: out, Locales: []string{"en"},
		Parallel: [][]string{{"en", "ar"}}, Epoch: time.Unix(1593000000, 0).UTC()}
}

// officialParallel is the parallel convention in format.
func officialParallel(format string) []Artifact {
	if officialRes == nil {
		return nil
	}
	var out []Artifact
	for _, a := range officialRes.Artifacts {
		if a.Format == format && len(a.Parallel) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// parallelArtifacts are the parallel editions of the sample build in
// format.
func parallelArtifacts(format string) []Artifact {
	if parallelRes == nil {
		return nil
	}
	var out []Artifact
	for _, a := range parallelRes.Artifacts {
		if a.Format == format && len(a.Parallel) > 0 {
			out = append(out, a)
		}
	}
	return out
}

func TestSampleParallelEditions(t *testing.T) {
	builtSamples(t)
	got := map[string]bool{}
	for _, a := range parallelRes.Artifacts {
		if len(a.Parallel) > 0 {
			got[filepath.Base(a.Path)] = true
			if want := strings.Join(a.Parallel, "-"); a.Locale != want || a.Title == "" {
				t.Errorf("%s: locale %q, title %q", a.Path, a.Locale, a.Title)
			}
		}
	}
	for _, set := range []string{"en-fr", "en-ar"} {
		for _, f := range []string{"pdf", "epub", "html"} {
			name := "oic-contact-group-2020." + set + "." + f
			if !got[name] {
				t.Errorf("the sample build did not write %s", name)
			}
		}
	}
}

// TestSampleParallelReproducible builds the parallel editions again and
// compares the bytes.
func TestSampleParallelReproducible(t *testing.T) {
	builtSamples(t)
	again := filepath.Join(t.TempDir(), "again")
	res, err := Build(parallelSampleConfig(again))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range res.Artifacts {
		first, err := os.ReadFile(filepath.Join(sampleDir, filepath.Base(a.Path)))
		if err != nil {
			t.Fatal(err)
		}
		second, _ := os.ReadFile(a.Path)
		if string(first) != string(second) {
			t.Errorf("%s differs between two builds", filepath.Base(a.Path))
		}
	}
}

// columnMarkers returns the clause numbers ("7.") that poppler finds at the
// start edge of the left and the right column of each page, by number:
// their word boxes. A clause number is a word of digits and a full stop at
// the leftmost place such words take in its column, hanging: the clause's
// text starts well after it ("2020." starting a line of text does not).
func columnMarkers(words []validate.Word, pages []validate.PageSize) [2]map[string]validate.Word {
	num := regexp.MustCompile(`^\d+\.$`)
	edge := [2]float64{math.Inf(1), math.Inf(1)}
	side := func(w validate.Word) int {
		if w.XMin > pages[w.Page-1].Width/2 {
			return 1
		}
		return 0
	}
	hangs := func(i int) bool {
		w := words[i]
		for _, n := range words[i+1:] {
			if n.Page == w.Page && math.Abs(n.YMin-w.YMin) < 0.5 && side(n) == side(w) {
				return n.XMin-w.XMax > 8
			}
		}
		return false
	}
	var marks []validate.Word
	for i, w := range words {
		if num.MatchString(w.Text) && hangs(i) {
			marks = append(marks, w)
			edge[side(w)] = math.Min(edge[side(w)], w.XMin)
		}
	}
	words = marks
	var out [2]map[string]validate.Word
	for i := range out {
		out[i] = map[string]validate.Word{}
	}
	for _, w := range words {
		if s := side(w); num.MatchString(w.Text) && math.Abs(w.XMin-edge[s]) < 1 {
			out[s][w.Text] = w
		}
	}
	return out
}

// TestSampleParallelClausesLevel measures, with pdftotext -bbox, where each
// clause number of the English and French communiqué stands: every
// clause number of each language is on the same page as the other's, at
// the same height (within 2 pt).
func TestSampleParallelClausesLevel(t *testing.T) {
	dir, _ := builtSamples(t)
	path := filepath.Join(dir, "oic-contact-group-2020.en-fr.pdf")
	words, pages := validate.PDFWords(t, path)
	m := columnMarkers(words, pages)
	var nums []string
	for n := range m[0] {
		nums = append(nums, n)
	}
	sort.Slice(nums, func(i, j int) bool {
		return len(nums[i]) < len(nums[j]) || len(nums[i]) == len(nums[j]) && nums[i] < nums[j]
	})
	if len(m[0]) != 24 || len(m[1]) != 24 {
		t.Fatalf("clause numbers found: English %d, French %d; want 24 each", len(m[0]), len(m[1]))
	}
	worst := 0.0
	for _, n := range nums {
		en, fr := m[0][n], m[1][n]
		d := math.Abs(en.YMin - fr.YMin)
		worst = math.Max(worst, d)
		t.Logf("clause %-3s page %d English %.2f French %.2f", n, en.Page, en.YMin, fr.YMin)
		if en.Page != fr.Page || d > 2 {
			t.Errorf("clause %s: English on page %d at %.2f pt, French on page %d at %.2f pt", n, en.Page, en.YMin, fr.Page, fr.YMin)
		}
	}
	t.Logf("24 clauses, largest difference %.2f pt", worst)
}

// TestSampleParallelRightToLeftLevel checks the English and Arabic
// communiqué by baselines (MuPDF's lines: poppler's word boxes reach as
// high as each font's ascent, which differ between Latin and Naskh):
// each clause number's line is on the same page and baseline in both
// columns, the Arabic on the right.
func TestSampleParallelRightToLeftLevel(t *testing.T) {
	dir, _ := builtSamples(t)
	path := filepath.Join(dir, "oic-contact-group-2020.en-ar.pdf")
	_, pages := validate.PDFWords(t, path)
	mid := pages[0].Width / 2
	num := regexp.MustCompile(`^\s*(\p{Nd}+)[\x{200e}\x{200f}]*\s*[.\-]`)
	cols := [2]map[int]validate.TextLine{{}, {}}
	for _, l := range validate.PDFLines(t, path) {
		m := num.FindStringSubmatch(l.Text)
		if m == nil {
			continue
		}
		n := 0
		for _, r := range m[1] {
			if r >= '٠' && r <= '٩' {
				r = '0' + r - '٠'
			}
			n = n*10 + int(r-'0')
		}
		s := 0
		if l.XMin > mid {
			s = 1
		}
		if _, dup := cols[s][n]; !dup {
			cols[s][n] = l
		}
	}
	for n := 1; n <= 24; n++ {
		en, ok1 := cols[0][n]
		ar, ok2 := cols[1][n]
		if !ok1 || !ok2 {
			t.Errorf("clause %d: found in English %v, in Arabic %v", n, ok1, ok2)
			continue
		}
		if en.Page != ar.Page || math.Abs(en.Baseline-ar.Baseline) > 0.5 {
			t.Errorf("clause %d: English baseline %.2f on page %d, Arabic %.2f on page %d", n, en.Baseline, en.Page, ar.Baseline, ar.Page)
		}
	}
}

// parallelSource is the body text of language lang of the OIC communiqué.
func parallelSource(t *testing.T, lang string) []string {
	t.Helper()
	st, err := Load(samplePaths[0])
	if err != nil {
		t.Fatal(err)
	}
	body, err := st.Body(lang)
	if err != nil {
		t.Fatal(err)
	}
	return validate.Words(bodyText(body))
}

// columnTexts is pdftotext's text of each column of a parallel PDF of two
// languages, cropped (-x -y -W -H) to the page's left or right half, by
// language: the right-to-left language is on the right.
func columnTexts(t *testing.T, a Artifact) map[string]string {
	t.Helper()
	_, pages := validate.PDFWords(t, a.Path)
	p := pages[0]
	half, height := int(math.Ceil(p.Width/2)), int(math.Ceil(p.Height))
	left, right := a.Parallel[0], a.Parallel[1]
	if left == "ar" {
		left, right = right, left
	}
	return map[string]string{
		left:  validate.PDFText(t, a.Path, "-x", "0", "-y", "0", "-W", fmt.Sprint(half), "-H", fmt.Sprint(height)),
		right: validate.PDFText(t, a.Path, "-x", fmt.Sprint(half), "-y", "0", "-W", fmt.Sprint(half), "-H", fmt.Sprint(height)),
	}
}

// TestSampleParallelColumnRecall crops each column of the parallel PDFs
// (pdftotext -x -y -W -H) and measures how much of its language's body
// text it gives back, in order: at least 98%.
func TestSampleParallelColumnRecall(t *testing.T) {
	builtSamples(t)
	for _, a := range parallelArtifacts("pdf") {
		for lang, text := range columnTexts(t, a) {
			rec := validate.Recall(parallelSource(t, lang), validate.Words(text))
			t.Logf("%s, %s column: recall %.3f", filepath.Base(a.Path), lang, rec)
			if rec < 0.98 {
				t.Errorf("%s: the %s column gives back %.1f%% of its text in order, want at least 98%%", filepath.Base(a.Path), lang, rec*100)
			}
		}
	}
}

// TestSampleParallelFourReaders: each of the four readers gives back each
// language's text, in order, with no private-use character: MuPDF, PDF.js
// and PDFium from whole pages (each reads a page's columns one after the
// other, as they are drawn), poppler from each column cropped. Poppler's
// reading order of a whole page takes the blocks of an English column and
// an Arabic one in turns and out of order (about 90% of the words in
// order), where English beside French reads well; a column cropped reads
// whole (TestSampleParallelColumnRecall).
func TestSampleParallelFourReaders(t *testing.T) {
	exs, _ := sampleExtractions(t)
	for _, a := range parallelArtifacts("pdf") {
		name := filepath.Base(a.Path)
		for _, r := range validate.Readers {
			texts := map[string]string{}
			for _, lang := range a.Parallel {
				texts[lang] = exs[a.Path].Text[r]
			}
			if r == validate.Poppler {
				texts = columnTexts(t, a)
			}
			for _, lang := range a.Parallel {
				got := texts[lang]
				if pua := validate.PrivateUse(got); len(pua) > 0 {
					t.Errorf("%s, %s: private-use characters %U", name, r, pua)
				}
				rec := validate.Recall(parallelSource(t, lang), validate.Words(got))
				t.Logf("%-36s %-7s %s %.3f", name, r, lang, rec)
				if rec < 0.98 {
					t.Errorf("%s, %s: %.1f%% of the %s words in order, want at least 98%%", name, r, rec*100, lang)
				}
			}
		}
	}
}

// TestSampleParallelTagged: the parallel PDFs are tagged PDF that passes
// the PDF/UA checks, and their structure tree reads each language whole,
// one after the other: the Document holds a Sect per language, in order,
// each with its /Lang, and poppler's and PDF.js's trees agree.
func TestSampleParallelTagged(t *testing.T) {
	exs, _ := sampleExtractions(t)
	for _, a := range parallelArtifacts("pdf") {
		t.Run(filepath.Base(a.Path), func(t *testing.T) {
			if info := validate.PDFInfo(t, a.Path); info["Tagged"] != "yes" {
				t.Errorf("Tagged: %q", info["Tagged"])
			}
			for _, f := range validate.PDFUA(t, a.Path) {
				t.Errorf("PDF/UA %s", f)
			}
			sect, items := validate.PDFSections(t, a.Path)
			var poppler []string
			for _, it := range items {
				p := it.Path
				if it.Object {
					p += "#"
				}
				poppler = append(poppler, p)
			}
			// PDF.js gives each page's part of the tree, poppler the
			// whole tree: the same content under the same elements, in
			// another order (the languages of each page in turn).
			pdfjs := validate.ContentPaths(exs[a.Path].Struct)
			sort.Strings(poppler)
			sort.Strings(pdfjs)
			if strings.Join(poppler, " ") != strings.Join(pdfjs, " ") {
				t.Errorf("poppler and PDF.js read different trees")
			}
			// The languages' sections, in the order their content comes.
			var langs []string
			var walk func(n *validate.StructNode)
			walk = func(n *validate.StructNode) {
				if n.Role == "Sect" && n.Lang != "" && (len(langs) == 0 || langs[len(langs)-1] != n.Lang) {
					langs = append(langs, n.Lang)
				}
				for _, c := range n.Children {
					walk(c)
				}
			}
			for _, tree := range exs[a.Path].Struct {
				if tree != nil {
					walk(tree)
				}
			}
			// Page by page PDF.js gives each page's part of the tree:
			// the languages alternate by page, each in order.
			for i, l := range langs {
				if want := a.Parallel[i%2]; l != want {
					t.Fatalf("sections' languages %v, want %v page after page", langs, a.Parallel)
				}
			}
			// Whole, poppler's tree is the first language, then the
			// second.
			first, second := strings.Builder{}, strings.Builder{}
			for _, it := range items {
				if !strings.HasPrefix(it.Path, "Document/Sect") {
					t.Fatalf("content outside the languages' sections: %s", it.Path)
				}
			}
			if len(sect) != 2 || sect[0].Type != "Sect" || sect[1].Type != "Sect" {
				t.Fatalf("%v under the Document, want two Sect", sect)
			}
			first.WriteString(sect[0].Text)
			second.WriteString(sect[1].Text)
			for i, s := range []string{first.String(), second.String()} {
				lang := a.Parallel[i]
				least := 0.98
				if lang == "ar" {
					// Poppler's -struct-text sets some marks apart from
					// their letters ("رح ّب").
					least = 0.9
				}
				if rec := validate.Recall(parallelSource(t, lang), validate.Words(s)); rec < least {
					t.Errorf("section %d gives back %.3f of the %s text in order", i+1, rec, lang)
				}
			}
		})
	}
}

// TestSampleParallelHTMLLinks: a parallel page's ids are unique, its links
// within the page lead to an element of it, and its links to other files
// lead to files the build wrote; each cell says its language and
// direction.
func TestSampleParallelHTMLLinks(t *testing.T) {
	dir, _ := builtSamples(t)
	idRE := regexp.MustCompile(` id="([^"]+)"`)
	hrefRE := regexp.MustCompile(`<(?:a|link)\b[^>]* href="([^"#:]*)(?:#([^"]*))?"`)
	for _, a := range parallelArtifacts("html") {
		data, err := os.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		page := string(data)
		ids := map[string]bool{}
		for _, m := range idRE.FindAllStringSubmatch(page, -1) {
			if ids[m[1]] {
				t.Errorf("%s: id %q twice", a.Path, m[1])
			}
			ids[m[1]] = true
		}
		for _, m := range hrefRE.FindAllStringSubmatch(page, -1) {
			switch {
			case m[1] == "" && !ids[html.UnescapeString(m[2])]:
				t.Errorf("%s: link to #%s, which is not on the page", a.Path, m[2])
			case m[1] != "":
				if _, err := os.Stat(filepath.Join(dir, m[1])); err != nil {
					t.Errorf("%s: link to %s, which the build did not write", a.Path, m[1])
				}
			}
		}
		if want := `<html lang="en" dir="ltr"`; !strings.Contains(page, want) {
			t.Errorf("%s does not start %s", a.Path, want)
		}
		second := a.Parallel[1]
		dir := map[bool]string{true: "rtl", false: "ltr"}[second == "ar"]
		if want := `<div class="cell slot-2" lang="` + second + `" dir="` + dir + `">`; !strings.Contains(page, want) {
			t.Errorf("%s lacks %s", a.Path, want)
		}
	}
}
