package pdf

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/validate"
	"github.com/polypress/polypress/pipeline/text"
)

// lines makes n line boxes of height h (baseline at 0.8 h); keep marks
// them all as keeping with the next, else the first and next-to-last keep
// (no orphan, no widow), as composition does.
func plines(n int, h float64, keepAll bool) []box {
	out := make([]box, n)
	for i := range out {
		out[i] = box{height: h, baseline: 0.8 * h, line: &text.Line{}}
		out[i].keep = keepAll || n > 1 && (i == 0 || i == n-2)
	}
	return out
}

func space(h float64, keep bool) box { return box{height: h, space: true, keep: keep} }

func joinBoxes(parts ...[]box) []box {
	var out []box
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// checkPages checks what every pagination must give: each box of each
// column placed once, in order (only space dropped at a page top), no page
// taller than height unless it holds a single box that is, and every row
// starting on one page in all its columns.
func checkPages(t *testing.T, rows []prow, pages [][]placement, height float64) {
	t.Helper()
	next := make([][]int, len(rows))
	for r := range rows {
		next[r] = make([]int, len(rows[r].cols))
	}
	started := map[int]int{}
	for p, page := range pages {
		used, tallest := 0.0, 0.0
		for _, pl := range page {
			used += pl.height
			for k := range pl.from {
				bs := rows[pl.row].cols[k]
				for i := next[pl.row][k]; i < pl.from[k]; i++ {
					if !bs[i].space {
						t.Fatalf("page %d, row %d, column %d: box %d skipped", p, pl.row, k, i)
					}
				}
				if pl.to[k] < pl.from[k] {
					t.Fatalf("page %d, row %d, column %d: from %d to %d", p, pl.row, k, pl.from[k], pl.to[k])
				}
				if pl.to[k] > pl.from[k] {
					if s, ok := started[pl.row*10+k]; !ok {
						started[pl.row*10+k] = p
					} else if s > p {
						t.Fatalf("row %d column %d placed out of order", pl.row, k)
					}
				}
				for _, b := range bs[pl.from[k]:pl.to[k]] {
					tallest = max(tallest, b.height)
				}
				next[pl.row][k] = pl.to[k]
			}
		}
		if used > height+1e-6 && tallest <= height {
			t.Errorf("page %d is %.1f tall, more than %.1f", p, used, height)
		}
		// Each column's text ends above its footnotes, unless the page's
		// first line brings them (it takes them whatever room they need).
		for k := range rows[0].cols {
			bottom, y, notes, forced := 0.0, 0.0, 0.0, false
			for i, pl := range page {
				piece := rows[pl.row].cols[k][pl.from[k]:pl.to[k]]
				if len(piece) > 0 {
					bottom = y + pl.lead(k) + heights(piece)
					notes += noteHeight(piece)
					forced = forced || i == 0
				}
				y += pl.height
			}
			if notes > 0 && bottom+notes+noteGap > height+1e-6 && !forced && tallest <= height {
				t.Errorf("page %d, column %d: text to %.1f and %.1f of footnotes pass the page's %.1f", p, k, bottom, notes, height)
			}
		}
	}
	for r := range rows {
		first := -1
		for k, bs := range rows[r].cols {
			for i := next[r][k]; i < len(bs); i++ {
				if !bs[i].space {
					t.Fatalf("row %d column %d: boxes from %d on never placed", r, k, i)
				}
			}
			if p, ok := started[r*10+k]; ok {
				if first >= 0 && p != first {
					t.Errorf("row %d starts on page %d in one column and %d in another", r, first, p)
				}
				first = p
			}
		}
	}
}

func TestPaginateRowsWhole(t *testing.T) {
	rows := []prow{
		{cols: [][]box{joinBoxes(plines(3, 10, false), []box{space(5, false)}), joinBoxes(plines(4, 10, false), []box{space(5, false)})}},
		{cols: [][]box{plines(2, 10, false), plines(2, 10, false)}},
	}
	pages := paginateRows(rows, 100)
	checkPages(t, rows, pages, 100)
	if len(pages) != 1 || len(pages[0]) != 2 {
		t.Fatalf("%d pages, want 1 with both rows", len(pages))
	}
	if h := pages[0][0].height; h != 45 {
		t.Errorf("the first row is %.1f tall, want 45: its taller column", h)
	}
}

func TestPaginateRowsAlignsFirstBaselines(t *testing.T) {
	tall := plines(2, 16, false) // Naskh lines are taller: baseline 12.8
	rows := []prow{{cols: [][]box{plines(2, 10, false), tall}}}
	pl := paginateRows(rows, 100)[0][0]
	if math.Abs(pl.pad[0]-4.8) > 1e-9 || pl.pad[1] != 0 {
		t.Errorf("pads %v, want [4.8 0]: the first baselines level", pl.pad)
	}
	if pl.height != 32 {
		t.Errorf("height %.1f, want 32", pl.height)
	}
}

func TestPaginateRowsSplitsWithKeepRules(t *testing.T) {
	rows := []prow{
		{cols: [][]box{plines(4, 10, false), plines(4, 10, false)}},
		{cols: [][]box{plines(5, 10, false), plines(8, 10, false)}},
	}
	pages := paginateRows(rows, 75) // 4 lines, then room for 3
	checkPages(t, rows, pages, 75)
	if len(pages) != 2 {
		t.Fatalf("%d pages, want 2", len(pages))
	}
	sp := pages[0][1]
	if sp.row != 1 {
		t.Fatalf("page 1 ends with row %d, want the second row cut", sp.row)
	}
	for k, to := range sp.to {
		if to < 2 {
			t.Errorf("column %d: %d lines on the first page, want at least two (no orphan)", k, to)
		}
		if rows[1].cols[k][to-1].keep {
			t.Errorf("column %d breaks after a line that keeps with the next", k)
		}
	}
}

func TestPaginateRowsKeepsHeadingWithNextRow(t *testing.T) {
	heading := joinBoxes(plines(1, 12, true), []box{space(4, true)})
	rows := []prow{
		{cols: [][]box{joinBoxes(plines(6, 10, false), []box{space(5, false)}), joinBoxes(plines(6, 10, false), []box{space(5, false)})}},
		{cols: [][]box{heading, heading}},
		{cols: [][]box{plines(3, 10, false), plines(3, 10, false)}},
	}
	// The heading fits the first page, with one line of the next row:
	// neither may be left there alone.
	pages := paginateRows(rows, 81)
	checkPages(t, rows, pages, 81)
	if len(pages) != 2 || len(pages[0]) != 1 || pages[1][0].row != 1 {
		t.Fatalf("pages %v: want the heading to start the second page", describePages(pages))
	}
}

func TestPaginateRowsLeadInKeepsAcrossSpace(t *testing.T) {
	// "Demanded that India:" keeps with its first sub-clause, a row of
	// its own, across the space after it.
	head := joinBoxes(plines(1, 10, true), []box{space(5, false)})
	rows := []prow{
		{cols: [][]box{plines(5, 10, false), plines(5, 10, false)}},
		{cols: [][]box{head, head}},
		{cols: [][]box{plines(4, 10, false), plines(4, 10, false)}},
	}
	pages := paginateRows(rows, 70)
	checkPages(t, rows, pages, 70)
	if pages[0][len(pages[0])-1].row == 1 {
		t.Errorf("pages %v: the lead-in is left at the foot of the first page", describePages(pages))
	}
}

func TestPaginateRowsChainTallerThanPage(t *testing.T) {
	rows := []prow{
		{cols: [][]box{plines(30, 10, true), plines(12, 10, true)}},
		{cols: [][]box{plines(3, 10, false), plines(3, 10, false)}},
	}
	pages := paginateRows(rows, 100)
	checkPages(t, rows, pages, 100)
	if len(pages) != 4 {
		t.Errorf("%d pages, want 4 (30 kept lines cut every 10, then the next row)", len(pages))
	}
}

func TestPaginateRowsBoxTallerThanPage(t *testing.T) {
	rows := []prow{{cols: [][]box{{{height: 300, line: &text.Line{}}}, plines(2, 10, false)}}}
	pages := paginateRows(rows, 100)
	checkPages(t, rows, pages, 100)
}

func TestPaginateRowsEmptyColumnsAndRows(t *testing.T) {
	rows := []prow{
		{cols: [][]box{nil, nil}},
		{cols: [][]box{plines(3, 10, false), nil}},
		{cols: [][]box{{space(10, false)}, {space(10, false)}}},
		{cols: [][]box{nil, plines(3, 10, false)}},
	}
	pages := paginateRows(rows, 100)
	checkPages(t, rows, pages, 100)
	if len(pages) != 1 {
		t.Errorf("%d pages, want 1", len(pages))
	}
	if len(paginateRows(nil, 100)) != 1 {
		t.Error("no rows make no page; want one empty page")
	}
}

// TestPaginateRowsRandom checks the invariants on random rows: paragraphs
// of random lengths and heights, headings, lead-ins, kept chains, empty
// cells, footnotes, annexes, two and three columns and page heights from
// a few lines up.
func TestPaginateRowsRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(17))
	for range 400 {
		n := 2 + rng.Intn(2)
		height := float64(30 + rng.Intn(300))
		var rows []prow
		for range 1 + rng.Intn(12) {
			r := prow{cols: make([][]box, n)}
			kind := rng.Intn(6)
			for k := range r.cols {
				h := float64(9 + rng.Intn(9))
				switch kind {
				case 0: // a heading
					r.cols[k] = joinBoxes([]box{space(8, false)}, plines(1+rng.Intn(2), h, true), []box{space(4, true)})
				case 1: // an empty cell now and then
					if rng.Intn(2) == 0 {
						r.cols[k] = plines(1+rng.Intn(6), h, false)
					}
				case 2: // a kept chain
					r.cols[k] = plines(1+rng.Intn(40), h, true)
				case 3: // a footnote on a line
					bs := plines(2+rng.Intn(10), h, false)
					r.cols[k] = withNote(bs, rng.Intn(len(bs)), 1+rng.Intn(3), 8)
				default:
					r.cols[k] = joinBoxes(plines(1+rng.Intn(25), h, false), []box{space(6, rng.Intn(4) == 0)})
				}
				if kind == 4 && k == 0 && len(r.cols[k]) > 0 {
					r.cols[k][0].breakBefore = true // an annex
				}
			}
			rows = append(rows, r)
		}
		pages := paginateRows(rows, height)
		checkPages(t, rows, pages, height)
		if t.Failed() {
			t.Fatalf("rows of %d columns, page height %.0f: %s", n, height, describePages(pages))
		}
	}
}

func describePages(pages [][]placement) string {
	var b strings.Builder
	for i, p := range pages {
		if i > 0 {
			b.WriteString(" | ")
		}
		for _, pl := range p {
			b.WriteString(" r")
			b.WriteString(string(rune('0' + pl.row)))
		}
	}
	return b.String()
}

// frenchEdition is edition() in French, by hand.
func frenchEdition(clauses []string) *doc.Edition {
	ed := edition(false, clauses)
	ed.Locale, ed.Lang = "fr", "fr"
	ed.Title, ed.Issuer, ed.DateLine = "Une déclaration sur les essais", "Bureau des essais", "Genève, le 22 juin 2020"
	ed.Labels.PageOf = func(p, n int) string { return fmt.Sprintf("Page %d sur %d", p, n) }
	ed.Body[1].(*doc.ClauseList).LeadIn = para("La réunion :")
	return ed
}

// arabicEdition is edition() in Arabic, lead-in and clause numbers
// ("١ -", as locales/ar.toml writes them) included.
func arabicEdition(clauses []string) *doc.Edition {
	ed := edition(true, clauses)
	l := ed.Body[1].(*doc.ClauseList)
	l.LeadIn = para("إن الاجتماع:")
	for _, c := range l.Clauses {
		c.Label = string(rune('٠'+c.Number)) + " -"
	}
	return ed
}

var (
	englishClauses = []string{
		"Took note of the recent developments and expressed deep concern over the worsening situation since the unilateral actions of 5 August 2019.",
		"Welcomed the statement issued by the Secretary General affirming that the position of the Organisation is governed by its Charter.",
		"Regretted that the missions have not been allowed to visit.",
	}
	frenchClauses = []string{
		"A pris note des faits nouveaux survenus récemment et s’est déclarée profondément préoccupée par la détérioration de la situation depuis les mesures unilatérales du 5 août 2019, qui ont été dénoncées à maintes reprises par les États membres.",
		"S’est félicitée de la déclaration du Secrétaire général, qui a affirmé que la position de l’Organisation est régie par sa Charte.",
		"A regretté que les missions n’aient pas été autorisées à se rendre sur place, malgré les demandes répétées de la Commission et du Secrétariat.",
	}
	arabicClauses = []string{
		"أحاط علماً بالتطورات الأخيرة، وأعرب عن قلقه البالغ إزاء تدهور الوضع منذ الإجراءات الأحادية الجانب في 5 أغسطس 2019.",
		"رحّب بالبيان الصادر عن الأمين العام الذي أكد فيه أن موقف المنظمة يحكمه ميثاقها.",
		"أعرب عن أسفه لعدم السماح للبعثات بالزيارة.",
	}
)

// parallelEdition pairs editions as pipeline/parallel does for aligned
// bodies: row by row.
func parallelEdition(eds ...*doc.Edition) *doc.ParallelEdition {
	pe := &doc.ParallelEdition{ID: eds[0].ID, Editions: eds}
	var names []string
	for _, ed := range eds {
		names = append(names, ed.Locale)
	}
	pe.Name = strings.Join(names, "-")
	for i := range eds[0].Body {
		if cl, ok := eds[0].Body[i].(*doc.ClauseList); ok {
			row := doc.ParallelRow{}
			for _, ed := range eds {
				row.Cells = append(row.Cells, []doc.Part{{List: ed.Body[i].(*doc.ClauseList)}})
			}
			pe.Rows = append(pe.Rows, row)
			for j := range cl.Clauses {
				row := doc.ParallelRow{}
				for _, ed := range eds {
					l := ed.Body[i].(*doc.ClauseList)
					row.Cells = append(row.Cells, []doc.Part{{List: l, Clause: l.Clauses[j]}})
				}
				pe.Rows = append(pe.Rows, row)
			}
			continue
		}
		row := doc.ParallelRow{}
		for _, ed := range eds {
			row.Cells = append(row.Cells, []doc.Part{{Block: ed.Body[i]}})
		}
		pe.Rows = append(pe.Rows, row)
	}
	return pe
}

func renderParallel(t *testing.T, pe *doc.ParallelEdition, opts Options) (string, []byte, Result) {
	t.Helper()
	var buf bytes.Buffer
	res, err := RenderParallel(&buf, pe, opts)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), pe.ID+"."+pe.Name+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes(), res
}

// clauseMarkers returns, for each column (left first), the words that
// are clause numbers ("2.") at the column's start edge, by number: their
// page and top.
func clauseMarkers(words []validate.Word, lefts []float64) []map[string]validate.Word {
	out := make([]map[string]validate.Word, len(lefts))
	for i := range out {
		out[i] = map[string]validate.Word{}
	}
	isNum := regexp.MustCompile(`^\d+\.$`)
	for _, w := range words {
		if !isNum.MatchString(w.Text) {
			continue
		}
		for i, l := range lefts {
			if math.Abs(w.XMin-l) < 1 {
				out[i][w.Text] = w
			}
		}
	}
	return out
}

func TestParallelClausesStartLevel(t *testing.T) {
	en := edition(false, englishClauses)
	fr := frenchEdition(frenchClauses)
	path, _, res := renderParallel(t, parallelEdition(en, fr), testOptions(t, "briefing"))
	words, pages := validate.PDFWords(t, path)
	if len(pages) != res.Pages {
		t.Fatalf("pdftotext sees %d pages, the renderer says %d", len(pages), res.Pages)
	}
	// The columns' start edges: the leftmost clause number on each side.
	mid := pages[0].Width / 2
	lefts := []float64{math.Inf(1), math.Inf(1)}
	for _, w := range words {
		if regexp.MustCompile(`^\d+\.$`).MatchString(w.Text) {
			side := 0
			if w.XMin > mid {
				side = 1
			}
			lefts[side] = math.Min(lefts[side], w.XMin)
		}
	}
	m := clauseMarkers(words, lefts)
	if len(m[0]) != 3 || len(m[1]) != 3 {
		t.Fatalf("clause numbers found: English %v, French %v; want 3 each", m[0], m[1])
	}
	for n, e := range m[0] {
		f := m[1][n]
		if e.Page != f.Page || math.Abs(e.YMin-f.YMin) > 0.5 {
			t.Errorf("clause %s: English on page %d at %.1f, French on page %d at %.1f", n, e.Page, e.YMin, f.Page, f.YMin)
		}
	}
	// The French clauses are longer: the English ones are padded, so
	// clause 2 starts lower than it would alone.
	if m[0]["2."].YMin-m[0]["1."].YMin < 40 {
		t.Errorf("clause 2 starts %.1f below clause 1; the longer French clause 1 should push it down", m[0]["2."].YMin-m[0]["1."].YMin)
	}
}

func TestParallelStructureReadsEachLanguageWhole(t *testing.T) {
	en := edition(false, englishClauses)
	ar := arabicEdition(arabicClauses)
	path, _, _ := renderParallel(t, parallelEdition(ar, en), testOptions(t, "briefing"))
	for _, f := range validate.PDFUA(t, path) {
		t.Errorf("PDF/UA %s", f)
	}
	var sects []string
	secs, _ := validate.PDFSections(t, path)
	for _, s := range secs {
		sects = append(sects, s.Text)
	}
	if len(sects) != 2 {
		t.Fatalf("%d sections under the Document, want 2 (Arabic, then English)", len(sects))
	}
	for i, want := range []struct {
		ed    *doc.Edition
		other *doc.Edition
	}{{ar, en}, {en, ar}} {
		src := validate.Words(want.ed.Title + " " + strings.Join(map[bool][]string{true: arabicClauses, false: englishClauses}[want.ed.Dir == doc.RTL], " "))
		// Poppler's -struct-text sets some Arabic marks apart from
		// their letters ("رح ّب"), which the recall counts as other
		// words: that costs the Arabic section a few per cent.
		least := 0.98
		if want.ed.Dir == doc.RTL {
			least = 0.9
		}
		if rec := validate.Recall(src, validate.Words(sects[i])); rec < least {
			t.Errorf("section %d gives back %.3f of the %s text in order", i+1, rec, want.ed.Lang)
		}
		if strings.Contains(sects[i], want.other.Title) {
			t.Errorf("section %d (%s) holds the %s title", i+1, want.ed.Lang, want.other.Lang)
		}
	}
	// Each column's section carries its language; the document's is the
	// first language's.
	info := validate.PDFInfo(t, path)
	if info["Tagged"] != "yes" {
		t.Errorf("Tagged: %q", info["Tagged"])
	}
	raw, _ := os.ReadFile(path)
	for _, want := range []string{"/S/Sect/P", "/Lang(ar)", "/Lang(en)"} {
		if !bytes.Contains(raw, []byte(want)) {
			t.Errorf("the file has no %s", want)
		}
	}
}

func TestParallelRightToLeftOnTheRight(t *testing.T) {
	en := edition(false, englishClauses)
	ar := arabicEdition(arabicClauses)
	for _, order := range [][]*doc.Edition{{en, ar}, {ar, en}} {
		path, _, _ := renderParallel(t, parallelEdition(order...), testOptions(t, "briefing"))
		words, pages := validate.PDFWords(t, path)
		mid := pages[0].Width / 2
		for _, w := range words {
			if w.YMin > pages[0].Height-60 || w.YMin < 60 {
				continue // running heads and page numbers
			}
			arabic := strings.IndexFunc(w.Text, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) >= 0
			latin := strings.IndexFunc(w.Text, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) >= 0
			if arabic && w.XMax < mid || latin && !arabic && w.XMin > mid {
				t.Errorf("%s first: %q at x %.0f–%.0f, on the wrong side of %.0f", order[0].Lang, w.Text, w.XMin, w.XMax, mid)
				break
			}
		}
	}
}

// clauseBaselines returns, for each column (from the left, split at
// bounds), the baseline of each clause number's line by number, from
// MuPDF's lines: "2." starting a line in a left-to-right column, "2"
// (in any digits) then a mark in a right-to-left one.
func clauseBaselines(lines []validate.TextLine, bounds []float64) []map[int]validate.TextLine {
	out := make([]map[int]validate.TextLine, len(bounds)+1)
	for i := range out {
		out[i] = map[int]validate.TextLine{}
	}
	num := regexp.MustCompile(`^\s*(\p{Nd}+)[\x{200e}\x{200f}]*\s*[.\-]`)
	for _, l := range lines {
		m := num.FindStringSubmatch(l.Text)
		if m == nil {
			continue
		}
		n := 0
		for _, r := range m[1] {
			n = n*10 + int(r-'0')
			if r >= '٠' && r <= '٩' {
				n += int('0' - '٠')
			}
		}
		col := 0
		for col < len(bounds) && l.XMin > bounds[col] {
			col++
		}
		if _, dup := out[col][n]; !dup {
			out[col][n] = l
		}
	}
	return out
}

func TestParallelThreeLanguagesOnALandscapePage(t *testing.T) {
	en := edition(false, englishClauses)
	fr := frenchEdition(frenchClauses)
	ar := arabicEdition(arabicClauses)
	opts := testOptions(t, "briefing")
	path, first, _ := renderParallel(t, parallelEdition(en, fr, ar), opts)
	_, pages := validate.PDFWords(t, path)
	p := pages[0]
	if p.Width < p.Height {
		t.Errorf("page %.0f × %.0f; three languages want a landscape page", p.Width, p.Height)
	}
	// The middles of the gutters.
	lay := opts.Layout
	gutter := float64(lay.Parallel.Gutter)
	w := (p.Width - float64(lay.Margins.Start+lay.Margins.End) - 2*gutter) / 3
	x := float64(lay.Margins.Start) + w + gutter/2
	cols := clauseBaselines(validate.PDFLines(t, path), []float64{x, x + w + gutter})
	for k, c := range cols {
		if len(c) != 3 {
			t.Fatalf("column %d: clause numbers %v, want 1 to 3", k+1, c)
		}
	}
	for n, l := range cols[0] {
		for k := 1; k < 3; k++ {
			if o := cols[k][n]; o.Page != l.Page || math.Abs(o.Baseline-l.Baseline) > 0.5 {
				t.Errorf("clause %d: column 1's baseline at %.2f on page %d, column %d's at %.2f on page %d", n, l.Baseline, l.Page, k+1, o.Baseline, o.Page)
			}
		}
	}
	_, again, _ := renderParallel(t, parallelEdition(en, fr, ar), testOptions(t, "briefing"))
	if !bytes.Equal(first, again) {
		t.Error("two renderings of the same parallel edition differ")
	}
}

// withNote gives box i of bs a footnote of n lines of height h.
func withNote(bs []box, i, n int, h float64) []box {
	bs[i].notes = [][]box{plines(n, h, false)}
	return bs
}

// TestPaginateRowsFootnotes: each column's footnotes take room at the foot
// of the page under that column only; a line whose footnote does not fit
// goes to the next page with it.
func TestPaginateRowsFootnotes(t *testing.T) {
	// Page 100: the left column's third line brings a 3-line note (30,
	// and 12 for the rule above it), so at most 5 of its lines fit; the
	// right column has none and takes all 8.
	rows := []prow{{cols: [][]box{withNote(plines(6, 10, false), 2, 3, 10), plines(8, 10, false)}}}
	pages := paginateRows(rows, 100)
	checkPages(t, rows, pages, 100)
	first := pages[0][0]
	if first.to[0] > 5 || first.to[1] != 8 {
		t.Errorf("first page holds lines [:%d] and [:%d], want at most 5 on the left (its note takes 42 points) and all 8 on the right", first.to[0], first.to[1])
	}
	// A note too tall for what is left sends its line on, with the lines
	// the keep rules hold to it.
	rows = []prow{
		{cols: [][]box{plines(6, 10, false), plines(6, 10, false)}},
		{cols: [][]box{withNote(plines(2, 10, false), 0, 4, 10), plines(2, 10, false)}},
	}
	pages = paginateRows(rows, 100)
	checkPages(t, rows, pages, 100)
	if len(pages) != 2 || pages[1][0].row != 1 {
		t.Errorf("pages %s: the row whose note does not fit should open the second page", describePages(pages))
	}
	if got := pageNotes(rows, pages[1], 2); got[0] != 40 || got[1] != 0 {
		t.Errorf("notes on the second page %v, want [40 0]", got)
	}
	// A line whose note is taller than any page still goes on a page, at
	// its top, and nothing is lost.
	rows = []prow{{cols: [][]box{withNote(plines(2, 10, false), 1, 12, 10), plines(9, 10, false)}}}
	pages = paginateRows(rows, 60)
	checkPages(t, rows, pages, 60)
}

// TestPaginateRowsAnnexOpensPage: a row whose first box breaks the page
// (an annex) starts a page, even with room left.
func TestPaginateRowsAnnexOpensPage(t *testing.T) {
	annex := plines(2, 10, true)
	annex[0].breakBefore = true
	rows := []prow{
		{cols: [][]box{plines(2, 10, false), plines(2, 10, false)}},
		{cols: [][]box{annex, annex}},
	}
	pages := paginateRows(rows, 200)
	checkPages(t, rows, pages, 200)
	if len(pages) != 2 {
		t.Errorf("pages %s: the annex should open a page", describePages(pages))
	}
}

// TestPaginateRowsRepeatsTableHeader: a table cut by a page break has its
// header row repeated at the top of the next page, in its column.
func TestPaginateRowsRepeatsTableHeader(t *testing.T) {
	header := box{height: 15, cells: []cell{{}}, keep: true}
	table := []box{header}
	for range 12 {
		table = append(table, box{height: 10, cells: []cell{{}}, head: &header})
	}
	rows := []prow{{cols: [][]box{table, plines(3, 10, false)}}}
	pages := paginateRows(rows, 80)
	checkPages(t, rows, pages, 80)
	if len(pages) < 2 {
		t.Fatalf("pages %s", describePages(pages))
	}
	second := pages[1][0]
	if second.head[0] == nil || !second.head[0].repeat || second.head[1] != nil {
		t.Errorf("the second page's heads %v: want the table's header repeated in its column only", second.head)
	}
	if h := second.lead(0) + heights(rows[0].cols[0][second.from[0]:second.to[0]]); h > 80 {
		t.Errorf("the second page's table part is %.0f tall with its header, more than the page", h)
	}
}

// TestScoper: a column's anchors and the links within the document that
// lead to them are put under its language.
func TestScoper(t *testing.T) {
	l := &text.Line{Runs: []text.Run{{Style: text.Style{Link: "#fn-3"}}, {Style: text.Style{Link: "https://example.org/"}}}}
	note := box{anchor: "fn-3", line: &text.Line{}}
	bs := []box{{anchor: "clause-4", line: l, notes: [][]box{{note}}}, {line: l}}
	scoper{prefix: "fr/", seen: map[*text.Line]bool{}}.boxes(bs)
	if bs[0].anchor != "fr/clause-4" || bs[0].notes[0][0].anchor != "fr/fn-3" {
		t.Errorf("anchors %q, %q", bs[0].anchor, bs[0].notes[0][0].anchor)
	}
	// The line is shared by two boxes: its links are scoped once.
	if l.Runs[0].Style.Link != "#fr/fn-3" || l.Runs[1].Style.Link != "https://example.org/" {
		t.Errorf("links %q, %q", l.Runs[0].Style.Link, l.Runs[1].Style.Link)
	}
}
