package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/render/epub"
	"github.com/polypress/polypress/pipeline/render/pdf"
	"github.com/polypress/polypress/pipeline/source"
	"github.com/polypress/polypress/pipeline/text"
)

// packJobs plans a briefing pack: every statement it lists is loaded,
// aligned and localized for each locale (the command line's, else the
// manifest's, else the first statement's languages), and bound into one
// PDF and one EPUB per locale.
func (env *Env) packJobs(path string, cfg Config, formats []string, out string, sh *text.Shaper, res *Result) ([]job, diag.List) {
	var problems diag.List
	pk, err := source.ParsePack(path)
	if err != nil {
		return nil, diag.Flatten(err)
	}
	statements := make([]*Statement, 0, len(pk.Statements))
	for _, sp := range pk.Statements {
		st, err := Load(sp)
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		statements = append(statements, st)
	}
	if problems.HasErrors() {
		return nil, problems
	}
	locs := cfg.Locales
	if len(locs) == 0 {
		locs = pk.Locales
	}
	if len(locs) == 0 {
		locs = statements[0].Langs()
	}
	var jobs []job
	for _, loc := range locs {
		var eds []*doc.Edition
		failed := false
		for i, st := range statements {
			ed, probs := env.edition(st, loc, cfg, formats, sh, res)
			if ed == nil {
				// Say which pack entry needs the missing translation.
				problems.Append(probs)
				problems.Add(diag.Errorf(pk.Pos[fmt.Sprintf("statements.%d", i)], "pack %s cannot be built in %s: see the problem with %s above", pk.ID, loc, st.Canonical.Path))
				failed = true
				continue
			}
			eds = append(eds, ed)
		}
		if failed {
			continue
		}
		pe, err := env.Catalog.LocalizePack(pk, loc, eds, localize.Options{Strict: cfg.Strict})
		if err != nil {
			problems.Append(diag.Flatten(err))
			continue
		}
		res.Warnings.Append(pe.Diagnostics.Warnings())
		for _, f := range formats {
			jobs = append(jobs, job{pack: pe, format: f, path: filepath.Join(out, fmt.Sprintf("%s.%s.%s", pk.ID, loc, f))})
		}
	}
	return jobs, problems
}

// pdfOptions are the PDF renderer's options for this build.
func (env *Env) pdfOptions(sh *text.Shaper, cfg Config, created time.Time) pdf.Options {
	return pdf.Options{Layout: env.Layout, Shaper: sh, Created: created, Creator: "polypress " + Version,
		Bleed: cfg.Bleed, CropMarks: cfg.CropMarks}
}

// renderPack writes one pack artifact to a temporary file.
func (env *Env) renderPack(sh *text.Shaper, j job, cfg Config, created time.Time) (Artifact, string, error) {
	pe := j.pack
	if created.IsZero() {
		created = pe.Date
	}
	a := Artifact{ID: pe.ID, Locale: pe.Locale, Format: j.format, Path: j.path, Draft: pe.Draft}
	var buf bytes.Buffer
	switch j.format {
	case "pdf":
		r, err := pdf.RenderPack(&buf, pe, pdf.PackOptions{Options: env.pdfOptions(sh, cfg, created), Recto: cfg.Recto})
		if err != nil {
			return a, "", err
		}
		a.Pages = r.Pages
	case "epub":
		css, err := fs.ReadFile(layouts.FS, "epub.css")
		if err != nil {
			return a, "", err
		}
		opts := epub.Options{CSS: css, Modified: created, Generator: "polypress " + Version, Fonts: env.epubFonts(pe.Lang)}
		if err := epub.RenderPack(&buf, pe, opts); err != nil {
			return a, "", err
		}
	}
	sum := sha256.Sum256(buf.Bytes())
	a.SHA256 = hex.EncodeToString(sum[:])
	a.Bytes = int64(buf.Len())
	tmp, err := writeTemp(j.path, buf.Bytes())
	return a, tmp, err
}
