package localize

import (
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

const officialSource = `---
id: decl
title: Declaration
date: 2020-03-02
place: Geneva
lang: en
numbering: [article, "1."]
embargo: 2020-03-02T10:00+01:00
contact:
  - name: Press Office
    role: Spokesperson
    email: press@example.org
signatories:
  - name: A. Minister
    title: Minister
    on-behalf-of: the Government of Examplia
---
1. Everyone has rights.[^1]
2.
   1. As [set out above](#clause-1), and in [this](#clause-2-2) and [that](#clause-I-1).
   2. Second paragraph.

## Seats {.annex}

1. First.

---

1. Background.

[^1]: A note.
`

// TestLocalizeOfficial checks the labels an edition of an official
// document gets: article and paragraph markers in the chosen styles,
// references to clauses in words, footnote marks in the locale's digits,
// the annex and end-mark labels, and the closing and contact blocks in
// their places.
func TestLocalizeOfficial(t *testing.T) {
	d, err := source.Parse("decl.md", []byte(officialSource))
	if err != nil {
		t.Fatal(err)
	}
	c := shipped(t)
	for _, tt := range []struct {
		locale string
		want   []string
	}{
		{"en", []string{
			"labels 1=Article 1 2=Article 2 2.1=1. 2.2=2. I.1=Article 1",
			"refs article 1|article 2 (2)|article 1 of annex I",
			"note 1", "annex Annex I", "end ENDS", "notes Notes to editors", "item 1.",
			"embargo Embargoed until 10:00 UTC+01:00, 2 March 2020",
			"done Done at Geneva, 2 March 2020", "for For the Government of Examplia", "contacts Contact",
			"order ClauseList Signatures Annex EndMark Contacts",
		}},
		{"ar", []string{
			"labels 1=المادة 1 2=المادة 2 2.1=1 - 2.2=2 - I.1=المادة 1",
			"refs المادة 1|المادة 2 (2)|المادة 1 من المرفق I",
			"note 1", "item 1 -",
			"embargo يُحظر النشر قبل الساعة 10:00 UTC+01:00، 2 مارس 2020",
			"done حُرِّر في Geneva، 2 مارس 2020",
		}},
		{"ar-u-nu-arab", []string{
			"labels 1=المادة ١ 2=المادة ٢ 2.1=١ - 2.2=٢ - I.1=المادة ١",
			"refs المادة ١|المادة ٢ (٢)|المادة ١ من المرفق I",
			"note ١", "annex المرفق I", "end انتهى", "notes ملاحظات للمحررين", "item ١ -",
			"embargo يُحظر النشر قبل الساعة ١٠:٠٠ UTC+٠١:٠٠، ٢ مارس ٢٠٢٠",
			"done حُرِّر في Geneva، ٢ مارس ٢٠٢٠", "for عن the Government of Examplia", "contacts جهة الاتصال",
			"order ClauseList Signatures Annex EndMark Contacts",
		}},
	} {
		t.Run(tt.locale, func(t *testing.T) {
			ed, err := c.Localize(d, d, tt.locale, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := describeOfficial(ed)
			for _, w := range tt.want {
				if !strings.Contains(got, "\n"+w+"\n") {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
		})
	}
}

// describeOfficial lists what TestLocalizeOfficial checks of an edition.
func describeOfficial(ed *doc.Edition) string {
	var b strings.Builder
	b.WriteString("\nlabels " + strings.Join(labels(ed.Body), " ") + "\n")
	var refs []string
	doc.EachInline(ed.Body, func(in doc.Inline) {
		for _, s := range in {
			if strings.HasPrefix(s.Link, "#clause-") {
				refs = append(refs, s.Text)
			}
		}
	})
	b.WriteString("refs " + strings.Join(refs, "|") + "\n")
	for _, n := range ed.Notes {
		b.WriteString("note " + n.Mark + "\n")
	}
	var order []string
	for _, blk := range ed.Body {
		switch blk := blk.(type) {
		case *doc.ClauseList:
			order = append(order, "ClauseList")
		case *doc.Annex:
			order = append(order, "Annex")
			b.WriteString("annex " + blk.Label + "\n")
		case *doc.EndMark:
			order = append(order, "EndMark")
			b.WriteString("end " + blk.Label + "\nnotes " + blk.NotesHeading + "\n")
			for _, nb := range blk.Notes {
				if l, ok := nb.(*doc.List); ok {
					b.WriteString("item " + l.Items[0].Label + "\n")
				}
			}
		case *doc.Signatures:
			order = append(order, "Signatures")
			b.WriteString("done " + blk.DoneAt + "\nfor " + blk.Signatories[0].For + "\n")
		case *doc.Contacts:
			order = append(order, "Contacts")
			b.WriteString("contacts " + blk.Heading + "\n")
		}
	}
	b.WriteString("embargo " + ed.Embargo + "\n")
	b.WriteString("order " + strings.Join(order, " ") + "\n")
	return b.String()
}
