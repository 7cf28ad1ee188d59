package text_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/fonts"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
)

// BenchmarkShapeAndBreak shapes every paragraph of an edition (clauses,
// sub-clauses, lead-ins, preamble) in the layout's body style and breaks
// it into justified lines at the page's measure, as the PDF renderer
// does, with one shaper for all the iterations, as one process has.
func BenchmarkShapeAndBreak(b *testing.B) {
	env, eds := bench.Editions(b)
	lay := env.Layout
	width := float64(lay.Page.Width - lay.Margins.Start - lay.Margins.End)
	for _, in := range eds {
		ed := in.Edition
		style := text.Style{Stack: lay.Stack(layout.TextRole, ed.Lang), Size: lay.Body.Size}
		var paras []text.Paragraph
		add := func(p *doc.Paragraph) {
			if p == nil {
				return
			}
			var spans []text.Span
			for _, s := range p.Text {
				spans = append(spans, text.Span{Text: s.Text, Style: style})
			}
			paras = append(paras, text.Paragraph{Spans: spans, Lang: ed.Lang, RTL: ed.Dir == doc.RTL, Align: text.Justify, Typography: &ed.Conventions.Typography})
		}
		var clause func(c *doc.Clause)
		clause = func(c *doc.Clause) {
			doc.EachInline(c.Body, func(in doc.Inline) { add(&doc.Paragraph{Text: in}) })
			for _, s := range c.Subs {
				clause(s)
			}
			doc.EachInline(c.Tail, func(in doc.Inline) { add(&doc.Paragraph{Text: in}) })
		}
		for _, blk := range ed.Body {
			switch blk := blk.(type) {
			case *doc.Paragraph:
				add(blk)
			case *doc.ClauseList:
				add(blk.LeadIn)
				for _, c := range blk.Clauses {
					clause(c)
				}
			}
		}
		sh := text.NewShaper(env.Library)
		b.Run(in.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range paras {
					sh.Layout(p, width)
				}
			}
			b.ReportMetric(float64(len(paras)), "paragraphs/op")
		})
	}
}

// BenchmarkLongParagraph lays out one justified, hyphenated paragraph of
// 1, 2, 4 and 8 times 50 KB of the sample communiqué's words, to show
// that layout time grows linearly with a paragraph's length (one 1.6 MB
// paragraph once took 73 s: every line scanned the whole paragraph's
// glyphs). ns/op divided by the KB gives the cost per KB, which should
// stay flat from row to row.
func BenchmarkLongParagraph(b *testing.B) {
	env, eds := bench.Editions(b)
	lay := env.Layout
	width := float64(lay.Page.Width - lay.Margins.Start - lay.Margins.End)
	var words []string
	for _, blk := range eds[0].Edition.Body {
		if cl, ok := blk.(*doc.ClauseList); ok {
			doc.Walk([]doc.Block{cl}, func(c *doc.Clause) {
				doc.EachInline(c.Body, func(in doc.Inline) { words = append(words, strings.Fields(in.Plain())...) })
			})
		}
	}
	ed := eds[0].Edition
	style := text.Style{Stack: lay.Stack(layout.TextRole, ed.Lang), Size: lay.Body.Size}
	sh := text.NewShaper(env.Library)
	for _, mult := range []int{1, 2, 4, 8} {
		var sb strings.Builder
		for i := 0; sb.Len() < mult*50_000; i++ {
			sb.WriteString(words[i%len(words)])
			sb.WriteByte(' ')
		}
		p := text.Paragraph{Spans: []text.Span{{Text: sb.String(), Style: style}}, Lang: ed.Lang,
			Align: text.Justify, Typography: &ed.Conventions.Typography}
		b.Run(fmt.Sprintf("%dx-%dKB", mult, mult*50), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sh.Layout(p, width)
			}
		})
	}
}

// BenchmarkAddFS measures loading the built-in fonts, which every process
// does once: each font is checked whole as it is added (fontcheck.go).
func BenchmarkAddFS(b *testing.B) {
	for b.Loop() {
		if err := text.NewLibrary().AddFS(fonts.FS, "fonts"); err != nil {
			b.Fatal(err)
		}
	}
}
