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
// contributors. The outline nests pack → statement → parts.
func RenderPack(w io.Writer, pe *doc.PackEdition, opts PackOptions) (Result, error) {
	if opts.Layout == nil || opts.Shaper == nil {
		return Result{}, fmt.Errorf("pdf: layout and shaper are required")
	}
	if len(pe.Statements) == 0 {
		return Result{}, fmt.Errorf("pdf: pack %s has no statements", pe.ID)
	}
	// The pack's own texts are set like an edition in its locale.
	shell := &doc.Edition{ID: pe.ID, Locale: pe.Locale, Lang: pe.Lang, Dir: pe.Dir, Labels: pe.Labels}
	r := &renderer{ed: shell, lay: opts.Layout, sh: opts.Shaper, opts: opts.Options}
	r.geometry(pe.Dir)
	c := newComposer(shell, r.lay, r.sh)

	cover := r.coverPage(c, pe)

	// The statements, each paginated on its own.
	bodies := make([][]pageBody, len(pe.Statements))
	for i, ed := range pe.Statements {
		sc := newComposer(ed, r.lay, r.sh)
		sc.outlineBase, sc.noAuthors = 1, true
		bodies[i] = paginate(sc.compose(), r.bodyHeight)
	}
	var contributors []pageBody
	if len(pe.Contributors) > 0 {
		cc := newComposer(shell, r.lay, r.sh)
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
	kinds := []string{""}
	for i, bs := range contents {
		p := page{boxes: bs.boxes, notes: bs.notes}
		if i == 0 {
			p.bookmarks = []outlineEntry{{title: pe.Labels.Contents, level: 1}}
		}
		pages = append(pages, p)
		kinds = append(kinds, pe.Labels.Contents)
	}
	blank := func() {
		pages = append(pages, page{})
		kinds = append(kinds, "")
	}
	for i, body := range bodies {
		for len(pages)+1 < numbers[i] {
			blank()
		}
		for j, bs := range body {
			p := page{boxes: bs.boxes, notes: bs.notes}
			if j == 0 {
				p.targets = []int{i + 1}
			}
			pages = append(pages, p)
			kinds = append(kinds, pe.Statements[i].Title)
		}
	}
	for j, bs := range contributors {
		for j == 0 && len(pages)+1 < numbers[len(pe.Statements)] {
			blank()
		}
		p := page{boxes: bs.boxes, notes: bs.notes}
		if j == 0 {
			p.targets = []int{len(pe.Statements) + 1}
		}
		pages = append(pages, p)
		kinds = append(kinds, pe.Labels.Authors)
	}
	r.running(c, pages, func(i int) string {
		if kinds[i] == "" || len(pages[i].boxes) == 0 && len(pages[i].notes) == 0 {
			return ""
		}
		return pe.Title + " · " + kinds[i]
	}, pe.Labels, pe.Draft)
	for i := range pages {
		if len(pages[i].boxes) == 0 && len(pages[i].notes) == 0 && !pages[i].cover {
			// A blank left-hand page carries no running lines.
			pages[i].footer = nil
		}
	}
	return r.write(w, pages, info{
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
	c.boxes = nil
	c.addPara(plain(pe.KindLabel), look{stack: c.display, size: lay.Title.KindSize * 1.3, leading: 1.3, bold: true, color: ink, align: text.Start}, 0, 0, nil, 0, true)
	c.space(size * 0.4)
	c.addPara(plain(pe.Title), look{stack: c.text, size: size, leading: 1.15, bold: true, color: ink, align: text.Start}, 0, 0, nil, 0, true)
	if pe.Subtitle != "" {
		c.space(size * 0.35)
		c.addPara(plain(pe.Subtitle), look{stack: c.text, size: lay.Title.SubtitleSize * 1.15, leading: 1.3, italic: true, color: ink, align: text.Start}, 0, 0, nil, 0, true)
	}
	inBand := c.boxes
	c.boxes = nil
	meta := look{stack: c.display, size: lay.Title.MetaSize * 1.25, leading: 1.4, color: lay.Colors.Text, align: text.Start}
	if pe.Issuer != "" {
		b := meta
		b.bold = true
		c.addPara(plain(pe.Issuer), b, 0, 0, nil, 0, true)
	}
	c.addPara(plain(pe.DateLine), meta, 0, 0, nil, 0, true)
	c.boxes = append(c.boxes, box{height: meta.size * 1.5})
	for _, ed := range pe.Statements {
		c.addPara(plain(ed.Title), look{stack: c.text, size: lay.Body.Size, leading: lay.Body.Leading * 1.1, color: lay.Colors.Muted, align: text.Start}, 0, 0, nil, 0, true)
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
	return page{boxes: boxes, top: top, cover: true, logo: pe.Logo, bookmarks: []outlineEntry{{title: pe.Title, level: 0}}}
}

// contents sets the contents: a heading, then an entry per statement (its
// title, and its kind and date line below) with the page it starts on
// flush with the column's end edge, and the contributors. Each entry is
// kept whole and links to its page.
func (r *renderer) contents(c *composer, pe *doc.PackEdition, numbers []int) []box {
	lay := r.lay
	c.boxes = nil
	c.addPara(plain(pe.Labels.Contents), look{stack: c.display, size: lay.Title.Size, leading: 1.3, bold: true, color: lay.Colors.Accent, align: text.Start}, 0, 0, nil, 0, true)
	c.space(lay.Title.Size * 0.8)
	numLook := look{stack: c.display, size: lay.Body.Size * 1.05, leading: lay.Body.Leading, bold: true, color: lay.Colors.Accent, align: text.Start}
	// The number column fits the widest number the pack could have.
	widest := c.firstLine(pe.Labels.Number(8888), numLook)
	numW := 0.0
	if widest != nil {
		numW = widest.Width
	}
	gap := 18.0
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
		c.addPara(plain(title), look{stack: c.text, size: lay.Body.Size * 1.05, leading: lay.Body.Leading, bold: true, color: lay.Colors.Text, align: text.Start}, 0, numW+gap, marker, markerAt, true)
		if sub != "" {
			c.addPara(plain(sub), look{stack: c.display, size: lay.Title.MetaSize, leading: 1.4, color: lay.Colors.Muted, align: text.Start}, 0, numW+gap, nil, 0, true)
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
