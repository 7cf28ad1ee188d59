// Package build runs the whole pipeline for the CLI: it finds statements
// and their translations, parses and aligns them, localizes one Edition per
// locale, renders each Edition in each format, and writes the files
// atomically. It is the only package that touches the output folder.
package build

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/polypress/polypress/fonts"
	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/atomicfile"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/confine"
	"github.com/polypress/polypress/pipeline/internal/langmatch"
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
	// Parallel are the parallel editions to build besides the editions
	// of Locales: each a set of two or three locales set side by side
	// ("en", "fr"), the first the main language (see pipeline/parallel).
	// Briefing packs have none.
	Parallel [][]string
	// Layout is a layout name or a .toml file; empty means "briefing".
	Layout string
	// OutDir receives the files; empty means "dist".
	OutDir string
	// FontDirs are extra font folders (--fonts). Their fonts join the
	// layout's font stacks by the scripts they cover (see JoinFonts).
	FontDirs []string
	// LocaleDir is a folder of locale files that add to and override the
	// built-in ones, key by key (see localize.Layer).
	LocaleDir string
	// Strict turns fallbacks into errors.
	Strict bool
	// Final refuses what would make a draft edition; it implies Strict.
	Final bool
	// Stdin is read for the path "-": one statement, with no
	// translations, named "<stdin>" in messages.
	Stdin io.Reader
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
	ID string
	// Title is the edition's title, in its language.
	Title  string
	Locale string
	// Parallel are the locales of a parallel edition, in order; Locale
	// is then their name ("en-fr").
	Parallel []string
	Format   string
	Path     string
	Bytes    int64
	SHA256   string
	Pages    int // PDF only
	Draft    bool
	// Embargo is the time before which the statement may not be
	// published, RFC 3339 with its zone as written; empty: none.
	Embargo string
	// Fonts are the fonts the file embeds (PDF only).
	Fonts []*text.Font
}

// Result is what a build produced, and the warnings met.
type Result struct {
	Artifacts []Artifact
	Warnings  diag.List
	// Failed are the problems of the editions that were not built, each
	// at its file:line:col; the same list is Build's error.
	Failed diag.List
}

// Env is the state shared by every edition of a process: fonts parsed once,
// locale files read once, the layout.
type Env struct {
	Library *text.Library
	Catalog *localize.Catalog
	Layout  *layout.Layout
	// Problems are problems of the locale files that belong to no locale
	// (a file name that is no language tag): a build reports them and
	// builds every edition it can.
	Problems diag.List
	// Fonts are the fonts of the --fonts folders, which join every
	// layout's stacks; fontDirs are those folders.
	Fonts    []*text.Font
	fontDirs []string
	layouts  map[string]*layout.Layout
	// nestedFonts are the fonts of the folders' subfolders, loaded once
	// and only to suggest them (see candidates).
	nestedOnce  sync.Once
	nestedFonts []*text.Font
}

// NewEnv loads fonts, locales and the layout named in cfg. Every locale
// file is read; a broken one fails the editions that use it (see
// localize.Lenient).
func NewEnv(cfg Config) (*Env, error) { return newEnv(cfg, nil) }

// newEnv is NewEnv reading only the locale files that Printers for locales
// use, when locales is not nil (see localize.Only).
func newEnv(cfg Config, only []string) (*Env, error) {
	lib := text.NewLibrary()
	if err := lib.AddBuiltIn(fonts.FS, BuiltInPrefix+"fonts"); err != nil {
		return nil, err
	}
	for _, dir := range cfg.FontDirs {
		if err := addFontDir(lib, dir); err != nil {
			return nil, err
		}
	}
	env := &Env{Library: lib, fontDirs: cfg.FontDirs, layouts: map[string]*layout.Layout{}}
	env.Fonts = userFonts(lib)
	opts := []localize.LoadOption{localize.Lenient()}
	if only != nil {
		opts = append(opts, localize.Only(only...))
	}
	cat, err := localize.LoadLayers(LocaleLayers(cfg.LocaleDir), opts...)
	if err != nil {
		return nil, err
	}
	env.Catalog, env.Problems = cat, cat.Problems()
	name := cfg.Layout
	if name == "" {
		name = "briefing"
	}
	lay, err := env.LoadLayout(name)
	if err != nil {
		return nil, err
	}
	env.Layout = lay
	return env, nil
}

// LoadLayout loads a built-in layout or a layout file, with the --fonts
// fonts joined to its stacks, and checks that the library has every
// family it names. Each layout is loaded once per Env.
func (env *Env) LoadLayout(name string) (*layout.Layout, error) {
	if l, ok := env.layouts[name]; ok {
		return l, nil
	}
	lay, err := layout.Load(layouts.FS, name)
	if err != nil {
		return nil, err
	}
	JoinFonts(lay, env.Fonts)
	if err := lay.CheckFonts(env.Library); err != nil {
		return nil, err
	}
	env.layouts[name] = lay
	return lay, nil
}

// addFontDir adds the fonts of a --fonts folder, through os.Root so that
// no symbolic link in it leads out of it.
func addFontDir(lib *text.Library, dir string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return diag.Errorf(diag.Pos{File: dir}, "cannot read the fonts folder (--fonts): %s", confine.Cause(err))
	}
	defer root.Close()
	return lib.AddFS(root.FS(), filepath.ToSlash(filepath.Clean(dir)))
}

// Statement is a canonical statement with its translations, parsed and
// aligned.
type Statement struct {
	Canonical    *doc.Document
	Translations map[string]*doc.Document // by lang as written in the file name
	// Broken are the translations that do not parse or do not align with
	// the canonical statement, by lang, with their problems: the editions
	// they would serve fail, and no other.
	Broken map[string]diag.List
	// Warnings are what the alignment of a translation that builds found
	// to say (a date the editions will not print), by its document: they
	// are reported with the edition it serves, errors with --strict.
	Warnings map[*doc.Document]diag.List
	// Named is the language of a translation given as the path
	// (statement.fr.md): the one edition to build when no locale is asked.
	Named string
	// Unread are the languages of the translations beside the statement
	// that were not read, serving no locale asked for: a message listing
	// the languages the statement exists in names them too.
	Unread []string
}

// Load parses the statement at path (a file, a folder with statement.md,
// or a translation beside its statement.md) and its translations, and
// checks that each translation aligns with the canonical text
// (source.Load). A problem with the canonical statement is the error; a
// translation's problems are kept in Broken.
func Load(path string) (*Statement, error) { return LoadFor(path, nil) }

// LoadFor is Load reading only the translations that serve locales (all
// of them when locales is empty), so that an edition never depends on a
// translation into another language.
func LoadFor(path string, locales []string) (*Statement, error) {
	var keep func(string, []string) []string
	if len(locales) > 0 {
		keep = func(canonical string, langs []string) []string {
			var out []string
			for _, loc := range locales {
				if l, ok := serving(loc, append([]string{canonical}, langs...)); ok && l != canonical {
					out = append(out, l)
				}
			}
			return out
		}
	}
	ls, err := source.LoadSelect(path, keep)
	if err != nil {
		return nil, err
	}
	if err := ls.Problems.Err(); err != nil || ls.Canonical == nil {
		if err == nil {
			err = diag.Errorf(diag.Pos{File: ls.Path}, "the statement does not parse")
		}
		return nil, err
	}
	st := &Statement{Canonical: ls.Canonical, Translations: map[string]*doc.Document{}, Broken: map[string]diag.List{}, Warnings: map[*doc.Document]diag.List{}, Named: ls.Named, Unread: ls.Unread}
	for _, tr := range ls.Translations {
		var probs diag.List
		probs.Append(tr.Problems)
		if tr.Alignment != nil {
			probs.Append(tr.Alignment.Problems)
		}
		if probs.HasErrors() || tr.Doc == nil {
			probs.Sort()
			st.Broken[tr.Lang] = probs.Errors()
			continue
		}
		st.Translations[tr.Lang] = tr.Doc
		if w := probs.Warnings(); len(w) > 0 {
			w.Sort()
			st.Warnings[tr.Doc] = w
		}
	}
	return st, nil
}

// serving returns the language of langs (the canonical language first)
// whose text serves locale: the same language, or its closest (fr-CA is
// served by fr), never another language (langmatch).
func serving(locale string, langs []string) (string, bool) {
	// Never a body in another language, however close: with only a
	// Norwegian translation, a Danish edition is an error, not
	// Norwegian text under Danish labels.
	i := langmatch.ClosestString(locale, langs)
	if i < 0 {
		return "", false
	}
	return langs[i], true
}

// Langs returns the canonical language followed by the translations'
// languages, sorted; translations that fail are included, so that their
// editions are tried and reported.
func (s *Statement) Langs() []string {
	out := []string{s.Canonical.Meta.Lang}
	var tr []string
	for l := range s.Translations {
		tr = append(tr, l)
	}
	for l := range s.Broken {
		tr = append(tr, l)
	}
	sort.Strings(tr)
	return append(out, tr...)
}

// existing lists the languages the statement exists in, for messages:
// its canonical language, then every translation's, read or not.
func (s *Statement) existing() string {
	langs := s.Langs()
	tr := append(langs[1:len(langs):len(langs)], s.Unread...)
	sort.Strings(tr)
	return strings.Join(append(langs[:1:1], tr...), ", ")
}

// Body returns the document whose text serves locale: the translation in
// that language, or in its closest language (fr-CA is served by fr), or the
// canonical statement when locale is its language. A locale with no body
// is an error that lists what exists; a locale served by a translation
// that fails is that translation's problems.
func (s *Statement) Body(locale string) (*doc.Document, error) {
	if _, err := language.Parse(locale); err != nil {
		return nil, diag.Errorf(diag.Pos{File: s.Canonical.Path}, "locale %q is not a valid BCP 47 tag", locale)
	}
	langs := s.Langs()
	lang, ok := serving(locale, langs)
	if !ok {
		return nil, diag.Errorf(diag.Pos{File: s.Canonical.Path}, "no body text for locale %s (the statement exists in %s)", locale, s.existing())
	}
	if lang == langs[0] {
		return s.Canonical, nil
	}
	if probs, broken := s.Broken[lang]; broken {
		return nil, probs
	}
	return s.Translations[lang], nil
}

// Build runs the pipeline for every path and locale and writes the
// artifacts. Editions are independent: a problem with one — a translation
// that does not align, a broken locale file, a character no font has —
// fails that edition alone, and every other edition is built. The files of
// the editions that build are rendered to temporary names and renamed at
// the end, all or none; the files of the editions that fail are left as
// they were. When some fail, the Result of the others is returned with an
// error listing every failure at its file:line:col. Only the inputs and
// locale files the asked-for editions need are read: with Locales "en",
// neither the translations nor the locale files of other languages. An
// output folder that is, contains or lies inside an input is refused with
// an *OutDirError before anything is read.
func Build(cfg Config) (*Result, error) {
	if err := CheckOutDir(outDir(cfg), cfg.inputs()); err != nil {
		return nil, err
	}
	in := loadInputs(cfg)
	if err := checkParallel(cfg, in); err != nil {
		return nil, err
	}
	env, err := newEnv(cfg, in.locales(cfg))
	if err != nil {
		return nil, err
	}
	return env.build(cfg, in)
}

// job is one edition (of a statement or of a pack) in one format, ready to
// render.
type job struct {
	ed     *doc.Edition
	pack   *doc.PackEdition
	par    *doc.ParallelEdition
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

// Build is Build with an environment already loaded.
func (env *Env) Build(cfg Config) (res *Result, err error) {
	if err := CheckOutDir(outDir(cfg), cfg.inputs()); err != nil {
		return nil, err
	}
	in := loadInputs(cfg)
	if err := checkParallel(cfg, in); err != nil {
		return nil, err
	}
	return env.build(cfg, in)
}

// build builds the loaded inputs. A panic in a stage is turned into an
// error naming what was being built, after the temporary files are
// removed.
func (env *Env) build(cfg Config, inputs inputList) (res *Result, err error) {
	doing := "planning"
	var temps []atomicfile.Move
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("internal error while %s: %v; please report it", doing, p)
		}
		if res == nil {
			for _, t := range temps {
				os.Remove(t.Temp)
			}
		}
	}()
	if cfg.Final {
		cfg.Strict = true
	}
	formats, err := render.Formats(cfg.Formats)
	if err != nil {
		return nil, err
	}
	if err := checkParallelFormats(cfg, formats); err != nil {
		return nil, err
	}
	out := outDir(cfg)
	res = &Result{}
	var failed diag.List
	failed.Append(env.Problems)
	var jobs []job
	sh := text.NewShaper(env.Library)
	seen := map[string]string{}
	for _, in := range inputs {
		if in.problems != nil {
			failed.Append(in.problems)
			continue
		}
		if in.pack != nil {
			pj, probs := env.packJobs(in.pack, in.statements, cfg, formats, out, sh, res)
			failed.Append(probs)
			for _, j := range pj {
				if prev, dup := seen[j.path]; dup {
					failed.Errorf(diag.Pos{File: j.pack.Pack.Path}, "two inputs would both write %s (the other is %s): give them different ids", j.path, prev)
					continue
				}
				seen[j.path] = j.pack.Pack.Path
				jobs = append(jobs, j)
			}
			continue
		}
		st := in.statement
		first := len(jobs)
		built := localized{}
		for _, loc := range in.editions(cfg) {
			ed, probs := env.edition(st, loc, cfg, formats, sh, res, nil)
			failed.Append(probs)
			built[loc] = ed
			if ed == nil {
				continue
			}
			for _, f := range formats {
				path := filepath.Join(out, render.FileName(ed.ID, loc, f))
				if prev, dup := seen[path]; dup {
					failed.Errorf(diag.Pos{File: st.Canonical.Path}, "two inputs would both write %s (the other is %s): give them different ids", path, prev)
					continue
				}
				seen[path] = st.Canonical.Path
				jobs = append(jobs, job{ed: ed, format: f, path: path})
			}
		}
		linkAlternates(jobs[first:])
		pj, probs := env.parallelJobs(st, built, jobs[first:], cfg, formats, out, sh, res)
		failed.Append(probs)
		for _, j := range pj {
			if prev, dup := seen[j.path]; dup {
				failed.Errorf(diag.Pos{File: st.Canonical.Path}, "two inputs would both write %s (the other is %s): give them different ids", j.path, prev)
				continue
			}
			seen[j.path] = st.Canonical.Path
			jobs = append(jobs, j)
		}
	}
	// Every destination is checked before anything is rendered, and
	// again before anything is renamed: a folder where out/x.epub should
	// go once failed the build after out/x.pdf had been replaced. A
	// destination in the way is a problem with the output folder, not
	// with one edition: nothing is written.
	if err := checkDestinations(out, jobs); err != nil {
		return nil, err
	}
	if len(jobs) > 0 {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return nil, err
		}
	}
	doing = "building " + out
	done, err := env.renderAll(sh, jobs, cfg)
	for i, d := range done {
		if d.err != nil {
			// One file that cannot be rendered fails alone; the
			// edition's other formats are still written. A renderer's
			// error names its input (atSource); one in writing the file
			// names the file.
			if dg := new(diag.Diagnostic); errors.As(d.err, &dg) && dg.Pos.IsValid() {
				failed.Add(dg)
			} else {
				failed.Add(diag.Errorf(diag.Pos{File: jobs[i].path}, "%v", d.err))
			}
			continue
		}
		temps = append(temps, atomicfile.Move{Temp: d.tmp, Path: jobs[i].path})
		res.Artifacts = append(res.Artifacts, d.art)
	}
	if err != nil {
		res = nil // a renderer bug: nothing is written
		return nil, err
	}
	doing = "writing " + out
	if err := checkDestinations(out, jobs); err != nil {
		res = nil
		return nil, err
	}
	if err := renameAll(temps); err != nil {
		res = nil
		return nil, err
	}
	temps = nil // renamed, or removed by Commit
	failed.Sort()
	res.Failed = failed.Errors()
	return res, res.Failed.Err()
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

// edition localizes a statement for one locale and checks its glyphs in
// the fonts of lay, the layout it will be set in (nil: the build's). It
// returns nil and the problems when the edition cannot be built; warnings
// go to res.
func (env *Env) edition(st *Statement, loc string, cfg Config, formats []string, sh *text.Shaper, res *Result, lay *layout.Layout) (*doc.Edition, diag.List) {
	if lay == nil {
		lay = env.Layout
	}
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
	if w := st.Warnings[body]; len(w) > 0 {
		if cfg.Strict {
			return nil, asErrors(w)
		}
		res.Warnings.Append(w)
	}
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
	if cfg.Final && ed.Draft {
		// Strict has made every cause of a draft an error; this holds
		// should a new cause be added without that.
		return nil, diag.List{diag.Errorf(diag.Pos{File: body.Path}, "the %s edition would be a draft, which a final build refuses", loc).WithCode(diag.Draft)}
	}
	if render.NeedGlyphs(formats) {
		// Every character must have a glyph before anything is laid
		// out. Formats whose text the reader's software sets (EPUB,
		// HTML) skip it: those fonts may well have it.
		glyphs := preflight.Check(ed, lay, sh, preflight.Options{AllowMissing: cfg.AllowMissingGlyphs, Candidates: env.candidates})
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
