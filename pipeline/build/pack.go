package build

import (
	"fmt"
	"path/filepath"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/render"
	"github.com/polypress/polypress/pipeline/text"
)

// packJobs plans a briefing pack whose statements are loaded: each is
// localized for each locale (the command line's, else the manifest's,
// else the first statement's languages), and bound into one file per
// locale and format. A locale in which one of the statements fails fails
// alone.
func (env *Env) packJobs(pk *doc.Pack, statements []*Statement, cfg Config, formats []string, out string, sh *text.Shaper, res *Result) ([]job, diag.List) {
	var problems diag.List
	// The manifest's layout, unless the command line chose one; the
	// glyph check looks in its fonts, since they set the pack.
	lay, err := env.packLayout(pk, cfg)
	if err != nil {
		return nil, diag.Flatten(err)
	}
	locs := input{pack: pk, statements: statements}.packLocales(cfg)
	var jobs []job
	for _, loc := range locs {
		var eds []*doc.Edition
		failed := false
		for i, st := range statements {
			ed, probs := env.edition(st, loc, cfg, formats, sh, res, lay)
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
			jobs = append(jobs, job{pack: pe, layout: lay, format: f, path: filepath.Join(out, render.FileName(pk.ID, loc, f))})
		}
	}
	linkAlternates(jobs)
	return jobs, problems
}

// packLayout loads the layout a pack's manifest names, unless the command
// line chose one (nil then: the build's layout). A problem inside the
// layout file is reported where it is; one with no place of its own (an
// unknown layout name, a font the layout names that is not installed) at
// the manifest's layout line.
func (env *Env) packLayout(pk *doc.Pack, cfg Config) (*layout.Layout, error) {
	if pk.Layout == "" || cfg.Layout != "" {
		return nil, nil
	}
	at := func(err error) error {
		var out diag.List
		for _, d := range diag.Flatten(err) {
			if !d.Pos.IsValid() {
				d = diag.Errorf(pk.Pos["layout"], "%s", d.Msg)
			}
			out = append(out, d)
		}
		return out
	}
	lay, err := env.LoadLayout(pk.Layout)
	if err != nil {
		return nil, at(err)
	}
	return lay, nil
}
