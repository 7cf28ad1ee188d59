package markup

import (
	"fmt"

	"github.com/polypress/polypress/pipeline/doc"
)

// ParallelPage is the view of a parallel edition (doc.ParallelEdition): the
// languages side by side, row by row, each row a cell per language that
// starts level with the others. The title blocks make the first row and the
// biographies the last. Cells are in the order of the editions (the order
// they are read in); Slot says where each stands.
type ParallelPage struct {
	// Columns is the number of languages.
	Columns int
	// Draft is the visible draft notice, in the main language; empty for
	// a final edition.
	Draft string
	// Titles are the title blocks, a Page per language.
	Titles []ParallelCell
	Rows   []ParallelRow
	// Bios are the biographies, a Page per language; nil when the
	// statement has no authors.
	Bios []ParallelCell
	// Notes is set when a language has footnotes, which the title
	// blocks' Pages hold: a row of their own, after the body.
	Notes bool
	// EPUB is set in an EPUB's XHTML, whose void elements close with
	// "/>", which a web page's must not.
	EPUB bool
	// TOC is the main language's table of contents: its title, headings
	// and lead-ins, linking into its cells.
	TOC TOCEntry
}

// ParallelRow is one row: a cell per language.
type ParallelRow struct {
	// Class is "heading-row" or "lead-in-row" when every cell starts
	// with a heading or a lead-in, which keep their space above.
	Class string
	Cells []ParallelCell
}

// ParallelCell is one language's part of a row: body blocks, or (in the
// first and last rows) a title block or biographies.
type ParallelCell struct {
	Lang, Dir string
	// Slot is the cell's column, from the start edge of the page: the
	// left-to-right languages from the left, then the right-to-left ones,
	// the first of them rightmost, whatever the page's direction. It is
	// 1 based, as CSS grid lines are.
	Slot   int
	Blocks []Block
	Page   *Page
}

// ParallelOptions place a parallel view in its document.
type ParallelOptions struct {
	// DocPath is the path of the document holding the view.
	DocPath string
	// Draft is the visible draft notice, or empty.
	Draft string
	// IDs are the ids already taken in the document; the view's are added
	// to it. Each language's ids start with its language ("fr-clause-18").
	IDs IDSet
	// PageDir is the direction of the page (its main language's): slots
	// count from its start edge.
	PageDir doc.Direction
	// EPUB marks footnotes for EPUB reading systems (see
	// StatementOptions.EPUB).
	EPUB bool
	// Logo is the main language's logo, shown in its title block; nil
	// for none.
	Logo *Image
}

// Parallel builds the view of a parallel edition. Each language is built as
// a statement of its own (Statement), with ids that start with its
// language, and its blocks are then dealt into the edition's rows: a whole
// block, a clause list's lead-in, or one clause of a list with its
// sub-clauses (as a list of one item that starts at the clause's number).
func Parallel(pe *doc.ParallelEdition, opts ParallelOptions) (*ParallelPage, error) {
	ids := opts.IDs
	if ids == nil {
		ids = IDSet{}
	}
	n := len(pe.Editions)
	pp := &ParallelPage{Columns: n, Draft: opts.Draft, EPUB: opts.EPUB}
	slots := slotsOf(pe.Editions, opts.PageDir)
	type built struct {
		page   *Page
		blocks map[doc.Block]int
	}
	langs := make([]built, n)
	for i, ed := range pe.Editions {
		prefix := XMLID(ed.Lang, "l-") + "-"
		ids[prefix+"authors"], ids[prefix+"authors-title"] = true, true
		b, page, toc := Statement(ed, StatementOptions{DocPath: opts.DocPath, Prefix: prefix, IDs: ids, EPUB: opts.EPUB})
		if len(page.Body) != len(ed.Body) {
			return nil, fmt.Errorf("markup: the %s edition's %d blocks made %d views", ed.Locale, len(ed.Body), len(page.Body))
		}
		at := make(map[doc.Block]int, len(ed.Body))
		for j, blk := range ed.Body {
			at[blk] = j
		}
		langs[i] = built{page, at}
		cell := func() ParallelCell {
			return ParallelCell{Lang: ed.Lang, Dir: Direction(ed.Dir), Slot: slots[i]}
		}
		title := cell()
		title.Page = page
		if i == 0 {
			page.Logo = opts.Logo
		}
		pp.Titles = append(pp.Titles, title)
		if len(page.Notes) > 0 {
			pp.Notes = true
		}
		if i == 0 {
			pp.TOC = toc
		}
		if len(ed.Authors) > 0 {
			au, _ := b.Authors(ed.Authors, opts.DocPath, ed.Labels.AboutAuthors, "", ids)
			// Authors() names its sections "author-N"; each language's
			// start with the language, as every other id here does.
			for k := range au.Authors {
				delete(ids, au.Authors[k].ID)
				au.Authors[k].ID = ids.Take(fmt.Sprintf("%sauthor-%d", prefix, k+1))
			}
			bios := cell()
			bios.Page = au
			bios.Page.IDPrefix = prefix
			pp.Bios = append(pp.Bios, bios)
		}
	}
	for _, row := range pe.Rows {
		pr := ParallelRow{}
		for i, parts := range row.Cells {
			if i >= n {
				break
			}
			ed := pe.Editions[i]
			c := ParallelCell{Lang: ed.Lang, Dir: Direction(ed.Dir), Slot: slots[i]}
			for _, p := range parts {
				blk, err := partView(langs[i].page, langs[i].blocks, p)
				if err != nil {
					return nil, fmt.Errorf("markup: the %s edition: %w", ed.Locale, err)
				}
				c.Blocks = append(c.Blocks, blk)
			}
			pr.Cells = append(pr.Cells, c)
		}
		pr.Class = rowClass(pr)
		pp.Rows = append(pp.Rows, pr)
	}
	return pp, nil
}

// rowClass names what every cell of a row starts with, when that keeps
// space above it: a heading or a lead-in.
func rowClass(r ParallelRow) string {
	class := ""
	for i, c := range r.Cells {
		k := ""
		if len(c.Blocks) > 0 {
			switch b := c.Blocks[0]; {
			case b.Kind == "heading":
				k = "heading-row"
			case b.Kind == "clauses" && b.LeadIn != nil:
				k = "lead-in-row"
			}
		}
		if i > 0 && k != class {
			return ""
		}
		class = k
	}
	return class
}

// partView is the view of one part of a row, from the view of its
// language's whole body.
func partView(page *Page, at map[doc.Block]int, p doc.Part) (Block, error) {
	switch {
	case p.List != nil:
		j, ok := at[p.List]
		if !ok || page.Body[j].Kind != "clauses" {
			return Block{}, fmt.Errorf("a clause list that is not in its body")
		}
		whole := page.Body[j]
		if p.Clause == nil {
			return Block{Kind: "clauses", LeadIn: whole.LeadIn}, nil
		}
		for k, c := range p.List.Clauses {
			if c == p.Clause {
				return Block{Kind: "clauses", Clauses: &Clauses{
					Class: whole.Clauses.Class,
					Start: c.Number,
					Items: whole.Clauses.Items[k : k+1],
				}}, nil
			}
		}
		return Block{}, fmt.Errorf("clause %s is not in its list", p.Clause.Path)
	case p.Block != nil:
		j, ok := at[p.Block]
		if !ok {
			return Block{}, fmt.Errorf("a block that is not in its body")
		}
		return page.Body[j], nil
	}
	return Block{}, fmt.Errorf("an empty part")
}

// slotsOf gives each edition its column, from the page's start edge:
// physically, the left-to-right languages stand from the left in the
// order given and the right-to-left ones after them, the first of them
// rightmost, so that a right-to-left language is on the right, where its
// readers begin.
func slotsOf(eds []*doc.Edition, pageDir doc.Direction) []int {
	var left []int // edition indexes from the left
	for i, ed := range eds {
		if ed.Dir != doc.RTL {
			left = append(left, i)
		}
	}
	for i := len(eds) - 1; i >= 0; i-- {
		if eds[i].Dir == doc.RTL {
			left = append(left, i)
		}
	}
	slots := make([]int, len(eds))
	for pos, i := range left {
		slots[i] = pos + 1
		if pageDir == doc.RTL {
			slots[i] = len(eds) - pos
		}
	}
	return slots
}

// CleanParallel returns a copy of pe whose editions are clean
// (CleanEdition); its rows still point at the same body blocks.
func CleanParallel(pe *doc.ParallelEdition) *doc.ParallelEdition {
	p := *pe
	p.ID, p.Name = Clean(p.ID), Clean(p.Name)
	p.Editions = make([]*doc.Edition, len(pe.Editions))
	for i, ed := range pe.Editions {
		p.Editions[i] = CleanEdition(ed)
	}
	return &p
}

// CheckParallel reports the first field of pe that would make an invalid
// parallel edition: each edition's own, and their labels.
func CheckParallel(pe *doc.ParallelEdition) error {
	if len(pe.Editions) < 2 {
		return fmt.Errorf("parallel edition %s has %d editions; it needs two or more", pe.ID, len(pe.Editions))
	}
	for _, ed := range pe.Editions {
		if err := CheckPublication("edition", ed.ID, ed.Title, ed.Lang, ed.Dir); err != nil {
			return err
		}
		switch {
		case len(ed.Authors) > 0 && ed.Labels.AboutAuthors == "":
			return fmt.Errorf("the %s edition has authors but no AboutAuthors label", ed.Locale)
		case ed.Draft && ed.Labels.Draft == "":
			return fmt.Errorf("the %s edition is a draft but has no Draft label to mark it with", ed.Locale)
		}
	}
	return nil
}
