package validate

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// PDFObjects is a PDF file's objects as qpdf reads them (qpdf --json=2,
// streams decoded): enough to check what a PDF says about itself without
// a PDF library of our own. Values are as qpdf writes them: names
// "/Name", strings "u:text" or "b:hex", references "12 0 R", numbers,
// booleans, null, []any and map[string]any; a stream is a map with
// "dict" and the decoded bytes under "data".
type PDFObjects struct {
	objs    map[string]any
	trailer map[string]any
}

// ReadPDFObjects reads path's objects with qpdf.
func ReadPDFObjects(t testing.TB, path string) *PDFObjects {
	t.Helper()
	tool := Require(t, "qpdf")
	out := run(t, tool, "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
		"--decode-level=generalized", path)
	doc, err := parsePDFObjects(out)
	if err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	return doc
}

func parsePDFObjects(data []byte) (*PDFObjects, error) {
	var raw struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	if len(raw.QPDF) != 2 {
		return nil, fmt.Errorf("unexpected qpdf JSON: %d parts", len(raw.QPDF))
	}
	var objs map[string]map[string]any
	d := json.NewDecoder(bytes.NewReader(raw.QPDF[1]))
	d.UseNumber()
	if err := d.Decode(&objs); err != nil {
		return nil, err
	}
	doc := &PDFObjects{objs: map[string]any{}}
	for k, v := range objs {
		if k == "trailer" {
			doc.trailer, _ = v["value"].(map[string]any)
			continue
		}
		ref := strings.TrimPrefix(k, "obj:")
		if s, ok := v["stream"].(map[string]any); ok {
			b, err := base64.StdEncoding.DecodeString(fmt.Sprint(s["data"]))
			if err != nil {
				return nil, fmt.Errorf("%s: %v", ref, err)
			}
			dict, _ := s["dict"].(map[string]any)
			doc.objs[ref] = &pdfStream{dict: dict, data: b}
			continue
		}
		doc.objs[ref] = v["value"]
	}
	if doc.trailer == nil {
		return nil, fmt.Errorf("no trailer")
	}
	return doc, nil
}

// pdfStream is a stream object: its dictionary and decoded data.
type pdfStream struct {
	dict map[string]any
	data []byte
}

// isRef tells whether v is a reference, "12 0 R".
func isRef(v any) (string, bool) {
	s, ok := v.(string)
	if !ok || !strings.HasSuffix(s, " R") || strings.Count(s, " ") != 2 {
		return "", false
	}
	if s[0] < '0' || s[0] > '9' {
		return "", false
	}
	return s, true
}

// resolve follows references.
func (d *PDFObjects) resolve(v any) any {
	for range 32 {
		r, ok := isRef(v)
		if !ok {
			return v
		}
		v = d.objs[r]
	}
	return nil
}

// dict returns v as a dictionary (a stream's dictionary for a stream).
func (d *PDFObjects) dict(v any) map[string]any {
	switch v := d.resolve(v).(type) {
	case map[string]any:
		return v
	case *pdfStream:
		return v.dict
	}
	return nil
}

func (d *PDFObjects) stream(v any) *pdfStream {
	s, _ := d.resolve(v).(*pdfStream)
	return s
}

func (d *PDFObjects) array(v any) []any {
	a, _ := d.resolve(v).([]any)
	return a
}

// name returns v as a name without its slash, or "".
func (d *PDFObjects) name(v any) string {
	s, ok := d.resolve(v).(string)
	if !ok || !strings.HasPrefix(s, "/") {
		return ""
	}
	return s[1:]
}

// text returns v as a text string, decoded, and whether it is a string.
func (d *PDFObjects) text(v any) (string, bool) {
	s, ok := d.resolve(v).(string)
	if !ok {
		return "", false
	}
	switch {
	case strings.HasPrefix(s, "u:"):
		return s[2:], true
	case strings.HasPrefix(s, "b:"):
		b, err := hex.DecodeString(s[2:])
		if err != nil {
			return "", false
		}
		return decodeTextString(b), true
	}
	return "", false
}

// decodeTextString decodes a PDF text string: UTF-16BE with a byte order
// mark, UTF-8 with one, or else PDFDocEncoding (taken as Latin-1 here).
func decodeTextString(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, binary.BigEndian.Uint16(b[i:]))
		}
		return string(utf16.Decode(u))
	case len(b) >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf:
		return string(b[3:])
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

func (d *PDFObjects) number(v any) (float64, bool) {
	n, ok := d.resolve(v).(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

func (d *PDFObjects) integer(v any) (int, bool) {
	f, ok := d.number(v)
	if !ok || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}

// catalog returns the document catalog.
func (d *PDFObjects) catalog() map[string]any { return d.dict(d.trailer["/Root"]) }

// pages returns the page objects' references in order.
func (d *PDFObjects) pages() []string {
	var out []string
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 32 {
			return
		}
		n := d.dict(v)
		if d.name(n["/Type"]) == "Page" {
			if r, ok := isRef(v); ok {
				out = append(out, r)
			}
			return
		}
		for _, k := range d.array(n["/Kids"]) {
			walk(k, depth+1)
		}
	}
	walk(d.catalog()["/Pages"], 0)
	return out
}

// inherited returns a page attribute, looked up through its parents.
func (d *PDFObjects) inherited(page string, key string) any {
	n := d.dict(page)
	for range 32 {
		if n == nil {
			return nil
		}
		if v, ok := n[key]; ok {
			return v
		}
		n = d.dict(n["/Parent"])
	}
	return nil
}

// contents returns a page's content, its content streams joined.
func (d *PDFObjects) contents(page string) []byte {
	c := d.dict(page)["/Contents"]
	var parts []any
	if a := d.array(c); a != nil {
		parts = a
	} else {
		parts = []any{c}
	}
	var out []byte
	for _, p := range parts {
		if s := d.stream(p); s != nil {
			out = append(out, s.data...)
			out = append(out, '\n')
		}
	}
	return out
}

// numberTree returns a number tree's entries.
func (d *PDFObjects) numberTree(root any) map[int]any {
	out := map[int]any{}
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		n := d.dict(v)
		if n == nil || depth > 32 {
			return
		}
		nums := d.array(n["/Nums"])
		for i := 0; i+1 < len(nums); i += 2 {
			if k, ok := d.integer(nums[i]); ok {
				out[k] = nums[i+1]
			}
		}
		for _, k := range d.array(n["/Kids"]) {
			walk(k, depth+1)
		}
	}
	walk(root, 0)
	return out
}

// A content operand: a number (float64), name (pdfName), string
// ([]byte), array ([]any), dictionary (map[string]any) or other keyword
// (pdfKeyword: true, false, null).
type (
	pdfName    string
	pdfKeyword string
)

// contentOp is an operator of a content stream with its operands.
type contentOp struct {
	op   string
	args []any
}

// parseContent splits a content stream into operators. It reads the
// syntax of ISO 32000-1, 7.8.2, inline images included, and reports what
// it cannot read.
func parseContent(data []byte) ([]contentOp, error) {
	p := &contentParser{data: data}
	var ops []contentOp
	var args []any
	for {
		v, kw, err := p.next()
		if err != nil {
			return ops, err
		}
		if v == nil && kw == "" {
			return ops, nil
		}
		if kw == "" {
			args = append(args, v)
			continue
		}
		switch kw {
		case "true", "false", "null":
			args = append(args, pdfKeyword(kw))
			continue
		case "BI":
			// Skip the inline image: its dictionary up to ID, then the
			// data up to EI.
			i := bytes.Index(p.data[p.i:], []byte("ID"))
			if i < 0 {
				return ops, fmt.Errorf("inline image without ID")
			}
			p.i += i + 3
			j := bytes.Index(p.data[p.i:], []byte("EI"))
			if j < 0 {
				return ops, fmt.Errorf("inline image without EI")
			}
			p.i += j + 2
		}
		ops = append(ops, contentOp{op: kw, args: args})
		args = nil
	}
}

type contentParser struct {
	data []byte
	i    int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }

// next returns the next object, or a keyword; neither at the end.
func (p *contentParser) next() (any, string, error) {
	for p.i < len(p.data) {
		c := p.data[p.i]
		if isSpace(c) {
			p.i++
			continue
		}
		if c == '%' {
			for p.i < len(p.data) && p.data[p.i] != '\n' && p.data[p.i] != '\r' {
				p.i++
			}
			continue
		}
		break
	}
	if p.i >= len(p.data) {
		return nil, "", nil
	}
	c := p.data[p.i]
	switch {
	case c == '/':
		p.i++
		start := p.i
		for p.i < len(p.data) && !isSpace(p.data[p.i]) && !isDelim(p.data[p.i]) {
			p.i++
		}
		return pdfName(p.data[start:p.i]), "", nil
	case c == '(':
		s, err := p.literal()
		return s, "", err
	case c == '<' && p.i+1 < len(p.data) && p.data[p.i+1] == '<':
		p.i += 2
		dict := map[string]any{}
		for {
			v, kw, err := p.next()
			if err != nil {
				return nil, "", err
			}
			if kw == ">>" {
				return dict, "", nil
			}
			key, ok := v.(pdfName)
			if !ok {
				return nil, "", fmt.Errorf("dictionary key %v at %d", v, p.i)
			}
			val, kw, err := p.next()
			if err != nil {
				return nil, "", err
			}
			if kw != "" {
				val = pdfKeyword(kw)
			}
			dict[string(key)] = val
		}
	case c == '>' && p.i+1 < len(p.data) && p.data[p.i+1] == '>':
		p.i += 2
		return nil, ">>", nil
	case c == '<':
		p.i++
		start := p.i
		for p.i < len(p.data) && p.data[p.i] != '>' {
			p.i++
		}
		if p.i >= len(p.data) {
			return nil, "", fmt.Errorf("unterminated hex string")
		}
		h := strings.Map(func(r rune) rune {
			if r < 128 && isSpace(byte(r)) {
				return -1
			}
			return r
		}, string(p.data[start:p.i]))
		p.i++
		if len(h)%2 == 1 {
			h += "0"
		}
		b, err := hex.DecodeString(h)
		return b, "", err
	case c == '[':
		p.i++
		var arr []any
		for {
			v, kw, err := p.next()
			if err != nil {
				return nil, "", err
			}
			switch kw {
			case "]":
				return arr, "", nil
			case "":
				if v == nil {
					return nil, "", fmt.Errorf("unterminated array")
				}
				arr = append(arr, v)
			default:
				arr = append(arr, pdfKeyword(kw))
			}
		}
	case c == ']':
		p.i++
		return nil, "]", nil
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		start := p.i
		p.i++
		for p.i < len(p.data) && (p.data[p.i] == '.' || (p.data[p.i] >= '0' && p.data[p.i] <= '9')) {
			p.i++
		}
		f, err := strconv.ParseFloat(string(p.data[start:p.i]), 64)
		if err != nil {
			return nil, "", fmt.Errorf("number %q", p.data[start:p.i])
		}
		return f, "", nil
	}
	start := p.i
	for p.i < len(p.data) && !isSpace(p.data[p.i]) && !isDelim(p.data[p.i]) {
		p.i++
	}
	if p.i == start {
		return nil, "", fmt.Errorf("unexpected %q at %d", c, p.i)
	}
	return nil, string(p.data[start:p.i]), nil
}

// literal reads a literal string, escapes and balanced parentheses.
func (p *contentParser) literal() ([]byte, error) {
	p.i++
	var out []byte
	depth := 1
	for p.i < len(p.data) {
		c := p.data[p.i]
		p.i++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out, nil
			}
		case '\\':
			if p.i >= len(p.data) {
				return nil, fmt.Errorf("unterminated string")
			}
			e := p.data[p.i]
			p.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n':
				if e == '\r' && p.i < len(p.data) && p.data[p.i] == '\n' {
					p.i++
				}
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '7'; k++ {
						v = v*8 + int(p.data[p.i]-'0')
						p.i++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, fmt.Errorf("unterminated string")
}
