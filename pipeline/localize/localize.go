// Package localize is the localization stage of the polypress pipeline:
//
//	source files ──source.Parse──▶ doc.Document ──localize──▶ doc.Edition ──render──▶ file
//
// It turns a statement (a translation, or the canonical text) into an Edition
// for one locale: every label translated, clause markers in the locale's
// style, numbers in its digits, dates in its words. Messages and conventions
// come from go-i18n v2 locale files (the locales folder), read once by Load
// into a Catalog. Plural forms are chosen by go-i18n under CLDR rules; dates
// are CLDR patterns from go-playground/locales; language names and locale
// matching come from golang.org/x/text.
//
// When a locale lacks a message, the edition falls back along the chain
// locale → parent locale → canonical language → en, says so in a warning, and
// is marked draft; with Options.Strict the fallback is an error.
package localize

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

// Localize makes an Edition of body (the statement text in the locale's
// language: a translation, or the canonical statement itself) for locale.
// canonical is the canonical statement: it gives the ID, kind, date and the
// language the Original line names. Neither document is modified: the
// Edition holds copies of body's blocks and authors, with every
// Clause.Label set.
//
// Every fallback (a missing locale file or message, a missing plural form, a
// front matter key the translation lacks, a translation made from an older
// canonical text) is a warning in Edition.Diagnostics and sets
// Edition.Draft; with opts.Strict it is an error and no Edition is returned.
func (c *Catalog) Localize(body, canonical *doc.Document, locale string, opts Options) (*doc.Edition, error) {
	if body == nil || canonical == nil {
		return nil, diag.Errorf(diag.Pos{}, "localize %s: a body and a canonical statement are both required", locale)
	}
	if opts.CanonicalLang == "" {
		opts.CanonicalLang = canonical.Meta.Lang
	}
	if opts.CanonicalLang == "" {
		opts.CanonicalLang = SourceLocale
	}
	canonTag, err := language.Parse(opts.CanonicalLang)
	if err != nil {
		return nil, diag.Errorf(metaPos(canonical, "lang"), "canonical language %q is not a BCP 47 language tag", opts.CanonicalLang)
	}
	p, err := c.Printer(locale, opts)
	if err != nil {
		return nil, err
	}
	l := &localizer{p: p, body: body, canonical: canonical}

	ed := &doc.Edition{
		ID:            canonical.Meta.ID,
		Locale:        p.Locale(),
		Lang:          p.Lang(),
		Dir:           p.conv.Dir,
		CanonicalLang: canonTag.String(),
		Kind:          canonical.Meta.Kind,
		Date:          canonical.Meta.Date,
		Conventions:   p.docConventions(),
		Source:        body,
		Canonical:     canonical,
	}
	used := []string{"page_x_of_y", "contents", "draft", "contributors", "about_authors"}

	// The body's language should be the locale's: French labels around an
	// English body make a page no reader wants.
	bodyTag, bodyErr := language.Parse(body.Meta.Lang)
	if bodyErr == nil && !sameBase(bodyTag, p.file.tag) {
		l.warn(metaPos(body, "lang"), "body-language", "the %s edition shows a body written in %s", p.Locale(), bodyTag)
	}
	translation := body != canonical && (bodyErr != nil || !sameLanguage(bodyTag, canonTag))
	if translation && body.Meta.SourceDigest != "" && canonical.Digest != "" && body.Meta.SourceDigest != canonical.Digest {
		msg := fmt.Sprintf("translation was made from an older version of %s", canonical.Path)
		if f := source.CheckFreshness(canonical, body); len(f.Changed) > 0 {
			msg += fmt.Sprintf(" (changed since: clause %s)", strings.Join(f.Changed, ", "))
		} else if f.OutsideClauses {
			msg += " (changed since: text outside the clauses)"
		}
		l.warn(metaPos(body, "source-digest"), "stale-translation", "%s", msg)
	}

	ed.Title = l.textString(l.field("title", body.Meta.Title, canonical.Meta.Title))
	ed.Subtitle = l.textString(l.field("subtitle", body.Meta.Subtitle, canonical.Meta.Subtitle))
	ed.Issuer = l.textString(l.field("issuer", body.Meta.Issuer, canonical.Meta.Issuer))
	ed.Place = l.textString(l.field("place", body.Meta.Place, canonical.Meta.Place))
	// A document symbol is the same in every language version.
	ed.Reference = body.Meta.Reference
	if ed.Reference == "" {
		ed.Reference = canonical.Meta.Reference
	}

	if kind := canonical.Meta.Kind; kind != "" {
		id := "kind_" + strings.ReplaceAll(kind, "-", "_")
		if _, ok := messageSpec(id); ok {
			ed.KindLabel = p.Text(id, nil)
			used = append(used, id)
		} else {
			l.diags.Errorf(metaPos(canonical, "kind"), "unknown statement kind %q (kinds: %s)", kind, strings.Join(doc.Kinds, ", "))
		}
	}

	if ed.Date.IsZero() {
		l.diags.Errorf(metaPos(canonical, "date"), "the canonical statement has no date")
	} else {
		date := p.Date(ed.Date)
		if ed.Place != "" {
			ed.DateLine = p.Text("date_line", map[string]string{"Place": ed.Place, "Date": date})
			used = append(used, "date_line")
		} else {
			ed.DateLine = date
		}
	}

	if translation {
		ed.Original = p.Text("original", map[string]string{"Language": p.LanguageName(canonTag.String())})
		used = append(used, "original")
	}

	l.prepare(body)
	ed.Body = l.blocks(body.Body)
	ed.Notes = l.notes
	l.closing(ed, body)
	authors := body.Meta.Authors
	if len(authors) == 0 && len(canonical.Meta.Authors) > 0 && body != canonical {
		l.warn(metaPos(body, "authors"), "missing-field", "front matter key %q missing in the translation; using the canonical text", "authors")
		authors = canonical.Meta.Authors
	}
	for _, a := range authors {
		if a == nil {
			continue
		}
		ed.Authors = append(ed.Authors, &doc.Author{Pos: a.Pos, Name: l.textString(a.Name), Role: l.textString(a.Role), Bio: l.paras(a.Bio)})
	}

	ed.Labels = p.labels(len(ed.Authors))
	if err := p.Err(); err != nil {
		return nil, err
	}

	used = append(used, l.used...)
	if len(ed.Notes) > 0 {
		used = append(used, "footnotes", "back_to_text")
	}
	diags := p.Diagnostics(used...)
	diags.Append(l.diags)
	diags.Sort()
	ed.Diagnostics = diags
	ed.Draft = len(diags) > 0
	if diags.HasErrors() {
		return nil, diags.Err()
	}
	return ed, nil
}

// labels are the words printed around a body with authors authors.
func (p *Printer) labels(authors int) doc.Labels {
	// The renderer prints page numbers page by page, long after Localize
	// returned: print one here so that a failure is Localize's.
	p.Text("page_x_of_y", map[string]string{"Page": p.Number(1), "Total": p.Number(1)})
	return doc.Labels{
		AboutAuthors: p.Plural("about_authors", authors, nil),
		Contents:     p.Text("contents", nil),
		Draft:        p.Text("draft", nil),
		Authors:      p.Text("contributors", nil),
		Footnotes:    p.Text("footnotes", nil),
		BackToText:   p.Text("back_to_text", nil),
		PageOf: func(page, total int) string {
			return p.Text("page_x_of_y", map[string]string{"Page": p.Number(page), "Total": p.Number(total)})
		},
		Number: p.Number,
	}
}

// headingCount is the count that chooses the form of a NoNumeral message:
// a heading such as "About the authors", which prints no number. CLDR's
// categories describe agreement with a printed numeral: Russian 21 takes
// "one" ("21 автор"), which would head 21 biographies "Об авторе". A heading
// needs only grammatical number, and the counts 0, 1, 2 and 3 select the
// zero, singular, dual and plural forms (Arabic dual for 2, "few" plural
// for 3).
func headingCount(n int) int {
	if n < 0 {
		return 0
	}
	return min(n, 3)
}

// localizer carries the state of one Localize call.
type localizer struct {
	p         *Printer
	body      *doc.Document
	canonical *doc.Document
	diags     diag.List
	// used are the messages printed into the body, whose fallbacks
	// the edition reports.
	used []string
	// notes are the edition's footnotes; noteOf maps the body's
	// footnotes to them.
	notes  []*doc.Footnote
	noteOf map[*doc.Footnote]*doc.Footnote
	// refs are the reference texts of the clauses, by anchor
	// ("clause-18-c" → "paragraph 18 (c)").
	refs map[string]reference
}

// warn records a fallback: a warning, or an error under Options.Strict.
func (l *localizer) warn(pos diag.Pos, code, format string, args ...any) {
	l.diags.Add(&diag.Diagnostic{Pos: pos, Severity: l.p.sev, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// field returns a front matter value of the body, falling back to the
// canonical statement's when a translation left it out.
func (l *localizer) field(key, bodyVal, canonVal string) string {
	if bodyVal != "" || canonVal == "" || l.body == l.canonical {
		return bodyVal
	}
	l.warn(metaPos(l.body, key), "missing-field", "front matter key %q missing in the translation; using the canonical text", key)
	return canonVal
}

// metaPos returns where front matter key was written in d, or d's file.
func metaPos(d *doc.Document, key string) diag.Pos {
	if p, ok := d.Meta.Pos[key]; ok {
		return p
	}
	return diag.Pos{File: d.Path}
}
