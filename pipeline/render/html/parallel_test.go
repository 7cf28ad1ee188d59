package html

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	pairing "github.com/polypress/polypress/pipeline/parallel"
	"github.com/polypress/polypress/pipeline/render"
)

func renderParallel(t testing.TB, opts Options, eds ...*doc.Edition) string {
	t.Helper()
	pe, err := pairing.New(eds)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := RenderParallel(&b, pe, opts); err != nil {
		t.Fatalf("RenderParallel: %v", err)
	}
	return b.String()
}

func TestParallelGolden(t *testing.T) {
	golden(t, "parallel.en-ar.html", renderParallel(t, testOptions(t), edition("en", doc.LTR, true), edition("ar", doc.RTL, false)))
}

// TestParallelPage: the page is in its first language, each cell in its
// own; the Arabic cells stand on the right whichever language comes
// first; ids are unique; each clause is a list starting at its number.
func TestParallelPage(t *testing.T) {
	for _, tc := range []struct {
		first, second string
		html          string
		arSlot        string
	}{
		{"en", "ar", `<html lang="en" dir="ltr"`, "slot-2"},
		{"ar", "en", `<html lang="ar" dir="rtl"`, "slot-1"}, // slots count from the right
	} {
		mk := func(lang string) *doc.Edition {
			if lang == "ar" {
				return edition("ar", doc.RTL, false)
			}
			return edition("en", doc.LTR, true)
		}
		page := renderParallel(t, testOptions(t), mk(tc.first), mk(tc.second))
		for _, want := range []string{
			tc.html,
			`<main id="main" class="wide">`,
			`<article class="edition parallel-edition" aria-labelledby="` + tc.first + `-title">`,
			`<div class="cell ` + tc.arSlot + `" lang="ar" dir="rtl">`,
			`<ol class="clauses" start="1">`,
			`<p class="lead-in" id="en-lead-in-1">`,
			`<a href="#ar-steps">Next steps</a>`,
			`<section class="cell ` + tc.arSlot + ` authors" id="ar-authors" lang="ar" dir="rtl" aria-labelledby="ar-authors-title">`,
			// The language switcher lists the single-language editions.
			`<a href="test-2020.fr.html" hreflang="fr" lang="fr" dir="ltr">Français</a>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s-%s: page lacks %q", tc.first, tc.second, want)
			}
		}
		if strings.Contains(page, `aria-current="page"`) {
			t.Errorf("%s-%s: a single-language edition is marked as this page", tc.first, tc.second)
		}
		seen := map[string]bool{}
		for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
			if seen[m[1]] {
				t.Errorf("%s-%s: id %q twice", tc.first, tc.second, m[1])
			}
			seen[m[1]] = true
		}
	}
}

// The faces a layout chooses for a language are the first choice in that
// language's cells.
func TestParallelCellFonts(t *testing.T) {
	opts := testOptions(t)
	opts.Fonts = []render.Font{{Family: "Noto Nastaliq Urdu", File: "NotoNastaliqUrdu-Regular.ttf", Data: []byte("font"), Lang: "ur"}}
	ur := edition("ur", doc.RTL, false)
	page := renderParallel(t, opts, edition("en", doc.LTR, true), ur)
	if want := ".parallel .cell:lang(ur) {\n  font-family: \"Noto Nastaliq Urdu\", serif;"; !strings.Contains(page, want) {
		t.Errorf("page lacks %q", want)
	}
}

func TestParallelBadInput(t *testing.T) {
	en := edition("en", doc.LTR, true)
	ar := edition("ar", doc.RTL, false)
	ar.Title = ""
	pe, err := pairing.New([]*doc.Edition{en, ar})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := RenderParallel(&b, pe, testOptions(t)); err == nil || !strings.Contains(err.Error(), "no title") || b.Len() > 0 {
		t.Errorf("RenderParallel = %v, wrote %d bytes; want an error about the title and nothing written", err, b.Len())
	}
	if err := RenderParallel(&b, nil, testOptions(t)); err == nil {
		t.Error("RenderParallel(nil) did not fail")
	}
}
