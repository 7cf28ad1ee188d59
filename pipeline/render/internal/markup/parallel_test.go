package markup

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/polypress/polypress/pipeline/doc"
)

// rows pairs the bodies of eds block by block and clause by clause, as
// pipeline/parallel does for aligned editions.
func rows(eds ...*doc.Edition) []doc.ParallelRow {
	var out []doc.ParallelRow
	for i := range eds[0].Body {
		if cl, ok := eds[0].Body[i].(*doc.ClauseList); ok {
			lead := doc.ParallelRow{}
			for _, ed := range eds {
				lead.Cells = append(lead.Cells, []doc.Part{{List: ed.Body[i].(*doc.ClauseList)}})
			}
			out = append(out, lead)
			for j := range cl.Clauses {
				r := doc.ParallelRow{}
				for _, ed := range eds {
					l := ed.Body[i].(*doc.ClauseList)
					r.Cells = append(r.Cells, []doc.Part{{List: l, Clause: l.Clauses[j]}})
				}
				out = append(out, r)
			}
			continue
		}
		r := doc.ParallelRow{}
		for _, ed := range eds {
			r.Cells = append(r.Cells, []doc.Part{{Block: ed.Body[i]}})
		}
		out = append(out, r)
	}
	return out
}

func arabic() *doc.Edition {
	ed := edition()
	ed.Locale, ed.Lang, ed.Dir, ed.Title = "ar", "ar", doc.RTL, "ع"
	return ed
}

func TestParallelView(t *testing.T) {
	en, ar := edition(), arabic()
	for _, tc := range []struct {
		eds   []*doc.Edition
		dir   doc.Direction
		slots string // by edition
	}{
		{[]*doc.Edition{en, ar}, doc.LTR, "1 2"},
		// An Arabic page counts its slots from the right: Arabic on the
		// right is its first slot.
		{[]*doc.Edition{ar, en}, doc.RTL, "1 2"},
		{[]*doc.Edition{en, arabic(), func() *doc.Edition { e := edition(); e.Locale, e.Lang = "fr", "fr"; return e }()}, doc.LTR, "1 3 2"},
	} {
		pe := &doc.ParallelEdition{ID: "x", Editions: tc.eds, Rows: rows(tc.eds...)}
		ids := IDSet{"main": true}
		pp, err := Parallel(pe, ParallelOptions{DocPath: "x.html", IDs: ids, PageDir: tc.dir})
		if err != nil {
			t.Fatal(err)
		}
		var slots []string
		for _, c := range pp.Titles {
			slots = append(slots, string(rune('0'+c.Slot)))
		}
		if got := strings.Join(slots, " "); got != tc.slots {
			t.Errorf("%s first: slots %s, want %s", tc.eds[0].Lang, got, tc.slots)
		}
		if pp.Columns != len(tc.eds) || len(pp.Rows) != 4 || len(pp.Bios) != len(tc.eds) {
			t.Fatalf("%d columns, %d rows, %d biographies", pp.Columns, len(pp.Rows), len(pp.Bios))
		}
		if pp.Rows[0].Class != "heading-row" || pp.Rows[1].Class != "lead-in-row" || pp.Rows[2].Class != "" {
			t.Errorf("row classes %q %q %q", pp.Rows[0].Class, pp.Rows[1].Class, pp.Rows[2].Class)
		}
		second := pp.Rows[3].Cells[0].Blocks[0]
		if second.Clauses == nil || second.Clauses.Start != 2 || len(second.Clauses.Items) != 1 || second.Clauses.Items[0].Label != "2." {
			t.Errorf("the second clause's row: %+v", second)
		}

		tmpl := Templates(fstest.MapFS{"t.tmpl": {Data: []byte(`{{define "t"}}{{template "parallel" .}}{{end}}`)}}, "t.tmpl")
		var b bytes.Buffer
		if err := tmpl.ExecuteTemplate(&b, "t", pp); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		seen := map[string]bool{}
		for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
			if seen[m[1]] {
				t.Errorf("id %q twice", m[1])
			}
			seen[m[1]] = true
		}
		for _, want := range []string{
			`<div class="parallel pairs-` + string(rune('0'+len(tc.eds))) + `">`,
			`<header class="cell slot-` + slots[0] + ` title-page" id="` + tc.eds[0].Lang + `-title-page" lang="` + tc.eds[0].Lang + `"`,
			`<div class="cell slot-` + slots[1] + `" lang="` + tc.eds[1].Lang + `" dir="` + Direction(tc.eds[1].Dir) + `">`,
			`<ol class="clauses" start="2">`,
			`<h2 id="` + tc.eds[1].Lang + `-author-1">Decisions</h2>`,
			`<section class="bio" id="` + tc.eds[0].Lang + `-author-1-2">`,
			`<a href="#` + tc.eds[1].Lang + `-author-1">above</a>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s first: page lacks %q", tc.eds[0].Lang, want)
			}
		}
	}
}

func TestParallelViewRefusesForeignParts(t *testing.T) {
	en, ar := edition(), arabic()
	pe := &doc.ParallelEdition{ID: "x", Editions: []*doc.Edition{en, ar}, Rows: rows(en, ar)}
	pe.Rows[0].Cells[1] = []doc.Part{{Block: en.Body[0]}} // English in the Arabic cell
	if _, err := Parallel(pe, ParallelOptions{DocPath: "x.html"}); err == nil || !strings.Contains(err.Error(), "the ar edition") {
		t.Errorf("Parallel = %v, want an error naming the Arabic edition", err)
	}
	if err := CheckParallel(&doc.ParallelEdition{ID: "x", Editions: []*doc.Edition{en}}); err == nil {
		t.Error("CheckParallel accepted one edition")
	}
}
