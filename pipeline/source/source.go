// Package source reads statement files, the first stage of the polypress
// pipeline:
//
//	source files ──source.Parse──▶ doc.Document ──localize──▶ Edition ──render──▶ file
//
// A statement is a Markdown file (CommonMark, read with goldmark) that starts
// with YAML front matter. Parse turns it into a doc.Document in which every
// node keeps its file:line:col position, and reports every problem it finds
// as a sorted diag.List. Align checks that a translation
// (statement.<lang>.md) has the same structure as its canonical statement, so
// that clause 18 means the same paragraph in every language. The format is
// described for the people who write statements in docs/format.md.
package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/confine"
	"github.com/polypress/polypress/pipeline/internal/imagecheck"
)

// Parse parses src, read from path (used in positions as given), into a
// Document. Errors are a diag.List holding every problem found, sorted by
// position, each printed as "path:line:col: message"; the Document is nil
// when there is an error.
func Parse(path string, src []byte) (*doc.Document, error) {
	sum := sha256.Sum256(src)
	d := &doc.Document{Path: path, Digest: hex.EncodeToString(sum[:])}

	text, err := normalize(path, src)
	if err != nil {
		return nil, diag.List{err}
	}
	if errs := controlChars(path, text); len(errs) > 0 {
		return nil, errs
	}
	p := &parser{path: path, src: text}
	p.parse(d)
	p.errs.Sort()
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return d, nil
}

// ParseInline reads md, one paragraph of Markdown, as a statement's body
// reads a paragraph, for tools that write text back into a statement
// (translation import checks that the text it writes reads as intended).
// Footnote references need no definition and links to places in the
// statement are not checked: the statement the text goes into has them.
// The footnotes referenced come back with only their labels.
func ParseInline(md string) (doc.Inline, error) {
	src := "---\nid: x\ntitle: x\ndate: 2000-01-01\nlang: en\n---\n\n" + md + "\n"
	var defs strings.Builder
	for _, m := range inlineNoteRE.FindAllStringSubmatch(md, -1) {
		defs.WriteString("\n[^" + m[1] + "]: x\n")
	}
	src += defs.String()
	text, derr := normalize("text", []byte(src))
	if derr != nil {
		return nil, diag.List{derr}
	}
	p := &parser{path: "text", src: text, fragment: true}
	d := &doc.Document{}
	p.parse(d)
	p.errs.Sort()
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	if len(d.Body) != 1 {
		return nil, fmt.Errorf("the text reads as %d blocks, not one paragraph", len(d.Body))
	}
	para, ok := d.Body[0].(*doc.Paragraph)
	if !ok {
		return nil, fmt.Errorf("the text does not read as one paragraph")
	}
	return para.Text, nil
}

// inlineNoteRE finds footnote references in a fragment.
var inlineNoteRE = regexp.MustCompile(`\[\^([^\]\s]+)\]`)

// Limits on the files this package reads, checked before anything is
// allocated for them; docs/format.md lists them. A 20,000-clause statement
// is about 5.5 MB.
const (
	MaxStatementBytes = 8 << 20             // a statement or translation file
	MaxPackBytes      = 1 << 20             // a pack manifest
	MaxLogoBytes      = imagecheck.MaxBytes // a pack's cover logo
	// MaxParagraphRunes bounds one paragraph (or a clause's text, or a
	// heading), about 30 pages: a paragraph is shaped and broken into lines
	// as a whole, in memory that grows with it (a 100,000-character
	// paragraph takes about 120 MB to set as PDF, a 2-million-character
	// one 1.1 GB).
	MaxParagraphRunes = 100_000
)

// checkLength reports a paragraph or heading longer than
// MaxParagraphRunes, at off.
func (r *mdReader) checkLength(off int, what string, text doc.Inline) {
	n := 0
	for _, s := range text {
		n += utf8.RuneCountInString(s.Text)
	}
	if n > MaxParagraphRunes {
		r.errorf(off, "this %s is %d characters long, more than the %d a %s may have; split it", what, n, MaxParagraphRunes, what)
	}
}

// ParseFile reads and parses the statement file at path, which must be a
// regular file of at most MaxStatementBytes, and checks the files it names
// (its logo).
func ParseFile(path string) (*doc.Document, error) {
	return parseReal(path, path)
}

// ParseFileIn is ParseFile for a file that must lie inside the folder root
// once symbolic links are resolved: the statement.md of a folder given as a
// statement, or a translation beside it.
func ParseFileIn(root, path string) (*doc.Document, error) {
	real, err := confine.Within(root, path)
	if err != nil {
		return nil, fileError(path, "cannot read statement", err)
	}
	return parseReal(real, path)
}

// parseReal reads the statement at real and parses it as the file path
// (the name its messages give), checking the logo it names.
func parseReal(real, path string) (*doc.Document, error) {
	src, err := confine.ReadFile(real, MaxStatementBytes)
	if err != nil {
		return nil, fileError(path, "cannot read statement", err)
	}
	d, err := Parse(path, src)
	if err != nil {
		return nil, err
	}
	if errs := CheckLogo(d); len(errs) > 0 {
		return nil, errs
	}
	return d, nil
}

// StatementFile returns the statement file of path: path itself when it
// is a file, or the statement.md of a folder, which must stay inside that
// folder once symbolic links are resolved. root is the folder the
// statement's files must stay in (its translations included).
func StatementFile(path string) (file, root string, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", "", fileError(path, "cannot read statement", err)
	}
	if !fi.IsDir() {
		return path, filepath.Dir(path), nil
	}
	file = filepath.Join(path, CanonicalName)
	if _, err := confine.Within(path, file); err != nil {
		return "", "", fileError(file, "cannot read statement", err)
	}
	return file, path, nil
}

// fileError reports a failed file operation at path. The path is already
// in the position, so only the cause is kept: the message names the file
// once.
func fileError(path, msg string, err error) diag.List {
	return diag.List{{Pos: diag.Pos{File: path}, Msg: msg, Err: confine.Reason(err)}}
}

// controlChars reports every control character of text other than tab,
// line feed and carriage return, at its own line and column: they are
// invisible in most editors, YAML refuses them without saying where, and
// Markdown turns NUL into U+FFFD, which would print a character the writer
// never typed. At most maxControlReports are listed.
func controlChars(path string, text []byte) diag.List {
	var errs diag.List
	var m *mapper
	for off := 0; off < len(text); {
		c := text[off]
		if c >= 0x20 && c != 0x7f && c != 0xc2 {
			off++
			continue
		}
		r, n := utf8.DecodeRune(text[off:])
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			if m == nil {
				m = newFileMapper(path, text)
			}
			if len(errs) == maxControlReports {
				errs.Errorf(m.pos(off), "more control characters follow; remove every one")
				break
			}
			name := ""
			if r == 0 {
				name = " (NUL)"
			}
			errs.Errorf(m.pos(off), "control character U+%04X%s is not allowed in a statement; delete it (most editors do not show it)", r, name)
		}
		off += n
	}
	return errs
}

const maxControlReports = 20

// parser holds the state of one Parse call.
type parser struct {
	path string
	src  []byte // normalized text: no BOM, LF line ends
	errs diag.List
	// file maps byte offsets of src to positions.
	file *mapper
	// fragment is set by ParseInline: footnotes defined but never
	// referenced and links to places are not reported.
	fragment bool
	// fmLines are the front matter's lines, once a bio needs them.
	fmLines [][]byte
}

func (p *parser) parse(d *doc.Document) {
	p.file = newFileMapper(p.path, p.src)
	fm, ok := p.splitFrontMatter()
	if !ok {
		return
	}
	p.parseMeta(fm, &d.Meta)
	d.Body = p.parseBody(fm, d)
}

// normalize strips a UTF-8 byte order mark, checks the text is UTF-8 and
// turns CRLF and CR line ends into LF. None of this moves a character to another
// line or column, so positions computed on the result are positions in the
// file as an editor shows it.
func normalize(path string, src []byte) ([]byte, *diag.Diagnostic) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		pos := newFileMapper(path, src).pos(off)
		return nil, diag.Errorf(pos, "the file is not valid UTF-8 text; save it with UTF-8 encoding")
	}
	if bytes.Contains(src, []byte("\r\n")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	// A CR alone ends a line too, as in files saved with old Mac line
	// ends, and as editors show them: otherwise the whole file would be
	// one line, without front matter.
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return src, nil
}

// mapper turns byte offsets in a buffer into file positions. The body of a
// statement is parsed in place, so its buffer is the file itself; an author's
// bio is cut out of a YAML block scalar, so each of its lines remembers the
// file line and indentation it came from.
type mapper struct {
	file      string
	buf       []byte
	lineStart []int
	origin    []lineOrigin
	// fixed, when its Line is set, is the position of every offset: used for
	// text whose characters cannot be traced back to the file one by one.
	fixed diag.Pos
}

// lineOrigin is where a buffer line starts in the file: the file line and
// the number of runes cut from the front of it.
type lineOrigin struct {
	line, shift int
}

func newFileMapper(file string, buf []byte) *mapper {
	m := &mapper{file: file, buf: buf, lineStart: lineStarts(buf)}
	m.origin = make([]lineOrigin, len(m.lineStart))
	for i := range m.origin {
		m.origin[i] = lineOrigin{line: i + 1}
	}
	return m
}

func lineStarts(buf []byte) []int {
	starts := []int{0}
	for i, c := range buf {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// pos returns the position of the byte at off. Columns count runes.
func (m *mapper) pos(off int) diag.Pos {
	if m.fixed.Line > 0 {
		return m.fixed
	}
	off = max(0, min(off, len(m.buf)))
	i := sort.Search(len(m.lineStart), func(i int) bool { return m.lineStart[i] > off }) - 1
	i = max(i, 0)
	col := utf8.RuneCount(m.buf[m.lineStart[i]:off]) + 1
	o := m.origin[i]
	return diag.Pos{File: m.file, Line: o.line, Col: o.shift + col}
}

// line returns the text of line n (1-based) of the buffer, without its
// newline.
func (m *mapper) line(n int) []byte {
	if n < 1 || n > len(m.lineStart) {
		return nil
	}
	start := m.lineStart[n-1]
	end := len(m.buf)
	if n < len(m.lineStart) {
		end = m.lineStart[n] - 1
	}
	return m.buf[start:end]
}
