package pdfw

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Page is a page being drawn. Its content goes into Content; FinishPage
// compresses and writes it, with the page dictionary and annotations, so
// that nothing of the page but its object number stays in memory.
type Page struct {
	w     *Writer
	index int
	ref   Ref
	// Media is the page's media box; Trim and Bleed, when set, its trim
	// and bleed boxes.
	Media        Rect
	Trim, Bleed  *Rect
	content      bytes.Buffer
	annots       []Ref
	mcids        []*Elem
	later        []Ref
	depth        int // open marked-content sequences
	artifactOpen bool
}

// PageRef returns the object number of page i (0 based), reserving it if
// the page is not made yet, so that links can point at pages ahead.
func (w *Writer) PageRef(i int) Ref {
	for len(w.pages) <= i {
		w.pages = append(w.pages, &pageRecord{ref: w.Alloc()})
	}
	return w.pages[i].ref
}

// NewPage starts the next page. Pages are made in document order.
func (w *Writer) NewPage(media Rect) *Page {
	i := 0
	for i < len(w.pages) && w.pages[i].written {
		i++
	}
	ref := w.PageRef(i)
	w.pages[i].written = true
	return &Page{w: w, index: i, ref: ref, Media: media}
}

// Index is the page's position in the document, from 0.
func (p *Page) Index() int { return p.index }

// Ref is the page object's number.
func (p *Page) Ref() Ref { return p.ref }

// Content is the page's content stream, for the caller's operators.
func (p *Page) Content() *bytes.Buffer { return &p.content }

// FontName returns the resource name under which f is drawn ("/F1").
func (p *Page) FontName(f *Font) string { return "/F" + strconv.Itoa(f.index+1) }

// ImageName returns the resource name under which img is drawn.
func (p *Page) ImageName(img *Image) string { return "/Im" + strconv.Itoa(img.index+1) }

// BeginTag starts marked content belonging to structure element e: its
// next marked-content ID on this page. Marked content nests no deeper
// than the renderer opens it, and tagged content never sits inside an
// artifact.
func (p *Page) BeginTag(e *Elem) {
	mcid := len(p.mcids)
	p.mcids = append(p.mcids, e)
	e.kids = append(e.kids, kid{page: p.ref, mcid: mcid})
	p.content.WriteString(Name(e.Type) + "<</MCID " + strconv.Itoa(mcid) + ">>BDC\n")
	p.depth++
}

// Artifact kinds for BeginArtifact.
const (
	ArtifactLayout     = "/Type/Layout"
	ArtifactHeader     = "/Type/Pagination/Subtype/Header"
	ArtifactFooter     = "/Type/Pagination/Subtype/Footer"
	ArtifactWatermark  = "/Type/Pagination/Subtype/Watermark"
	ArtifactBackground = "/Type/Background"
)

// BeginArtifact starts content that is not part of the document's text
// (running heads, page numbers, rules, crop marks): readers and screen
// readers leave it out.
func (p *Page) BeginArtifact(kind string) {
	p.content.WriteString("/Artifact<<" + kind + ">>BDC\n")
	p.depth++
}

// BeginSpan starts an untagged marked-content sequence (a span with
// properties such as /Lang, or none), inside tagged content.
func (p *Page) BeginSpan(props string) {
	if props == "" {
		p.content.WriteString("/Span BMC ")
	} else {
		p.content.WriteString("/Span<<" + props + ">>BDC ")
	}
	p.depth++
}

// End ends the innermost marked-content sequence.
func (p *Page) End() {
	p.content.WriteString("EMC\n")
	p.depth--
}

// Later reserves a content stream that is drawn after the page's own and
// written later with WriteLater: page numbers that need the page count.
func (p *Page) Later() Ref {
	r := p.w.Alloc()
	p.later = append(p.later, r)
	return r
}

// WriteLater writes a content stream reserved with Later.
func (w *Writer) WriteLater(r Ref, content []byte) {
	w.Stream(r, "", content, true)
}

// Dest is a link destination: a page and the height on it.
type Dest struct {
	Page Ref
	Y    float64
}

// Link adds a link annotation over rect, to uri or (when uri is empty)
// to dest. The annotation belongs to the Link element e: an object
// reference joins e's children. contents describes the link for those
// who cannot see it.
func (p *Page) Link(rect Rect, uri string, dest Dest, e *Elem, contents string) {
	w := p.w
	r := w.Alloc()
	key := len(w.parentTree)
	w.parentTree = append(w.parentTree, parentEntry{annot: e})
	e.kids = append(e.kids, kid{annot: r, page: p.ref})
	var b bytes.Buffer
	b.WriteString("<</Type/Annot/Subtype/Link/Rect" + rect.String() + "/Border[0 0 0]")
	if uri != "" {
		b.WriteString("/A<</S/URI/URI" + uriString(uri) + ">>")
	} else {
		b.WriteString("/Dest[" + dest.Page.String() + "/XYZ 0 " + Num(dest.Y) + " null]")
	}
	b.WriteString("/P " + p.ref.String() + "/StructParent " + strconv.Itoa(key))
	if contents != "" {
		b.WriteString("/Contents " + Text(contents))
	}
	b.WriteString(">>")
	w.Object(r, b.Bytes())
	p.annots = append(p.annots, r)
}

// LinkLater adds a link annotation over rect whose destination is not
// known yet (a place further on in the document): it is listed on the
// page and in the structure tree now, and written when the returned
// function is called with its destination, which must happen before
// Close.
func (p *Page) LinkLater(rect Rect, e *Elem, contents string) func(Dest) {
	w := p.w
	r := w.Alloc()
	key := len(w.parentTree)
	w.parentTree = append(w.parentTree, parentEntry{annot: e})
	e.kids = append(e.kids, kid{annot: r, page: p.ref})
	p.annots = append(p.annots, r)
	page := p.ref
	contents = strings.TrimSpace(contents)
	return func(dest Dest) {
		var b bytes.Buffer
		b.WriteString("<</Type/Annot/Subtype/Link/Rect" + rect.String() + "/Border[0 0 0]")
		b.WriteString("/Dest[" + dest.Page.String() + "/XYZ 0 " + Num(dest.Y) + " null]")
		b.WriteString("/P " + page.String() + "/StructParent " + strconv.Itoa(key))
		if contents != "" {
			b.WriteString("/Contents " + Text(contents))
		}
		b.WriteString(">>")
		w.Object(r, b.Bytes())
	}
}

// uriString writes a URI as the 7-bit ASCII a URI action holds: bytes
// outside printable ASCII are percent-encoded.
func uriString(uri string) string {
	var b bytes.Buffer
	for i := 0; i < len(uri); i++ {
		c := uri[i]
		if c <= ' ' || c >= 0x7F {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return ASCII(b.String())
}

// FinishPage writes the page: its content stream, compressed, its
// dictionary, and its entry in the structure tree's parent tree. The
// page's content is released.
func (w *Writer) FinishPage(p *Page) {
	if p.depth != 0 && w.err == nil {
		w.err = fmt.Errorf("pdf: page %d ends with %d marked-content sequences open", p.index+1, p.depth)
	}
	contents := w.Alloc()
	w.Stream(contents, "", p.content.Bytes(), true)
	p.content = bytes.Buffer{}

	var d bytes.Buffer
	d.WriteString("<</Type/Page/Parent " + w.pagesRef.String() + "/MediaBox" + p.Media.String())
	// Trim before bleed, always: the same document gives the same bytes.
	if p.Trim != nil {
		d.WriteString("/TrimBox" + p.Trim.String())
	}
	if p.Bleed != nil {
		d.WriteString("/BleedBox" + p.Bleed.String())
	}
	d.WriteString("/Resources " + w.resourcesRef().String())
	if len(p.later) == 0 {
		d.WriteString("/Contents " + contents.String())
	} else {
		d.WriteString("/Contents[" + contents.String())
		for _, r := range p.later {
			d.WriteString(" " + r.String())
		}
		d.WriteString("]")
	}
	if len(p.annots) > 0 {
		d.WriteString("/Annots[")
		for i, r := range p.annots {
			if i > 0 {
				d.WriteByte(' ')
			}
			d.WriteString(r.String())
		}
		// Tab through annotations in the order of the structure tree.
		d.WriteString("]/Tabs/S")
	}
	if len(p.mcids) > 0 {
		key := len(w.parentTree)
		arr := w.Alloc()
		var a bytes.Buffer
		a.WriteString("[")
		for i, e := range p.mcids {
			if i > 0 {
				a.WriteByte(' ')
			}
			a.WriteString(e.ref.String())
		}
		a.WriteString("]")
		w.Object(arr, a.Bytes())
		w.parentTree = append(w.parentTree, parentEntry{isPage: true, arrayRef: arr})
		d.WriteString("/StructParents " + strconv.Itoa(key))
	}
	// Pages are composited in RGB, as the images on them expect.
	d.WriteString("/Group<</Type/Group/S/Transparency/CS/DeviceRGB>>>>")
	w.Object(p.ref, d.Bytes())
	p.mcids = nil
	p.annots = nil
}

// Sheet returns a page-like canvas that is not a page: its content is
// written with WriteLater into a stream reserved by a page's Later.
func (w *Writer) Sheet() *Page { return &Page{w: w, index: -1} }

// NextPageIndex is the index the next page made will have: the number of
// pages made so far.
func (w *Writer) NextPageIndex() int {
	i := 0
	for i < len(w.pages) && w.pages[i].written {
		i++
	}
	return i
}
