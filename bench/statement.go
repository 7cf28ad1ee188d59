// Package bench makes the large statements the benchmarks measure: the
// sample communiqué's clauses repeated, renumbered, with its preambular
// paragraphs and lead-ins wherever they fall in the sample, so a generated
// statement has the sample's mix of text, lists and sub-clauses at any size.
package bench

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// SamplePath is the statement the generated ones are built from, relative
// to the module root.
const SamplePath = "samples/oic-contact-group-2020/statement.md"

// Langs are the languages statements are generated in: the sample's own
// (English) and the translations beside it whose scripts cost the most to
// set, Arabic (Naskh) and Urdu (Nastaliq).
var Langs = []string{"en", "ar", "ur"}

// SamplePathFor is the sample in lang, relative to the module root: the
// canonical statement for its own language (English, or ""), else its
// translation statement.<lang>.md. A statement generated from a
// translation is a statement of its own in that language, not a
// translation of a generated English one.
func SamplePathFor(lang string) string {
	if lang == "" || lang == "en" {
		return SamplePath
	}
	return strings.TrimSuffix(SamplePath, ".md") + "." + lang + ".md"
}

// Sizes are the clause counts the benchmarks and bench/compare.sh use.
var Sizes = []int{200, 2000, 20000}

// unit is one piece of the sample's body: a paragraph (preamble or lead-in)
// or a top-level clause with everything indented under it. Its text keeps
// the separator that followed it in the sample, so the generator
// reproduces the sample's blank lines (and hence its tight and loose lists).
type unit struct {
	text   []byte
	clause bool
}

var clauseNumber = regexp.MustCompile(`^[0-9]+`)

// Statement returns a statement of n operative clauses built from sample
// (the text of SamplePath, or of a translation): its front matter with the
// id changed to "bench-<n>" and a translation's stamp (source-digest,
// source-clauses) dropped, its introduction once, then its body's
// paragraphs and clauses in order, over and over, until n clauses are
// written. Clause numbers are rewritten to run 1…n. Statement(sample, 24)
// is the sample's own body. The result is the same for the same input.
func Statement(sample []byte, n int) ([]byte, error) {
	if n < 1 {
		return nil, fmt.Errorf("bench: want at least one clause, not %d", n)
	}
	front, body, err := split(sample)
	if err != nil {
		return nil, err
	}
	units := units(body)
	// The first unit is the introduction: written once, not repeated.
	var intro []unit
	for len(units) > 0 && !units[0].clause && !bytes.HasSuffix(bytes.TrimSpace(units[0].text), []byte(":")) {
		intro = append(intro, units[0])
		units = units[1:]
		if len(units) > 0 && preambular(units[0].text) {
			break // a preambular paragraph: it repeats with its clauses
		}
	}
	hasClause := false
	for _, u := range units {
		hasClause = hasClause || u.clause
	}
	if !hasClause {
		return nil, errors.New("bench: the sample has no numbered clauses")
	}
	var out bytes.Buffer
	out.Write(dropKeys(renameID(front, fmt.Sprintf("bench-%d", n)), "source-digest", "source-clauses"))
	for _, u := range intro {
		out.Write(u.text)
	}
	written := 0
	for written < n {
		for _, u := range units {
			if written == n {
				break
			}
			if !u.clause {
				// The sample's last clause ends the file; where the body
				// starts over after it, a blank line must part the list
				// from the paragraph, or Markdown would continue the clause.
				if !endsBlank(out.Bytes()) {
					out.WriteByte('\n')
				}
				out.Write(u.text)
				continue
			}
			written++
			out.Write(renumber(u.text, written))
		}
	}
	// The last clause may have been followed by a paragraph in the sample:
	// end the file with exactly one newline.
	b := bytes.TrimRight(out.Bytes(), "\n")
	return append(b, '\n'), nil
}

// renumber gives a clause the number n and shifts the lines indented under
// it by as many columns as the number grew, so its sub-clauses stay nested
// ("18. " takes four columns, "114. " five).
func renumber(clause []byte, n int) []byte {
	old := clauseNumber.Find(clause)
	num := strconv.Itoa(n)
	shift := bytes.Repeat([]byte(" "), len(num)-len(old))
	lines := bytes.SplitAfter(clause[len(old):], []byte("\n"))
	out := append([]byte(num), lines[0]...)
	for _, line := range lines[1:] {
		if len(bytes.TrimSpace(line)) > 0 {
			out = append(out, shift...)
		}
		out = append(out, line...)
	}
	return out
}

// split separates the front matter (with its closing line) from the body.
func split(src []byte) (front, body []byte, err error) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, nil, errors.New("bench: the sample has no front matter")
	}
	end := bytes.Index(src[4:], []byte("\n---\n"))
	if end < 0 {
		return nil, nil, errors.New("bench: the sample's front matter is not closed")
	}
	cut := 4 + end + len("\n---\n")
	// Blank lines after the front matter stay with it.
	for cut < len(src) && src[cut] == '\n' {
		cut++
	}
	return src[:cut], src[cut:], nil
}

// preambular tells a preambular paragraph, which ends in a comma (Arabic
// and Urdu write U+060C ARABIC COMMA) and leads to the clauses.
func preambular(text []byte) bool {
	t := bytes.TrimSpace(text)
	return bytes.HasSuffix(t, []byte(",")) || bytes.HasSuffix(t, []byte("،"))
}

var idLine = regexp.MustCompile(`(?m)^id: .*$`)

// dropKeys removes top-level keys, with their indented continuation lines,
// from front matter.
func dropKeys(front []byte, keys ...string) []byte {
	var out []byte
	dropping := false
	for _, line := range bytes.SplitAfter(front, []byte("\n")) {
		if len(line) > 0 && line[0] != ' ' && line[0] != '\t' {
			dropping = false
			for _, k := range keys {
				if bytes.HasPrefix(line, []byte(k+":")) {
					dropping = true
				}
			}
		}
		if !dropping {
			out = append(out, line...)
		}
	}
	return out
}

func renameID(front []byte, id string) []byte {
	return idLine.ReplaceAll(front, []byte("id: "+id))
}

// units cuts a body into paragraphs and top-level clauses. A clause is a
// line starting with digits and ". " and every following line that is
// blank or indented; anything else unindented starts a paragraph, which
// runs to its blank line.
func units(body []byte) []unit {
	lines := bytes.SplitAfter(body, []byte("\n"))
	var out []unit
	var cur *unit
	for _, line := range lines {
		if len(line) == 0 {
			continue
		}
		blank := len(bytes.TrimSpace(line)) == 0
		indented := line[0] == ' ' || line[0] == '\t'
		startsClause := isClauseStart(line)
		// Unindented text continues a paragraph not yet ended by a blank
		// line; otherwise it starts a new one.
		continues := cur != nil && (blank || indented || !cur.clause && !endsBlank(cur.text))
		switch {
		case startsClause:
			out = append(out, unit{clause: true})
			cur = &out[len(out)-1]
		case !continues:
			out = append(out, unit{})
			cur = &out[len(out)-1]
		}
		cur.text = append(cur.text, line...)
	}
	return out
}

func isClauseStart(line []byte) bool {
	loc := clauseNumber.FindIndex(line)
	return loc != nil && loc[0] == 0 && bytes.HasPrefix(line[loc[1]:], []byte(". "))
}

func endsBlank(b []byte) bool {
	return bytes.HasSuffix(b, []byte("\n\n")) || bytes.Equal(b, []byte("\n"))
}

// Sample reads SamplePath, looking for the module root upwards from the
// working folder (go test runs in the package's folder).
func Sample() ([]byte, error) { return SampleFor("en") }

// SampleFor reads the sample in lang (see SamplePathFor).
func SampleFor(lang string) ([]byte, error) {
	root, err := ModuleRoot()
	if err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(root, SamplePathFor(lang)))
}

// ModuleRoot is the nearest folder at or above the working folder that
// holds go.mod.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("bench: no go.mod at or above the working folder")
		}
		dir = parent
	}
}

// Write generates a statement of n clauses into dir/statement.md and
// returns the path of the file.
func Write(dir string, n int) (string, error) { return WriteLang(dir, "en", n) }

// WriteLang generates a statement of n clauses in lang, from the sample's
// translation into it, into dir/statement.md and returns its path.
func WriteLang(dir, lang string, n int) (string, error) {
	sample, err := SampleFor(lang)
	if err != nil {
		return "", err
	}
	src, err := Statement(sample, n)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "statement.md")
	return path, os.WriteFile(path, src, 0o644)
}
