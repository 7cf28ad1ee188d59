// Package parallel makes parallel editions: one statement in two or three
// languages set side by side, each clause of one language level with the
// same clause of the others. It sits between localization and rendering:
//
//	Edition, Edition… ──parallel.New──▶ ParallelEdition ──render──▶ <id>.en-fr.pdf
//
// It decides what stands beside what: the rows of the edition. Only
// translations that align with their canonical statement (same clause
// tree, same headings: source.Align) are paired, so the clauses of every
// language correspond one to one; the unnumbered paragraphs around them,
// which the alignment check does not count, are paired one to one where
// the languages have as many, and as a group where they do not.
package parallel

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/polypress/polypress/pipeline/doc"
)

// MaxLanguages is the most languages a parallel edition sets side by side:
// three columns already need a landscape page.
const MaxLanguages = 3

// ParseSet reads a set of locales as written on the command line and in
// the project file, "en,fr": two or three BCP 47 tags, each once. The
// error says what is wrong and how to write it.
func ParseSet(s string) ([]string, error) {
	var set []string
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		t, err := language.Parse(f)
		if err != nil || t == language.Und || strings.Contains(f, "_") {
			return nil, fmt.Errorf("%q: %q is not a BCP 47 language tag (such as fr or fr-CA)", s, f)
		}
		for _, prev := range set {
			if language.Make(prev) == t {
				return nil, fmt.Errorf("%q names %s twice: a parallel edition sets different languages side by side", s, f)
			}
		}
		set = append(set, f)
	}
	switch {
	case len(set) < 2:
		return nil, fmt.Errorf("%q names %s: a parallel edition needs two or three languages, such as en,fr", s, count(len(set)))
	case len(set) > MaxLanguages:
		return nil, fmt.Errorf("%q names %d languages: a parallel edition sets at most %d side by side", s, len(set), MaxLanguages)
	}
	return set, nil
}

func count(n int) string {
	if n == 1 {
		return "one language"
	}
	return "no language"
}

// Name is the name of a parallel edition of locales in file names and
// manifests: the locales joined by "-" ("en-fr").
func Name(locales []string) string { return strings.Join(locales, "-") }

// New makes the parallel edition of eds, the editions of one statement in
// the languages asked, in order (the first is the main language). The
// editions must be of the same statement (the same id) in different
// languages, and their bodies aligned with the canonical statement; an
// error says which is not.
func New(eds []*doc.Edition) (*doc.ParallelEdition, error) {
	if len(eds) < 2 || len(eds) > MaxLanguages {
		return nil, fmt.Errorf("parallel: %d editions; a parallel edition has 2 to %d", len(eds), MaxLanguages)
	}
	pe := &doc.ParallelEdition{ID: eds[0].ID, Editions: eds}
	var locales []string
	for i, ed := range eds {
		if ed == nil {
			return nil, errors.New("parallel: no edition")
		}
		if ed.ID != pe.ID {
			return nil, fmt.Errorf("parallel: edition %s is of statement %q, edition %s of %q", eds[0].Locale, pe.ID, ed.Locale, ed.ID)
		}
		for _, prev := range eds[:i] {
			if prev.Lang == ed.Lang || prev.Source != nil && prev.Source == ed.Source {
				return nil, fmt.Errorf("parallel: the %s and %s editions show the same text (%s); set different languages side by side", prev.Locale, ed.Locale, sourcePath(ed))
			}
		}
		pe.Draft = pe.Draft || ed.Draft
		locales = append(locales, ed.Locale)
	}
	pe.Name = Name(locales)
	bodies := make([][]doc.Block, len(eds))
	for i, ed := range eds {
		bodies[i] = ed.Body
	}
	pe.Rows = Pair(bodies...)
	return pe, nil
}

func sourcePath(ed *doc.Edition) string {
	if ed.Source != nil {
		return ed.Source.Path
	}
	return ed.Lang
}

// item is a part of one body in reading order, with the key of the
// landmark it is, if any: a heading ("h3", the third), the lead-in of the
// list starting with clause n ("l7"), top-level clause n ("c7"), or annex
// n ("a2"). Keys name the same landmark in every language of an aligned
// statement.
type item struct {
	part doc.Part
	key  string
}

// items lists a body's parts in reading order.
func items(body []doc.Block) []item {
	var out []item
	headings := 0
	for _, b := range body {
		switch b := b.(type) {
		case *doc.Heading:
			headings++
			out = append(out, item{doc.Part{Block: b}, "h" + strconv.Itoa(headings)})
		case *doc.ClauseList:
			if b.LeadIn != nil {
				key := ""
				if len(b.Clauses) > 0 {
					key = "l" + strconv.Itoa(b.Clauses[0].Number)
				}
				out = append(out, item{doc.Part{List: b}, key})
			}
			for _, c := range b.Clauses {
				out = append(out, item{doc.Part{List: b, Clause: c}, "c" + strconv.Itoa(c.Number)})
			}
		case *doc.Annex:
			// An annex pairs with the annex of its number, whole: it
			// starts level, and its clauses, numbered afresh, are not
			// paired one by one.
			out = append(out, item{doc.Part{Block: b}, "a" + strconv.Itoa(b.Number)})
		default:
			out = append(out, item{doc.Part{Block: b}, ""})
		}
	}
	return out
}

// Pair divides bodies, the bodies of one statement in several languages,
// into rows. Landmarks that every body has (headings, lead-ins and
// top-level clauses) each start a row of their own, in the order all the
// bodies give them. Between two landmarks, the other parts (unnumbered
// paragraphs, quotations) stand one beside the other when every body has
// as many, and all together in one row when they do not, so that the next
// landmark still starts level.
func Pair(bodies ...[]doc.Block) []doc.ParallelRow {
	if len(bodies) == 0 {
		return nil
	}
	cols := make([][]item, len(bodies))
	for i, b := range bodies {
		cols[i] = items(b)
	}
	// The landmarks every body has, in an order every body keeps.
	common := keys(cols[0])
	for _, c := range cols[1:] {
		common = lcs(common, keys(c))
	}
	// Each body's position of each common landmark.
	at := make([][]int, len(cols))
	for i, c := range cols {
		j := 0
		for k, it := range c {
			if j < len(common) && it.key == common[j] {
				at[i] = append(at[i], k)
				j++
			}
		}
	}
	var rows []doc.ParallelRow
	between := func(lo []int, hi []int) {
		// The parts strictly between two landmarks, per body.
		groups := make([][]doc.Part, len(cols))
		same := true
		for i, c := range cols {
			for _, it := range c[lo[i]+1 : hi[i]] {
				groups[i] = append(groups[i], it.part)
			}
			same = same && len(groups[i]) == len(groups[0])
		}
		if same {
			for k := range groups[0] {
				row := doc.ParallelRow{Cells: make([][]doc.Part, len(cols))}
				for i := range cols {
					row.Cells[i] = []doc.Part{groups[i][k]}
				}
				rows = append(rows, row)
			}
			return
		}
		row := doc.ParallelRow{Cells: groups}
		rows = append(rows, row)
	}
	prev := make([]int, len(cols))
	for i := range prev {
		prev[i] = -1
	}
	for j := range common {
		hi := make([]int, len(cols))
		for i := range cols {
			hi[i] = at[i][j]
		}
		between(prev, hi)
		row := doc.ParallelRow{Cells: make([][]doc.Part, len(cols))}
		for i, c := range cols {
			row.Cells[i] = []doc.Part{c[hi[i]].part}
		}
		rows = append(rows, row)
		prev = hi
	}
	end := make([]int, len(cols))
	for i, c := range cols {
		end[i] = len(c)
	}
	between(prev, end)
	return rows
}

// keys lists the landmark keys of a body's items, in order.
func keys(its []item) []string {
	var out []string
	for _, it := range its {
		if it.key != "" {
			out = append(out, it.key)
		}
	}
	return out
}

// lcs is the longest common subsequence of a and b. Aligned bodies have the
// same landmarks in the same order, and the subsequence is all of them; a
// lead-in written in one language and not in another drops out.
func lcs(a, b []string) []string {
	if slices.Equal(a, b) {
		return a // aligned bodies: no table of len(a)×len(b) needed
	}
	n, m := len(a), len(b)
	t := make([][]int, n+1)
	for i := range t {
		t[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				t[i][j] = t[i+1][j+1] + 1
			case t[i+1][j] >= t[i][j+1]:
				t[i][j] = t[i+1][j]
			default:
				t[i][j] = t[i][j+1]
			}
		}
	}
	var out []string
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			out = append(out, a[i])
			i++
			j++
		case t[i+1][j] >= t[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}
