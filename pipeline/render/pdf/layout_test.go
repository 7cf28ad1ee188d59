package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
)

// layoutNumbers are the typographic numbers the renderer once wrote in Go
// and now reads from the layout (layouts/briefing.toml gives them today's
// values, so that every sample's bytes stayed the same).
var layoutNumbers = []string{
	"body.subclause_space", "body.extent",
	"title.meta_leading", "title.subtitle_leading", "title.issuer_space", "title.subtitle_space",
	"title.rule_space_before", "title.rule_weight", "title.rule_space_after",
	"heading.leading",
	"authors.space_before", "authors.rule_weight", "authors.rule_length", "authors.rule_space_after",
	"authors.heading_space", "authors.role_size", "authors.bio_space",
	"running.rule_gap", "running.rule_weight",
	"logo.height", "logo.space", "cover.kind_size", "cover.kind_leading", "cover.title_space", "cover.title_leading",
	"cover.subtitle_space", "cover.subtitle_size", "cover.subtitle_leading", "cover.text_space", "cover.band_space",
	"cover.meta_size", "cover.meta_leading", "cover.date_space", "cover.list_leading", "cover.list_space",
	"contents.heading_space", "contents.number_size", "contents.number_gap", "contents.title_size",
	"contents.meta_leading", "contents.entry_space",
	"draft.size", "draft.tint",
	"body.article_space", "title.embargo_size",
	"footnotes.ref_size", "footnotes.ref_rise", "footnotes.size", "footnotes.hang", "footnotes.gap",
	"footnotes.rule_length", "footnotes.rule_weight",
	"tables.size", "tables.leading", "tables.pad_x", "tables.pad_y", "tables.rule_weight", "tables.header_rule_weight",
	"lists.space", "annex.label_size", "annex.label_space", "annex.title_space", "end_mark.space",
	"signatures.space", "signatures.width", "signatures.sign_space",
	"marks.area", "marks.gap", "marks.weight",
}

// field returns the field of l named by a dotted layout key.
func field(t *testing.T, l *layout.Layout, key string) reflect.Value {
	t.Helper()
	v := reflect.ValueOf(l).Elem()
	for _, name := range strings.Split(key, ".") {
		found := false
		for i := range v.NumField() {
			if strings.Split(v.Type().Field(i).Tag.Get("toml"), ",")[0] == name {
				v, found = v.Field(i), true
				break
			}
		}
		if !found {
			t.Fatalf("no layout key %s", key)
		}
	}
	return v
}

// A pack with everything each number sets: a logo, a subtitle, statements
// with sub-clauses, authors with roles and biographies, contributors, a
// draft mark, running heads and crop marks.
func everythingPack(t *testing.T) *doc.PackEdition {
	clauses := make([]string, 40)
	for i := range clauses {
		clauses[i] = "Agreed on a point of some length, which runs over a line or two so that the pages fill up and turn."
	}
	ed := edition(false, clauses)
	ed.Subtitle, ed.Reference, ed.Original, ed.Draft = "A subtitle", "TEST/2020/1", "Original: French", true
	list := ed.Body[1].(*doc.ClauseList)
	list.Clauses[0].Subs = []*doc.Clause{{Depth: 2, Number: 1, Label: "(a)", Body: []doc.Block{para("a sub-clause;")}},
		{Depth: 2, Number: 2, Label: "(b)", Body: []doc.Block{para("another.")}}}
	ed.Authors = []*doc.Author{{Name: "A. Person", Role: "Delegate", Bio: []*doc.Paragraph{para("A. Person has served for years.")}}}
	ed.Labels.Number = itoa
	second := edition(false, []string{"Welcomed the report."})
	second.Title = "A second statement whose title is long enough to run onto a second line in the contents, whatever the gap"
	pe := packEdition("")
	pe.Statements, pe.Contributors, pe.Subtitle, pe.Draft = []*doc.Edition{ed, second}, ed.Authors, "Two days in June", true
	return pe
}

// Every typographic number the layout gives is used: changing any one of
// them changes the PDF.
func TestLayoutNumbersAreUsed(t *testing.T) {
	official := []*doc.Edition{
		statementEdition(t, "../../../samples/river-monitoring-convention-2021/statement.md"),
		statementEdition(t, "../../../samples/water-data-agreement-release-2021/statement.md"),
	}
	logo := logoPNG(t)
	logoFile := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(logoFile, logo, 0o644); err != nil {
		t.Fatal(err)
	}
	// The pack, and its first statement alone (a statement's authors
	// come after a rule; a pack's contributors do not).
	render := func(t *testing.T, lay *layout.Layout) []byte {
		opts := testOptions(t, "briefing")
		opts.Layout = lay
		opts.Bleed, opts.CropMarks = 9, true
		pe := everythingPack(t)
		pe.Logo, pe.LogoData = "logo.png", logo
		var buf bytes.Buffer
		if _, err := RenderPack(&buf, pe, PackOptions{Options: opts}); err != nil {
			t.Fatal(err)
		}
		// A statement's logo heads its first page.
		pe.Statements[0].Logo = logoFile
		if _, err := Render(&buf, pe.Statements[0], opts); err != nil {
			t.Fatal(err)
		}
		// The samples of official documents and press releases: articles,
		// footnotes, tables, an annex, an embargo, the end mark, notes to
		// editors with a list, signatures.
		for _, ed := range official {
			if _, err := Render(&buf, ed, opts); err != nil {
				t.Fatal(err)
			}
		}
		return buf.Bytes()
	}
	base := testOptions(t, "briefing").Layout
	want := render(t, base)
	for _, key := range layoutNumbers {
		t.Run(key, func(t *testing.T) {
			t.Parallel()
			l := *base
			f := field(t, &l, key)
			if f.Float() == 0 {
				t.Fatalf("briefing.toml gives %s no value", key)
			}
			// Larger, then smaller: a width may only matter when it
			// makes a line wrap.
			v := f.Float()
			f.SetFloat(v*1.5 + 0.3)
			if bytes.Equal(render(t, &l), want) {
				f.SetFloat(v * 0.4)
				if bytes.Equal(render(t, &l), want) {
					t.Errorf("changing %s changes nothing", key)
				}
			}
		})
	}
}
