package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/diag"
)

// MaxSize is the largest XLIFF document Parse reads: far more than the
// units of any statement and its locale file.
const MaxSize = 64 << 20

// Parse reads an XLIFF 1.2 document. path names it in positions. Every
// problem is an error at its file:line:col (columns count characters), in
// a sorted diag.List; a document that is not well-formed XML stops at its
// first error.
func Parse(path string, data []byte) (*Document, error) {
	if len(data) > MaxSize {
		return nil, diag.List{diag.Errorf(diag.Pos{File: path}, "the file is %d MB; an XLIFF file of statements is far smaller (at most %d MB are read)", len(data)>>20, MaxSize>>20)}
	}
	p := &parser{path: path, data: data, lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return nil, diag.List{diag.Errorf(p.pos(int64(off)), "the file is not valid UTF-8; save it as UTF-8")}
	}
	p.d = xml.NewDecoder(bytes.NewReader(data))
	p.d.Strict = true
	doc, err := p.document()
	if err != nil {
		p.errs.Add(err)
	}
	p.errs.Sort()
	if e := p.errs.Err(); e != nil {
		return nil, e
	}
	return doc, nil
}

type parser struct {
	path  string
	data  []byte
	lines []int // byte offset of each line's start
	d     *xml.Decoder
	errs  diag.List
}

// pos turns a byte offset into a position.
func (p *parser) pos(off int64) diag.Pos {
	o := int(min(max(off, 0), int64(len(p.data))))
	i := sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > o }) - 1
	i = max(i, 0)
	return diag.Pos{File: p.path, Line: i + 1, Col: utf8.RuneCount(p.data[p.lines[i]:o]) + 1}
}

// next returns the next token and where it starts. A syntax error is
// returned positioned where the decoder stopped.
func (p *parser) next() (xml.Token, diag.Pos, *diag.Diagnostic) {
	start := p.d.InputOffset()
	tok, err := p.d.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, p.pos(start), nil
		}
		msg := err.Error()
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			msg = se.Msg
		}
		msg = strings.TrimPrefix(msg, "xml: ")
		at := p.d.InputOffset()
		if strings.Contains(msg, "closed by") || strings.Contains(msg, "unexpected end element") {
			// The end tag that closes the wrong element.
			at = start
		}
		return nil, diag.Pos{}, diag.Errorf(p.pos(at), "not well-formed XML: %s", msg)
	}
	return xml.CopyToken(tok), p.pos(start), nil
}

// isXLIFF reports whether a name is an XLIFF element's: in the XLIFF
// namespace, or in none (some tools leave it out).
func isXLIFF(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == Namespace || n.Space == "")
}

func attr(e xml.StartElement, space, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local && (a.Name.Space == space || space == "" && a.Name.Space == Namespace) {
			return a.Value, true
		}
	}
	return "", false
}

// skip reads past the element just started.
func (p *parser) skip() *diag.Diagnostic {
	depth := 1
	for depth > 0 {
		tok, _, err := p.next()
		if err != nil {
			return err
		}
		if tok == nil {
			return diag.Errorf(p.pos(int64(len(p.data))), "not well-formed XML: the file ends inside an element")
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

func (p *parser) document() (*Document, *diag.Diagnostic) {
	doc := &Document{}
	seenRoot := false
	for {
		tok, pos, err := p.next()
		if err != nil {
			return nil, err
		}
		if tok == nil {
			if !seenRoot {
				return nil, diag.Errorf(diag.Pos{File: p.path, Line: 1, Col: 1}, "no <xliff> element: this is not an XLIFF file")
			}
			return doc, nil
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if seenRoot || !isXLIFF(se.Name, "xliff") {
			return nil, diag.Errorf(pos, "<%s> where an XLIFF 1.2 document has its <xliff> element", se.Name.Local)
		}
		seenRoot = true
		if v, _ := attr(se, "", "version"); v != "1.2" {
			p.errs.Errorf(pos, "XLIFF version %q: polypress reads XLIFF 1.2 (version=\"1.2\"); export again, or save as XLIFF 1.2 in your tool", v)
		}
		if err := p.xliff(doc); err != nil {
			return nil, err
		}
	}
}

func (p *parser) xliff(doc *Document) *diag.Diagnostic {
	for {
		tok, pos, err := p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case nil:
			return diag.Errorf(pos, "not well-formed XML: the file ends before </xliff>")
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if !isXLIFF(t.Name, "file") {
				if err := p.skip(); err != nil {
					return err
				}
				continue
			}
			f := &File{Pos: pos}
			f.Original, _ = attr(t, "", "original")
			f.SourceLang, _ = attr(t, "", "source-language")
			f.TargetLang, _ = attr(t, "", "target-language")
			f.Datatype, _ = attr(t, "", "datatype")
			if err := p.file(f); err != nil {
				return err
			}
			doc.Files = append(doc.Files, f)
		}
	}
}

func (p *parser) file(f *File) *diag.Diagnostic {
	for {
		tok, pos, err := p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case nil:
			return diag.Errorf(pos, "not well-formed XML: the file ends inside <file>")
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch {
			case isXLIFF(t.Name, "header"):
				if err := p.header(f); err != nil {
					return err
				}
			case isXLIFF(t.Name, "body"):
				if err := p.body(f, nil); err != nil {
					return err
				}
			default:
				if err := p.skip(); err != nil {
					return err
				}
			}
		}
	}
}

func (p *parser) header(f *File) *diag.Diagnostic {
	for {
		tok, pos, err := p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case nil:
			return diag.Errorf(pos, "not well-formed XML: the file ends inside <header>")
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if isXLIFF(t.Name, "note") {
				n, err := p.note(t)
				if err != nil {
					return err
				}
				f.Notes = append(f.Notes, n)
				continue
			}
			if err := p.skip(); err != nil {
				return err
			}
		}
	}
}

// body reads the units of a <body> or a <group>.
func (p *parser) body(f *File, g *Group) *diag.Diagnostic {
	for {
		tok, pos, err := p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case nil:
			return diag.Errorf(pos, "not well-formed XML: the file ends inside <body>")
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch {
			case isXLIFF(t.Name, "group"):
				ng := &Group{Pos: pos}
				ng.ID, _ = attr(t, "", "id")
				ng.Restype, _ = attr(t, "", "restype")
				if err := p.body(f, ng); err != nil {
					return err
				}
			case isXLIFF(t.Name, "trans-unit"):
				u := &Unit{Group: g, Pos: pos}
				u.ID, _ = attr(t, "", "id")
				u.Approved, _ = attr(t, "", "approved")
				if err := p.unit(u); err != nil {
					return err
				}
				f.Units = append(f.Units, u)
			default:
				if err := p.skip(); err != nil {
					return err
				}
			}
		}
	}
}

func (p *parser) unit(u *Unit) *diag.Diagnostic {
	for {
		tok, pos, err := p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case nil:
			return diag.Errorf(pos, "not well-formed XML: the file ends inside <trans-unit>")
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch {
			case isXLIFF(t.Name, "source"):
				u.SourcePos = pos
				c, err := p.content(t.Name)
				if err != nil {
					return err
				}
				u.Source = c
			case isXLIFF(t.Name, "target"):
				u.TargetPos = pos
				u.State, _ = attr(t, "", "state")
				c, err := p.content(t.Name)
				if err != nil {
					return err
				}
				u.Target = &c
			case isXLIFF(t.Name, "note"):
				n, err := p.note(t)
				if err != nil {
					return err
				}
				u.Notes = append(u.Notes, n)
			default:
				if err := p.skip(); err != nil {
					return err
				}
			}
		}
	}
}

func (p *parser) note(t xml.StartElement) (Note, *diag.Diagnostic) {
	n := Note{}
	n.From, _ = attr(t, "", "from")
	var b strings.Builder
	for {
		tok, pos, err := p.next()
		if err != nil {
			return n, err
		}
		switch t := tok.(type) {
		case nil:
			return n, diag.Errorf(pos, "not well-formed XML: the file ends inside <note>")
		case xml.CharData:
			b.Write(t)
		case xml.EndElement:
			n.Text = b.String()
			return n, nil
		case xml.StartElement:
			if err := p.skip(); err != nil {
				return n, err
			}
		}
	}
}

// inlineKinds maps the inline element names to kinds.
var inlineKinds = map[string]Kind{"g": G, "x": X, "bx": Bx, "ex": Ex, "ph": Ph, "bpt": Bpt, "ept": Ept, "it": It}

// content reads inline content up to the end of the element named end.
// <mrk> marks (of segmentation, terms, comments) are read through: their
// content is the content.
func (p *parser) content(end xml.Name) (Content, *diag.Diagnostic) {
	out := Content{}
	for {
		tok, pos, err := p.next()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case nil:
			return nil, diag.Errorf(pos, "not well-formed XML: the file ends inside <%s>", end.Local)
		case xml.CharData:
			if n := len(out); n > 0 && out[n-1].Kind == Text {
				out[n-1].Text += string(t)
			} else {
				out = append(out, Inline{Kind: Text, Text: string(t), Pos: pos})
			}
		case xml.EndElement:
			return out, nil
		case xml.StartElement:
			if t.Name.Space != Namespace && t.Name.Space != "" {
				return nil, diag.Errorf(pos, "<%s> of namespace %s inside <%s>: only XLIFF inline elements may be there", t.Name.Local, t.Name.Space, end.Local)
			}
			if t.Name.Local == "mrk" || t.Name.Local == "sub" {
				c, err := p.content(t.Name)
				if err != nil {
					return nil, err
				}
				out = append(out, c...)
				continue
			}
			k, ok := inlineKinds[t.Name.Local]
			if !ok {
				return nil, diag.Errorf(pos, "<%s> is not XLIFF 1.2 inline markup; a <%s> holds text and <g>, <x>, <bx>, <ex>, <ph>, <bpt>, <ept>, <it> and <mrk>", t.Name.Local, end.Local)
			}
			in := Inline{Kind: k, Pos: pos}
			in.ID, _ = attr(t, "", "id")
			in.Ctype, _ = attr(t, "", "ctype")
			in.Href, _ = attr(t, ExtNamespace, "href")
			switch k {
			case G:
				c, err := p.content(t.Name)
				if err != nil {
					return nil, err
				}
				in.Children = c
			case X, Bx, Ex:
				if err := p.skip(); err != nil {
					return nil, err
				}
			default:
				// Native data: its text, and the text of any <sub>.
				c, err := p.content(t.Name)
				if err != nil {
					return nil, err
				}
				in.Text = c.PlainText()
			}
			out = append(out, in)
		}
	}
}

// String shows a document's shape, for tests.
func (d *Document) String() string {
	var b strings.Builder
	for _, f := range d.Files {
		fmt.Fprintf(&b, "file %s %s→%s: %d units\n", f.Original, f.SourceLang, f.TargetLang, len(f.Units))
	}
	return b.String()
}
