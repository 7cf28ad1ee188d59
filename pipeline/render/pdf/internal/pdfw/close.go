package pdfw

import (
	"bytes"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

type outlineItem struct {
	title string
	level int
	dest  Dest
}

// Bookmark adds an outline entry at the given level (0 is the top) that
// opens page at height y. Entries nest under the last entry of a lower
// level. A reader shows the top level open and the levels below closed, so
// that an outline with an entry per clause opens on its title and
// sections.
func (w *Writer) Bookmark(title string, level int, dest Dest) {
	if level < 0 {
		level = 0
	}
	if n := len(w.outline); n == 0 {
		level = 0
	} else if prev := w.outline[n-1].level; level > prev+1 {
		level = prev + 1
	}
	w.outline = append(w.outline, outlineItem{title: title, level: level, dest: dest})
}

func (w *Writer) resourcesRef() Ref {
	if w.resources == 0 {
		w.resources = w.Alloc()
	}
	return w.resources
}

// Close writes what is left — fonts, structure tree, outline, page tree,
// metadata, catalog, cross-reference table and trailer — and flushes the
// output.
func (w *Writer) Close(info Info) error {
	if w.err != nil {
		return w.err
	}
	for _, p := range w.pages {
		if !p.written {
			return fmt.Errorf("pdf: page object %d reserved but never made", p.ref)
		}
	}
	for _, f := range w.fonts {
		if err := w.writeFont(f); err != nil {
			return err
		}
	}
	// One resource dictionary serves every page: pages are written as
	// soon as they are drawn, before the fonts know all their glyphs.
	var res bytes.Buffer
	res.WriteString("<<")
	if len(w.fonts) > 0 {
		res.WriteString("/Font<<")
		for _, f := range w.fonts {
			res.WriteString("/F" + strconv.Itoa(f.index+1) + " " + f.ref.String())
		}
		res.WriteString(">>")
	}
	if len(w.images) > 0 {
		res.WriteString("/XObject<<")
		for _, im := range w.images {
			res.WriteString("/Im" + strconv.Itoa(im.index+1) + " " + im.ref.String())
		}
		res.WriteString(">>")
	}
	res.WriteString(">>")
	w.Object(w.resourcesRef(), res.Bytes())

	var kids bytes.Buffer
	for i, p := range w.pages {
		if i > 0 {
			kids.WriteByte(' ')
		}
		kids.WriteString(p.ref.String())
	}
	w.Object(w.pagesRef, []byte("<</Type/Pages/Kids["+kids.String()+"]/Count "+strconv.Itoa(len(w.pages))+">>"))

	structRoot := w.writeStructure()
	outlines := w.writeOutline()

	infoRef := w.Alloc()
	var d bytes.Buffer
	d.WriteString("<<")
	for _, kv := range [][2]string{{"Title", info.Title}, {"Author", info.Author}, {"Subject", info.Subject},
		{"Keywords", info.Keywords}, {"Creator", info.Creator}, {"Producer", info.Producer}} {
		if kv[1] != "" {
			d.WriteString("/" + kv[0] + " " + Text(kv[1]))
		}
	}
	d.WriteString("/CreationDate" + Date(info.Created) + "/ModDate" + Date(info.Created) + ">>")
	w.Object(infoRef, d.Bytes())

	meta := w.Alloc()
	xmpData := xmp(info)
	// Uncompressed, so that tools that do not parse PDF can find it.
	w.Stream(meta, "/Type/Metadata/Subtype/XML", xmpData, false)

	catalog := w.Alloc()
	var c bytes.Buffer
	c.WriteString("<</Type/Catalog/Pages " + w.pagesRef.String() + "/Metadata " + meta.String())
	if info.Lang != "" {
		c.WriteString("/Lang" + Text(info.Lang))
	}
	if structRoot != 0 {
		c.WriteString("/MarkInfo<</Marked true>>/StructTreeRoot " + structRoot.String())
	}
	if outlines != 0 {
		c.WriteString("/Outlines " + outlines.String() + "/PageMode/UseOutlines")
	}
	// Viewers show the title, not the file name, in their title bar.
	c.WriteString("/ViewerPreferences<</DisplayDocTitle true>>>>")
	w.Object(catalog, c.Bytes())

	if err := w.out.Flush(); err != nil {
		return err
	}
	// The file identifier is a digest of everything before it: the same
	// document gets the same identifier.
	id := hex.EncodeToString(w.hash.Sum(nil)[:16])
	xrefAt := w.n
	var x bytes.Buffer
	fmt.Fprintf(&x, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for i, o := range w.offsets {
		if o < 0 {
			return fmt.Errorf("pdf: object %d reserved but never written", i+1)
		}
		fmt.Fprintf(&x, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&x, "trailer\n<</Size %d/Root %s/Info %s/ID[<%s><%s>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(w.offsets)+1, catalog, infoRef, id, id, xrefAt)
	w.write(x.Bytes())
	if w.err != nil {
		return w.err
	}
	return w.out.Flush()
}

// writeStructure writes the structure elements, the parent tree and the
// structure tree root, and returns the root's reference (0: no tree).
func (w *Writer) writeStructure() Ref {
	if w.structRoot == nil {
		return 0
	}
	root := w.Alloc()
	for _, e := range w.elems {
		var b bytes.Buffer
		b.WriteString("<</Type/StructElem/S" + Name(e.Type))
		if e.parent != nil {
			b.WriteString("/P " + e.parent.ref.String())
		} else {
			b.WriteString("/P " + root.String())
		}
		// Marked content on a single page names the page once.
		var page Ref
		onePage := true
		for _, k := range e.kids {
			if k.elem != nil || k.annot != 0 {
				continue
			}
			if page == 0 {
				page = k.page
			} else if k.page != page {
				onePage = false
			}
		}
		if page != 0 && onePage {
			b.WriteString("/Pg " + page.String())
		}
		if e.Lang != "" {
			b.WriteString("/Lang" + Text(e.Lang))
		}
		if e.Alt != "" {
			b.WriteString("/Alt" + Text(e.Alt))
		}
		if e.Title != "" {
			b.WriteString("/T" + Text(e.Title))
		}
		if e.Type == "Note" {
			// PDF/UA asks every note for an ID unique in the file: the
			// element's object number is.
			b.WriteString("/ID" + Text("note-"+strconv.Itoa(int(e.ref))))
		}
		if e.Scope != "" {
			b.WriteString("/A<</O/Table/Scope" + Name(e.Scope) + ">>")
		}
		if e.ListNumbering != "" {
			b.WriteString("/A<</O/List/ListNumbering" + Name(e.ListNumbering) + ">>")
		}
		b.WriteString("/K[")
		for i, k := range e.kids {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch {
			case k.elem != nil:
				b.WriteString(k.elem.ref.String())
			case k.annot != 0:
				b.WriteString("<</Type/OBJR/Obj " + k.annot.String() + "/Pg " + k.page.String() + ">>")
			case onePage:
				b.WriteString(strconv.Itoa(k.mcid))
			default:
				b.WriteString("<</Type/MCR/Pg " + k.page.String() + "/MCID " + strconv.Itoa(k.mcid) + ">>")
			}
		}
		b.WriteString("]>>")
		w.Object(e.ref, b.Bytes())
	}
	tree := w.Alloc()
	var t bytes.Buffer
	t.WriteString("<</Nums[")
	for key, p := range w.parentTree {
		if key > 0 {
			t.WriteByte(' ')
		}
		if p.isPage {
			t.WriteString(strconv.Itoa(key) + " " + p.arrayRef.String())
		} else {
			t.WriteString(strconv.Itoa(key) + " " + p.annot.ref.String())
		}
	}
	t.WriteString("]>>")
	w.Object(tree, t.Bytes())
	w.Object(root, []byte("<</Type/StructTreeRoot/K "+w.structRoot.ref.String()+"/ParentTree "+tree.String()+
		"/ParentTreeNextKey "+strconv.Itoa(len(w.parentTree))+">>"))
	// The Document element's parent is the root.
	return root
}

// writeOutline writes the outline and returns its dictionary's reference
// (0: none).
func (w *Writer) writeOutline() Ref {
	if len(w.outline) == 0 {
		return 0
	}
	type node struct {
		ref         Ref
		parent      int // index, -1 for the outline root
		first, last int
		prev, next  int
		count       int
	}
	root := w.Alloc()
	nodes := make([]node, len(w.outline))
	for i := range nodes {
		nodes[i] = node{ref: w.Alloc(), parent: -1, first: -1, last: -1, prev: -1, next: -1}
	}
	rootFirst, rootLast := -1, -1
	var stack []int // open entries by level
	for i, it := range w.outline {
		for len(stack) > it.level {
			stack = stack[:len(stack)-1]
		}
		parent := -1
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		nodes[i].parent = parent
		if parent < 0 {
			if rootLast >= 0 {
				nodes[rootLast].next, nodes[i].prev = i, rootLast
			} else {
				rootFirst = i
			}
			rootLast = i
		} else {
			p := &nodes[parent]
			if p.last >= 0 {
				nodes[p.last].next, nodes[i].prev = i, p.last
			} else {
				p.first = i
			}
			p.last = i
		}
		stack = append(stack, i)
	}
	// count is, for an open entry, how many entries show below it, and
	// for a closed one, minus how many would show were it opened
	// (ISO 32000-1, 12.3.3): the top level is open.
	open := func(i int) bool { return w.outline[i].level == 0 }
	shown := make([]int, len(nodes))
	for i := len(nodes) - 1; i >= 0; i-- {
		// Children come after their parent, so each is done first.
		for k := nodes[i].first; k >= 0; k = nodes[k].next {
			shown[i]++
			if open(k) {
				shown[i] += shown[k]
			}
		}
		nodes[i].count = shown[i]
		if !open(i) {
			nodes[i].count = -shown[i]
		}
	}
	rootCount := 0
	for k := rootFirst; k >= 0; k = nodes[k].next {
		rootCount++
		if open(k) {
			rootCount += shown[k]
		}
	}
	ref := func(i int) string {
		if i < 0 {
			return root.String()
		}
		return nodes[i].ref.String()
	}
	for i, n := range nodes {
		it := w.outline[i]
		var b bytes.Buffer
		b.WriteString("<</Title " + Text(it.title) + "/Parent " + ref(n.parent))
		if n.prev >= 0 {
			b.WriteString("/Prev " + ref(n.prev))
		}
		if n.next >= 0 {
			b.WriteString("/Next " + ref(n.next))
		}
		if n.first >= 0 {
			b.WriteString("/First " + ref(n.first) + "/Last " + ref(n.last) + "/Count " + strconv.Itoa(n.count))
		}
		b.WriteString("/Dest[" + it.dest.Page.String() + "/XYZ 0 " + Num(it.dest.Y) + " null]>>")
		w.Object(n.ref, b.Bytes())
	}
	w.Object(root, []byte("<</Type/Outlines/First "+ref(rootFirst)+"/Last "+ref(rootLast)+"/Count "+strconv.Itoa(rootCount)+">>"))
	return root
}

// xmp returns the XMP packet repeating the information dictionary
// (title, author, subject, keywords, creator, dates, language), as
// archives and search tools read XMP first, and the PDF/UA identification
// when the document claims it.
func xmp(in Info) []byte {
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	date := in.Created.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString(`<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>` + "\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"`)
	if in.PDFUA {
		b.WriteString(` xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"`)
	}
	b.WriteString(">\n")
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc(in.Title) + `</rdf:li></rdf:Alt></dc:title>` + "\n")
	if in.Author != "" {
		b.WriteString(`<dc:creator><rdf:Seq><rdf:li>` + esc(in.Author) + `</rdf:li></rdf:Seq></dc:creator>` + "\n")
	}
	b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + esc(in.Subject) + `</rdf:li></rdf:Alt></dc:description>` + "\n")
	if in.Lang != "" {
		b.WriteString(`<dc:language><rdf:Bag><rdf:li>` + esc(in.Lang) + `</rdf:li></rdf:Bag></dc:language>` + "\n")
	}
	b.WriteString(`<pdf:Keywords>` + esc(in.Keywords) + `</pdf:Keywords>` + "\n")
	if in.Producer != "" {
		b.WriteString(`<pdf:Producer>` + esc(in.Producer) + `</pdf:Producer>` + "\n")
	}
	b.WriteString(`<xmp:CreatorTool>` + esc(in.Creator) + `</xmp:CreatorTool>` + "\n")
	b.WriteString(`<xmp:CreateDate>` + date + `</xmp:CreateDate><xmp:ModifyDate>` + date + `</xmp:ModifyDate>` + "\n")
	if in.PDFUA {
		b.WriteString(`<pdfuaid:part>1</pdfuaid:part>` + "\n")
	}
	b.WriteString(`</rdf:Description></rdf:RDF></x:xmpmeta>` + "\n")
	b.WriteString(`<?xpacket end="r"?>`)
	return []byte(b.String())
}
