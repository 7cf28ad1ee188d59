package build

import (
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/confine"
	"github.com/polypress/polypress/pipeline/source"
)

// StdinName names a statement read from standard input (the path "-") in
// messages.
const StdinName = "<stdin>"

// MaxStdinBytes is the largest statement read from standard input.
const MaxStdinBytes = 16 << 20

// input is one path of a build, loaded: a statement or a briefing pack
// with its statements, or the problems that keep all of it from being
// built.
type input struct {
	statement  *Statement
	pack       *doc.Pack
	statements []*Statement // the pack's
	problems   diag.List
}

type inputList []input

// loadInputs loads every path of cfg, reading only the translations that
// serve cfg.Locales (all of them when it is empty). A path that cannot be
// loaded gets its problems; the others are loaded all the same.
func loadInputs(cfg Config) inputList {
	var out inputList
	paths, problems := Expand(cfg.Paths)
	if problems != nil {
		out = append(out, input{problems: problems})
	}
	for _, p := range paths {
		var in input
		switch {
		case p == "-":
			st, err := loadStdin(cfg.Stdin)
			in = input{statement: st, problems: diag.Flatten(err)}
		case source.IsPack(p):
			in = loadPack(p, cfg.loadLocales())
		default:
			st, err := LoadFor(p, cfg.loadLocales())
			in = input{statement: st, problems: diag.Flatten(err)}
		}
		out = append(out, in)
	}
	return out
}

// loadStdin reads one statement from r.
func loadStdin(r io.Reader) (*Statement, error) {
	if r == nil {
		return nil, diag.Errorf(diag.Pos{File: StdinName}, "no standard input to read a statement from")
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxStdinBytes+1))
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: StdinName}, "cannot read: %v", err)
	}
	if len(data) > MaxStdinBytes {
		return nil, diag.Errorf(diag.Pos{File: StdinName}, "the statement is larger than %s", confine.Size(MaxStdinBytes))
	}
	d, err := source.Parse(StdinName, data)
	if err != nil {
		return nil, err
	}
	return &Statement{Canonical: d, Translations: map[string]*doc.Document{}, Broken: map[string]diag.List{}}, nil
}

// loadPack parses a pack manifest and loads its statements, with the
// translations that serve locales (or the pack's own locales).
func loadPack(path string, locales []string) input {
	pk, err := source.ParsePack(path)
	if err != nil {
		return input{problems: diag.Flatten(err)}
	}
	want := locales
	if len(want) == 0 {
		want = pk.Locales
	}
	in := input{pack: pk}
	for _, sp := range pk.Statements {
		st, err := LoadFor(sp, want)
		if err != nil {
			in.problems.Append(diag.Flatten(err))
			continue
		}
		in.statements = append(in.statements, st)
	}
	if in.problems.HasErrors() {
		return input{problems: in.problems}
	}
	return in
}

// editions returns the locales to build a statement in: cfg.Locales, else
// the translation given as the path, else the canonical language and
// every translation.
func (in input) editions(cfg Config) []string {
	if len(cfg.Locales) > 0 {
		return cfg.Locales
	}
	if in.statement.Named != "" {
		return []string{in.statement.Named}
	}
	return in.statement.Langs()
}

// packLocales returns the locales a pack is built in: cfg.Locales, else
// the manifest's, else its first statement's languages.
func (in input) packLocales(cfg Config) []string {
	switch {
	case len(cfg.Locales) > 0:
		return cfg.Locales
	case len(in.pack.Locales) > 0:
		return in.pack.Locales
	case len(in.statements) > 0:
		return in.statements[0].Langs()
	}
	return nil
}

// locales returns every locale the inputs will be built in, and their
// canonical languages: the locale files a build needs.
func (l inputList) locales(cfg Config) []string {
	set := map[string]bool{}
	add := func(st *Statement, locs []string) {
		set[st.Canonical.Meta.Lang] = true
		for _, loc := range locs {
			set[loc] = true
		}
	}
	for _, in := range l {
		switch {
		case in.problems != nil:
		case in.pack != nil:
			locs := in.packLocales(cfg)
			for _, st := range in.statements {
				add(st, locs)
			}
		default:
			add(in.statement, in.editions(cfg))
			for _, set := range cfg.Parallel {
				add(in.statement, set)
			}
		}
	}
	out := make([]string, 0, len(set))
	for loc := range set {
		out = append(out, loc)
	}
	sort.Strings(out)
	return out
}

// Expand turns the paths of a build into inputs: a statement file, a
// translation, a pack manifest, a folder holding statement.md or pack.yaml,
// and "-" are taken as they are; any other folder is searched, as a
// release searches it, for folders holding statement.md and for pack.yaml
// files, each an input (a pack's statements are also built on their own),
// by source.FindSome: symbolic links are not followed below a folder given
// (the folder itself is, when it is a link), hidden folders are skipped,
// and the inputs found are sorted. A path that does not exist is
// left to the loader, which reports it.
func Expand(paths []string) ([]string, diag.List) {
	var out []string
	var problems diag.List
	for _, p := range paths {
		fi, err := os.Stat(p)
		if p == "-" || err != nil || !fi.IsDir() || source.IsPack(p) || isFile(filepath.Join(p, source.CanonicalName)) {
			out = append(out, p)
			continue
		}
		// The folder is searched by the rules every command finds its
		// inputs by (source.FindSome): a statement is named by its
		// folder, as given on the command line.
		found, err := source.FindSome([]string{p})
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		var names []string
		for _, in := range found {
			if in.Kind == source.KindStatement {
				names = append(names, filepath.Dir(in.Path))
			} else {
				names = append(names, in.Path)
			}
		}
		sort.Strings(names)
		out = append(out, names...)
	}
	// An input reached through two paths is built once.
	seen := map[string]bool{}
	kept := out[:0]
	for _, p := range out {
		key := p
		if real, err := confine.Real(p); err == nil {
			key = real
		}
		if !seen[key] {
			seen[key] = true
			kept = append(kept, p)
		}
	}
	return kept, problems
}

// isFile reports whether path is a regular file.
func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}
