package release

import (
	"errors"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/diag"
)

// ErrPacksUnsupported says that this polypress cannot build briefing packs
// yet. A release lists such packs under "skipped" in its manifest and in
// its log instead of dropping them silently.
var ErrPacksUnsupported = errors.New("briefing packs cannot be built by this polypress yet; the pack is skipped")

// planPack plans the editions of the briefing pack at path (a pack.yaml).
// It is the one place where packs enter a release: when pipeline/build
// plans packs, this calls it and returns its targets.
func planPack(env *build.Env, path string) ([]build.Target, diag.List, error) {
	return nil, nil, ErrPacksUnsupported
}
