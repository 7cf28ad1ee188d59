package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sync"
	"time"

	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
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
	Name    string
	Format  string
	Edition *doc.Edition
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
	var problems, warnings diag.List
	for _, loc := range locs {
		body, err := st.Body(loc)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		opts := localize.Options{CanonicalLang: st.Canonical.Meta.Lang, Strict: cfg.Strict}
		ed, err := env.Catalog.Localize(body, st.Canonical, loc, opts)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		warnings.Append(ed.Diagnostics.Warnings())
		// Localize succeeded with the same options, so this cannot fail.
		p, err := env.Catalog.Printer(loc, opts)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		files := p.Files()
		for _, f := range formats {
			targets = append(targets, Target{
				Name:        fmt.Sprintf("%s.%s.%s", ed.ID, loc, f),
				Format:      f,
				Edition:     ed,
				LocaleFiles: files,
			})
		}
	}
	problems.Sort()
	return targets, warnings, problems.Err()
}

// Render renders t into memory with sh, which belongs to the calling
// goroutine. epoch fixes the dates written into the file; zero means the
// statement's date. The Artifact has no Path: the caller decides where the
// bytes go.
func (env *Env) Render(sh *text.Shaper, t Target, epoch time.Time) (Artifact, []byte, error) {
	return env.renderBytes(sh, t.Edition, t.Format, epoch)
}

// epubCSS is the EPUB style sheet, read once per process rather than once
// per edition.
var epubCSS = sync.OnceValues(func() ([]byte, error) {
	return fs.ReadFile(layouts.FS, "epub.css")
})

// renderBytes renders one edition in one format into memory.
func (env *Env) renderBytes(sh *text.Shaper, ed *doc.Edition, format string, epoch time.Time) (Artifact, []byte, error) {
	created := epoch
	if created.IsZero() {
		created = ed.Date
	}
	a := Artifact{ID: ed.ID, Locale: ed.Locale, Format: format, Draft: ed.Draft}
	var buf bytes.Buffer
	switch format {
	case "pdf":
		r, err := pdf.Render(&buf, ed, pdf.Options{Layout: env.Layout, Shaper: sh, Created: created, Creator: "polypress " + Version})
		if err != nil {
			return a, nil, err
		}
		a.Pages = r.Pages
	case "epub":
		css, err := epubCSS()
		if err != nil {
			return a, nil, err
		}
		opts := epub.Options{CSS: css, Modified: created, Generator: "polypress " + Version, Fonts: env.epubFonts(ed.Lang)}
		if err := epub.Render(&buf, ed, opts); err != nil {
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
