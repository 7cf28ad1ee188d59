package text

import (
	"strings"
	"testing"

	"github.com/polypress/polypress/locales"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/source"
)

// TestFrenchEditionQuotes: the guillemets the French edition prints for a
// statement's straight quotes (pipeline/localize) go through the French
// spacing rule: each no-break space inside « » and ‹ › is drawn narrow,
// and the clusters still give the edition's text.
func TestFrenchEditionQuotes(t *testing.T) {
	c, err := localize.Load(locales.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	md := "---\nid: q\ntitle: x\ndate: 2021-03-22\nlang: fr\n---\n\nIl a dit \"l'accord, le mot 'eau' et \"rien\" d'autre\" hier.\n"
	d, err := source.Parse("statement.md", []byte(md))
	if err != nil {
		t.Fatal(err)
	}
	ed, err := c.Localize(d, d, "fr", localize.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := ed.Body[0].(*doc.Paragraph).Text.Plain()
	want := "Il a dit «\u00a0l’accord, le mot ‹\u00a0eau\u00a0› et ‹\u00a0rien\u00a0› d’autre\u00a0» hier."
	if got != want {
		t.Fatalf("edition text %q, want %q", got, want)
	}
	ty := &ed.Conventions.Typography
	runes, _, _ := thinSpaces([]rune(got), make([]int, len([]rune(got))), ty)
	if drawn, want := string(runes), strings.ReplaceAll(got, "\u00a0", "\u202f"); drawn != want {
		t.Errorf("drawn %q, want %q", drawn, want)
	}
	lines := NewShaper(library(t)).Layout(typoPara(got, "fr", ty, Start), 500)
	if back := strings.Join(lineTexts(lines), ""); back != got {
		t.Errorf("clusters give %q, want %q", back, got)
	}
}
