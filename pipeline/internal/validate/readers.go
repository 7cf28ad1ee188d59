package validate

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// Reader names a PDF reader whose text extraction the tests hold the PDFs
// to: what copy, paste, search and screen readers get in it.
type Reader string

// The four readers: between them, most of what opens a PDF.
const (
	Poppler Reader = "poppler" // pdftotext: evince, okular, many previews
	MuPDF   Reader = "mupdf"   // mutool draw -F txt: SumatraPDF, zathura
	PDFjs   Reader = "pdfjs"   // pdfjs-dist getTextContent: Firefox
	PDFium  Reader = "pdfium"  // @embedpdf/pdfium FPDFText_GetText: Chrome, Edge
)

// Readers lists the four readers in a fixed order.
var Readers = []Reader{Poppler, MuPDF, PDFjs, PDFium}

// Extraction is what the readers make of one PDF file.
type Extraction struct {
	// Text is each reader's text of the whole file.
	Text map[Reader]string
	// Struct is PDF.js's structure tree of each page (getStructTree).
	Struct []*StructNode
}

// StructNode is a node of PDF.js's structure tree: an element (Role set)
// or marked content it points at (Type "content", or "object" for an
// annotation).
type StructNode struct {
	Role     string        `json:"role"`
	Lang     string        `json:"lang"`
	Alt      string        `json:"alt"`
	Type     string        `json:"type"`
	ID       string        `json:"id"`
	Children []*StructNode `json:"children"`
}

//go:embed readers.mjs
var readersScript []byte

// Extract has the four readers read every PDF file in paths: pdftotext and
// mutool once per file (they start in milliseconds), PDF.js and PDFium in
// one Node process for all the files, which starts only once. The Node
// packages come from <module root>/.ci/node_modules (see .ci/package.json);
// a missing tool skips the test, or fails it in CI.
func Extract(t testing.TB, paths ...string) map[string]*Extraction {
	t.Helper()
	pdftotext := Require(t, "pdftotext")
	mutool := Require(t, "mutool")
	node := Require(t, "node")
	modules := nodeModules()
	for _, pkg := range []string{"pdfjs-dist", "@embedpdf/pdfium"} {
		if _, err := os.Stat(filepath.Join(modules, pkg)); err != nil {
			missing(t, "npm package "+pkg+" (cd .ci && npm ci)", err)
		}
	}
	out := make(map[string]*Extraction, len(paths))
	for _, p := range paths {
		out[p] = &Extraction{Text: map[Reader]string{}}
	}
	// Poppler and MuPDF in parallel with Node.
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []string
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, p := range paths {
			pt, err := runTool(pdftotext, "-enc", "UTF-8", p, "-")
			mt, err2 := runTool(mutool, "draw", "-q", "-F", "txt", "-o", "-", p)
			mu.Lock()
			if err != nil || err2 != nil {
				errs = append(errs, fmt.Sprintf("%s: %v %v", p, err, err2))
			}
			out[p].Text[Poppler], out[p].Text[MuPDF] = pt, mt
			mu.Unlock()
		}
	}()
	script := filepath.Join(t.TempDir(), "readers.mjs")
	if err := os.WriteFile(script, readersScript, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := runTool(node, append([]string{script, modules + string(filepath.Separator)}, paths...)...)
	wg.Wait()
	if err != nil {
		t.Fatalf("node readers.mjs: %v", err)
	}
	if len(errs) > 0 {
		t.Fatalf("reading PDFs: %s", strings.Join(errs, "; "))
	}
	var js map[string]struct {
		PDFjs  []string      `json:"pdfjs"`
		PDFium []string      `json:"pdfium"`
		Struct []*StructNode `json:"struct"`
	}
	if err := json.Unmarshal([]byte(res), &js); err != nil {
		t.Fatalf("reading readers.mjs output: %v", err)
	}
	for p, r := range js {
		e := out[p]
		if e == nil {
			t.Fatalf("readers.mjs reported a file it was not given: %s", p)
		}
		e.Text[PDFjs] = strings.Join(r.PDFjs, "\n\f")
		e.Text[PDFium] = strings.Join(r.PDFium, "\n\f")
		e.Struct = r.Struct
	}
	return out
}

// nodeModules returns <module root>/.ci/node_modules, or "" outside the
// module.
func nodeModules() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, ".ci", "node_modules")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// runTool runs a tool and returns its standard output.
func runTool(tool string, args ...string) (string, error) {
	out, err := commandOutput(tool, args...)
	return string(out), err
}

// PrivateUse returns the private-use characters in s, each once, sorted:
// a reader that shows them shows no text.
func PrivateUse(s string) []rune {
	seen := map[rune]bool{}
	for _, r := range s {
		if r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000 && r <= 0xFFFFD || r >= 0x100000 && r <= 0x10FFFD {
			seen[r] = true
		}
	}
	out := make([]rune, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Roles lists the roles of a structure tree's elements in reading order
// (depth first), each indented by its depth: a tree as text, to compare
// one reader's tree with another's.
func Roles(nodes []*StructNode) string {
	var b strings.Builder
	var walk func(n *StructNode, depth int)
	walk = func(n *StructNode, depth int) {
		if n.Role != "" {
			b.WriteString(strings.Repeat(" ", depth) + n.Role + "\n")
			depth++
		}
		for _, c := range n.Children {
			walk(c, depth)
		}
	}
	for _, n := range nodes {
		if n != nil {
			walk(n, 0)
		}
	}
	return b.String()
}

// commandOutput runs tool and returns its standard output, or an error
// holding its standard error.
func commandOutput(tool string, args ...string) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(tool, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %v: %s", filepath.Base(tool), err, strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}
