// Package release turns a tree of statements and briefing packs into every
// edition they declare, as one verifiable release: it discovers the inputs,
// plans one artifact per edition and format, shards the plan for CI
// matrices, renders in parallel into a staging folder, writes manifest.json
// and SHA256SUMS, and swaps the staging folder in for the output folder.
// It sits above pipeline/build, which renders a single edition.
package release

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Kinds of input.
const (
	KindStatement = "statement"
	KindPack      = "pack"
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

// Discover walks each path for statement folders (holding statement.md)
// and briefing packs (pack.yaml). A path may also name a statement file or
// a pack file directly. Symbolic links are not followed, hidden folders are
// skipped, and an input reached twice (through two paths) is kept once, by
// its real path. Inputs are sorted by Name.
func Discover(paths []string) ([]Input, error) {
	var out []Input
	seen := map[string]bool{}
	add := func(kind, path, root string) error {
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return err
		}
		if real, err = filepath.Abs(real); err != nil {
			return err
		}
		if seen[real] {
			return nil
		}
		seen[real] = true
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(filepath.Dir(root), abs)
		if err != nil {
			return err
		}
		out = append(out, Input{Kind: kind, Path: path, Name: filepath.ToSlash(rel), root: filepath.Dir(root)})
		return nil
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, unwrapPathError(err))
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			kind := KindStatement
			if filepath.Base(p) == "pack.yaml" {
				kind = KindPack
			}
			if err := add(kind, p, filepath.Dir(abs)); err != nil {
				return nil, err
			}
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil // symbolic links and the like: never followed
			}
			switch d.Name() {
			case "statement.md":
				found++
				return add(KindStatement, path, abs)
			case "pack.yaml":
				found++
				return add(KindPack, path, abs)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if found == 0 {
			return nil, fmt.Errorf("%s: no statement.md or pack.yaml in this folder or below", p)
		}
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

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
