package release

import (
	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/diag"
)

// planPack plans the editions of the briefing pack at path (a pack.yaml):
// one artifact per locale the manifest declares (or cfg.Locales) and
// format.
func planPack(env *build.Env, path string, cfg build.Config) ([]build.Target, diag.List, error) {
	return env.PlanPack(path, cfg)
}
