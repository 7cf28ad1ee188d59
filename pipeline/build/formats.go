package build

import (
	"path/filepath"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render"

	// Every output format registers itself with pipeline/render; a build
	// can write those imported here.
	_ "github.com/polypress/polypress/pipeline/render/epub"
	_ "github.com/polypress/polypress/pipeline/render/html"
	_ "github.com/polypress/polypress/pipeline/render/pdf"
)

// alternate describes an edition (ed, or the pack edition pe) written to
// href, for the other language editions that link to it.
func alternate(href string, ed *doc.Edition, pe *doc.PackEdition) render.Alternate {
	if pe != nil {
		return render.Alternate{Locale: pe.Locale, Lang: pe.Lang, Dir: pe.Dir, Href: href}
	}
	return render.Alternate{Locale: ed.Locale, Lang: ed.Lang, Dir: ed.Dir, Href: href,
		Canonical: ed.Source != nil && ed.Source == ed.Canonical}
}

// linkEditions gives each of items, the editions of one statement or pack,
// the list of those in its own format, in order.
func linkEditions[T any](items []T, format func(*T) string, alt func(*T) render.Alternate, set func(*T, []render.Alternate)) {
	byFormat := map[string][]render.Alternate{}
	for i := range items {
		f := format(&items[i])
		byFormat[f] = append(byFormat[f], alt(&items[i]))
	}
	for i := range items {
		set(&items[i], byFormat[format(&items[i])])
	}
}

// linkAlternates links the jobs of one statement or pack.
func linkAlternates(jobs []job) {
	linkEditions(jobs, func(j *job) string { return j.format },
		func(j *job) render.Alternate { return alternate(filepath.Base(j.path), j.ed, j.pack) },
		func(j *job, alts []render.Alternate) { j.alts = alts })
}

// linkTargets links the targets of one statement or pack.
func linkTargets(ts []Target) {
	linkEditions(ts, func(t *Target) string { return t.Format },
		func(t *Target) render.Alternate { return alternate(t.Name, t.Edition, t.Pack) },
		func(t *Target, alts []render.Alternate) { t.Alternates = alts })
}
