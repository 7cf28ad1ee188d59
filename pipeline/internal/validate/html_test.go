package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goodPage is a small valid, accessible page.
const goodPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Good</title></head>
<body><main><h1>Good</h1><p>A page with nothing wrong.</p></main></body>
</html>
`

// badPage breaks HTML (a duplicate id, a paragraph inside a span, no
// title) and accessibility (no language, an image without a text
// alternative), and asks for a file from the network.
const badPage = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"></head>
<body><main><h1 id="x">Bad</h1><span><p id="x">Text</p></span>
<img src="https://example.invalid/logo.png"></main></body>
</html>
`

func writePages(t *testing.T) (good, bad string) {
	dir := t.TempDir()
	good, bad = filepath.Join(dir, "good.html"), filepath.Join(dir, "bad.html")
	for p, data := range map[string]string{good: goodPage, bad: badPage} {
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return good, bad
}

// The HTML checkers must pass a good page and fail a bad one: a checker
// that cannot fail proves nothing.
func TestHTMLCheckers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the Nu HTML Checker and axe-core")
	}
	good, bad := writePages(t)
	t.Run("NuHTMLChecker", func(t *testing.T) {
		r := check(t, func(tb testing.TB) { NuHTML(tb, good, bad) })
		if r.skipped != "" {
			t.Skip(r.skipped)
		}
		all := strings.Join(r.errors, "\n")
		if strings.Contains(all, "good.html") {
			t.Errorf("vnu reported the good page:\n%s", all)
		}
		for _, want := range []string{`bad.html:4:`, `Duplicate ID “x”`, `Element “p” not allowed as child of element “span”`, `Element “head” is missing a required instance of child element “title”`} {
			if !strings.Contains(all, want) {
				t.Errorf("vnu errors lack %q:\n%s", want, all)
			}
		}
	})
	t.Run("axe-core", func(t *testing.T) {
		var pages []AxePage
		r := check(t, func(tb testing.TB) { pages = AxeHTML(tb, good, bad) })
		if r.skipped != "" {
			t.Skip(r.skipped)
		}
		all := strings.Join(r.errors, "\n")
		if strings.Contains(all, "good.html") {
			t.Errorf("axe reported the good page:\n%s", all)
		}
		for _, want := range []string{"bad.html: [serious] html-has-lang", "bad.html: [critical] image-alt"} {
			if !strings.Contains(all, want) {
				t.Errorf("axe violations lack %q:\n%s", want, all)
			}
		}
		if len(pages) != 2 || len(pages[0].Requests) != 0 || strings.Join(pages[1].Requests, " ") != "https://example.invalid/logo.png" {
			t.Errorf("requests = %+v; want the bad page's logo only", pages)
		}
	})
}

func TestNuMessages(t *testing.T) {
	report := `Picked up JAVA_TOOL_OPTIONS: -Xmx1g
{"messages":[
 {"type":"error","url":"file:/pages/a.html","lastLine":3,"firstColumn":5,"lastColumn":9,"message":"Bad thing.","extract":"<p>\n</p>"},
 {"type":"info","subType":"warning","url":"file:/pages/a.html","lastLine":4,"lastColumn":2,"message":"Odd thing."},
 {"type":"info","url":"file:/pages/a.html","lastLine":5,"lastColumn":2,"message":"Trivia."},
 {"type":"non-document-error","url":"file:/pages/b.html","message":"File not found."}]}`
	errs, warnings, err := nuMessages([]byte(report))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.html:3:5: Bad thing.\n\t<p>↵</p>", "b.html:0:0: File not found."}
	if strings.Join(errs, "|") != strings.Join(want, "|") {
		t.Errorf("errors %q, want %q", errs, want)
	}
	if len(warnings) != 1 || warnings[0] != "a.html:4:2: Odd thing." {
		t.Errorf("warnings %q", warnings)
	}
	if _, _, err := nuMessages([]byte("Error: Unable to access jarfile")); err == nil {
		t.Error("a run without a report was accepted")
	}
}
