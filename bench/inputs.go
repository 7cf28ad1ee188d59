package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/source"
)

// Input is one statement a benchmark measures: the sample itself, or one
// generated from it.
type Input struct {
	// Name is "sample" or the clause count, for sub-benchmark names.
	Name string
	// Path is where the statement is on disk; generated ones are written
	// into the folder given to Inputs.
	Path string
	Src  []byte
}

// Inputs returns the sample and statements of each of Sizes clauses,
// written under dir (a benchmark's b.TempDir(): nothing large is kept).
func Inputs(dir string) ([]Input, error) {
	root, err := ModuleRoot()
	if err != nil {
		return nil, err
	}
	samplePath := filepath.Join(root, SamplePath)
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		return nil, err
	}
	ins := []Input{{Name: "sample", Path: samplePath, Src: sample}}
	for _, n := range Sizes {
		src, err := Statement(sample, n)
		if err != nil {
			return nil, err
		}
		sub := filepath.Join(dir, "bench-"+strconv.Itoa(n))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return nil, err
		}
		path := filepath.Join(sub, "statement.md")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			return nil, err
		}
		ins = append(ins, Input{Name: strconv.Itoa(n), Path: path, Src: src})
	}
	return ins, nil
}

// Parse parses the input as the build does.
func (in Input) Parse() (*doc.Document, error) {
	return source.Parse(in.Path, in.Src)
}

// Edition parses the input and localizes it into its own language with the
// environment's locale files, as a build of that one locale would.
func (in Input) Edition(env *build.Env) (*doc.Edition, error) {
	d, err := in.Parse()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", in.Name, err)
	}
	return env.Catalog.Localize(d, d, d.Meta.Lang, localize.Options{CanonicalLang: d.Meta.Lang})
}
