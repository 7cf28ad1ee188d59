package build

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/parallel"
	"github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/source"
	"github.com/polypress/polypress/pipeline/text"
)

// ParallelError reports parallel editions that cannot be asked for: a set
// of languages that a statement has no translation into, that would set
// one text beside itself, or a briefing pack named with parallel editions
// asked for. Nothing has been rendered or written when it is returned; the
// request has to change, so the CLI exits with status 2 when it came from
// the command line.
type ParallelError struct {
	Problems diag.List
}

func (e *ParallelError) Error() string { return e.Problems.Error() }

// Unwrap gives the problems to diag.Flatten.
func (e *ParallelError) Unwrap() error { return e.Problems }

// loadLocales are the locales whose translations a build must read: every
// locale asked for, single or in a parallel edition; nil (all of them)
// when no locale is named.
func (cfg Config) loadLocales() []string {
	if len(cfg.Locales) == 0 {
		return nil
	}
	out := slices.Clone(cfg.Locales)
	for _, set := range cfg.Parallel {
		for _, loc := range set {
			if !slices.Contains(out, loc) {
				out = append(out, loc)
			}
		}
	}
	return out
}

// checkParallel checks the parallel editions asked for against the inputs
// before anything is rendered: each set must be two or three different
// languages (parallel.ParseSet), every statement must have a text in each
// language of each set, and no two languages of a set may be served by the
// same text (fr and fr-CA). A briefing pack named as a path has no parallel
// editions; packs found by searching a folder are built as usual.
func checkParallel(cfg Config, inputs inputList) error {
	if len(cfg.Parallel) == 0 {
		return nil
	}
	var probs diag.List
	for _, set := range cfg.Parallel {
		if _, err := parallel.ParseSet(strings.Join(set, ",")); err != nil {
			probs.Errorf(diag.Pos{}, "parallel edition %v", err)
		}
	}
	for _, p := range cfg.Paths {
		if p != "-" && source.IsPack(p) {
			probs.Add(diag.Errorf(diag.Pos{File: source.PackFile(p)}, "a briefing pack has no parallel editions: name its statements to build theirs (parallel %s)", setsString(cfg.Parallel)).WithCode("parallel"))
		}
	}
	for _, in := range inputs {
		if in.statement == nil || in.pack != nil {
			continue
		}
		st := in.statement
		langs := st.Langs()
		for _, set := range cfg.Parallel {
			served := map[string]string{}
			for _, loc := range set {
				lang, ok := serving(loc, langs)
				if !ok {
					probs.Add(diag.Errorf(diag.Pos{File: st.Canonical.Path}, "parallel %s: the statement has no text in %s (it exists in %s); add %s, or leave %s out of the set",
						parallel.Name(set), loc, strings.Join(langs, ", "), translationName(st, loc), loc).WithCode("parallel"))
					continue
				}
				if other, dup := served[lang]; dup {
					probs.Add(diag.Errorf(diag.Pos{File: st.Canonical.Path}, "parallel %s: %s and %s would both show the %s text; set different languages side by side",
						parallel.Name(set), other, loc, lang).WithCode("parallel"))
					continue
				}
				served[lang] = loc
			}
		}
	}
	if probs.HasErrors() {
		probs.Sort()
		return &ParallelError{Problems: probs.Errors()}
	}
	return nil
}

// translationName names the translation a statement would need for loc.
func translationName(st *Statement, loc string) string {
	return filepath.Join(filepath.Dir(st.Canonical.Path), "statement."+loc+".md")
}

func setsString(sets [][]string) string {
	var out []string
	for _, s := range sets {
		out = append(out, strings.Join(s, ","))
	}
	return strings.Join(out, " and ")
}

// localeFile is a locale file an edition draws from, with its digest.
type localeFile = localize.SourceFile

// localized is the outcome of localizing a statement for one locale: the
// edition, or nil when it failed (its problems are reported once, by the
// single-language edition).
type localized map[string]*doc.Edition

// parallelJobs plans the parallel editions of a statement, one per set and
// format, reusing the editions already localized for the single-language
// editions (built, where a nil edition means that locale failed and has
// been reported). singles are the statement's single-language jobs, which
// a parallel web page links to.
func (env *Env) parallelJobs(st *Statement, built localized, singles []job, cfg Config, formats []string, out string, sh *text.Shaper, res *Result) ([]job, diag.List) {
	var jobs []job
	var problems diag.List
	for _, set := range cfg.Parallel {
		pe, probs := env.parallelEdition(st, set, built, cfg, formats, sh, res)
		problems.Append(probs)
		if pe == nil {
			continue
		}
		for _, f := range formats {
			alts := alternatesIn(singles, f)
			jobs = append(jobs, job{par: pe, format: f, path: filepath.Join(out, render.FileName(pe.ID, pe.Name, f)), alts: alts})
		}
	}
	return jobs, problems
}

// alternatesIn are the alternates of the jobs in format.
func alternatesIn(jobs []job, format string) []render.Alternate {
	for _, j := range jobs {
		if j.format == format {
			return j.alts
		}
	}
	return nil
}

// parallelEdition localizes a statement in each locale of set (unless
// built has it) and pairs the editions. A locale that failed fails the
// parallel edition, with a problem pointing at it.
func (env *Env) parallelEdition(st *Statement, set []string, built localized, cfg Config, formats []string, sh *text.Shaper, res *Result) (*doc.ParallelEdition, diag.List) {
	var problems diag.List
	var eds []*doc.Edition
	for _, loc := range set {
		ed, tried := built[loc]
		if !tried {
			var probs diag.List
			ed, probs = env.edition(st, loc, cfg, formats, sh, res)
			problems.Append(probs)
			built[loc] = ed
		}
		if ed == nil {
			problems.Add(diag.Errorf(diag.Pos{File: st.Canonical.Path}, "the parallel edition %s cannot be built: its %s edition fails (see the problems above)", parallel.Name(set), loc))
			continue
		}
		eds = append(eds, ed)
	}
	if problems.HasErrors() {
		return nil, problems
	}
	pe, err := parallel.New(eds)
	if err != nil {
		return nil, diag.List{diag.Errorf(diag.Pos{File: st.Canonical.Path}, "%v", err)}
	}
	return pe, nil
}

// checkParallelFormats refuses parallel editions in a format that has none.
func checkParallelFormats(cfg Config, formats []string) error {
	if len(cfg.Parallel) == 0 {
		return nil
	}
	for _, f := range formats {
		if _, err := render.Parallel(f); err != nil {
			return &ParallelError{Problems: diag.List{diag.Errorf(diag.Pos{}, "%v; leave it out of the formats, or build no parallel edition", err)}}
		}
	}
	return nil
}

// planParallel plans the parallel editions of st in the form of Targets,
// for a release: the single-language targets (singles) give the locale
// files' digests and the alternates.
func (env *Env) planParallel(st *Statement, cfg Config, formats []string, built localized, singles []Target, sh *text.Shaper, res *Result) ([]Target, diag.List) {
	if len(cfg.Parallel) == 0 {
		return nil, nil
	}
	if err := checkParallel(Config{Parallel: cfg.Parallel}, inputList{{statement: st}}); err != nil {
		return nil, diag.Flatten(err)
	}
	var targets []Target
	var problems diag.List
	for _, set := range cfg.Parallel {
		pe, probs := env.parallelEdition(st, set, built, cfg, formats, sh, res)
		problems.Append(probs)
		if pe == nil {
			continue
		}
		var files []localeFile
		for _, loc := range set {
			fs, err := env.localeFiles(loc, st.Canonical.Meta.Lang, cfg)
			if err != nil {
				problems.Append(diag.Flatten(err))
				continue
			}
			files = append(files, fs...)
		}
		files = uniqueFiles(files)
		for _, f := range formats {
			var alts []render.Alternate
			for _, t := range singles {
				if t.Format == f {
					alts = t.Alternates
					break
				}
			}
			targets = append(targets, Target{Name: render.FileName(pe.ID, pe.Name, f), Format: f, Parallel: pe, LocaleFiles: files, Alternates: alts})
		}
	}
	return targets, problems
}

// uniqueFiles drops repeated locale files (two languages of a set share the
// files of their common fallback), keeping the first of each.
func uniqueFiles(files []localeFile) []localeFile {
	var out []localeFile
	seen := map[string]bool{}
	for _, f := range files {
		key := fmt.Sprintf("%v\x00%s", f.BuiltIn, f.Name)
		if !seen[key] {
			seen[key] = true
			out = append(out, f)
		}
	}
	return out
}
