package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path/filepath"
	"sync"
	"time"

	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/render/epub"
	"github.com/polypress/polypress/pipeline/render/pdf"
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
	// Edition is the statement edition to render, or Pack the pack
	// edition.
	Edition *doc.Edition
	Pack    *doc.PackEdition
	// Layout is the pack's own layout, when its manifest names one.
	Layout *layout.Layout
	// LocaleFiles are the locale files the edition's labels and
	// conventions come from, as Printer.Files names them.
	LocaleFiles []string
}

// Plan loads the statement at path and localizes it once per locale
// (cfg.Locales, or the canonical language and every translation), making
// one Target per format. Each locale is localized once and shared by its
// formats. Problems with some locales do not stop the others: the Targets
// that could be planned are returned with the error, which lists every
// problem; warnings (fallbacks) are returned separately.
func (env *Env) Plan(path string, cfg Config) ([]Target, diag.List, error) {
	formats := cfg.Formats
	if len(formats) == 0 {
		formats = Formats
	}
	for _, f := range formats {
		if f != "pdf" && f != "epub" {
			return nil, nil, fmt.Errorf("unknown format %q (have pdf, epub)", f)
		}
	}
	st, err := Load(path)
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
	for _, loc := range locs {
		ed, probs := env.edition(st, loc, cfg, formats, sh, res)
		problems.Append(probs)
		if ed == nil {
			continue
		}
		files, err := env.localeFiles(loc, cfg)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		for _, f := range formats {
			targets = append(targets, Target{
				Name:        fmt.Sprintf("%s.%s.%s", ed.ID, loc, f),
				Format:      f,
				Edition:     ed,
				LocaleFiles: files,
			})
		}
	}
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
	return t.Edition.Date
}

// PlanPack plans a briefing pack (a pack.yaml, or a folder holding one):
// one Target per locale and format, each holding the pack's edition.
func (env *Env) PlanPack(path string, cfg Config) ([]Target, diag.List, error) {
	formats := cfg.Formats
	if len(formats) == 0 {
		formats = Formats
	}
	res := &Result{}
	jobs, problems := env.packJobs(path, cfg, formats, "", text.NewShaper(env.Library), res)
	var targets []Target
	for _, j := range jobs {
		files, err := env.localeFiles(j.pack.Locale, cfg)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		targets = append(targets, Target{Name: filepath.Base(j.path), Format: j.format, Pack: j.pack, Layout: j.layout, LocaleFiles: files})
	}
	problems.Sort()
	return targets, res.Warnings, problems.Err()
}

// localeFiles names the locale files an edition in loc draws from.
func (env *Env) localeFiles(loc string, cfg Config) ([]string, error) {
	p, err := env.Catalog.Printer(loc, localize.Options{Strict: cfg.Strict})
	if err != nil {
		return nil, err
	}
	return p.Files(), nil
}

// Render renders t into memory with sh, which belongs to the calling
// goroutine. epoch fixes the dates written into the file; zero means the
// statement's (or pack's) date. The Artifact has no Path: the caller
// decides where the bytes go.
func (env *Env) Render(sh *text.Shaper, t Target, epoch time.Time) (Artifact, []byte, error) {
	return env.renderBytes(sh, t.Edition, t.Pack, t.Layout, t.Format, Config{Epoch: epoch})
}

// epubCSS is the EPUB style sheet, read once per process rather than once
// per edition.
var epubCSS = sync.OnceValues(func() ([]byte, error) {
	return fs.ReadFile(layouts.FS, "epub.css")
})

// renderBytes renders one statement edition (ed) or pack edition (pe) in
// one format into memory, with the print options and epoch of cfg.
func (env *Env) renderBytes(sh *text.Shaper, ed *doc.Edition, pe *doc.PackEdition, lay *layout.Layout, format string, cfg Config) (Artifact, []byte, error) {
	if lay == nil {
		lay = env.Layout
	}
	created := cfg.Epoch
	var a Artifact
	var lang string
	if pe != nil {
		if created.IsZero() {
			created = pe.Date
		}
		a = Artifact{ID: pe.ID, Locale: pe.Locale, Format: format, Draft: pe.Draft}
		lang = pe.Lang
	} else {
		if created.IsZero() {
			created = ed.Date
		}
		a = Artifact{ID: ed.ID, Locale: ed.Locale, Format: format, Draft: ed.Draft}
		lang = ed.Lang
	}
	var buf bytes.Buffer
	switch format {
	case "pdf":
		opts := pdf.Options{Layout: lay, Shaper: sh, Created: created, Creator: "polypress " + Version,
			Bleed: cfg.Bleed, CropMarks: cfg.CropMarks}
		var r pdf.Result
		var err error
		if pe != nil {
			r, err = pdf.RenderPack(&buf, pe, pdf.PackOptions{Options: opts, Recto: cfg.Recto})
		} else {
			r, err = pdf.Render(&buf, ed, opts)
		}
		if err != nil {
			return a, nil, err
		}
		a.Pages = r.Pages
	case "epub":
		css, err := epubCSS()
		if err != nil {
			return a, nil, err
		}
		opts := epub.Options{CSS: css, Modified: created, Generator: "polypress " + Version, Fonts: env.epubFonts(lang)}
		if pe != nil {
			err = epub.RenderPack(&buf, pe, opts)
		} else {
			err = epub.Render(&buf, ed, opts)
		}
		if err != nil {
			return a, nil, err
		}
	default:
		return a, nil, fmt.Errorf("unknown format %q (have pdf, epub)", format)
	}
	sum := sha256.Sum256(buf.Bytes())
	a.SHA256 = hex.EncodeToString(sum[:])
	a.Bytes = int64(buf.Len())
	return a, buf.Bytes(), nil
}
