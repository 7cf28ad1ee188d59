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
	// The manifest's layout, unless the command line chose one.
	var lay *layout.Layout
	if pk.Layout != "" && cfg.Layout == "" {
		l, err := env.LoadLayout(pk.Layout)
		if err != nil {
			problems.Add(diag.Errorf(pk.Pos["layout"], "%v", err))
			return nil, problems
		}
		lay = l
	}
	locs := input{pack: pk, statements: statements}.packLocales(cfg)
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
			jobs = append(jobs, job{pack: pe, layout: lay, format: f, path: filepath.Join(out, render.FileName(pk.ID, loc, f))})
		}
	}
	linkAlternates(jobs)
	return jobs, problems
}
