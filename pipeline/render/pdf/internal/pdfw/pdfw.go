// Package pdfw writes PDF files for polypress's PDF renderer: objects and
// the cross-reference table, a compressed content stream per page written
// as soon as the page is finished, embedded TrueType subsets as
// Type0/CIDFontType2 fonts with ToUnicode maps, the structure tree of a
// tagged PDF, the outline, link annotations, page boxes, images and
// metadata.
//
// It knows nothing of statements or shaping: the renderer draws into a
// page's content stream and tells the writer which glyph shows which text.
// Output depends only on what the caller writes: no clock, no randomness,
// no map iteration into the file.
package pdfw

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// Ref is an indirect object's number.
type Ref int

func (r Ref) String() string { return strconv.Itoa(int(r)) + " 0 R" }

// Info is the document's metadata, written to the information dictionary
// and to the XMP metadata stream.
type Info struct {
	Title, Author, Subject, Keywords string
	Creator, Producer                string
	// Lang is the document's natural language (BCP 47), the catalog's
	// /Lang.
	Lang    string
	Created time.Time
	// PDFUA declares conformance to PDF/UA-1 in the XMP metadata.
	PDFUA bool
}

// Writer writes one PDF file. Errors are sticky: after the first, every
// call does nothing and Close returns it.
type Writer struct {
	out     *bufio.Writer
	hash    hash.Hash
	n       int64
	offsets []int64 // by object number - 1; -1 while only reserved
	err     error

	zbuf bytes.Buffer
	zw   *zlib.Writer
	obj  bytes.Buffer

	pagesRef Ref
	pages    []*pageRecord
	fonts    []*Font
	images   []*Image

	resources  Ref
	outline    []outlineItem
	structRoot *Elem
	elems      []*Elem
	// parentTree holds, by StructParents key, the structure elements of
	// a page's marked-content IDs (a page) or an annotation's element.
	parentTree []parentEntry
}

type parentEntry struct {
	isPage   bool
	arrayRef Ref   // a page's array of elements by MCID
	annot    *Elem // or an annotation's element
}

// New starts a PDF file on w.
func New(w io.Writer) *Writer {
	wr := &Writer{hash: sha256.New()}
	wr.out = bufio.NewWriterSize(io.MultiWriter(w, wr.hash), 64<<10)
	wr.zw, _ = zlib.NewWriterLevel(&wr.zbuf, zlib.BestSpeed)
	// The binary comment marks the file as binary for transfer programs.
	wr.write([]byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
	wr.pagesRef = wr.Alloc()
	return wr
}

func (w *Writer) write(b []byte) {
	if w.err != nil {
		return
	}
	n, err := w.out.Write(b)
	w.n += int64(n)
	w.err = err
}

// Err returns the first error met.
func (w *Writer) Err() error { return w.err }

// Alloc reserves an object number, for an object written later.
func (w *Writer) Alloc() Ref {
	w.offsets = append(w.offsets, -1)
	return Ref(len(w.offsets))
}

// startObject records where object r starts and writes its header.
func (w *Writer) startObject(r Ref) {
	if w.err != nil {
		return
	}
	if int(r) < 1 || int(r) > len(w.offsets) || w.offsets[r-1] != -1 {
		w.err = fmt.Errorf("pdf: object %d written twice or never reserved", r)
		return
	}
	w.offsets[r-1] = w.n
	w.write([]byte(strconv.Itoa(int(r)) + " 0 obj\n"))
}

// Object writes object r with the given body (a dictionary, array...).
func (w *Writer) Object(r Ref, body []byte) {
	w.startObject(r)
	w.write(body)
	w.write([]byte("\nendobj\n"))
}

// Stream writes object r as a stream with the dictionary entries dict
// (without << >>), compressing data when compress is set.
func (w *Writer) Stream(r Ref, dict string, data []byte, compress bool) {
	if compress {
		w.zbuf.Reset()
		w.zw.Reset(&w.zbuf)
		w.zw.Write(data)
		w.zw.Close()
		data = w.zbuf.Bytes()
		dict += "/Filter/FlateDecode"
	}
	w.startObject(r)
	w.write([]byte("<<" + dict + "/Length " + strconv.Itoa(len(data)) + ">>\nstream\n"))
	w.write(data)
	w.write([]byte("\nendstream\nendobj\n"))
}

// Rect is a rectangle in PDF user space: lower left and upper right.
type Rect struct{ X0, Y0, X1, Y1 float64 }

func (r Rect) String() string {
	return "[" + Num(r.X0) + " " + Num(r.Y0) + " " + Num(r.X1) + " " + Num(r.Y1) + "]"
}

// Num formats a number for a PDF file: at most three decimals, no
// trailing zeros, so that output is small and stable.
func Num(v float64) string {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		return "0"
	}
	if math.Abs(v) >= 1e12 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	// v is the double nearest k/1000 for a whole k, and below 10¹² no
	// other decimal of three places or fewer is near enough to read back
	// as v, so FormatFloat's shortest form is k/1000 written out: write
	// it by hand, which takes a fifth of the time (it runs for every
	// glyph drawn). TestNum compares the two.
	k := int64(math.Round(v * 1000))
	var buf [24]byte
	b := buf[:0]
	if k < 0 {
		b = append(b, '-')
		k = -k
	}
	b = strconv.AppendInt(b, k/1000, 10)
	if frac := k % 1000; frac != 0 {
		d := [3]byte{byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
		n := 3
		for d[n-1] == '0' {
			n--
		}
		b = append(b, '.')
		b = append(b, d[:n]...)
	}
	return string(b)
}

// Name writes s as a PDF name object, escaping what a name cannot hold.
func Name(s string) string {
	var b strings.Builder
	b.WriteByte('/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '!' || c > '~' || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// Text writes s as a PDF text string: printable ASCII as a literal string
// (ASCII is the same in PDFDocEncoding, and tools that print the raw
// bytes, such as pdfinfo's structure listing, show it as it is); any
// other text as UTF-16BE with a byte order mark, in hex.
func Text(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		ascii = ascii && s[i] >= 0x20 && s[i] < 0x7f
	}
	if ascii {
		return ASCII(s)
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

// ASCII writes s, which must be printable ASCII, as a literal string.
func ASCII(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return "(" + r.Replace(s) + ")"
}

// Date formats t as a PDF date in UTC.
func Date(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "Z)"
}

// pageRecord is what the writer keeps of a page once its content is
// written: only references.
type pageRecord struct {
	ref     Ref
	dict    []byte // the page dictionary, written at Close
	written bool
}

// Elem is an element of the structure tree.
type Elem struct {
	// Type is the standard structure type (P, H1, L, LI, Lbl, LBody...).
	Type string
	// Lang, Alt and ActualText are written when set.
	Lang, Alt string
	// ListNumbering is the /ListNumbering attribute of an L element
	// (Decimal, LowerAlpha, LowerRoman...).
	ListNumbering string
	// Title is an element's /T entry (a Sect's title, say).
	Title string
	// Scope is the /Scope attribute of a TH element (Column, Row).
	Scope  string
	ref    Ref
	parent *Elem
	kids   []kid
}

type kid struct {
	elem  *Elem
	page  Ref // a marked-content reference: page and MCID
	mcid  int
	annot Ref // an object reference: annotation
}

// Root returns the structure tree's root element (the Document), made on
// first use.
func (w *Writer) Root() *Elem {
	if w.structRoot == nil {
		w.structRoot = &Elem{Type: "Document", ref: w.Alloc()}
		w.elems = append(w.elems, w.structRoot)
	}
	return w.structRoot
}

// Add appends a new element of type typ to parent's children.
func (w *Writer) Add(parent *Elem, typ string) *Elem {
	e := &Elem{Type: typ, ref: w.Alloc(), parent: parent}
	parent.kids = append(parent.kids, kid{elem: e})
	w.elems = append(w.elems, e)
	return e
}

// InheritedLang is the language e's content is in as far as the tree
// says: e's Lang, else its nearest ancestor's; "" when none has one (the
// catalog's /Lang applies).
func (e *Elem) InheritedLang() string {
	for ; e != nil; e = e.parent {
		if e.Lang != "" {
			return e.Lang
		}
	}
	return ""
}

// Structure types a tagged PDF may use without a role map (PDF 32000-1
// §14.8.4); Add accepts no others.
var standardTypes = map[string]bool{
	"Document": true, "Part": true, "Art": true, "Sect": true, "Div": true, "BlockQuote": true,
	"Caption": true, "TOC": true, "TOCI": true, "Index": true, "NonStruct": true, "Private": true,
	"P": true, "H": true, "H1": true, "H2": true, "H3": true, "H4": true, "H5": true, "H6": true,
	"L": true, "LI": true, "Lbl": true, "LBody": true, "Table": true, "TR": true, "TH": true, "TD": true,
	"THead": true, "TBody": true, "TFoot": true, "Span": true, "Quote": true, "Note": true,
	"Reference": true, "BibEntry": true, "Code": true, "Link": true, "Annot": true, "Ruby": true,
	"Warichu": true, "Figure": true, "Formula": true, "Form": true,
}

// IsStandardType reports whether typ is a standard structure type.
func IsStandardType(typ string) bool { return standardTypes[typ] }
