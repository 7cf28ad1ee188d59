// Package release turns a tree of statements and briefing packs into every
// edition they declare, as one verifiable release: it discovers the inputs,
// plans one artifact per edition and format, shards the plan for CI
// matrices, renders in parallel into a staging folder, writes manifest.json
// and SHA256SUMS, and swaps the staging folder in for the output folder.
// It sits above pipeline/build, which renders a single edition.
package release

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/polypress/polypress/pipeline/source"
)

// Kinds of input, as the manifest names them.
const (
	KindStatement = string(source.KindStatement)
	KindPack      = string(source.KindPack)
)

// Input is one thing found to release: a statement (its statement.md) or a
// briefing pack (its pack.yaml).
type Input struct {
	Kind string
	// Path is the file as found, for loading and for messages.
	Path string
	// Name is Path relative to the parent of the folder it was found under,
	// with slashes ("samples/world-scripts/statement.md"): it does not
	// depend on the working directory, so it can go into the manifest.
	Name string
	// root is the absolute folder Name is relative to.
	root string
}

// Discover finds the statements and briefing packs under paths with
// source.FindSome, by the rules of every command: a folder is searched for
// statement.md and pack.yaml, without following links below it or
// entering hidden folders, and must hold one at least; a file is a pack
// manifest when it ends in .yaml or .yml, else a statement. Inputs are
// sorted by Name.
func Discover(paths []string) ([]Input, error) {
	found, err := source.FindSome(paths)
	if err != nil {
		return nil, err
	}
	out := make([]Input, 0, len(found))
	for _, in := range found {
		root := filepath.Dir(in.Root)
		abs, err := filepath.Abs(in.Path)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil {
			return nil, err
		}
		out = append(out, Input{Kind: string(in.Kind), Path: in.Path, Name: filepath.ToSlash(rel), root: root})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// sourceName names a file an input was made from the way Input.Name does,
// so the manifest does not depend on the working directory.
func (in Input) sourceName(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(in.root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(filepath.Base(path))
	}
	return filepath.ToSlash(rel)
}
