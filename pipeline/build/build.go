// Package build runs the whole pipeline for the CLI: it finds statements
// and their translations, parses and aligns them, localizes one Edition per
// locale, renders each Edition in each format, and writes the files
// atomically. It is the only package that touches the output folder.
package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/polypress/polypress/fonts"
	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/locales"
	"github.com/polypress/polypress/pipeline/atomicfile"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/confine"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/preflight"
	"github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/source"
	"github.com/polypress/polypress/pipeline/text"
	"github.com/polypress/polypress/pipeline/translate"
	"golang.org/x/text/language"
)

// Version is the polypress version written into every file it makes.
const Version = "0.1.0"

// Config is what a build is asked to do.
type Config struct {
	// Paths are statement files or folders holding statement.md, and pack
	// manifests (pack.yaml, or a folder holding one).
	Paths []string
	// Locales to build; empty means the canonical language plus every
	// translation present.
	Locales []string
	// Formats to build (names registered with pipeline/render); empty
	// means all.
	Formats []string
	// Layout is a layout name or a .toml file; empty means "briefing".
	Layout string
	// OutDir receives the files; empty means "dist".
	OutDir string
	// FontDirs are extra font folders (--fonts).
	FontDirs []string
	// LocaleDir replaces the embedded locale files when set.
	LocaleDir string
	// Strict turns fallbacks into errors.
	Strict bool
	// AllowMissingGlyphs turns characters no font covers from errors into
	// warnings; the PDF prints text.Placeholder for them.
	AllowMissingGlyphs bool
	// Bleed, in points, and CropMarks make print-ready PDFs: the page
	// boxes grow and the marks are drawn outside the bleed.
	Bleed     float64
	CropMarks bool
	// Recto starts each statement of a pack on a right-hand page.
	Recto bool
	// Epoch fixes the dates written into files; zero means the statement
	// date. The CLI sets it from SOURCE_DATE_EPOCH.
	Epoch time.Time
}

// Artifact is one written file.
type Artifact struct {
	ID     string
	Locale string
	Format string
	Path   string
	Bytes  int64
	SHA256 string
	Pages  int // PDF only
	Draft  bool
}

// Result is what a build produced, and the warnings met.
type Result struct {
	Artifacts []Artifact
	Warnings  diag.List
}

// Env is the state shared by every edition of a process: fonts parsed once,
// locale files read once, the layout.
type Env struct {
	Library *text.Library
	Catalog *localize.Catalog
	Layout  *layout.Layout
}

// NewEnv loads fonts, locales and the layout named in cfg.
func NewEnv(cfg Config) (*Env, error) {
	lib := text.NewLibrary()
	if err := lib.AddFS(fonts.FS, "fonts"); err != nil {
		return nil, err
	}
	for _, dir := range cfg.FontDirs {
		if err := addFontDir(lib, dir); err != nil {
			return nil, err
		}
	}
	var cat *localize.Catalog
	var err error
	if cfg.LocaleDir != "" {
		cat, err = localize.LoadDir(cfg.LocaleDir)
	} else {
		cat, err = localize.Load(locales.FS, ".")
	}
	if err != nil {
		return nil, err
	}
	name := cfg.Layout
	if name == "" {
		name = "briefing"
	}
	lay, err := layout.Load(layouts.FS, name)
	if err != nil {
		return nil, err
	}
	for _, st := range []*text.Stack{lay.Stack(layout.TextRole, ""), lay.Stack(layout.DisplayRole, "")} {
		if err := st.Check(lib); err != nil {
			return nil, fmt.Errorf("%s: %w", lay.File, err)
		}
	}
	return &Env{Library: lib, Catalog: cat, Layout: lay}, nil
}

// addFontDir adds the fonts of a --fonts folder, through os.Root so that
// no symbolic link in it leads out of it.
func addFontDir(lib *text.Library, dir string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("fonts %s: %s", dir, confine.Cause(err))
	}
	defer root.Close()
	return lib.AddFS(root.FS(), filepath.ToSlash(filepath.Clean(dir)))
}

// Statement is a canonical statement with its translations, parsed and
// aligned.
type Statement struct {
	Canonical    *doc.Document
	Translations map[string]*doc.Document // by lang as written in the file name
	// Named is the language of a translation given as the path
	// (statement.fr.md): the one edition to build when no locale is asked.
	Named string
}

// Load parses the statement at path (a file, a folder with statement.md,
// or a translation beside its statement.md) and its translations, and
// checks that each translation aligns with the canonical text
// (source.Load). All problems are returned together.
func Load(path string) (*Statement, error) {
	ls, err := source.Load(path)
	if err != nil {
		return nil, err
	}
	if err := ls.Err(); err != nil {
		return nil, err
	}
	st := &Statement{Canonical: ls.Canonical, Translations: map[string]*doc.Document{}, Named: ls.Named}
	for _, tr := range ls.Translations {
		st.Translations[tr.Lang] = tr.Doc
	}
	return st, nil
}

// Langs returns the canonical language followed by the translations'
// languages, sorted.
func (s *Statement) Langs() []string {
	out := []string{s.Canonical.Meta.Lang}
	var tr []string
	for l := range s.Translations {
		tr = append(tr, l)
	}
	sort.Strings(tr)
	return append(out, tr...)
}

// Body returns the document whose text serves locale: the translation in
// that language, or in its closest language (fr-CA is served by fr), or the
// canonical statement when locale is its language. A locale with no body
// is an error that lists what exists.
func (s *Statement) Body(locale string) (*doc.Document, error) {
	tag, err := language.Parse(locale)
	if err != nil {
		return nil, fmt.Errorf("locale %q is not a valid BCP 47 tag", locale)
	}
	langs := s.Langs()
	tags := make([]language.Tag, len(langs))
	for i, l := range langs {
		tags[i] = language.Make(l)
	}
	_, idx, conf := language.NewMatcher(tags).Match(tag)
	// High or Exact only: a Low match would let fa be served by ar.
	if conf < language.High {
		return nil, fmt.Errorf("%s: no body text for locale %s (the statement exists in %s)", s.Canonical.Path, locale, strings.Join(langs, ", "))
	}
	if idx == 0 {
		return s.Canonical, nil
	}
	return s.Translations[langs[idx]], nil
}

// Build runs the pipeline for every path and locale and writes the
// artifacts. Nothing is written unless every input parses, aligns and
// localizes; files are rendered to temporary names and renamed at the end,
// all or none, so a failed build leaves the output folder as it was. An
// output folder that is, contains or lies inside an input is refused with
// an *OutDirError before anything is read.
func Build(cfg Config) (*Result, error) {
	if err := CheckOutDir(outDir(cfg), cfg.inputs()); err != nil {
		return nil, err
	}
	env, err := NewEnv(cfg)
	if err != nil {
		return nil, err
	}
	return env.Build(cfg)
}

// job is one edition (of a statement or of a pack) in one format, ready to
// render.
type job struct {
	ed     *doc.Edition
	pack   *doc.PackEdition
	layout *layout.Layout // a pack's own layout; nil: the build's
	format string
	path   string
	alts   []render.Alternate
}

func outDir(cfg Config) string {
	if cfg.OutDir == "" {
		return "dist"
	}
	return cfg.OutDir
}

// Build is Build with an environment already loaded. A panic in a stage is
// turned into an error naming what was being built, after the temporary
// files are removed.
func (env *Env) Build(cfg Config) (res *Result, err error) {
	if err := CheckOutDir(outDir(cfg), cfg.inputs()); err != nil {
		return nil, err
	}
	doing := "planning"
	var temps []atomicfile.Move
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("internal error while %s: %v; please report it", doing, p)
		}
		if err != nil {
			for _, t := range temps {
				os.Remove(t.Temp)
			}
		}
	}()
	formats, err := render.Formats(cfg.Formats)
	if err != nil {
		return nil, err
	}
	out := outDir(cfg)
	res = &Result{}
	var problems diag.List
	var jobs []job
	sh := text.NewShaper(env.Library)
	seen := map[string]string{}
	for _, p := range cfg.Paths {
		if source.IsPack(p) {
			pj, probs := env.packJobs(p, cfg, formats, out, sh, res)
			problems.Append(probs)
			for _, j := range pj {
				if prev, dup := seen[j.path]; dup {
					problems.Errorf(diag.Pos{File: j.pack.Pack.Path}, "two inputs would both write %s (the other is %s): give them different ids", j.path, prev)
					continue
				}
				seen[j.path] = j.pack.Pack.Path
				jobs = append(jobs, j)
			}
			continue
		}
		st, err := Load(p)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		locs := cfg.Locales
		if len(locs) == 0 {
			locs = st.Langs()
			if st.Named != "" {
				locs = []string{st.Named}
			}
		}
		first := len(jobs)
		for _, loc := range locs {
			ed, probs := env.edition(st, loc, cfg, formats, sh, res)
			problems.Append(probs)
			if ed == nil {
				continue
			}
			for _, f := range formats {
				path := filepath.Join(out, render.FileName(ed.ID, loc, f))
				if prev, dup := seen[path]; dup {
					problems.Errorf(diag.Pos{File: st.Canonical.Path}, "two inputs would both write %s (the other is %s): give them different ids", path, prev)
					continue
				}
				seen[path] = st.Canonical.Path
				jobs = append(jobs, job{ed: ed, format: f, path: path})
			}
		}
		linkAlternates(jobs[first:])
	}
	problems.Sort()
	if err := problems.Err(); err != nil {
		return nil, err
	}
	// Every destination is checked before anything is rendered, and
	// again before anything is renamed: a folder where out/x.epub should
	// go once failed the build after out/x.pdf had been replaced.
	if err := checkDestinations(out, jobs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	doing = "building " + out
	arts, temps, err := env.renderAll(sh, jobs, cfg)
	if err != nil {
		return nil, err
	}
	res.Artifacts = append(res.Artifacts, arts...)
	doing = "writing " + out
	if err := checkDestinations(out, jobs); err != nil {
		return nil, err
	}
	if err := renameAll(temps); err != nil {
		return nil, err
	}
	temps = nil // renamed, or removed by Commit
	return res, nil
}

// renameAll gives every temporary file its name, all or none, and
// renderBytes renders one file; they are variables so that tests can make
// them fail, and panic.
var (
	renameAll   = atomicfile.Commit
	renderBytes = (*Env).renderBytes
)

// checkDestinations checks the output folder and every file the jobs will
// write (see checkDestination), and reports every problem at once.
func checkDestinations(out string, jobs []job) error {
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a folder", out)
	}
	var errs []error
	for _, j := range jobs {
		if err := checkDestination(j.path); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// edition localizes a statement for one locale and checks its glyphs. It
// returns nil and the problems when the edition cannot be built; warnings
// go to res.
func (env *Env) edition(st *Statement, loc string, cfg Config, formats []string, sh *text.Shaper, res *Result) (*doc.Edition, diag.List) {
	var problems diag.List
	body, err := st.Body(loc)
	if err != nil {
		return nil, diag.Flatten(err)
	}
	ed, err := env.Catalog.Localize(body, st.Canonical, loc, localize.Options{CanonicalLang: st.Canonical.Meta.Lang, Strict: cfg.Strict})
	if err != nil {
		return nil, diag.Flatten(err)
	}
	res.Warnings.Append(ed.Diagnostics.Warnings())
	if body != st.Canonical {
		// Text copied from the canonical statement and never translated
		// makes a draft, as a fallback does.
		un := translate.Unchanged(st.Canonical, body)
		if cfg.Strict && len(un) > 0 {
			return nil, asErrors(un)
		}
		res.Warnings.Append(un)
		ed.Draft = ed.Draft || len(un) > 0
	}
	if render.NeedGlyphs(formats) {
		// Every character must have a glyph before anything is laid
		// out. Formats whose text the reader's software sets (EPUB,
		// HTML) skip it: those fonts may well have it.
		glyphs := preflight.Check(ed, env.Layout, sh, preflight.Options{AllowMissing: cfg.AllowMissingGlyphs})
		problems.Append(glyphs.Errors())
		res.Warnings.Append(glyphs.Warnings())
	}
	if problems.HasErrors() {
		return nil, problems
	}
	return ed, nil
}

// asErrors returns warnings as errors.
func asErrors(l diag.List) diag.List {
	out := make(diag.List, len(l))
	for i, d := range l {
		dd := *d
		dd.Severity = diag.Error
		out[i] = &dd
	}
	return out
}

// render writes one artifact to a temporary file beside its final path.
func (env *Env) render(sh *text.Shaper, j job, cfg Config) (Artifact, string, error) {
	a, data, err := renderBytes(env, sh, j, cfg)
	a.Path = j.path
	if err != nil {
		return a, "", err
	}
	tmp, err := atomicfile.Temp(j.path, data)
	return a, tmp, err
}

// MaxEpoch is the largest SOURCE_DATE_EPOCH: 9999-12-31T23:59:59Z. PDF
// dates (D:YYYYMMDDHHmmSS) and EPUB's dcterms:modified have four-digit
// years.
const MaxEpoch = 253402300799

// EpochFromEnv reads SOURCE_DATE_EPOCH (seconds since 1970, UTC). Unset
// gives the zero time; a malformed value is an error, since silently
// ignoring it would make a "reproducible" build depend on the clock.
func EpochFromEnv(getenv func(string) string) (time.Time, error) {
	v := getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > MaxEpoch {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a whole number of seconds since 1970, from 0 to %d (the end of 9999: PDF and EPUB dates have four-digit years)", v, MaxEpoch)
	}
	return time.Unix(n, 0).UTC(), nil
}
