package translate

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/source"
	"github.com/polypress/polypress/pipeline/xliff"
)

// Exchange with translation tools is XLIFF 1.2: one <file> per file to
// translate — a locale file (locales/fr.toml) or a translation
// (statement.fr.md) — whose original attribute is the file's path, with
// one <trans-unit> per segment: its ID the segment's, its state the
// segment's state.
//
//	translated            <target state="translated">, approved="yes"
//	stale, unstamped      <target state="needs-review-translation">
//	missing, unchanged    <target state="new"/> (empty)
//
// translate-toolkit, and so Weblate, counts a unit translated only when it
// is approved, fuzzy when it has a target but is not, untranslated when its
// target is empty: the same split as status's translated, stale and
// unstamped, and unchanged and missing. Notes give each unit's place
// (clause 18.c, the title) and, for a stale one, the source it was
// translated from, as gettext's "#| msgid" does.

// Datatypes of the files in an exchange.
const (
	DatatypeStatement = "x-polypress-statement"
	DatatypeLocale    = "x-polypress-locale"
)

// XLIFF states and approval.
const (
	xlTranslated  = "translated"
	xlNeedsReview = "needs-review-translation"
	xlNew         = "new"
)

// noteFrom names polypress as the author of the notes it writes.
const noteFrom = "polypress"

// ExportOptions says what to export.
type ExportOptions struct {
	// Locale is the language to export; "" exports every language that
	// has a locale file or a translation, each translation that exists.
	// Given a locale, every statement gets a file, a new translation when
	// there is none yet.
	Locale string
	// Paths are statements (files or folders) to export.
	Paths []string
}

// Export builds the XLIFF document of the locale files of cat (nil: none)
// and the statements under opts.Paths. Warnings (a translation that does
// not align exports its units where it can) are returned beside it.
func Export(cat *localize.Catalog, opts ExportOptions) (*xliff.Document, diag.List, error) {
	var warnings diag.List
	inputs, err := source.Find(opts.Paths)
	if err != nil {
		return nil, nil, err
	}
	var stmts []*source.Statement
	var problems diag.List
	for _, f := range source.Statements(inputs) {
		st, err := source.Load(f)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		if st.Canonical == nil {
			problems.Append(st.Problems)
			continue
		}
		stmts = append(stmts, st)
	}
	tags, err := exportTags(cat, stmts, opts.Locale)
	if err != nil {
		return nil, nil, err
	}
	out := &xliff.Document{}
	for _, tag := range tags {
		if cat != nil && tag != localize.SourceLocale {
			f, err := exportLocale(cat, tag)
			if err != nil {
				problems.Append(diag.Flatten(err))
			} else {
				out.Files = append(out.Files, f)
			}
		}
		for _, st := range stmts {
			if sameLanguage(st.Canonical.Meta.Lang, tag) {
				continue
			}
			tr := translationFor(st, tag)
			if tr == nil && opts.Locale == "" {
				continue
			}
			f, w, err := exportStatement(st, tr, tag)
			warnings.Append(w)
			if err != nil {
				problems.Append(diag.Flatten(err))
				continue
			}
			out.Files = append(out.Files, f)
		}
	}
	problems.Sort()
	if err := problems.Err(); err != nil {
		return nil, nil, err
	}
	return out, warnings, nil
}

// MarshalXLIFF writes an exported document.
func MarshalXLIFF(d *xliff.Document) ([]byte, error) {
	return xliff.Marshal(d, xliff.Tool{ID: "polypress", Name: "polypress"})
}

// exportTags lists the languages to export, in order.
func exportTags(cat *localize.Catalog, stmts []*source.Statement, locale string) ([]string, error) {
	if locale != "" {
		t, err := language.Parse(locale)
		if err != nil || t == language.Und || strings.Contains(locale, "_") {
			return nil, fmt.Errorf("--locale %q is not a BCP 47 language tag (such as de, pt-BR or zh-Hant)", locale)
		}
		if t.String() == localize.SourceLocale {
			return nil, fmt.Errorf("--locale %s: the messages are written in %s, there is nothing to translate into it", t, t)
		}
		return []string{t.String()}, nil
	}
	seen := map[string]bool{}
	var out []string
	add := func(tag string) {
		t, err := language.Parse(tag)
		if err != nil {
			return
		}
		if s := t.String(); !seen[s] && s != localize.SourceLocale {
			seen[s] = true
			out = append(out, s)
		}
	}
	if cat != nil {
		for _, t := range cat.Tags() {
			add(t)
		}
	}
	for _, st := range stmts {
		for _, tr := range st.Translations {
			add(tr.Lang)
		}
	}
	sort.Strings(out)
	return out, nil
}

// sameLanguage reports whether two tags name the same language and
// variety ("zh-hans" and "zh-Hans" do, "fr" and "fr-CA" do not).
func sameLanguage(a, b string) bool {
	ta, errA := language.Parse(a)
	tb, errB := language.Parse(b)
	if errA != nil || errB != nil {
		return strings.EqualFold(a, b)
	}
	return ta == tb
}

// translationFor returns a statement's translation into tag, or nil.
func translationFor(st *source.Statement, tag string) *source.Translated {
	for _, tr := range st.Translations {
		if sameLanguage(tr.Lang, tag) {
			return tr
		}
	}
	return nil
}

// exportLocale builds the <file> of one locale file.
func exportLocale(cat *localize.Catalog, tag string) (*xliff.File, error) {
	lu, err := cat.Units(tag)
	if err != nil {
		return nil, err
	}
	orig, err := originalOf(lu.File)
	if err != nil {
		return nil, err
	}
	f := &xliff.File{Original: orig, SourceLang: localize.SourceLocale, TargetLang: lu.Locale, Datatype: DatatypeLocale}
	f.Notes = append(f.Notes, xliff.Note{From: noteFrom, Text: fmt.Sprintf("The labels printed around every %s edition: page numbers, headings, the statement kinds. Keep each template field ({{.Page}}) as it is.", lu.Locale)})
	if len(lu.Inherited) > 0 {
		f.Notes = append(f.Notes, xliff.Note{From: noteFrom, Text: fmt.Sprintf("Inherited from a parent locale file, so not listed here: %s.", strings.Join(lu.Inherited, ", "))})
	}
	groups := map[string]*xliff.Group{}
	for _, u := range lu.Units {
		xu := &xliff.Unit{ID: u.ID, Source: messageContent(u.Source)}
		if u.Plural {
			xu.ID = u.ID + "[" + u.Form + "]"
			g := groups[u.ID]
			if g == nil {
				g = &xliff.Group{ID: u.ID, Restype: "x-gettext-plurals"}
				groups[u.ID] = g
			}
			xu.Group = g
		}
		if u.Description != "" {
			xu.Notes = append(xu.Notes, xliff.Note{From: noteFrom, Text: u.Description})
		}
		if u.Plural {
			xu.Notes = append(xu.Notes, xliff.Note{From: noteFrom, Text: fmt.Sprintf("Plural form %q of %s (CLDR), for counts such as %s", u.Form, lu.Locale, localize.FormExamples(lu.Locale, u.Form))})
		}
		target := messageContent(u.Text)
		switch unitState(u.State) {
		case StateTranslated:
			xu.Target, xu.State, xu.Approved = &target, xlTranslated, "yes"
		case StateStale:
			xu.Target, xu.State = &target, xlNeedsReview
			xu.Notes = append(xu.Notes, xliff.Note{From: noteFrom, Text: "The English text changed since this was translated: review the translation against the source."})
		case StateUnstamped:
			xu.Target, xu.State = &target, xlNeedsReview
			xu.Notes = append(xu.Notes, xliff.Note{From: noteFrom, Text: "No hash records the English this was translated from: review the translation against the source."})
		default:
			xu.Target, xu.State = &xliff.Content{}, xlNew
		}
		f.Units = append(f.Units, xu)
	}
	return f, nil
}

// translationPath is where a statement's translation into tag is, or
// would be.
func translationPath(st *source.Statement, tr *source.Translated, tag string) string {
	if tr != nil {
		return tr.Path
	}
	return source.TranslationPath(st.Path, tag)
}

// exportStatement builds the <file> of one translation (tr nil: one not
// made yet).
func exportStatement(st *source.Statement, tr *source.Translated, tag string) (*xliff.File, diag.List, error) {
	var warnings diag.List
	path := translationPath(st, tr, tag)
	var a *Assessment
	if tr == nil {
		a = Assess(st.Canonical, &source.Translated{Lang: tag, Path: path})
	} else {
		if tr.Doc == nil {
			return nil, nil, tr.Problems
		}
		a = Assess(st.Canonical, tr)
		for _, d := range tr.Alignment.Problems {
			w := *d
			w.Severity = diag.Warning
			warnings.Add(&w)
		}
	}
	orig, err := originalOf(path)
	if err != nil {
		return nil, nil, err
	}
	f := &xliff.File{Original: orig, SourceLang: st.Canonical.Meta.Lang, TargetLang: tag, Datatype: DatatypeStatement}
	f.Notes = append(f.Notes, xliff.Note{From: noteFrom, Text: fmt.Sprintf("Translation of %s (sha256:%s). Keep the clause tree: clause numbers are what readers cite across languages.", filepath.ToSlash(st.Path), st.Canonical.Digest)})
	for _, s := range a.Pair.Segments {
		u := &xliff.Unit{ID: s.ID, Source: segmentContent(s)}
		u.Notes = append(u.Notes, xliff.Note{From: noteFrom, Text: fmt.Sprintf("%s (%s line %d)", s.Label, filepath.Base(st.Path), s.Pos.Line)})
		t := a.Pair.Counterparts[s.ID]
		switch a.States[s.ID] {
		case StateTranslated:
			c := segmentContent(t)
			u.Target, u.State, u.Approved = &c, xlTranslated, "yes"
		case StateStale:
			c := segmentContent(t)
			u.Target, u.State = &c, xlNeedsReview
			if prev, ok := a.Previous[s.ID]; ok {
				u.Notes = append(u.Notes, xliff.Note{From: noteFrom, Text: "Previous source: " + prev})
			} else {
				u.Notes = append(u.Notes, xliff.Note{From: noteFrom, Text: "The source changed since this was translated (the previous source is not recorded): review the translation against it."})
			}
		case StateUnstamped:
			c := segmentContent(t)
			u.Target, u.State = &c, xlNeedsReview
			u.Notes = append(u.Notes, xliff.Note{From: noteFrom, Text: "The translation records no stamp of the source it was made from: review it against the source."})
		case StateUnchanged:
			u.Target, u.State = &xliff.Content{}, xlNew
			u.Notes = append(u.Notes, xliff.Note{From: noteFrom, Text: "The translation has the source text unchanged: translate it."})
		default:
			u.Target, u.State = &xliff.Content{}, xlNew
		}
		f.Units = append(f.Units, u)
	}
	return f, warnings, nil
}

// originalOf names a file in an exported document: by its path relative
// to the working folder, with slashes, which is where import writes it
// back. A file outside the working folder cannot be named so.
func originalOf(path string) (string, error) {
	rel := path
	if filepath.IsAbs(path) {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		if rel, err = filepath.Rel(wd, path); err != nil {
			return "", err
		}
	}
	rel = filepath.Clean(rel)
	if rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", diag.Errorf(diag.Pos{File: path}, "is outside the folder export runs in, where import will write it back; run export from a folder that holds it")
	}
	return filepath.ToSlash(rel), nil
}

// segmentContent is a segment's text as XLIFF content.
func segmentContent(s *Segment) xliff.Content {
	if s.Plain() {
		return xliff.Content{{Kind: xliff.Text, Text: foldSpace(doc.Inline(s.Paras[0]).Plain())}}
	}
	var paras [][]run
	for _, p := range s.Paras {
		paras = append(paras, normalize(p))
	}
	return runsContent(paras)
}
