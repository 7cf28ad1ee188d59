package pdf

import (
	"math"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
)

const bioText = "Leila Haddad, professor of virology, has coordinated the Network of Public Health " +
	"Laboratories since 2019. She led the regional response to three outbreaks, chaired the " +
	"committee that wrote the network's sample-sharing rules, and advises the ministers on " +
	"preparedness. She studied in Rabat and Geneva and has published widely on emerging viruses."

// keepEdition is a statement with a heading, clauses with sub-clauses and
// two authors with biographies of several lines.
func keepEdition() *doc.Edition {
	ed := edition(false, []string{
		"Took note of the report presented by the laboratories and welcomed their work during the pandemic.",
		"Demanded that the parties:",
		"Decided to remain seized of the matter and to meet again before the end of the year.",
	})
	list := ed.Body[1].(*doc.ClauseList)
	for i, l := range []string{"(a)", "(b)", "(c)"} {
		list.Clauses[1].Subs = append(list.Clauses[1].Subs, &doc.Clause{Depth: 2, Number: i + 1, Label: l,
			Body: []doc.Block{para("share the sequences of viral genomes and the data that describe them within fourteen days;")}})
	}
	ed.Body = append([]doc.Block{&doc.Heading{Key: "context", Text: doc.Inline{{Text: "Context"}}}}, ed.Body...)
	ed.Authors = []*doc.Author{
		{Name: "Pr Leila Haddad", Role: "Coordinator of the laboratory network", Bio: []*doc.Paragraph{para(bioText), para("She lives in Tunis, where she teaches at the Pasteur Institute and chairs its ethics board. She is a member of the scientific council of the regional office for the Eastern Mediterranean.")}},
		{Name: "Dr Omar Siddiqui", Role: "Rapporteur", Bio: []*doc.Paragraph{para(bioText + " " + bioText)}},
	}
	return ed
}

// kind names a box for these tests: "heading", "lead-in", "name", "role", "bio",
// "rule", "line" or "space".
func kind(b box, ed *doc.Edition) string {
	switch {
	case b.space:
		return "space"
	case b.rule:
		return "rule"
	case b.line == nil:
		return "other"
	}
	t := b.line.Text()
	for _, a := range ed.Authors {
		switch {
		case t == a.Name:
			return "name"
		case t == a.Role:
			return "role"
		}
	}
	for _, blk := range ed.Body {
		if l, ok := blk.(*doc.ClauseList); ok && l.LeadIn != nil && t == l.LeadIn.Text.Plain() {
			return "lead-in"
		}
	}
	if strings.HasSuffix(t, ":") {
		return "lead-in" // "Demanded that the parties:" before its sub-clauses
	}
	if b.tag != nil && strings.HasPrefix(b.tag.typ, "H") {
		return "heading"
	}
	if b.tag != nil && b.tag.parent != nil && b.tag.parent.typ == "Sect" && b.tag.parent.title == ed.Labels.AboutAuthors {
		return "bio"
	}
	return "line"
}

// TestKeepRules paginates a statement at every page height from 150 to
// 700 points and checks each break: no page ends with a heading, a lead-in, the
// rule above the authors, an author's name or role; an author's
// biography keeps its first three lines with the name and leaves at least
// three lines on each page when it breaks. Pagination may break a kept
// chain only when the chain is taller than the page.
func TestKeepRules(t *testing.T) {
	for _, name := range []string{"briefing", "letter"} {
		opts := testOptions(t, name)
		ed := keepEdition()
		boxes := newComposer(ed, opts.Layout, opts.Shaper).compose()
		least := opts.Layout.Keep.AuthorLines
		if least != 3 {
			t.Fatalf("%s: keep.author_lines = %d", name, least)
		}
		kinds := make([]string, len(boxes))
		for i, b := range boxes {
			kinds[i] = kind(b, ed)
		}
		// bioOf[i] is the author whose biography box i is in, and its
		// line number there; bioLen the lines of each.
		bioOf, bioLine := make([]int, len(boxes)), make([]int, len(boxes))
		var bioLen []int
		author := -1
		for i, k := range kinds {
			bioOf[i] = -1
			switch k {
			case "name":
				author++
				bioLen = append(bioLen, 0)
			case "bio":
				bioLen[author]++
				bioOf[i], bioLine[i] = author, bioLen[author]
			}
		}
		if author != 1 || bioLen[0] < 2*least || bioLen[1] < 2*least {
			t.Fatalf("%s: biographies of %v lines", name, bioLen)
		}
		for h := 150.0; h <= 700; h += 3 {
			pages := paginate(boxes, h, testNoteGap)
			at := 0
			for p, pg := range pages[:len(pages)-1] {
				n := len(pg.boxes)
				// The box the page ends with, and the next one.
				last := at + n - 1
				for j := last + 1; j < len(boxes) && boxes[j].space; j++ {
					at++
				}
				at += n
				chain := 0.0
				for j := last; j >= 0 && boxes[j].keep; j-- {
					chain += boxes[j].height
				}
				if chain+boxes[last].height > h {
					continue // a kept chain taller than the page
				}
				k := kinds[last]
				switch {
				case k == "heading" || k == "lead-in" || k == "rule" || k == "name" || k == "role":
					t.Errorf("%s, %v pt pages: page %d ends with the %s %q", name, h, p+1, k, boxText(boxes[last]))
				case bioOf[last] >= 0:
					a := bioOf[last]
					if before, after := bioLine[last], bioLen[a]-bioLine[last]; after > 0 && (before < least || after < least) {
						t.Errorf("%s, %v pt pages: page %d breaks author %d's biography %d lines in, %d after", name, h, p+1, a+1, before, after)
					}
				}
			}
		}
	}
}

func boxText(b box) string {
	if b.line == nil {
		return ""
	}
	return b.line.Text()
}

// TestClauseSpacing: a clause's text is as close to its sub-clauses as
// they are to each other, and the clause after the list is as far from
// it as clauses are from each other.
func TestClauseSpacing(t *testing.T) {
	opts := testOptions(t, "briefing")
	ed := keepEdition()
	c := newComposer(ed, opts.Layout, opts.Shaper)
	boxes := c.compose()
	// The space above each line that starts a clause or sub-clause.
	above := map[string]float64{}
	gap := 0.0
	for _, b := range boxes {
		if b.space {
			gap += b.height
			continue
		}
		if b.marker != nil {
			above[b.marker.Text()] = gap
		}
		gap = 0
	}
	clauses, subs := opts.Layout.Body.ParagraphSpace, c.subclauseSpace()
	if subs >= clauses {
		t.Fatalf("sub-clause space %v, clause space %v", subs, clauses)
	}
	for label, want := range map[string]float64{"2.": clauses, "(a)": subs, "(b)": subs, "(c)": subs, "3.": clauses} {
		if got, ok := above[label]; !ok || math.Abs(got-want) > 1e-9 {
			t.Errorf("%s: %v pt above, want %v", label, got, want)
		}
	}

}

// TestTableKeeps paginates a clause whose sentence introduces a table of
// four rows at every page height: the sentence never ends a page without
// the table, and a page break leaves at least two body rows on either
// side, as a paragraph's lines.
func TestTableKeeps(t *testing.T) {
	opts := testOptions(t, "briefing")
	ed := keepEdition()
	cell := func(s string) *doc.Cell { return &doc.Cell{Text: doc.Inline{{Text: s}}} }
	tbl := &doc.Table{Header: []*doc.Cell{cell("Party"), cell("Share")}}
	for _, p := range []string{"Karavia", "Velmora", "Ostrava", "Belgor"} {
		tbl.Rows = append(tbl.Rows, []*doc.Cell{cell(p), cell("25 per cent")})
	}
	list := ed.Body[2].(*doc.ClauseList)
	intro := "The costs shall be shared according to the following scale:"
	list.Clauses[2].Body = []doc.Block{para(intro), tbl}
	boxes := newComposer(ed, opts.Layout, opts.Shaper).compose()
	at, first := -1, -1
	for i, b := range boxes {
		if b.line != nil && b.line.Text() == intro {
			at = i
		}
		if b.cells != nil && first < 0 && at >= 0 {
			first = i // the header row
		}
	}
	if at < 0 || first < 0 {
		t.Fatalf("no introducing line (%d) or table (%d)", at, first)
	}
	for h := 150.0; h <= 700; h += 3 {
		n := 0
		var rows []int // body rows of the table on each page that has some
		for p, pg := range paginate(boxes, h, testNoteGap) {
			body, own := 0, 0
			for _, b := range pg.boxes {
				if b.repeat {
					continue
				}
				own++
				if b.cells != nil {
					body++
				}
			}
			if body > 0 {
				rows = append(rows, body)
			}
			end := n + own - 1
			if end == at {
				t.Errorf("%v pt pages: page %d ends with the sentence that introduces the table", h, p+1)
			}
			n = end + 1
			for n < len(boxes) && boxes[n].space {
				n++
			}
		}
		if len(rows) > 1 && (rows[0]-1 < 2 || rows[len(rows)-1] < 2) {
			t.Errorf("%v pt pages: the table's rows by page, header included, %v: fewer than two body rows on a page", h, rows)
		}
	}
}

// TestNoHyphenAtPageEnd paginates a hyphenated statement at every page
// height from 150 to 700 points: no page ends on a line broken by a hyphen
// unless the break could go nowhere else (a kept chain taller than the
// page), and with keep.hyphen_at_page_end some pages do, which shows the
// rule is what keeps them from it.
func TestNoHyphenAtPageEnd(t *testing.T) {
	opts := testOptions(t, "briefing")
	ed := keepEdition()
	ed.Authors = nil
	// English as its locale file sets it.
	ed.Conventions.Typography.Hyphenation = "en-gb"
	ed.Conventions.Typography.HyphenLeft, ed.Conventions.Typography.HyphenRight = 2, 3
	ed.Conventions.Typography.HyphenLadder = 2
	for i := 0; i < 4; i++ {
		ed.Body = append(ed.Body, para(bioText+" "+bioText))
	}
	ends := func(allow bool) (hyphenated, pages int) {
		lay := *opts.Layout
		lay.Keep.HyphenAtPageEnd = allow
		boxes := newComposer(ed, &lay, opts.Shaper).compose()
		lines := 0
		for _, b := range boxes {
			if b.line != nil && b.line.Hyphenated() {
				lines++
			}
		}
		if lines < 5 {
			t.Fatalf("only %d hyphenated lines to test with", lines)
		}
		for h := 150.0; h <= 700; h += 3 {
			ps := paginate(boxes, h, testNoteGap)
			for _, pg := range ps[:len(ps)-1] {
				pages++
				last := pg.boxes[len(pg.boxes)-1]
				if last.line == nil || !last.line.Hyphenated() {
					continue
				}
				hyphenated++
				if !allow {
					t.Errorf("page height %.0f: a page ends on %q", h, last.line.Text())
				}
			}
		}
		return hyphenated, pages
	}
	if n, pages := ends(false); n > 0 {
		t.Errorf("%d of %d pages end on a hyphenated line", n, pages)
	}
	if n, pages := ends(true); n == 0 {
		t.Errorf("with keep.hyphen_at_page_end, none of %d pages ends on a hyphenated line: the test shows nothing", pages)
	}
}
