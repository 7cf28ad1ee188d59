package source

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// FuzzParse feeds Parse arbitrary bytes, starting from the statements in
// testdata/, the error cases and the project's samples. Parse must not
// panic, must return either a Document or a diag.List of positioned errors,
// must give the same result twice, and must give a Document whose
// positions lie inside the file and whose clauses are numbered without gaps.
func FuzzParse(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{"testdata/*.md", "testdata/*/*.md", "../../samples/*/statement*.md", "../../samples/*/*/statement*.md"} {
		files, _ := filepath.Glob(pattern)
		seeds = append(seeds, files...)
	}
	for _, name := range seeds {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, tt := range parseErrorTests {
		f.Add([]byte(tt.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("f.md", src)
		if err != nil {
			if d != nil {
				t.Fatal("a Document and an error")
			}
			var l diag.List
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("error %T is not a non-empty diag.List: %v", err, err)
			}
			for _, e := range l {
				if e.Pos.File != "f.md" || e.Pos.Line < 1 || e.Pos.Col < 1 {
					t.Errorf("error without a position: %v", e)
				}
			}
			return
		}
		if d == nil {
			t.Fatal("no Document and no error")
		}
		again, _ := Parse("f.md", src)
		if dump(again) != dump(d) {
			t.Fatal("two parses differ")
		}
		checkDocument(t, d, src)
	})
}

// checkDocument checks the invariants of a parsed Document.
func checkDocument(t *testing.T, d *doc.Document, src []byte) {
	t.Helper()
	text := bytes.ReplaceAll(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), []byte("\r\n"), []byte("\n"))
	lines := bytes.Split(text, []byte("\n"))
	inFile := func(what string, p diag.Pos) {
		if p.File != "f.md" || p.Line < 1 || p.Line > len(lines) || p.Col < 1 || p.Col > utf8.RuneCount(lines[p.Line-1])+1 {
			t.Errorf("%s at %v lies outside the file", what, p)
		}
	}
	para := func(p *doc.Paragraph) {
		inFile("paragraph", p.Pos)
		for _, s := range p.Text {
			inFile("span "+strconv.Quote(s.Text), s.Pos)
		}
	}
	for _, a := range d.Meta.Authors {
		inFile("author", a.Pos)
		for _, p := range a.Bio {
			para(p)
		}
	}
	spans := func(in doc.Inline) {
		for _, s := range in {
			inFile("span "+strconv.Quote(s.Text), s.Pos)
		}
	}
	for _, b := range d.Body {
		inFile("block", b.Position())
		if h, ok := b.(*doc.Heading); ok && h.Key == "" {
			t.Errorf("heading at %v has no key", h.Pos)
		}
	}
	doc.EachInline(d.Body, spans)
	for i, n := range d.Notes {
		inFile("footnote", n.Pos)
		inFile("footnote reference", n.Ref)
		if n.Number != i+1 {
			t.Errorf("footnote %d is numbered %d", i+1, n.Number)
		}
		for _, p := range n.Paras {
			para(p)
		}
	}
	top := 0
	var check func(cs []*doc.Clause, depth int)
	check = func(cs []*doc.Clause, depth int) {
		for i, c := range cs {
			inFile("clause "+c.Path, c.Pos)
			if c.Depth != depth || depth > doc.MaxDepth {
				t.Errorf("clause %s has depth %d, want %d", c.Path, c.Depth, depth)
			}
			if depth == 1 {
				top++
				if c.Number != top {
					t.Errorf("clause %s is numbered %d, want %d", c.Path, c.Number, top)
				}
			} else if c.Number != i+1 {
				t.Errorf("sub-clause %s is numbered %d, want %d", c.Path, c.Number, i+1)
			}
			doc.EachInline(append(append([]doc.Block{}, c.Body...), c.Tail...), spans)
			check(c.Subs, depth+1)
		}
	}
	for _, b := range d.Body {
		switch b := b.(type) {
		case *doc.ClauseList:
			check(b.Clauses, 1)
		case *doc.Annex:
			// An annex numbers its clauses from 1 again.
			top = 0
			for _, ab := range b.Body {
				if cl, ok := ab.(*doc.ClauseList); ok {
					check(cl.Clauses, 1)
				}
			}
		}
	}
}

// TestDocumentInvariants runs the fuzz checks on the statements in
// testdata/, so that they hold for the seeds even without -fuzz.
func TestDocumentInvariants(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse("f.md", src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkDocument(t, d, src)
	}
}
