package bench

import (
	"testing"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/doc"
)

// MustInputs is Inputs in a temporary folder of tb, failing tb on error:
// the set-up every stage's benchmark starts from.
func MustInputs(tb testing.TB) []Input {
	tb.Helper()
	ins, err := Inputs(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	return ins
}

// Localized is one input made into its English edition.
type Localized struct {
	Name    string
	Edition *doc.Edition
}

// Editions loads a default build environment (embedded fonts, locales
// and the briefing layout) and localizes every input in English, for the
// benchmarks of the stages after localization.
func Editions(tb testing.TB) (*build.Env, []Localized) {
	tb.Helper()
	env, err := build.NewEnv(build.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	var out []Localized
	for _, in := range MustInputs(tb) {
		ed, err := in.Edition(env)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, Localized{Name: in.Name, Edition: ed})
	}
	return env, out
}
