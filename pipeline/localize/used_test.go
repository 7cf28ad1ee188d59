package localize

import (
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
)

// Every message translators supply is printed: draft_notice becomes the
// notice at the top of a draft e-book or web page, statements_in_pack the
// count of statements on a pack's cover. (reference, cover_issued_by,
// page, cover and landmarks were never printed and are gone.)
func TestMessagesArePrinted(t *testing.T) {
	c := shipped(t)
	d := &doc.Document{Path: "s.md", Meta: doc.Meta{ID: "s", Title: "T", Lang: "fr", Date: time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC)}}
	ed, err := c.Localize(d, d, "fr", Options{CanonicalLang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Version provisoire\u00a0: une partie du texte n’est pas encore traduite ou n’est plus à jour."; ed.Labels.DraftNotice != want {
		t.Errorf("DraftNotice = %q", ed.Labels.DraftNotice)
	}
	pk := &doc.Pack{ID: "p", Title: doc.Localized{"fr": "P"}, Lang: "fr", Date: d.Meta.Date, Pos: nil}
	for _, tt := range []struct {
		locale string
		n      int
		want   string
	}{{"fr", 3, "3 déclarations"}, {"ar", 11, "11 بيانًا"}, {"fa", 3, "۳ بیانیه"}, {"en", 1, "1 statement"}} {
		eds := make([]*doc.Edition, tt.n)
		for i := range eds {
			eds[i] = ed
		}
		pe, err := c.LocalizePack(pk, tt.locale, eds, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if pe.Size != tt.want {
			t.Errorf("%s pack of %d: Size = %q, want %q", tt.locale, tt.n, pe.Size, tt.want)
		}
	}
	for _, spec := range Messages {
		switch spec.ID {
		case "reference", "cover_issued_by", "page", "cover", "landmarks":
			t.Errorf("message %q is asked for but printed nowhere", spec.ID)
		}
	}
}
