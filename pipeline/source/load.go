package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// CanonicalName is the file name of a canonical statement in its folder;
// its translations are named statement.<lang>.md beside it.
const CanonicalName = "statement.md"

// Statement is a canonical statement loaded with its translations: what
// build and every "locales" command start from.
type Statement struct {
	// Path is the canonical file, as found.
	Path string
	// Canonical is the parsed canonical statement; nil when it does not
	// parse (Problems says why).
	Canonical *doc.Document
	// Problems are the canonical file's errors and the files named like
	// translations that are not (statement.old_fr.md).
	Problems diag.List
	// Translations are sorted by path.
	Translations []*Translated
	// Unread are the languages of translations found beside the
	// statement that LoadSelect was told not to read.
	Unread []string
	// Named is the language of the translation a caller named
	// (statement.fr.md given instead of the folder): only that translation
	// is loaded, and it is the edition the caller asked for. Empty when a
	// canonical statement or a folder was given.
	Named string
}

// Translated is one translation of a Statement, parsed and aligned.
type Translated struct {
	// Lang is the language tag in the file name; Path the file.
	Lang string
	Path string
	// Doc is the parsed translation; nil when it does not parse.
	Doc *doc.Document
	// Problems are the file's parse errors.
	Problems diag.List
	// Alignment compares it with the canonical statement; nil when either
	// does not parse.
	Alignment *Alignment
}

// Load reads the statement at path with its translations, and aligns each
// translation with the canonical text. path is a statement file, a folder
// holding statement.md, or a translation (statement.fr.md), which loads the
// canonical statement beside it with that one translation and sets Named.
//
// Problems in the files are kept in the Statement (see Err), so that status
// tools can report every translation; the error is for a path that cannot
// be read at all.
func Load(path string) (*Statement, error) { return LoadSelect(path, nil) }

// LoadSelect is Load reading only the translations keep chooses, so that a
// build of some locales never depends on the translations into others. keep
// is given the canonical statement's language ("" when it does not parse)
// and the languages of the translations beside it, from their file names,
// and returns the languages to read; a nil keep reads them all. The others
// are listed in Statement.Unread.
func LoadSelect(path string, keep func(canonical string, langs []string) []string) (*Statement, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, "no such statement or folder", err)
	}
	// A file the user named is read as named; files found beside it (the
	// statement.md of a folder, the canonical statement of a translation,
	// the translations) must stay in their folder once links are resolved.
	file, only, found := path, "", false
	if fi.IsDir() {
		file, found = filepath.Join(path, CanonicalName), true
	} else if canon, lang := TranslationOf(path); canon != "" {
		if _, err := os.Stat(canon); err != nil {
			return nil, diag.List{diag.Errorf(diag.Pos{File: path}, "the file is named like a translation (into %q), but there is no %s beside it to translate from; build the canonical statement, or rename this file", lang, filepath.Base(canon))}
		}
		file, only, found = canon, path, true
	}
	st := &Statement{Path: file}
	var canon *doc.Document
	if found {
		canon, err = ParseFileIn(filepath.Dir(file), file)
	} else {
		canon, err = ParseFile(file)
	}
	if err != nil {
		st.Problems.Append(diag.Flatten(err))
	}
	st.Canonical = canon
	trs, err := Translations(file)
	if err != nil {
		st.Problems.Append(diag.Flatten(err))
	}
	var wanted map[string]bool
	if keep != nil && only == "" {
		lang := ""
		if canon != nil {
			lang = canon.Meta.Lang
		}
		langs := make([]string, len(trs))
		for i, tr := range trs {
			langs[i] = tr.Lang
		}
		wanted = map[string]bool{}
		for _, l := range keep(lang, langs) {
			wanted[l] = true
		}
	}
	for _, tr := range trs {
		if only != "" && filepath.Clean(tr.Path) != filepath.Clean(only) {
			continue
		}
		if wanted != nil && !wanted[tr.Lang] {
			st.Unread = append(st.Unread, tr.Lang)
			continue
		}
		t := &Translated{Lang: tr.Lang, Path: tr.Path}
		if only != "" {
			// Keep the path as the caller wrote it, for messages.
			t.Path = only
			st.Named = tr.Lang
		}
		var d *doc.Document
		if only != "" {
			d, err = ParseFile(t.Path)
		} else {
			d, err = ParseFileIn(filepath.Dir(file), t.Path)
		}
		if err != nil {
			t.Problems = diag.Flatten(err)
		} else {
			t.Doc = d
			if canon != nil {
				t.Alignment = AlignDocuments(canon, d)
			}
		}
		st.Translations = append(st.Translations, t)
	}
	if only != "" && st.Named == "" {
		st.Problems.Errorf(diag.Pos{File: only}, "not a translation of %s: name translations statement.<lang>.md with a BCP 47 tag", file)
	}
	st.Problems.Sort()
	return st, nil
}

// Err returns every problem of the statement as one sorted diag.List: the
// files' parse errors and each translation's alignment problems, all of
// them errors, since an edition cannot be built from a statement with any
// of them. It is nil when there is none.
func (s *Statement) Err() error {
	var all diag.List
	all.Append(s.Problems)
	for _, t := range s.Translations {
		all.Append(t.Problems)
		if t.Alignment != nil {
			all.Append(t.Alignment.Problems)
		}
	}
	all.Sort()
	return all.Err()
}

// TranslationOf returns the canonical statement beside a translation's
// path (statement.md for statement.fr.md) and the translation's language,
// or "", "" when path is not named like a translation.
func TranslationOf(path string) (canonical, lang string) {
	lang = TranslationLang(path)
	if lang == "" {
		return "", ""
	}
	return filepath.Join(filepath.Dir(path), CanonicalName), lang
}

// Find returns the statement files under paths: a path naming a file is
// taken as it is (a canonical statement or a translation); a folder is
// searched for files named statement.md. Symbolic links are not followed
// and hidden folders (.git, .polypress) are skipped, as a release does; a
// statement reached twice is listed once. The list is sorted.
func Find(paths []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		key := p
		if real, err := filepath.EvalSymlinks(p); err == nil {
			if abs, err := filepath.Abs(real); err == nil {
				key = abs
			}
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	var errs diag.List
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs.Add(diag.Errorf(diag.Pos{File: p}, "no such statement or folder"))
			continue
		}
		if !fi.IsDir() {
			add(p)
			continue
		}
		root := p
		if lfi, err := os.Lstat(p); err == nil && lfi.Mode()&fs.ModeSymlink != 0 {
			// A folder named through a link (samples/oic-contact-group-2020)
			// is searched: links are not followed below it, but the one
			// given is.
			root = p + string(filepath.Separator) + "."
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() && d.Name() == CanonicalName {
				add(path)
			}
			return nil
		})
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				errs.Add(diag.Errorf(diag.Pos{File: pe.Path}, "cannot read: %v", pe.Err))
			} else {
				errs.Add(diag.Errorf(diag.Pos{File: p}, "cannot read: %v", err))
			}
		}
	}
	sort.Strings(out)
	return out, errs.Err()
}
