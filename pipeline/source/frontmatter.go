package source

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// metaKeys are the front matter keys, in the order docs/format.md lists
// them; messages list them in this order too.
var metaKeys = []string{
	"id", "title", "subtitle", "kind", "issuer", "date", "place",
	"reference", "lang", "source-digest", "source-clauses", "authors",
	"numbering", "logo", "logo-alt", "embargo", "contact", "signatories",
}

// requiredKeys must be present in every statement, with a hint on what to
// write.
var requiredKeys = []struct{ key, hint string }{
	{"id", ` (lowercase letters, digits and "-"; it names the output files)`},
	{"title", ""},
	{"date", " (YYYY-MM-DD)"},
	{"lang", " (a BCP 47 language tag such as en, fr or zh-Hans)"},
}

// authorKeys are the keys of one entry of the authors list; contactKeys
// and signatoryKeys those of the contact and signatories lists.
var (
	authorKeys    = []string{"name", "role", "bio"}
	contactKeys   = []string{"name", "role", "phone", "email"}
	signatoryKeys = []string{"name", "title", "on-behalf-of"}
)

var (
	idRE     = regexp.MustCompile(`^[a-z0-9-]+$`)
	dateRE   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	digestRE = regexp.MustCompile(`^sha256:[0-9a-fA-F]{64}$`)
	// clauseDigestRE is one entry of source-clauses: a clause path and
	// the short digest of its text.
	clauseDigestRE = regexp.MustCompile(`^((?:[IVXLCDM]+\.)?[0-9]+(?:\.[a-z0-9]+)*)=([0-9a-f]{8})$`)
	// phoneRE matches a telephone number as people write it:
	// "+41 22 917 12 34", "(212) 963-1234", "+1 212 963 1234 ext. 5".
	phoneRE = regexp.MustCompile(`^\+?[0-9 ().\-/]*[0-9][0-9 ().\-/]*(?: *(?:ext\.?|x) *[0-9]+)?$`)
)

// frontMatter is the YAML block at the top of a statement.
type frontMatter struct {
	yaml      []byte // the text between the two "---" lines
	yamlLine  int    // file line of the YAML's first line
	closeLine int    // file line of the closing "---"
	bodyStart int    // byte offset of the body in the file
}

func isDelimiter(line []byte, d string) bool {
	return string(bytes.TrimRight(line, " \t")) == d
}

// splitFrontMatter finds the front matter, which must open on the very
// first line: a statement without one is almost always a file that is not a
// statement, and guessing would hide that.
func (p *parser) splitFrontMatter() (frontMatter, bool) {
	m := p.file
	first := diag.Pos{File: p.path, Line: 1, Col: 1}
	if !isDelimiter(m.line(1), "---") {
		p.errs.Errorf(first, `missing front matter: a statement starts with a line "---", then the keys id, title, date and lang, then another line "---"`)
		return frontMatter{}, false
	}
	for n := 2; n <= len(m.lineStart); n++ {
		line := m.line(n)
		if isDelimiter(line, "...") {
			// YAML would end its document here and silently drop the
			// keys that follow.
			p.errs.Errorf(diag.Pos{File: p.path, Line: n, Col: 1}, `front matter must end with a line "---", not "..."`)
			return frontMatter{}, false
		}
		if !isDelimiter(line, "---") {
			continue
		}
		fm := frontMatter{
			yaml:      p.src[m.lineStart[1]:m.lineStart[n-1]],
			yamlLine:  2,
			closeLine: n,
			bodyStart: len(p.src),
		}
		if n < len(m.lineStart) {
			fm.bodyStart = m.lineStart[n]
		}
		return fm, true
	}
	p.errs.Errorf(first, `front matter is not closed: add a line "---" after its last key`)
	return frontMatter{}, false
}

// yamlPos is the file position of a YAML node. yaml.v3 counts columns in
// characters, as diag does.
func (p *parser) yamlPos(fm frontMatter, n *yaml.Node) diag.Pos {
	return diag.Pos{File: p.path, Line: fm.yamlLine + n.Line - 1, Col: n.Column}
}

func (p *parser) parseMeta(fm frontMatter, meta *doc.Meta) {
	meta.Pos = map[string]diag.Pos{}
	var root yaml.Node
	if err := unmarshalYAML(fm.yaml, &root); err != nil {
		p.yamlError(fm, err)
		return
	}
	var mapping *yaml.Node
	switch {
	case root.Kind == yaml.DocumentNode && len(root.Content) > 0:
		mapping = root.Content[0]
	case root.Kind == 0 || root.Kind == yaml.DocumentNode:
		mapping = &yaml.Node{Kind: yaml.MappingNode} // empty front matter
	}
	if mapping == nil || mapping.Kind != yaml.MappingNode {
		pos := diag.Pos{File: p.path, Line: fm.yamlLine, Col: 1}
		if mapping != nil {
			pos = p.yamlPos(fm, mapping)
		}
		p.errs.Errorf(pos, `front matter must be "key: value" lines`)
		return
	}

	seen := map[string]bool{}
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		k, v := mapping.Content[i], mapping.Content[i+1]
		key, ok := p.mapKey(fm, k, seen, "front matter key", metaKeys)
		if !ok {
			continue
		}
		meta.Pos[key] = p.yamlPos(fm, k)
		p.metaValue(fm, meta, key, k, v)
	}
	for _, r := range requiredKeys {
		if !seen[r.key] {
			p.errs.Errorf(diag.Pos{File: p.path, Line: 1, Col: 1}, "missing required front matter key %q%s", r.key, r.hint)
		}
	}
	if len(meta.Signatories) > 0 && !seen["place"] {
		p.errs.Errorf(meta.Pos["signatories"], `signatories sign "Done at" a place: add the front matter key "place" (such as "place: Jeddah")`)
	}
}

// mapKey checks one key of a YAML mapping: a plain word, given once, and
// one of known. kind names the key in messages ("front matter key").
func (p *parser) mapKey(fm frontMatter, k *yaml.Node, seen map[string]bool, kind string, known []string) (string, bool) {
	pos := p.yamlPos(fm, k)
	if k.Kind != yaml.ScalarNode {
		p.errs.Errorf(pos, "%ss must be plain words", kind)
		return "", false
	}
	key := k.Value
	if seen[key] {
		p.errs.Errorf(pos, "%s %q is given twice", kind, key)
		return "", false
	}
	seen[key] = true
	if !slices.Contains(known, key) {
		if s := diag.Suggest(key, known); s != "" {
			p.errs.Errorf(pos, "unknown %s %q; did you mean %q?", kind, key, s)
		} else {
			p.errs.Errorf(pos, "unknown %s %q; the keys are %s", kind, key, listWords(known))
		}
		return "", false
	}
	return key, true
}

// listWords formats words as "a, b and c".
func listWords(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func (p *parser) metaValue(fm frontMatter, meta *doc.Meta, key string, k, v *yaml.Node) {
	switch key {
	case "authors":
		meta.Authors = p.authors(fm, k, v)
		return
	case "numbering":
		meta.Numbering = p.numbering(fm, k, v)
		return
	case "contact":
		meta.Contacts = p.contacts(fm, k, v)
		return
	case "signatories":
		meta.Signatories = p.signatories(fm, k, v)
		return
	}
	s, ok := p.scalar(fm, key, k, v)
	if !ok {
		return
	}
	pos := p.yamlPos(fm, v)
	switch key {
	case "id":
		p.checkID(pos, "id", s)
		meta.ID = s
	case "title":
		meta.Title = oneLine(s)
	case "subtitle":
		meta.Subtitle = oneLine(s)
	case "kind":
		if !slices.Contains(doc.Kinds, s) {
			msg := fmt.Sprintf("kind %q is not one of %s", s, listWords(doc.Kinds))
			if sug := diag.Suggest(s, doc.Kinds); sug != "" {
				msg += fmt.Sprintf("; did you mean %q?", sug)
			}
			p.errs.Errorf(pos, "%s", msg)
		}
		meta.Kind = s
	case "issuer":
		meta.Issuer = oneLine(s)
	case "date":
		d, err := time.Parse("2006-01-02", s)
		if !dateRE.MatchString(s) || err != nil {
			p.errs.Errorf(pos, "date %q is not a calendar date written YYYY-MM-DD (ISO 8601), such as 2020-06-22", s)
		}
		meta.Date = d
	case "place":
		meta.Place = oneLine(s)
	case "reference":
		meta.Reference = oneLine(s)
	case "lang":
		p.checkLang(pos, s)
		meta.Lang = s
	case "source-digest":
		if !digestRE.MatchString(s) {
			p.errs.Errorf(pos, `source-digest %q must be "sha256:" followed by 64 hexadecimal digits`, s)
		}
		// Stored bare, in the form of doc.Document.Digest, so that a
		// translation is checked for staleness by comparing the two.
		meta.SourceDigest = strings.ToLower(strings.TrimPrefix(s, "sha256:"))
	case "logo":
		meta.Logo, meta.LogoPos = p.logoPath(pos, s), pos
	case "logo-alt":
		meta.LogoAlt = oneLine(s)
	case "embargo":
		meta.Embargo = p.embargo(pos, s)
	case "source-clauses":
		meta.SourceClauses = map[string]string{}
		for _, entry := range strings.Fields(s) {
			m := clauseDigestRE.FindStringSubmatch(entry)
			if m == nil {
				p.errs.Errorf(pos, `source-clauses entry %q must be a clause path, "=" and 8 hexadecimal digits, such as 18.c=9f86d081 (polypress locales stamp writes them)`, entry)
				continue
			}
			meta.SourceClauses[m[1]] = m[2]
		}
	}
}

// MaxIDLength is the longest id a statement or pack may have. The id
// names the output files, <id>.<locale>.<format>, and their temporary
// names add a few more characters: most file systems allow 255 bytes.
const MaxIDLength = 100

// checkID checks an id (key "id", or "pack id") where it is written, so
// that a bad one is reported there and not when a file named after it
// cannot be created.
func (p *parser) checkID(pos diag.Pos, key, s string) {
	switch {
	case !idRE.MatchString(s):
		p.errs.Errorf(pos, `%s %q may hold only lowercase letters a-z, digits 0-9 and "-"`, key, s)
	case len(s) > MaxIDLength:
		p.errs.Errorf(pos, "%s is %d characters long; keep it to %d at most (it names the output files)", key, len(s), MaxIDLength)
	}
}

func (p *parser) checkLang(pos diag.Pos, s string) {
	if strings.Contains(s, "_") {
		p.errs.Errorf(pos, "lang %q is not a BCP 47 language tag; write %q", s, strings.ReplaceAll(s, "_", "-"))
		return
	}
	tag, err := language.Parse(s)
	switch {
	case err != nil:
		p.errs.Errorf(pos, "lang %q is not a valid BCP 47 language tag (such as en, fr or zh-Hans): %s", s, strings.TrimPrefix(err.Error(), "language: "))
	case tag == language.Und:
		p.errs.Errorf(pos, "lang %q does not name a language", s)
	}
}

// oneLine folds the line breaks of a YAML block scalar into spaces: titles,
// names and places are printed on one line whatever the source looks like.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// scalar returns the text of a single-value key, trimmed.
func (p *parser) scalar(fm frontMatter, key string, k, v *yaml.Node) (string, bool) {
	switch v.Kind {
	case yaml.ScalarNode:
		s := v.Value
		if v.Tag == "!!null" {
			s = ""
		}
		s = strings.TrimSpace(s)
		if s == "" {
			p.errs.Errorf(p.yamlPos(fm, k), "front matter key %q is empty; give it a value or delete the line", key)
			return "", false
		}
		return s, true
	case yaml.AliasNode:
		p.errs.Errorf(p.yamlPos(fm, v), "YAML aliases (*name) are not supported in front matter; write the value of %q out", key)
	default:
		p.errs.Errorf(p.yamlPos(fm, v), "front matter key %q must have a single value, not a list or mapping", key)
	}
	return "", false
}

func (p *parser) authors(fm frontMatter, k, v *yaml.Node) []*doc.Author {
	if v.Kind != yaml.SequenceNode {
		pos := p.yamlPos(fm, v)
		if v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == "") {
			pos = p.yamlPos(fm, k)
		}
		p.errs.Errorf(pos, `authors must be a list of entries, each starting with "- name:"`)
		return nil
	}
	if len(v.Content) == 0 {
		p.errs.Errorf(p.yamlPos(fm, k), "authors is an empty list; list the authors or delete the line")
		return nil
	}
	var out []*doc.Author
	for _, item := range v.Content {
		pos := p.yamlPos(fm, item)
		if item.Kind != yaml.MappingNode {
			p.errs.Errorf(pos, `each author must be an entry with "name:" and optionally "role:" and "bio:"`)
			continue
		}
		a := &doc.Author{Pos: pos}
		seen := map[string]bool{}
		for i := 0; i+1 < len(item.Content); i += 2 {
			ak, av := item.Content[i], item.Content[i+1]
			key, ok := p.mapKey(fm, ak, seen, "author key", authorKeys)
			if !ok {
				continue
			}
			s, ok := p.scalar(fm, key, ak, av)
			if !ok {
				continue
			}
			switch key {
			case "name":
				a.Name = oneLine(s)
			case "role":
				a.Role = oneLine(s)
			case "bio":
				a.Bio = p.bio(fm, ak, av)
			}
		}
		if !seen["name"] {
			p.errs.Errorf(pos, `author has no "name"`)
		}
		out = append(out, a)
	}
	return out
}

// bio parses an author's bio as Markdown. Its positions point into the YAML
// whenever the text can be traced back to it character by character; when
// it cannot (quoted or multi-line plain scalars, explicit indentation), every
// position is that of the value.
func (p *parser) bio(fm frontMatter, k, v *yaml.Node) []*doc.Paragraph {
	m := p.bioMapper(fm, k, v)
	root, err := ParseMarkdown(m.buf)
	if err != nil {
		p.errs.Errorf(p.yamlPos(fm, v), "%v", err)
		return nil
	}
	r := newMDReader(&p.errs, m, m.buf)
	return r.bio(root)
}

func (p *parser) bioMapper(fm frontMatter, k, v *yaml.Node) *mapper {
	value := []byte(strings.TrimSpace(v.Value))
	fixed := &mapper{file: p.path, buf: value, fixed: p.yamlPos(fm, v)}
	lines := p.yamlLines(fm)
	if v.Line < 1 || v.Line > len(lines) {
		return fixed
	}
	header := lines[v.Line-1]
	at := runeOffset(header, v.Column-1)
	switch {
	case v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		if m := p.blockScalarMapper(fm, k, v, lines); m != nil {
			return m
		}
	case v.Style == 0 && !bytes.Contains(value, []byte("\n")) && bytes.HasPrefix(header[at:], value):
		return &mapper{
			file:      p.path,
			buf:       value,
			lineStart: []int{0},
			origin:    []lineOrigin{{line: fm.yamlLine + v.Line - 1, shift: v.Column - 1}},
		}
	}
	return fixed
}

// yamlLines returns the lines of the front matter, split once per parse:
// splitting them for every bio made a statement with many authors take
// time quadratic in its length.
func (p *parser) yamlLines(fm frontMatter) [][]byte {
	if p.fmLines == nil {
		p.fmLines = bytes.Split(fm.yaml, []byte("\n"))
	}
	return p.fmLines
}

// blockScalarMapper cuts the lines of a "|" or ">" block scalar out of the
// YAML, without their indentation, so that Markdown positions map to the
// file. A folded (">") bio is read as its lines stand: Markdown joins lines
// itself, and a blank line stays a paragraph break, as the writer sees it.
// It returns nil when the cut text does not match what YAML read.
func (p *parser) blockScalarMapper(fm frontMatter, k, v *yaml.Node, lines [][]byte) *mapper {
	header := lines[v.Line-1][runeOffset(lines[v.Line-1], v.Column-1):]
	indicators := header[1:]
	if i := bytes.IndexAny(indicators, " \t#"); i >= 0 {
		indicators = indicators[:i]
	}
	if bytes.ContainsAny(indicators, "123456789") {
		return nil
	}
	indent := -1
	var body [][]byte
	var origin []lineOrigin
	for j := v.Line; j < len(lines); j++ {
		l := lines[j]
		blank := len(bytes.TrimLeft(l, " ")) == 0
		lead := len(l) - len(bytes.TrimLeft(l, " "))
		if indent < 0 && !blank {
			if lead < k.Column {
				break // a less indented line: the block is empty
			}
			indent = lead
		}
		if !blank && lead < indent {
			break
		}
		cut := []byte{}
		if len(l) > indent && indent >= 0 {
			cut = l[indent:]
		}
		body = append(body, cut)
		origin = append(origin, lineOrigin{line: fm.yamlLine + j, shift: max(indent, 0)})
	}
	for len(body) > 0 && len(bytes.TrimSpace(body[len(body)-1])) == 0 {
		body, origin = body[:len(body)-1], origin[:len(origin)-1]
	}
	if len(body) == 0 {
		return nil
	}
	buf := append(bytes.Join(body, []byte("\n")), '\n')
	got, want := strings.TrimRight(string(buf), "\n"), strings.TrimRight(v.Value, "\n")
	if v.Style&yaml.FoldedStyle != 0 {
		got, want = strings.Join(strings.Fields(got), " "), strings.Join(strings.Fields(want), " ")
	}
	if got != want {
		return nil
	}
	return &mapper{file: p.path, buf: buf, lineStart: lineStarts(buf), origin: origin}
}

// runeOffset returns the byte offset of the n-th rune of b.
func runeOffset(b []byte, n int) int {
	off := 0
	for i := 0; i < n && off < len(b); i++ {
		_, size := utf8.DecodeRune(b[off:])
		off += size
	}
	return off
}

// unmarshalYAML shields Parse from a panic inside yaml.v3: a statement
// with malformed front matter must give a message, not a crash.
func unmarshalYAML(b []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: cannot read front matter: %v", r)
		}
	}()
	return yaml.Unmarshal(b, n)
}

var yamlErrRE = regexp.MustCompile(`^yaml: (?:line ([0-9]+): )?(.*)$`)

// yamlParserProblems are the messages of yaml.v3's parser stage. It reports
// their line counted from 0, while its scanner stage counts from 1 (see
// (*parser).fail in yaml.v3's decode.go); the message is all that tells the
// two apart.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// yamlError positions a YAML syntax error. yaml.v3 gives a line but no
// column; the column is that of the line's first character.
func (p *parser) yamlError(fm frontMatter, err error) {
	msg := err.Error()
	line := 1
	if m := yamlErrRE.FindStringSubmatch(msg); m != nil {
		msg = m[2]
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
			if slices.Contains(yamlParserProblems, msg) {
				line++
			}
		}
	}
	fileLine := min(max(fm.yamlLine+line-1, fm.yamlLine), fm.closeLine)
	text := p.file.line(fileLine)
	col := utf8.RuneCount(text) - utf8.RuneCount(bytes.TrimLeft(text, " \t")) + 1
	p.errs.Errorf(diag.Pos{File: p.path, Line: fileLine, Col: col}, "front matter is not valid YAML: %s", msg)
}
