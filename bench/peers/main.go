// Command peers writes one statement as the inputs of the tools
// bench/compare.sh times polypress against: Typst markup (statement.typ)
// and HTML for WeasyPrint (statement.html). pandoc reads the statement's
// Markdown as it is. The text, clause labels and page geometry are the
// English edition's, as polypress sets it with the briefing layout, so
// each tool lays out the same words on the same pages:
//
//	go run ./bench/peers -o DIR -fonts FONTDIR statement.md
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/doc"
)

func main() {
	out := flag.String("o", ".", "folder to write statement.typ and statement.html into")
	fonts := flag.String("fonts", "fonts", "folder of the project's fonts, which the HTML loads by @font-face")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: peers [-o DIR] [-fonts DIR] statement.md")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out, *fonts); err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

func run(path, out, fonts string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	env, err := build.NewEnv(build.Config{})
	if err != nil {
		return err
	}
	ed, err := bench.Input{Name: filepath.Base(path), Path: path, Src: src}.Edition(env)
	if err != nil {
		return err
	}
	fontDir, err := filepath.Abs(fonts)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "statement.typ"), typst(ed), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "statement.html"), htmlOf(ed, fontDir), 0o644)
}

// block is what both writers need of the body: a paragraph, possibly a
// clause's (with its label and nesting depth).
type block struct {
	depth int // 0 for a plain paragraph, 1 for a clause, 2 and 3 for sub-clauses
	label string
	text  doc.Inline
	bold  bool // headings
}

func blocks(ed *doc.Edition) []block {
	var out []block
	var clause func(c *doc.Clause)
	clause = func(c *doc.Clause) {
		i := 0
		doc.EachInline(c.Body, func(in doc.Inline) {
			label := ""
			if i == 0 {
				label = c.Label
			}
			i++
			out = append(out, block{depth: c.Depth, label: label, text: in})
		})
		for _, s := range c.Subs {
			clause(s)
		}
		doc.EachInline(c.Tail, func(in doc.Inline) {
			out = append(out, block{depth: c.Depth, text: in})
		})
	}
	for _, b := range ed.Body {
		switch b := b.(type) {
		case *doc.Paragraph:
			out = append(out, block{text: b.Text})
		case *doc.Heading:
			out = append(out, block{text: b.Text, bold: true})
		case *doc.Quote:
			for _, p := range b.Paras {
				out = append(out, block{text: p.Text})
			}
		case *doc.ClauseList:
			if b.LeadIn != nil {
				out = append(out, block{text: b.LeadIn.Text})
			}
			for _, c := range b.Clauses {
				clause(c)
			}
		}
	}
	for _, a := range ed.Authors {
		out = append(out, block{text: doc.Inline{{Text: a.Name}}, bold: true})
		for _, p := range a.Bio {
			out = append(out, block{text: p.Text})
		}
	}
	return out
}

// The briefing layout's geometry, in millimetres and points.
const (
	clauseIndentMM = 9
	subIndentMM    = 8
)

var typstEscaper = strings.NewReplacer(
	`\`, `\\`, `#`, `\#`, `*`, `\*`, `_`, `\_`, "`", "\\`", `$`, `\$`, `<`, `\<`, `>`, `\>`,
	`@`, `\@`, `[`, `\[`, `]`, `\]`, `~`, `\~`, `/`, `\/`, `-`, `\-`, `=`, `\=`, `+`, `\+`,
	`'`, `\'`, `"`, `\"`, ".", `\.`,
)

func typstText(in doc.Inline) string {
	return markup(in, typstEscaper.Replace, "#strong[%s]", "#emph[%s]")
}

// markup writes inline text in a peer's markup: each span escaped, strong
// and emphasized spans wrapped by the given formats.
func markup(in doc.Inline, escape func(string) string, strong, emph string) string {
	var b strings.Builder
	for _, s := range in {
		t := escape(s.Text)
		switch {
		case s.Style&doc.Strong != 0:
			fmt.Fprintf(&b, strong, t)
		case s.Style&doc.Emphasis != 0:
			fmt.Fprintf(&b, emph, t)
		default:
			b.WriteString(t)
		}
	}
	return b.String()
}

func typst(ed *doc.Edition) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `#set document(title: "%s")
#set page(width: 210mm, height: 297mm, margin: (top: 24mm, bottom: 26mm, left: 26mm, right: 24mm),
  footer: context align(center, text(size: 8.5pt, fill: rgb("#5b6470"))[Page #counter(page).display() of #counter(page).final().first()]))
#set text(font: "Noto Serif", size: 10.5pt, lang: "%s", fill: rgb("#1c1c1c"))
// Typst leading runs from a baseline to the next cap height: 0.72em gives
// the layout's 1.42 line pitch.
#set par(justify: true, leading: 0.72em, spacing: 6.5pt)
#let clause(indent, label, body) = pad(left: indent, par(hanging-indent: %dmm)[#box(width: %dmm, label)#body])

#text(size: 9.5pt, weight: "bold", fill: rgb("#14466e"))[%s] \
#text(size: 9.5pt, fill: rgb("#5b6470"))[%s]

#text(size: 19pt, weight: "bold")[%s]

#text(size: 12.5pt, style: "italic", fill: rgb("#5b6470"))[%s]

#line(length: 100%%, stroke: 0.8pt + rgb("#9aa5b1"))
#text(size: 9.5pt, fill: rgb("#5b6470"))[%s]

`, strings.ReplaceAll(ed.Title, `"`, `\"`), ed.Lang, clauseIndentMM, clauseIndentMM,
		typstEscaper.Replace(ed.KindLabel), typstEscaper.Replace(ed.Issuer), typstEscaper.Replace(ed.Title),
		typstEscaper.Replace(ed.Subtitle), typstEscaper.Replace(ed.DateLine))
	for _, bl := range blocks(ed) {
		t := typstText(bl.text)
		switch {
		case bl.depth > 0:
			indent := (bl.depth - 1) * subIndentMM
			fmt.Fprintf(&b, "#clause(%dmm, [%s], [%s])\n\n", indent, typstEscaper.Replace(bl.label), t)
		case bl.bold:
			fmt.Fprintf(&b, "#strong[%s]\n\n", t)
		default:
			fmt.Fprintf(&b, "%s\n\n", t)
		}
	}
	return b.Bytes()
}

func htmlText(in doc.Inline) string {
	return markup(in, html.EscapeString, "<strong>%s</strong>", "<em>%s</em>")
}

func htmlOf(ed *doc.Edition, fontDir string) []byte {
	font := func(file string) string {
		return "file://" + filepath.ToSlash(filepath.Join(fontDir, file))
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="%s"><head><meta charset="utf-8"><title>%s</title>
<style>
@font-face { font-family: "Noto Serif"; src: url("%s"); }
@font-face { font-family: "Noto Serif"; font-weight: bold; src: url("%s"); }
@font-face { font-family: "Noto Serif"; font-style: italic; src: url("%s"); }
@page { size: 210mm 297mm; margin: 24mm 24mm 26mm 26mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8.5pt "Noto Serif"; color: #5b6470; } }
body { font: 10.5pt/1.42 "Noto Serif"; color: #1c1c1c; text-align: justify; }
p { margin: 0 0 6.5pt; }
.kind { font-size: 9.5pt; font-weight: bold; color: #14466e; margin: 0; }
.issuer, .meta { font-size: 9.5pt; color: #5b6470; }
h1 { font-size: 19pt; line-height: 1.22; margin: 0 0 3pt; text-align: left; }
.subtitle { font-size: 12.5pt; font-style: italic; color: #5b6470; text-align: left; }
hr { border: 0; border-top: 0.8pt solid #9aa5b1; }
.clause { padding-left: %dmm; text-indent: -%dmm; }
.clause .n { display: inline-block; width: %dmm; text-indent: 0; }
</style></head><body>
<p class="kind">%s</p><p class="issuer">%s</p>
<h1>%s</h1><p class="subtitle">%s</p><hr><p class="meta">%s</p>
`, ed.Lang, html.EscapeString(ed.Title),
		font("NotoSerif-Regular.ttf"), font("NotoSerif-Bold.ttf"), font("NotoSerif-Italic.ttf"),
		clauseIndentMM, clauseIndentMM, clauseIndentMM,
		html.EscapeString(ed.KindLabel), html.EscapeString(ed.Issuer), html.EscapeString(ed.Title),
		html.EscapeString(ed.Subtitle), html.EscapeString(ed.DateLine))
	for _, bl := range blocks(ed) {
		t := htmlText(bl.text)
		switch {
		case bl.depth > 0:
			margin := (bl.depth - 1) * subIndentMM
			fmt.Fprintf(&b, "<p class=\"clause\" style=\"margin-left:%dmm\"><span class=\"n\">%s</span>%s</p>\n", margin, html.EscapeString(bl.label), t)
		case bl.bold:
			fmt.Fprintf(&b, "<p><strong>%s</strong></p>\n", t)
		default:
			fmt.Fprintf(&b, "<p>%s</p>\n", t)
		}
	}
	b.WriteString("</body></html>\n")
	return b.Bytes()
}
