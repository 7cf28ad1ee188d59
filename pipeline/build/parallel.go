package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"time"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/text"
)

// Target is one edition in one format, localized and ready to render. A
// plan of Targets can be rendered in any order and on any goroutine: each
// Target holds everything its file depends on except the Env and the
// epoch, which are the same for the whole run.
type Target struct {
	// Name is the file name, "<id>.<locale>.<format>".
	Name   string
	Format string
	// Edition is the statement edition to render, Pack the pack
	// edition, or Parallel the parallel edition.
	Edition  *doc.Edition
	Pack     *doc.PackEdition
	Parallel *doc.ParallelEdition
	// Layout is the pack's own layout, when its manifest names one.
	Layout *layout.Layout
	// LocaleFiles are the locale files the edition's labels and
	// conventions come from, with their digests (Printer.Sources).
	LocaleFiles []localize.SourceFile
	// Alternates are the language editions of the same statement or pack
	// in the same format, this one included, which a web page links to.
	Alternates []render.Alternate
}

// Plan loads the statement at path and localizes it once per locale
// (cfg.Locales, or the canonical language and every translation), making
// one Target per format. Each locale is localized once and shared by its
// formats. Problems with some locales do not stop the others: the Targets
// that could be planned are returned with the error, which lists every
// problem; warnings (fallbacks) are returned separately.
func (env *Env) Plan(path string, cfg Config) ([]Target, diag.List, error) {
	if cfg.Final {
		cfg.Strict = true
	}
	formats, err := render.Formats(cfg.Formats)
	if err != nil {
		return nil, nil, err
	}
	if err := checkParallelFormats(cfg, formats); err != nil {
		return nil, nil, err
	}
	st, err := LoadFor(path, cfg.loadLocales())
	if err != nil {
		return nil, nil, err
	}
	locs := cfg.Locales
	if len(locs) == 0 {
		locs = st.Langs()
	}
	var targets []Target
	var problems diag.List
	res := &Result{}
	sh := text.NewShaper(env.Library)
	built := localized{}
	for _, loc := range locs {
		ed, probs := env.edition(st, loc, cfg, formats, sh, res)
		problems.Append(probs)
		built[loc] = ed
		if ed == nil {
			continue
		}
		files, err := env.localeFiles(loc, st.Canonical.Meta.Lang, cfg)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		for _, f := range formats {
			targets = append(targets, Target{
				Name:        render.FileName(ed.ID, loc, f),
				Format:      f,
				Edition:     ed,
				LocaleFiles: files,
			})
		}
	}
	linkTargets(targets)
	pt, probs := env.planParallel(st, cfg, formats, built, targets, sh, res)
	problems.Append(probs)
	targets = append(targets, pt...)
	warnings := res.Warnings
	problems.Sort()
	return targets, warnings, problems.Err()
}

// Date is the date of the target's statement or pack, which dates its file
// when no SOURCE_DATE_EPOCH is given.
func (t Target) Date() time.Time {
	if t.Pack != nil {
		return t.Pack.Date
	}
	if t.Parallel != nil {
		return t.Parallel.Date()
	}
	return t.Edition.Date
}

// PlanPack plans a briefing pack (a pack.yaml, or a folder holding one):
// one Target per locale and format, each holding the pack's edition.
func (env *Env) PlanPack(path string, cfg Config) ([]Target, diag.List, error) {
	if cfg.Final {
		cfg.Strict = true
	}
	formats, err := render.Formats(cfg.Formats)
	if err != nil {
		return nil, nil, err
	}
	in := loadPack(path, cfg.Locales)
	if in.problems != nil {
		return nil, nil, in.problems.Err()
	}
	res := &Result{}
	sh := text.NewShaper(env.Library)
	jobs, problems := env.packJobs(in.pack, in.statements, cfg, formats, "", sh, res)
	var targets []Target
	for _, j := range jobs {
		files, err := env.localeFiles(j.pack.Locale, in.statements[0].Canonical.Meta.Lang, cfg)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		targets = append(targets, Target{Name: filepath.Base(j.path), Format: j.format, Pack: j.pack, Layout: j.layout, LocaleFiles: files, Alternates: j.alts})
	}
	problems.Sort()
	return targets, res.Warnings, problems.Err()
}

// localeFiles names the locale files an edition in loc draws from.
func (env *Env) localeFiles(loc, canonical string, cfg Config) ([]localize.SourceFile, error) {
	p, err := env.Catalog.Printer(loc, localize.Options{CanonicalLang: canonical, Strict: cfg.Strict})
	if err != nil {
		return nil, err
	}
	return p.Sources(), nil
}

// Render renders t into memory with sh, which belongs to the calling
// goroutine. epoch fixes the dates written into the file; zero means the
// statement's (or pack's) date. The Artifact has no Path: the caller
// decides where the bytes go.
func (env *Env) Render(sh *text.Shaper, t Target, epoch time.Time) (Artifact, []byte, error) {
	j := job{ed: t.Edition, pack: t.Pack, par: t.Parallel, layout: t.Layout, format: t.Format, alts: t.Alternates}
	return env.renderBytes(sh, j, Config{Epoch: epoch})
}

// renderBytes renders job j's statement edition or pack edition into
// memory, with the print options and epoch of cfg.
func (env *Env) renderBytes(sh *text.Shaper, j job, cfg Config) (Artifact, []byte, error) {
	ed, pe, lay := j.ed, j.pack, j.layout
	if lay == nil {
		lay = env.Layout
	}
	created := cfg.Epoch
	var a Artifact
	if j.par != nil {
		if created.IsZero() {
			created = j.par.Date()
		}
		main := j.par.Editions[0]
		a = Artifact{ID: j.par.ID, Locale: j.par.Name, Parallel: j.par.Locales(), Format: j.format, Draft: j.par.Draft, Title: main.Title}
	} else if pe != nil {
		if created.IsZero() {
			created = pe.Date
		}
		a = Artifact{ID: pe.ID, Locale: pe.Locale, Format: j.format, Draft: pe.Draft, Title: pe.Title}
	} else {
		if created.IsZero() {
			created = ed.Date
		}
		a = Artifact{ID: ed.ID, Locale: ed.Locale, Format: j.format, Draft: ed.Draft, Title: ed.Title}
		if !ed.EmbargoTime.IsZero() {
			a.Embargo = ed.EmbargoTime.Format(time.RFC3339)
		}
	}
	r, err := render.Get(j.format)
	if err != nil {
		return a, nil, err
	}
	opts := render.Options{Layout: lay, Library: env.Library, Shaper: sh, Created: created, Generator: "polypress " + Version,
		Bleed: cfg.Bleed, CropMarks: cfg.CropMarks, Recto: cfg.Recto, Alternates: j.alts}
	var buf bytes.Buffer
	var res render.Result
	if j.par != nil {
		pr, perr := render.Parallel(j.format)
		if perr != nil {
			return a, nil, perr
		}
		res, err = pr.RenderParallel(&buf, j.par, opts)
	} else if pe != nil {
		res, err = r.RenderPack(&buf, pe, opts)
	} else {
		res, err = r.Render(&buf, ed, opts)
	}
	if err != nil {
		return a, nil, err
	}
	a.Pages, a.Fonts = res.Pages, res.Fonts
	sum := sha256.Sum256(buf.Bytes())
	a.SHA256 = hex.EncodeToString(sum[:])
	a.Bytes = int64(buf.Len())
	return a, buf.Bytes(), nil
}
