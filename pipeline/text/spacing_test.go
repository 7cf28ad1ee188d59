package text_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/text"
)

// sampleParagraphs lays out the body of a sample edition as the PDF
// composer does (clauses indented by depth, in the layout's body style)
// and returns the lines of each paragraph. typography replaces the
// edition's line-breaking rules when not nil.
func sampleParagraphs(t *testing.T, sample, locale string, typography func(*doc.Typography) *doc.Typography) [][]text.Line {
	t.Helper()
	env, err := build.NewEnv(build.Config{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := build.Load(filepath.Join("..", "..", "samples", sample))
	if err != nil {
		t.Fatal(err)
	}
	body := st.Canonical
	if tr, ok := st.Translations[locale]; ok {
		body = tr
	}
	ed, err := env.Catalog.Localize(body, st.Canonical, locale, localize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lay := env.Layout
	width := float64(lay.Page.Width - lay.Margins.Start - lay.Margins.End)
	style := text.Style{Stack: lay.Stack(layout.TextRole, ed.Lang), Size: lay.Body.Size}
	ty := typography(&ed.Conventions.Typography)
	sh := text.NewShaper(env.Library)
	var out [][]text.Line
	set := func(p *doc.Paragraph, indent float64) {
		var spans []text.Span
		for _, s := range p.Text {
			spans = append(spans, text.Span{Text: s.Text, Style: style})
		}
		out = append(out, sh.Layout(text.Paragraph{Spans: spans, Lang: ed.Lang, Align: text.Justify, Typography: ty}, width-indent))
	}
	var clause func(c *doc.Clause)
	clause = func(c *doc.Clause) {
		indent := float64(lay.Body.ClauseIndent) + float64(c.Depth-1)*float64(lay.Body.SubclauseIndent)
		doc.EachInline(c.Body, func(in doc.Inline) { set(&doc.Paragraph{Text: in}, indent) })
		for _, s := range c.Subs {
			clause(s)
		}
	}
	for _, blk := range ed.Body {
		switch blk := blk.(type) {
		case *doc.Paragraph:
			set(blk, 0)
		case *doc.ClauseList:
			for _, c := range blk.Clauses {
				clause(c)
			}
		}
	}
	return out
}

// looseShare measures what pdf_lines.py measures on a PDF, from the
// engine's own lines: the share of justified lines (every line of a
// paragraph but its last) whose mean word space exceeds 1.7 times the
// median word space of all lines.
func looseShare(paras [][]text.Line) (loose, justified int) {
	var all []float64
	var means []float64
	for _, lines := range paras {
		for i, l := range lines {
			var gaps []float64
			for _, r := range l.Runs {
				for _, c := range r.Clusters {
					if c.Text == " " && c.End-c.Start == 1 {
						gaps = append(gaps, r.Glyphs[c.Start].Advance)
					}
				}
			}
			// The last glyph's space hangs past the line end.
			if len(gaps) < 2 {
				continue
			}
			all = append(all, gaps...)
			if i < len(lines)-1 {
				sum := 0.0
				for _, g := range gaps {
					sum += g
				}
				means = append(means, sum/float64(len(gaps)))
			}
		}
	}
	slices.Sort(all)
	median := all[len(all)/2]
	for _, m := range means {
		if m > 1.7*median {
			loose++
		}
	}
	return loose, len(means)
}

// TestLooseLines holds justified English and French text to at most 5 %
// of lines with a mean word space above 1.7 times the median, the share
// WeasyPrint reaches on the same text; and shows that without the
// locale's hyphenation the same text fails, as it did before polypress
// hyphenated.
func TestLooseLines(t *testing.T) {
	for _, loc := range []string{"en", "fr"} {
		keep := func(ty *doc.Typography) *doc.Typography { return ty }
		loose, n := looseShare(sampleParagraphs(t, "oic-contact-group-2020", loc, keep))
		if n < 40 || float64(loose) > 0.05*float64(n) {
			t.Errorf("%s: %d of %d justified lines loose, want at most 5 %%", loc, loose, n)
		}
		none := func(*doc.Typography) *doc.Typography { return nil }
		before, m := looseShare(sampleParagraphs(t, "oic-contact-group-2020", loc, none))
		if float64(before) <= 0.05*float64(m) {
			t.Errorf("%s without hyphenation: %d of %d lines loose; the measure no longer tells hyphenated text from unhyphenated", loc, before, m)
		}
		t.Logf("%s: %d of %d justified lines loose; %d of %d without hyphenation", loc, loose, n, before, m)
	}
}

// TestSampleHyphenates checks that the sample English and French text
// gets hyphenated line ends, each a Hyphen cluster with no source text,
// and that the halves around it make a word of the source.
func TestSampleHyphenates(t *testing.T) {
	for _, loc := range []string{"en", "fr"} {
		keep := func(ty *doc.Typography) *doc.Typography { return ty }
		hyphens := 0
		for _, lines := range sampleParagraphs(t, "oic-contact-group-2020", loc, keep) {
			var whole strings.Builder
			for _, l := range lines {
				whole.WriteString(l.Text())
			}
			for i, l := range lines {
				r := l.Runs[len(l.Runs)-1]
				c := r.Clusters[len(r.Clusters)-1]
				if !c.Hyphen {
					continue
				}
				hyphens++
				if c.Text != "" || c.End != len(r.Glyphs) {
					t.Errorf("%s: hyphen cluster %+v of %d glyphs", loc, c, len(r.Glyphs))
				}
				head := l.Text()[strings.LastIndexByte(l.Text(), ' ')+1:]
				next := lines[i+1].Text()
				if j := strings.IndexAny(next, " ,.;:"); j > 0 {
					next = next[:j]
				}
				if head == "" || next == "" || !strings.Contains(whole.String(), head+next) {
					t.Errorf("%s: hyphenated %q / %q, not a word of the text", loc, head, next)
				}
			}
		}
		if hyphens < 3 {
			t.Errorf("%s: %d hyphenated line ends, want some", loc, hyphens)
		}
	}
}
