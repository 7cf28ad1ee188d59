package bench

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
)

// PeerInputs are one edition written for the tools polypress is compared
// with: Typst markup and HTML for WeasyPrint (pandoc reads the statement's
// Markdown as it is). The text, clause labels and page geometry are the
// edition's as polypress sets it with the briefing layout, and the fonts
// are the layout's for the edition's script, so each tool lays out the
// same words on the same pages in the same faces.
type PeerInputs struct {
	Typst []byte
	HTML  []byte
}

// Peers writes ed for the peers. lay is the layout whose font stack names
// the edition's fonts; fontDir is the folder of the project's fonts, which
// the HTML loads by @font-face (Typst is given the folder on its command
// line).
func Peers(ed *doc.Edition, lay *layout.Layout, fontDir string) PeerInputs {
	f := peerFonts(ed, lay)
	return PeerInputs{Typst: typst(ed, f), HTML: htmlOf(ed, f, fontDir)}
}

// fonts are the families an edition is set in: the layout's family for the
// script of its text, then the Latin text face, for the Latin words (and
// digits) inside other scripts, as the layout's fallback does.
type fonts struct {
	script string // the layout's family name ("NotoNaskhArabic")
	latin  string // "NotoSerif"
}

func peerFonts(ed *doc.Edition, lay *layout.Layout) fonts {
	stack := lay.Stack(layout.TextRole, ed.Lang)
	f := fonts{script: stack.Scripts["Latn"], latin: stack.Scripts["Latn"]}
	if s := mainScript(ed.Title); s != "" && stack.Scripts[s] != "" {
		f.script = stack.Scripts[s]
	}
	return f
}

// mainScript is the ISO 15924 code of the first letter of text with a
// family of its own in the layouts ("Arab", "Hebr", "Deva", "Hani"), or
// "Latn".
func mainScript(text string) string {
	for _, r := range text {
		switch {
		case !unicode.IsLetter(r):
		case unicode.Is(unicode.Arabic, r):
			return "Arab"
		case unicode.Is(unicode.Hebrew, r):
			return "Hebr"
		case unicode.Is(unicode.Devanagari, r):
			return "Deva"
		case unicode.Is(unicode.Han, r):
			return "Hani"
		default:
			return "Latn"
		}
	}
	return "Latn"
}

// list is the families in the order tried, each once.
func (f fonts) list() []string {
	if f.script == f.latin {
		return []string{f.script}
	}
	return []string{f.script, f.latin}
}

// typst is the families as a Typst font argument.
func (f fonts) typst() string {
	var q []string
	for _, fam := range f.list() {
		q = append(q, fmt.Sprintf("%q", familyName(fam)))
	}
	if len(q) == 1 {
		return q[0]
	}
	return "(" + strings.Join(q, ", ") + ")"
}

// css is the families as a CSS font-family list.
func (f fonts) css() string {
	var q []string
	for _, fam := range f.list() {
		q = append(q, fmt.Sprintf("%q", familyName(fam)))
	}
	return strings.Join(q, ", ")
}

// sides are the physical sides where ed's lines start and end.
func sides(ed *doc.Edition) (start, end string) {
	if ed.Dir == doc.RTL {
		return "right", "left"
	}
	return "left", "right"
}

var camelWord = regexp.MustCompile(`[A-Z][a-z]*`)

// familyName is the family name a font declares, from the name polypress
// gives its file ("NotoNastaliqUrdu" → "Noto Nastaliq Urdu"), which is how
// Typst and CSS look fonts up.
func familyName(family string) string {
	return strings.Join(camelWord.FindAllString(family, -1), " ")
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

func typst(ed *doc.Edition, f fonts) []byte {
	// Typst sets right-to-left text from the language; the wider margin
	// and the clause indents are on the side lines start from.
	start, end := sides(ed)
	var b bytes.Buffer
	fmt.Fprintf(&b, `#set document(title: "%s")
#set page(width: 210mm, height: 297mm, margin: (top: 24mm, bottom: 26mm, %s: 26mm, %s: 24mm),
  footer: context align(center, text(size: 8.5pt, fill: rgb("#5b6470"))[Page #counter(page).display() of #counter(page).final().first()]))
#set text(font: %s, size: 10.5pt, lang: "%s", fill: rgb("#1c1c1c"))
// Typst leading runs from a baseline to the next cap height: 0.72em gives
// the layout's 1.42 line pitch.
#set par(justify: true, leading: 0.72em, spacing: 6.5pt)
#let clause(indent, label, body) = pad(%s: indent, par(hanging-indent: %dmm)[#box(width: %dmm, label)#body])

#text(size: 9.5pt, weight: "bold", fill: rgb("#14466e"))[%s] \
#text(size: 9.5pt, fill: rgb("#5b6470"))[%s]

#text(size: 19pt, weight: "bold")[%s]

#text(size: 12.5pt, style: "italic", fill: rgb("#5b6470"))[%s]

#line(length: 100%%, stroke: 0.8pt + rgb("#9aa5b1"))
#text(size: 9.5pt, fill: rgb("#5b6470"))[%s]

`, strings.ReplaceAll(ed.Title, `"`, `\"`), start, end, f.typst(), ed.Lang, start, clauseIndentMM, clauseIndentMM,
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

func htmlOf(ed *doc.Edition, f fonts, fontDir string) []byte {
	font := func(file string) string {
		return "file://" + filepath.ToSlash(filepath.Join(fontDir, file))
	}
	// The wider margin and the clause indents are on the side lines start
	// from.
	start, _ := sides(ed)
	margin := "24mm 24mm 26mm 26mm" // top, right, bottom, left
	if ed.Dir == doc.RTL {
		margin = "24mm 26mm 26mm 24mm"
	}
	var faces strings.Builder
	for _, fam := range f.list() {
		name := familyName(fam)
		fmt.Fprintf(&faces, "@font-face { font-family: %q; src: url(%q); }\n", name, font(fam+"-Regular.ttf"))
		fmt.Fprintf(&faces, "@font-face { font-family: %q; font-weight: bold; src: url(%q); }\n", name, font(fam+"-Bold.ttf"))
		if fam == f.latin {
			fmt.Fprintf(&faces, "@font-face { font-family: %q; font-style: italic; src: url(%q); }\n", name, font(fam+"-Italic.ttf"))
		}
	}
	family := f.css()
	var b bytes.Buffer
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="%s" dir="%s"><head><meta charset="utf-8"><title>%s</title>
<style>
%s@page { size: 210mm 297mm; margin: %s;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8.5pt %s; color: #5b6470; } }
body { font: 10.5pt/1.42 %s; color: #1c1c1c; text-align: justify; }
p { margin: 0 0 6.5pt; }
.kind { font-size: 9.5pt; font-weight: bold; color: #14466e; margin: 0; }
.issuer, .meta { font-size: 9.5pt; color: #5b6470; }
h1 { font-size: 19pt; line-height: 1.22; margin: 0 0 3pt; text-align: %s; }
.subtitle { font-size: 12.5pt; font-style: italic; color: #5b6470; text-align: %s; }
hr { border: 0; border-top: 0.8pt solid #9aa5b1; }
.clause { padding-%s: %dmm; text-indent: -%dmm; }
.clause .n { display: inline-block; width: %dmm; text-indent: 0; }
</style></head><body>
<p class="kind">%s</p><p class="issuer">%s</p>
<h1>%s</h1><p class="subtitle">%s</p><hr><p class="meta">%s</p>
`, ed.Lang, ed.Dir, html.EscapeString(ed.Title), faces.String(), margin, family, family, start, start,
		start, clauseIndentMM, clauseIndentMM, clauseIndentMM,
		html.EscapeString(ed.KindLabel), html.EscapeString(ed.Issuer), html.EscapeString(ed.Title),
		html.EscapeString(ed.Subtitle), html.EscapeString(ed.DateLine))
	for _, bl := range blocks(ed) {
		t := htmlText(bl.text)
		switch {
		case bl.depth > 0:
			margin := (bl.depth - 1) * subIndentMM
			fmt.Fprintf(&b, "<p class=\"clause\" style=\"margin-%s:%dmm\"><span class=\"n\">%s</span>%s</p>\n", start, margin, html.EscapeString(bl.label), t)
		case bl.bold:
			fmt.Fprintf(&b, "<p><strong>%s</strong></p>\n", t)
		default:
			fmt.Fprintf(&b, "<p>%s</p>\n", t)
		}
	}
	b.WriteString("</body></html>\n")
	return b.Bytes()
}

// PeerFiles reads the statement at path and writes its edition in its own
// language for the peers (see Peers), with the default layout and the
// fonts in fontDir.
func PeerFiles(path, fontDir string) (PeerInputs, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return PeerInputs{}, err
	}
	env, err := build.NewEnv(build.Config{})
	if err != nil {
		return PeerInputs{}, err
	}
	ed, err := Input{Name: filepath.Base(path), Path: path, Src: src}.Edition(env)
	if err != nil {
		return PeerInputs{}, err
	}
	abs, err := filepath.Abs(fontDir)
	if err != nil {
		return PeerInputs{}, err
	}
	return Peers(ed, env.Layout, abs), nil
}
