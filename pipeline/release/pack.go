package release

import (
	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/diag"
)

// planPack plans the editions of the briefing pack at path (a pack.yaml):
// one PDF and one EPUB per locale the manifest declares.
func planPack(env *build.Env, path string) ([]build.Target, diag.List, error) {
	return env.PlanPack(path, build.Config{})
}
