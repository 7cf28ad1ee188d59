package text_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
)

// TestWordShapingMatchesWholeRuns lays out every paragraph of every sample
// edition (every statement under samples/, in every language it has:
// Arabic, Urdu in Nastaliq, Persian, Hindi, Chinese, Russian and more) and
// of a 2,000-clause statement twice:
// with words shaped one by one and cached, and with every run shaped whole
// as HarfBuzz would shape it uncached. The lines must be identical, glyph
// for glyph and position for position, at the page's measure and, for the
// samples, at a narrow one that hyphenates and cuts words.
func TestWordShapingMatchesWholeRuns(t *testing.T) {
	env, err := build.NewEnv(build.Config{})
	if err != nil {
		t.Fatal(err)
	}
	root, err := bench.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	var eds []*doc.Edition
	var big *doc.Edition
	var dirs []string
	for _, pattern := range []string{"samples/*/statement.md", "samples/*/*/statement.md"} {
		found, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			dirs = append(dirs, filepath.Dir(f))
		}
	}
	if len(dirs) < 5 {
		t.Fatalf("found only %d sample statements", len(dirs))
	}
	for _, dir := range dirs {
		targets, _, err := env.Plan(dir, build.Config{Formats: []string{"pdf"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, tg := range targets {
			eds = append(eds, tg.Edition)
		}
	}
	if !testing.Short() {
		sample, err := bench.Sample()
		if err != nil {
			t.Fatal(err)
		}
		src, err := bench.Statement(sample, 2000)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "statement.md"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		targets, _, err := env.Plan(dir, build.Config{Formats: []string{"pdf"}})
		if err != nil {
			t.Fatal(err)
		}
		big = targets[0].Edition
		eds = append(eds, big)
	}
	cached := text.NewShaper(env.Library)
	whole := text.NewShaper(env.Library)
	text.ShapeWholeRuns(whole)
	lay := env.Layout
	width := float64(lay.Page.Width - lay.Margins.Start - lay.Margins.End)
	paras := 0
	for _, ed := range eds {
		for _, p := range paragraphs(ed, lay) {
			widths := []float64{width, width / 4}
			if ed == big {
				widths = widths[:1] // its paragraphs are the sample's
			}
			for _, w := range widths {
				paras++
				got, want := cached.Layout(p, w), whole.Layout(p, w)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s, width %g: %q: word by word %s", ed.ID, ed.Locale, w, plainText(p), lineDiff(got, want))
				}
			}
		}
	}
	if paras < 900 {
		t.Fatalf("only %d paragraphs laid out", paras)
	}
	// Every sample in every language, and a 2,000-clause statement,
	// fill a small part of the cache: a statement's words are shaped
	// once, and the cache is not emptied half-way (docs/performance.md
	// gives the figure).
	pieces, bytes, limit := text.ShapeCacheUse(env.Library)
	t.Logf("shaping cache: %d pieces, %d bytes of %d", pieces, bytes, limit)
	if bytes > limit/4 {
		t.Errorf("the samples fill %d bytes of the shaping cache's %d", bytes, limit)
	}
}

// paragraphs returns the edition's paragraphs as the PDF composer sets
// them: body text, with its strong and emphasised spans, in the text
// stack; title and headings in the display stack.
func paragraphs(ed *doc.Edition, lay *layout.Layout) []text.Paragraph {
	body := text.Style{Stack: lay.Stack(layout.TextRole, ed.Lang), Size: lay.Body.Size}
	display := text.Style{Stack: lay.Stack(layout.DisplayRole, ed.Lang), Size: lay.Heading.Size, Bold: true}
	var out []text.Paragraph
	add := func(in doc.Inline, st text.Style) {
		var spans []text.Span
		for _, s := range in {
			sst := st
			sst.Bold = sst.Bold || s.Style&doc.Strong != 0
			sst.Italic = sst.Italic != (s.Style&doc.Emphasis != 0)
			spans = append(spans, text.Span{Text: s.Text, Style: sst, Lang: s.Lang})
		}
		if len(spans) > 0 {
			out = append(out, text.Paragraph{Spans: spans, Lang: ed.Lang, RTL: ed.Dir == doc.RTL, Align: text.Justify, Typography: &ed.Conventions.Typography})
		}
	}
	add(doc.Inline{{Text: ed.Title}}, display)
	add(doc.Inline{{Text: ed.DateLine}}, body)
	for _, b := range ed.Body {
		if h, ok := b.(*doc.Heading); ok {
			add(h.Text, display)
		}
	}
	// Every run of text of the body: clauses, sub-clauses, tables,
	// lists, annexes, notes.
	doc.EachInline(ed.Body, func(in doc.Inline) { add(in, body) })
	for _, a := range ed.Authors {
		add(doc.Inline{{Text: a.Name}}, body)
		for _, p := range a.Bio {
			add(p.Text, body)
		}
	}
	return out
}

func plainText(p text.Paragraph) string {
	s := ""
	for _, sp := range p.Spans {
		s += sp.Text
	}
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

// lineDiff describes the first difference between two layouts.
func lineDiff(got, want []text.Line) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d lines, whole runs %d", len(got), len(want))
	}
	for i := range got {
		if reflect.DeepEqual(got[i], want[i]) {
			continue
		}
		g, w := got[i], want[i]
		if len(g.Runs) != len(w.Runs) {
			return fmt.Sprintf("line %d: %d runs, whole runs %d", i, len(g.Runs), len(w.Runs))
		}
		for j := range g.Runs {
			if !reflect.DeepEqual(g.Runs[j], w.Runs[j]) {
				return fmt.Sprintf("line %d run %d %q: glyphs %v, whole runs %v", i, j, g.Runs[j].Text, g.Runs[j].Glyphs, w.Runs[j].Glyphs)
			}
		}
		return fmt.Sprintf("line %d differs", i)
	}
	return "differs"
}
