package pdf

import (
	"fmt"
	"io"
	"strings"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/text"
)

// PackOptions configure a pack rendering beyond Options.
type PackOptions struct {
	Options
	// Recto starts every statement on a right-hand (odd) page, leaving a
	// blank page before it when needed, as bound packs do.
	Recto bool
}

// RenderPack writes a briefing pack as one PDF: a cover, the contents with
// page numbers and links, each statement from a new page, and the
// contributors. The outline nests pack → statement → parts, and so does
// the structure tree: each statement is a section of the document.
func RenderPack(w io.Writer, pe *doc.PackEdition, opts PackOptions) (Result, error) {
	if opts.Layout == nil || opts.Shaper == nil {
		return Result{}, fmt.Errorf("pdf: layout and shaper are required")
	}
	if len(pe.Statements) == 0 {
		return Result{}, fmt.Errorf("pdf: pack %s has no statements", pe.ID)
	}
	// The pack's own texts are set like an edition in its locale.
	shell := &doc.Edition{ID: pe.ID, Locale: pe.Locale, Lang: pe.Lang, Dir: pe.Dir, Labels: pe.Labels, Draft: pe.Draft}
	// The cover, contents and contributors are set by the pack's locale's
	// conventions (hyphenation, line-breaking rules, digits), which a
	// statement in that locale carries.
	for _, ed := range pe.Statements {
		if ed.Locale == pe.Locale {
			shell.Conventions = ed.Conventions
			break
		}
	}
	r := newRenderer(w, shell, opts.Options)
	c := newComposer(shell, r.lay, r.sh)
	r.start(c)
	doc := c.cur

	cover := r.coverPage(c, pe)

	// The statements, each paginated on its own, each a section.
	bodies := make([][]pageBody, len(pe.Statements))
	composers := make([]*composer, len(pe.Statements))
	var markers [][]float64
	for i, ed := range pe.Statements {
		composers[i] = newComposer(ed, r.lay, r.sh)
		markers = append(markers, composers[i].markerWidths())
	}
	// Every statement's clauses hang their markers in the same columns.
	columns := widest(markers...)
	if columns == nil {
		columns = []float64{} // measured: no statement has clauses
	}
	for i, ed := range pe.Statements {
		sc := composers[i]
		sc.outlineBase, sc.noAuthors, sc.markers = 1, true, columns
		sc.cur = doc.child("Sect")
		sc.cur.title = ed.Title
		if ed.Lang != pe.Lang {
			sc.cur.lang = ed.Lang
		}
		bodies[i] = paginate(sc.compose(), r.bodyHeight)
	}
	var contributors []pageBody
	if len(pe.Contributors) > 0 {
		cc := newComposer(shell, r.lay, r.sh)
		cc.cur = doc
		cc.any = true
		cc.authors(pe.Labels.Authors, pe.Contributors, 1, r.lay.Title.Size)
		contributors = paginate(cc.boxes, r.bodyHeight)
	}

	// The contents' length does not depend on the page numbers it prints
	// (their column is as wide as the widest possible number), so set it
	// once to count its pages, then again with the numbers.
	numbers := make([]int, len(pe.Statements)+1)
	contents := paginate(r.contents(c, pe, numbers), r.bodyHeight)
	next := 1 + len(contents) + 1 // the cover, the contents, then this
	startOf := func(n int) int {
		if opts.Recto && next%2 == 0 {
			next++
		}
		at := next
		next += n
		return at
	}
	for i := range bodies {
		numbers[i] = startOf(len(bodies[i]))
	}
	if contributors != nil {
		numbers[len(pe.Statements)] = startOf(len(contributors))
	}
	contents = paginate(r.contents(c, pe, numbers), r.bodyHeight)

	pages := []page{cover}
	r.links = map[int]int{}
	head := func(kind string) string { return pe.Title + " · " + kind }
	for i, bs := range contents {
		p := page{boxes: bs.boxes, notes: bs.notes, header: head(pe.Labels.Contents), footer: true}
		if i == 0 {
			p.bookmarks = []outlineEntry{{title: pe.Labels.Contents, level: 1}}
		}
		pages = append(pages, p)
	}
	// A blank left-hand page carries no running lines.
	blank := func() { pages = append(pages, page{}) }
	for i, body := range bodies {
		for len(pages)+1 < numbers[i] {
			blank()
		}
		r.links[i+1] = len(pages)
		for _, bs := range body {
			pages = append(pages, page{boxes: bs.boxes, notes: bs.notes, header: head(pe.Statements[i].Title), footer: true})
		}
	}
	for j, bs := range contributors {
		for j == 0 && len(pages)+1 < numbers[len(pe.Statements)] {
			blank()
		}
		if j == 0 {
			r.links[len(pe.Statements)+1] = len(pages)
		}
		pages = append(pages, page{boxes: bs.boxes, notes: bs.notes, header: head(pe.Labels.Authors), footer: true})
	}
	for i := range pages {
		if len(pages[i].boxes) == 0 && len(pages[i].notes) == 0 && !pages[i].cover {
			pages[i].header, pages[i].footer = "", false
		}
		if err := r.drawPage(pages[i]); err != nil {
			return Result{}, err
		}
		pages[i] = page{}
	}
	return r.finish(info{
		title: pe.Title, author: pe.Issuer,
		subject:  strings.TrimSpace(pe.KindLabel + " " + pe.DateLine),
		keywords: strings.Join(nonEmpty(pe.KindLabel, pe.Issuer, pe.Lang), ", "),
		lang:     pe.Lang,
	})
}

// coverPage sets the cover: the kind of document, title and subtitle in
// the band of colour at the top; issuer and date below it.
func (r *renderer) coverPage(c *composer, pe *doc.PackEdition) page {
	lay := r.lay
	ink := lay.Cover.Ink
	size := lay.Cover.TitleSize
	if size == 0 {
		size = lay.Title.Size * 1.4
	}
	var logo *node
	if pe.Logo != "" {
		// The logo is drawn first, so its figure comes first.
		logo = c.cur.child("Figure")
		logo.alt = pe.LogoAlt
	}
	c.boxes = nil
	c.addPara("P", plain(pe.KindLabel), look{stack: c.display, size: lay.Title.KindSize * 1.3, leading: 1.3, bold: true, color: ink, align: text.Start}, 0, 0, nil, 0, true)
	c.space(size * 0.4)
	c.addPara("H1", plain(pe.Title), look{stack: c.text, size: size, leading: 1.15, bold: true, color: ink, align: text.Start}, 0, 0, nil, 0, true)
	if pe.Subtitle != "" {
		c.space(size * 0.35)
		c.addPara("P", plain(pe.Subtitle), look{stack: c.text, size: lay.Title.SubtitleSize * 1.15, leading: 1.3, italic: true, color: ink, align: text.Start}, 0, 0, nil, 0, true)
	}
	inBand := c.boxes
	c.boxes = nil
	meta := look{stack: c.display, size: lay.Title.MetaSize * 1.25, leading: 1.4, color: lay.Colors.Text, align: text.Start}
	if pe.Issuer != "" {
		b := meta
		b.bold = true
		c.addPara("P", plain(pe.Issuer), b, 0, 0, nil, 0, true)
	}
	c.addPara("P", plain(pe.DateLine), meta, 0, 0, nil, 0, true)
	c.boxes = append(c.boxes, box{height: meta.size * 1.5})
	for _, ed := range pe.Statements {
		c.addPara("P", plain(ed.Title), look{stack: c.text, size: lay.Body.Size, leading: lay.Body.Leading * 1.1, color: lay.Colors.Muted, align: text.Start}, 0, 0, nil, 0, true)
		c.boxes = append(c.boxes, box{height: lay.Body.Size * 0.5})
	}
	below := c.boxes
	c.boxes = nil

	band := coverBand(r)
	h := 0.0
	for _, b := range inBand {
		h += b.height
	}
	boxes := append([]box{}, inBand...)
	// Space from the band's foot to the issuer.
	boxes = append(boxes, box{height: 36})
	boxes = append(boxes, below...)
	top := band - h - 28
	if top < r.top {
		top = r.top
	}
	return page{boxes: boxes, top: top, cover: true, logo: pe.Logo, logoData: pe.LogoData, logoTag: logo, bookmarks: []outlineEntry{{title: pe.Title, level: 0}}}
}

// contents sets the contents: a heading, then an entry per statement (its
// title, and its kind and date line below) with the page it starts on
// flush with the column's end edge, and the contributors. Each entry is
// kept whole and links to its page; in the structure tree it is a TOC
// item holding a reference (ISO 32000-1, table 333, allows no link
// directly in a TOCI) that holds the link.
func (r *renderer) contents(c *composer, pe *doc.PackEdition, numbers []int) []box {
	lay := r.lay
	c.boxes = nil
	c.addPara(heading(1), plain(pe.Labels.Contents), look{stack: c.display, size: lay.Title.Size, leading: 1.3, bold: true, color: lay.Colors.Accent, align: text.Start}, 0, 0, nil, 0, true)
	c.space(lay.Title.Size * 0.8)
	numLook := look{stack: c.display, size: lay.Body.Size * 1.05, leading: lay.Body.Leading, bold: true, color: lay.Colors.Accent, align: text.Start}
	// The number column fits the widest number the pack could have.
	widest := c.firstLine(pe.Labels.Number(8888), numLook)
	numW := 0.0
	if widest != nil {
		numW = widest.Width
	}
	gap := 18.0
	toc := c.cur.child("TOC")
	entry := func(title, sub string, n, link int) {
		var marker *text.Line
		if n > 0 {
			marker = c.firstLine(pe.Labels.Number(n), numLook)
			if marker != nil {
				flush(marker)
			}
		}
		at := len(c.boxes)
		markerAt := c.width - numW
		if marker != nil {
			// Flush with the end edge: the number's own width from it.
			markerAt = c.width - marker.Width
		}
		ln := toc.child("TOCI").child("Reference").child("Link")
		titleLook := look{stack: c.text, size: lay.Body.Size * 1.05, leading: lay.Body.Leading, bold: true, color: lay.Colors.Text, align: text.Start}
		c.addLines(ln, c.setLines(plain(title), titleLook, 0, numW+gap), titleLook, 0, numW+gap, marker, ln, markerAt, true)
		if sub != "" {
			subLook := look{stack: c.display, size: lay.Title.MetaSize, leading: 1.4, color: lay.Colors.Muted, align: text.Start}
			c.addLines(ln, c.setLines(plain(sub), subLook, 0, numW+gap), subLook, 0, numW+gap, nil, nil, 0, true)
		}
		for i := at; i < len(c.boxes); i++ {
			c.boxes[i].linkTo = link
		}
		c.boxes[len(c.boxes)-1].keep = false
		c.space(lay.Body.ParagraphSpace * 2.2)
	}
	for i, ed := range pe.Statements {
		entry(ed.Title, strings.Join(nonEmpty(ed.KindLabel, ed.DateLine), " · "), numbers[i], i+1)
	}
	if len(pe.Contributors) > 0 {
		entry(pe.Labels.Authors, "", numbers[len(pe.Statements)], len(pe.Statements)+1)
	}
	return c.boxes
}
