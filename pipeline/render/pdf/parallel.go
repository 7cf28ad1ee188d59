package pdf

import (
	"fmt"
	"io"
	"strings"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render/pdf/internal/pdfw"
	"github.com/polypress/polypress/pipeline/text"
)

// RenderParallel writes a parallel edition as a PDF: the languages side by
// side, a column each, the right-to-left ones on the right. Each column is
// composed by the same composer as a single-language edition, at the
// column's width, part by part: the title block, then each row of the
// edition (pe.Rows), then the authors. Every row starts level in all
// columns (the first baselines of its parts aligned, the shorter parts
// padded), a clause's sub-clauses start level too, and page breaks are
// chosen for all columns together (see paginateRows). Each page carries
// the running head and page number of every language over and under its
// column.
//
// The structure tree reads one language completely, then the next: each
// column is a Sect with its /Lang, in the order of pe.Editions, and the
// first language is the document's.
func RenderParallel(w io.Writer, pe *doc.ParallelEdition, opts Options) (Result, error) {
	if opts.Layout == nil || opts.Shaper == nil {
		return Result{}, fmt.Errorf("pdf: layout and shaper are required")
	}
	if pe == nil || len(pe.Editions) < 2 {
		return Result{}, fmt.Errorf("pdf: a parallel edition needs two editions or more")
	}
	if lay := opts.Layout; len(pe.Editions) >= lay.Parallel.LandscapeFrom {
		turned := *lay
		turned.Page.Width, turned.Page.Height = lay.Page.Height, lay.Page.Width
		opts.Layout = &turned
	}
	main := pe.Editions[0]
	r := newRenderer(w, main, opts)
	root := &node{typ: "Document"}
	cols := r.parallelColumns(pe, root)
	r.c = cols[0].c
	r.els = newElements(r.pw, root)
	if pe.Draft {
		ed := main
		for _, e := range pe.Editions {
			if e.Draft {
				ed = e // the draft mark in the language of a draft
				break
			}
		}
		c := cols[0].c
		for _, col := range cols {
			if col.ed == ed {
				c = col.c
			}
		}
		r.draft = c.firstLine(ed.Labels.Draft, look{stack: c.display, size: 72, leading: 1, bold: true, color: r.lay.Colors.Draft, align: text.Start})
	}

	rows := composeRows(pe, cols)
	pages := paginateRows(rows, r.bodyHeight)
	footers := make([]pdfw.Ref, 0, len(pages))
	for i, pl := range pages {
		first := i == 0
		pg := page{}
		if first && main.Logo != "" {
			// Drawn where the first column's title block leaves room
			// for it.
			pg.logo, pg.logoTag = main.Logo, r.logoNode(cols[0].c)
		}
		pg.draw = func(s surface, p *pdfw.Page) error {
			if err := r.drawColumns(s, p, cols, rows, pl, first); err != nil {
				return err
			}
			if main.Labels.PageOf != nil {
				footers = append(footers, p.Later())
			}
			return nil
		}
		if err := r.drawPage(pg); err != nil {
			return Result{}, err
		}
		pages[i] = nil
	}
	if err := r.parallelFooters(cols, footers); err != nil {
		return Result{}, err
	}
	var titles, langs []string
	for _, ed := range pe.Editions {
		titles = append(titles, ed.Title)
		langs = append(langs, ed.Lang)
	}
	return r.finish(info{
		title: main.Title, author: main.Issuer,
		subject:  strings.TrimSpace(main.KindLabel + " " + main.DateLine),
		keywords: strings.Join(nonEmpty(main.KindLabel, main.Issuer, main.Reference, strings.Join(langs, ", ")), ", "),
		lang:     main.Lang,
	})
}

// pcolumn is one language of a parallel edition: its edition, the
// composer that sets its body at the column's width, its section of the
// structure tree and where it stands on the page.
type pcolumn struct {
	ed   *doc.Edition
	c    *composer
	sect *node
	// left is the column's left edge, from the trim box's; width its
	// measure.
	left, width float64
	// lists are the list nodes made for the edition's clause lists, whose
	// clauses come one row at a time.
	lists map[*doc.ClauseList]*node
}

// parallelColumns lays the columns out across the text block: the
// left-to-right languages from the left in the order given, then the
// right-to-left ones, the first of them rightmost, so that a right-to-left
// language stands on the right, where its readers start.
func (r *renderer) parallelColumns(pe *doc.ParallelEdition, root *node) []*pcolumn {
	n := len(pe.Editions)
	gutter := float64(r.lay.Parallel.Gutter)
	width := (r.colWidth - gutter*float64(n-1)) / float64(n)
	var slots []int // edition index by slot, left to right
	for i, ed := range pe.Editions {
		if ed.Dir != doc.RTL {
			slots = append(slots, i)
		}
	}
	for i := n - 1; i >= 0; i-- {
		if pe.Editions[i].Dir == doc.RTL {
			slots = append(slots, i)
		}
	}
	cols := make([]*pcolumn, n)
	for slot, i := range slots {
		ed := pe.Editions[i]
		sect := root.child("Sect")
		sect.lang, sect.title = ed.Lang, ed.Title
		c := newComposer(ed, r.lay, r.sh)
		c.width = width
		c.cur = sect
		// What compose does before the body, which the columns set part
		// by part: footnotes wait for the line that references them.
		c.prepareNotes()
		c.articles = hasArticles(ed.Body)
		c.markers = c.markerWidths()
		cols[i] = &pcolumn{ed: ed, c: c, sect: sect, left: r.colLeft + float64(slot)*(width+gutter), width: width, lists: map[*doc.ClauseList]*node{}}
	}
	return cols
}

// prow is a row of a parallel edition as composed: each column's boxes, in
// the order of the editions.
type prow struct {
	cols [][]box
}

// composeRows composes the title blocks, the rows of pe and the authors,
// each column with its own composer.
func composeRows(pe *doc.ParallelEdition, cols []*pcolumn) []prow {
	n := len(cols)
	title, authors := prow{cols: make([][]box, n)}, prow{cols: make([][]box, n)}
	for k, col := range cols {
		// The title block and the authors are what compose makes of the
		// edition without its body: the title block is handed over
		// before the (empty) body, the authors are what is left.
		shell := *col.ed
		shell.Body = nil
		tc := newComposer(&shell, col.c.lay, col.c.sh)
		tc.width, tc.cur = col.width, col.sect
		tc.emit = func(bs []box) int {
			title.cols[k] = append(title.cols[k], bs...)
			return len(bs)
		}
		authors.cols[k] = tc.compose()
		col.c.any = true
	}
	rows := []prow{title}
	for _, row := range pe.Rows {
		pr := prow{cols: make([][]box, n)}
		for k, col := range cols {
			if k < len(row.Cells) {
				pr.cols[k] = col.compose(row.Cells[k])
			}
		}
		rows = append(rows, splitAtMarkers(pr)...)
	}
	rows = append(rows, authors)
	for i := range rows {
		mergeOutline(rows[i])
	}
	// Each language's anchors and links within the document are its own:
	// "fn-3" of the French column is the French note 3.
	for k, col := range cols {
		sc := scoper{prefix: col.ed.Lang + "/", seen: map[*text.Line]bool{}}
		for i := range rows {
			sc.boxes(rows[i].cols[k])
		}
	}
	return rows
}

// compose sets the parts of one cell of a row and returns their boxes.
func (col *pcolumn) compose(parts []doc.Part) []box {
	c := col.c
	for _, p := range parts {
		switch {
		case p.Clause != nil:
			l := col.lists[p.List]
			if l == nil {
				var style doc.NumberStyle
				if len(p.List.Clauses) > 0 {
					style = p.List.Clauses[0].Style
				}
				l = c.list(1, style)
				col.lists[p.List] = l
			}
			c.clause(l, p.Clause)
		case p.List != nil:
			// The lead-in alone: its clauses come in rows of their own.
			c.block(&doc.ClauseList{Pos: p.List.Pos, LeadIn: p.List.LeadIn})
		case p.Block != nil:
			c.block(p.Block)
		}
	}
	bs := c.boxes
	c.boxes = nil
	return bs
}

// splitAtMarkers divides a row whose columns hold the same clause into one
// row per clause and sub-clause, so that each sub-clause starts level too:
// the row is cut before every line that carries a marker but the first,
// when every column has as many.
func splitAtMarkers(r prow) []prow {
	var at [][]int
	for _, bs := range r.cols {
		var m []int
		for i := range bs {
			if bs[i].marker != nil {
				m = append(m, i)
			}
		}
		if len(m) < 2 || len(at) > 0 && len(m) != len(at[0]) {
			return []prow{r}
		}
		at = append(at, m)
	}
	if len(at) == 0 {
		return []prow{r}
	}
	out := make([]prow, len(at[0]))
	for k, bs := range r.cols {
		cuts := append(at[k][1:], len(bs))
		from := 0
		for j, to := range cuts {
			out[j].cols = append(out[j].cols, bs[from:to])
			from = to
		}
	}
	return out
}

// mergeOutline gives a row's outline entries once, in the first column,
// with the titles of every language: "Developments / Faits nouveaux".
func mergeOutline(r prow) {
	if len(r.cols) == 0 {
		return
	}
	titles := make([][]string, len(r.cols))
	for k := 1; k < len(r.cols); k++ {
		for i := range r.cols[k] {
			if o := r.cols[k][i].outline; o != nil {
				titles[k] = append(titles[k], o.title)
				r.cols[k][i].outline = nil
			}
		}
	}
	j := 0
	for i := range r.cols[0] {
		o := r.cols[0][i].outline
		if o == nil {
			continue
		}
		e := *o
		for k := 1; k < len(r.cols); k++ {
			if j < len(titles[k]) && titles[k][j] != e.title {
				e.title += " / " + titles[k][j]
			}
		}
		r.cols[0][i].outline = &e
		j++
	}
}

// placement is a piece of a row on a page: in each column the boxes
// [from, to) of the row's boxes, after pad, which sets the first baselines
// of a row's start level, and after the header row of a table continued
// from the page before (head), repeated. start are the offsets the piece
// was asked to start from (before the space at the top of a page was
// dropped).
type placement struct {
	row      int
	start    []int
	from, to []int
	pad      []float64
	head     []*box
	// height is the piece's height in the tallest column.
	height float64
	fresh  bool // the row starts here
}

// heights sums the boxes' heights.
func heights(bs []box) float64 {
	h := 0.0
	for i := range bs {
		h += bs[i].height
	}
	return h
}

// noteHeight sums the heights of the footnote lines that boxes bring.
func noteHeight(bs []box) float64 {
	h := 0.0
	for i := range bs {
		for _, n := range bs[i].notes {
			h += heightOf(n)
		}
	}
	return h
}

// room is what is left of a page for a column: the page's height less its
// footnotes (those placed, and noteH more) and the rule above them.
func room(height, placed, more float64) float64 {
	if n := placed + more; n > 0 {
		return height - n - noteGap
	}
	return height
}

// lead is the height a column's piece takes before its boxes: its pad
// and its repeated table header.
func (pl placement) lead(k int) float64 {
	h := pl.pad[k]
	if pl.head[k] != nil {
		h += pl.head[k].height
	}
	return h
}

// measure places the rest of row r from offsets start, whole: at the top
// of a page the space each column starts with is dropped, and a table
// continued there has its header row repeated; a row that starts here
// has its columns' first baselines aligned.
func measure(rows []prow, r int, start []int, top bool) placement {
	row := rows[r]
	n := len(row.cols)
	pl := placement{row: r, start: start, from: make([]int, n), to: make([]int, n), pad: make([]float64, n), head: make([]*box, n), fresh: true}
	for _, s := range start {
		pl.fresh = pl.fresh && s == 0
	}
	base := make([]float64, n)
	maxBase := -1.0
	for k, bs := range row.cols {
		s := start[k]
		for top && s < len(bs) && bs[s].space {
			s++
		}
		pl.from[k], pl.to[k] = s, len(bs)
		if top && s < len(bs) && bs[s].head != nil {
			h := *bs[s].head
			h.keep, h.repeat = false, true
			pl.head[k] = &h
		}
		base[k] = -1
		if !pl.fresh {
			continue
		}
		// The first line's baseline, from the top of the column's piece.
		y := 0.0
		if pl.head[k] != nil {
			y = pl.head[k].height
		}
		for i := s; i < len(bs); i++ {
			if bs[i].line != nil {
				base[k] = y + bs[i].baseline
				break
			}
			y += bs[i].height
		}
		maxBase = max(maxBase, base[k])
	}
	for k, bs := range row.cols {
		if base[k] >= 0 {
			pl.pad[k] = maxBase - base[k]
		}
		pl.height = max(pl.height, pl.lead(k)+heights(bs[pl.from[k]:pl.to[k]]))
	}
	return pl
}

// empty reports whether a placement holds no box.
func (pl placement) empty() bool {
	for k := range pl.from {
		if pl.to[k] > pl.from[k] {
			return false
		}
	}
	return true
}

// fits reports whether placement pl fits a page at y, whose columns have
// notes of their footnotes already: each column's piece ends above its
// footnotes, those placed and those its own boxes bring.
func (pl placement) fits(rows []prow, y, height float64, notes []float64) bool {
	for k, bs := range rows[pl.row].cols {
		piece := bs[pl.from[k]:pl.to[k]]
		if len(piece) == 0 {
			continue
		}
		if y+pl.lead(k)+heights(piece) > room(height, notes[k], noteHeight(piece))+1e-6 {
			return false
		}
	}
	return true
}

// breaksPage reports whether a row starting with pl must open a page (an
// annex).
func (pl placement) breaksPage(rows []prow) bool {
	for k, bs := range rows[pl.row].cols {
		if pl.fresh && pl.from[k] < len(bs) && bs[pl.from[k]].breakBefore {
			return true
		}
	}
	return false
}

// split cuts placement pl (as measure made it) to what is left of the
// page below y, column by column: each column ends at the latest break
// that fits above its footnotes and that the keep rules allow (never right
// after a box that keeps with the next, and so never before the first line
// of a paragraph that cannot be left alone). A row that starts here must
// show the first line of every column, so that its clause numbers are
// level on this page; a row continued from the last page may leave a
// column for the next. When force is set, keep rules are ignored (a chain
// of kept lines taller than a page), and so is the room when nothing fits
// an empty page (a box taller than the page): at least one box is placed.
// It reports false when no column can be cut so, or nothing would be
// placed.
func split(rows []prow, pl placement, y, height float64, notes []float64, force, empty bool) (placement, bool) {
	row := rows[pl.row]
	out := pl
	out.to = make([]int, len(pl.to))
	out.height = 0
	placed := false
	for k, bs := range row.cols {
		from, end := pl.from[k], pl.to[k]
		if from == end {
			out.to[k] = end
			continue
		}
		least := from // the fewest boxes: none
		if pl.fresh {
			// At least the first line.
			least = end
			for i := from; i < end; i++ {
				if bs[i].line != nil || bs[i].rule || bs[i].cells != nil {
					least = i + 1
					break
				}
			}
		}
		best := -1
		for j := end; j >= least; j-- {
			piece := bs[from:j]
			if y+pl.lead(k)+heights(piece) > room(height, notes[k], noteHeight(piece))+1e-6 {
				continue
			}
			if force || j == from || mayBreak(bs, j) {
				best = j
				break
			}
		}
		if best < 0 && force && empty {
			best = max(least, from+1)
		}
		if best < 0 {
			return pl, false
		}
		out.to[k] = best
		if best > from {
			placed = true
			out.height = max(out.height, pl.lead(k)+heights(bs[from:best]))
		} else {
			out.head[k] = nil
		}
	}
	if !placed && force && empty {
		// Nothing fits an empty page, not even a line with its
		// footnotes: the first column's next box goes on it all the
		// same.
		for k, bs := range row.cols {
			if from := pl.from[k]; from < pl.to[k] {
				out.to[k] = from + 1
				out.height = pl.lead(k) + bs[from].height
				placed = true
				break
			}
		}
	}
	if !placed {
		return pl, false
	}
	return out, true
}

// mayBreak reports whether a page may break after box j-1 of bs. Space is
// dropped at a break, so the break stands between the last box that is
// not space before it and the first after it: neither may keep with the
// next ("Demanded that India:" keeps with its first sub-clause across the
// space between them).
func mayBreak(bs []box, j int) bool {
	for i := j - 1; i >= 0; i-- {
		if bs[i].keep {
			return false
		}
		if !bs[i].space {
			break
		}
	}
	for i := j; i < len(bs) && bs[i].space; i++ {
		if bs[i].keep {
			return false
		}
	}
	return true
}

// breakAfter reports whether a page may break after placement pl: no
// column's last box placed keeps with what follows (see mayBreak).
func breakAfter(rows []prow, pl placement) bool {
	for k, bs := range rows[pl.row].cols {
		if pl.to[k] > pl.from[k] && !mayBreak(bs, pl.to[k]) {
			return false
		}
	}
	return true
}

// paginateRows cuts the rows into pages of at most height points, for all
// columns together. Rows are placed whole while they fit; the row that does
// not is cut at the latest break every column allows (see split), or, when
// that is not possible, the page breaks before it; when the keep rules
// forbid that too (a heading keeps with its first clause), the break moves
// back to an earlier row, or inside it. A chain of kept boxes taller than a
// page is cut where the page ends rather than loop or overflow. Space at the
// top of a page is dropped; a row that opens an annex opens a page.
//
// Each column's footnotes are set at the foot of the page of their
// reference, under that column: a column's lines end above its footnotes,
// and a line whose footnotes do not fit goes to the next page with them (a
// footnote is not continued from page to page, as in a single-language
// edition; the first line of a page takes its footnotes whatever room
// they need).
func paginateRows(rows []prow, height float64) [][]placement {
	var pages [][]placement
	r := 0
	var off []int
	zero := func(r int) []int {
		if r < len(rows) {
			return make([]int, len(rows[r].cols))
		}
		return nil
	}
	off = zero(0)
	for r < len(rows) {
		var page []placement
		page, r, off = fillPage(rows, r, off, height)
		if len(page) == 0 {
			break // only empty rows were left
		}
		pages = append(pages, page)
		if off == nil {
			off = zero(r)
		}
	}
	if len(pages) == 0 {
		pages = append(pages, nil)
	}
	return pages
}

// pageNotes is the height of the footnotes each column's boxes of page
// bring.
func pageNotes(rows []prow, page []placement, n int) []float64 {
	notes := make([]float64, n)
	for _, pl := range page {
		for k, bs := range rows[pl.row].cols {
			notes[k] += noteHeight(bs[pl.from[k]:pl.to[k]])
		}
	}
	return notes
}

// fillPage fills one page from row r at offsets off and returns its
// placements and where the next page starts (off nil: at the start of
// row r).
func fillPage(rows []prow, r int, off []int, height float64) ([]placement, int, []int) {
	var page []placement
	y := 0.0
	n := len(rows[r].cols)
	notes := make([]float64, n)
	next := func() {
		r, off = r+1, nil
		if r < len(rows) {
			off = make([]int, len(rows[r].cols))
		}
	}
	for r < len(rows) {
		pl := measure(rows, r, off, y == 0)
		if pl.empty() {
			next()
			continue
		}
		if len(page) > 0 && pl.breaksPage(rows) {
			return page, r, off
		}
		if pl.fits(rows, y, height, notes) {
			page = append(page, pl)
			y += pl.height
			for k, bs := range rows[r].cols {
				notes[k] += noteHeight(bs[pl.from[k]:pl.to[k]])
			}
			next()
			continue
		}
		if sp, ok := split(rows, pl, y, height, notes, false, false); ok {
			return append(page, sp), r, sp.to
		}
		// Break before row r, or further back.
		for len(page) > 0 {
			last := page[len(page)-1]
			if breakAfter(rows, last) {
				return page, r, off
			}
			page = page[:len(page)-1]
			y -= last.height
			notes = pageNotes(rows, page, n)
			if sp, ok := split(rows, last, y, height, notes, false, false); ok && !sameEnds(sp, last) {
				return append(page, sp), last.row, sp.to
			}
			r, off = last.row, last.start
		}
		// Nothing on this page may break: cut where the page ends.
		return forceFill(rows, r, off, height)
	}
	return page, r, nil
}

// sameEnds reports whether two placements of a row end at the same boxes.
func sameEnds(a, b placement) bool {
	for k := range a.to {
		if a.to[k] != b.to[k] {
			return false
		}
	}
	return true
}

// forceFill fills a page from row r ignoring the keep rules: whole rows
// while they fit, then the next cut where the page ends.
func forceFill(rows []prow, r int, off []int, height float64) ([]placement, int, []int) {
	var page []placement
	y := 0.0
	notes := make([]float64, len(rows[r].cols))
	for r < len(rows) {
		pl := measure(rows, r, off, y == 0)
		if pl.empty() || pl.fits(rows, y, height, notes) {
			if !pl.empty() {
				page = append(page, pl)
				y += pl.height
				for k, bs := range rows[r].cols {
					notes[k] += noteHeight(bs[pl.from[k]:pl.to[k]])
				}
			}
			r, off = r+1, nil
			if r < len(rows) {
				off = make([]int, len(rows[r].cols))
			}
			continue
		}
		sp, ok := split(rows, pl, y, height, notes, true, len(page) == 0)
		if !ok {
			return page, r, off
		}
		return append(page, sp), r, sp.to
	}
	return page, r, nil
}

// drawColumns draws one page's placements, column by column in the order
// of the editions (the order of the structure tree and of reading), with
// the running heads (from the second page) and the rules between columns.
func (r *renderer) drawColumns(s surface, p *pdfw.Page, cols []*pcolumn, rows []prow, placed []placement, first bool) error {
	lay := r.lay
	used := 0.0
	for _, pl := range placed {
		used += pl.height
	}
	saved := struct {
		ed          *doc.Edition
		left, width float64
	}{r.ed, r.colLeft, r.colWidth}
	defer func() { r.ed, r.colLeft, r.colWidth = saved.ed, saved.left, saved.width }()
	for k, col := range cols {
		if !first {
			head := strings.Join(nonEmpty(col.ed.KindLabel, col.ed.DateLine), " · ")
			small := r.runningLook()
			small.stack, small.align = col.c.display, text.End
			if hl := col.c.fitLine(head, small); hl != nil {
				s.artifact(pdfw.ArtifactHeader)
				if err := s.text(hl, [6]float64{1, 0, 0, 1, col.left, r.y(float64(lay.Running.HeaderOffset))}, solid(lay.Colors.Muted), nil); err != nil {
					return err
				}
				y := r.y(float64(lay.Running.HeaderOffset) + 4)
				s.rule(col.left, y, col.left+col.width, y, 0.4, lay.Colors.Rule)
				s.end()
			}
		}
		var bs, notes []box
		for _, pl := range placed {
			row := rows[pl.row].cols[k]
			piece := row[pl.from[k]:pl.to[k]]
			h := heights(piece)
			if len(piece) > 0 {
				if pl.pad[k] > 0 {
					bs = append(bs, box{height: pl.pad[k], space: true})
				}
				if pl.head[k] != nil {
					bs = append(bs, *pl.head[k])
				}
				h += pl.lead(k)
			}
			bs = append(bs, piece...)
			for _, b := range piece {
				for _, n := range b.notes {
					notes = append(notes, n...)
				}
			}
			if rest := pl.height - h; rest > 0 {
				bs = append(bs, box{height: rest, space: true})
			}
		}
		r.ed, r.colLeft, r.colWidth = col.ed, col.left, col.width
		r.placeAnchors(p, page{boxes: bs, notes: notes}, r.top)
		if err := r.drawBoxes(s, p, bs, r.top); err != nil {
			return err
		}
		if err := r.drawNotes(s, p, bs, notes); err != nil {
			return err
		}
	}
	if w := lay.Parallel.Rule; w > 0 && used > 0 {
		// A rule down the middle of each gutter, as long as the text.
		var lefts []float64
		for _, col := range cols {
			lefts = append(lefts, col.left)
		}
		gutter := float64(lay.Parallel.Gutter)
		s.artifact(pdfw.ArtifactLayout)
		for _, x := range lefts {
			if x > saved.left+1 {
				mid := x - gutter/2
				s.rule(mid, r.y(r.top), mid, r.y(r.top+used), w, lay.Colors.Rule)
			}
		}
		s.end()
	}
	return nil
}

// parallelFooters writes each page's numbers, one under each column in its
// language, now that the page count is known.
func (r *renderer) parallelFooters(cols []*pcolumn, refs []pdfw.Ref) error {
	n := r.pw.NextPageIndex()
	lay := r.lay
	for i, ref := range refs {
		sheet := r.pw.Sheet()
		s := &pageSurface{p: sheet, gw: r.gw, offset: r.offset}
		if r.offset > 0 {
			s.raw(fmt.Sprintf("q 1 0 0 1 %s %s cm\n", num(r.offset), num(r.offset)))
		}
		for _, col := range cols {
			if col.ed.Labels.PageOf == nil {
				continue
			}
			lk := r.runningLook()
			lk.stack = col.c.display
			l := col.c.firstLine(col.ed.Labels.PageOf(i+1, n), lk)
			s.artifact(pdfw.ArtifactFooter)
			if err := s.text(l, [6]float64{1, 0, 0, 1, col.left, float64(lay.Running.FooterOffset)}, solid(lay.Colors.Muted), nil); err != nil {
				return err
			}
			s.end()
		}
		if r.offset > 0 {
			s.raw("Q\n")
		}
		r.pw.WriteLater(ref, sheet.Content().Bytes())
	}
	return nil
}

// scoper puts the anchors of one column's boxes (clauses, headings,
// footnotes), and the links within the document that lead to them, under
// the column's prefix, so that every language's "clause-18" and "fn-3"
// are its own.
type scoper struct {
	prefix string
	seen   map[*text.Line]bool
}

func (sc scoper) boxes(bs []box) {
	for i := range bs {
		b := &bs[i]
		if b.anchor != "" {
			b.anchor = sc.prefix + b.anchor
		}
		sc.line(b.line)
		sc.line(b.marker)
		for _, n := range b.notes {
			sc.boxes(n)
		}
		for j := range b.cells {
			for _, cl := range b.cells[j].lines {
				sc.line(cl.line)
			}
		}
		if b.head != nil {
			for j := range b.head.cells {
				for _, cl := range b.head.cells[j].lines {
					sc.line(cl.line)
				}
			}
		}
	}
}

func (sc scoper) line(l *text.Line) {
	if l == nil || sc.seen[l] {
		return
	}
	sc.seen[l] = true
	for i := range l.Runs {
		if name, ok := strings.CutPrefix(l.Runs[i].Style.Link, "#"); ok {
			l.Runs[i].Style.Link = "#" + sc.prefix + name
		}
	}
}
