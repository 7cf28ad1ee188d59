package validate

import (
	"strconv"
	"strings"
	"testing"
)

// StructItem is one piece of tagged content as a reader of the structure
// tree meets it: the roles of the elements it sits in, from the root
// ("Document/L/LI/LBody/P"), and its text. An annotation (a link's
// object reference) has Object set instead of text.
type StructItem struct {
	Path   string
	Text   string
	Object bool
}

// PDFStructText reads a PDF's structure tree as poppler does (pdfinfo
// -struct-text): the content of every element, in the tree's order.
func PDFStructText(t testing.TB, path string) []StructItem {
	t.Helper()
	tool := Require(t, "pdfinfo")
	return parseStructText(string(run(t, tool, "-struct-text", path)))
}

// parseStructText reads pdfinfo -struct-text's indented listing: an
// element per line ("P (block)", "L (block):" followed by its attribute
// lines), its content as quoted strings and "Object N G" lines, two
// spaces deeper.
func parseStructText(out string) []StructItem {
	var items []StructItem
	var stack []string // roles by depth
	for _, line := range strings.Split(out, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if trimmed == "" {
			continue
		}
		depth := (len(line) - len(trimmed)) / 2
		switch {
		case strings.HasPrefix(trimmed, `"`):
			text, err := strconv.Unquote(trimmed)
			if err != nil {
				text = strings.Trim(trimmed, `"`)
			}
			items = append(items, StructItem{Path: strings.Join(stack[:min(depth, len(stack))], "/"), Text: text})
		case strings.HasPrefix(trimmed, "Object "):
			items = append(items, StructItem{Path: strings.Join(stack[:min(depth, len(stack))], "/"), Object: true})
		case strings.HasPrefix(trimmed, "/"):
			// An attribute of the element above.
		default:
			role := strings.Fields(trimmed)[0]
			role = strings.TrimSuffix(role, ":")
			if depth > len(stack) {
				depth = len(stack)
			}
			stack = append(stack[:depth], role)
		}
	}
	return items
}

// ContentPaths lists, in order, the element paths ("Document/H1") of the
// content nodes of PDF.js's structure trees (one tree per page, each
// rooted at "Root"); annotations are marked with a trailing "#".
func ContentPaths(trees []*StructNode) []string {
	var out []string
	var walk func(n *StructNode, path []string)
	walk = func(n *StructNode, path []string) {
		switch {
		case n.Type == "content":
			out = append(out, strings.Join(path, "/"))
			return
		case n.Type == "object" || n.Type == "annotation":
			out = append(out, strings.Join(path, "/")+"#")
			return
		case n.Role != "" && n.Role != "Root":
			path = append(path, n.Role)
		}
		for _, c := range n.Children {
			walk(c, path)
		}
	}
	for _, n := range trees {
		if n != nil {
			walk(n, nil)
		}
	}
	return out
}
