package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/internal/confine"
)

// The file names polypress looks for. Every command finds its inputs
// through Find and KindOf, so that these names, and the rules about links
// and hidden folders, are written once.
const (
	// CanonicalName is the file name of a canonical statement in its
	// folder; its translations are named statement.<lang>.md beside it.
	CanonicalName = "statement.md"
	// PackName is the file name of a briefing pack's manifest in its
	// folder.
	PackName = "pack.yaml"
)

// Kind tells a statement from a briefing pack.
type Kind string

// Kinds of input.
const (
	KindStatement Kind = "statement"
	KindPack      Kind = "pack"
)

// Input is a statement or a briefing pack found by Find.
type Input struct {
	Kind Kind
	// Path is the statement file (statement.md, or a translation named on
	// the command line) or the pack manifest, as found: the path given,
	// or a path under it.
	Path string
	// Root is the absolute path of the folder it was found in: the folder
	// given, or the folder of a file given.
	Root string
}

// isManifestName reports whether a file given by name is a pack manifest:
// any .yaml or .yml file. (Found in a folder, only pack.yaml is one: a
// project holds other YAML files, such as CI configuration.)
func isManifestName(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

// KindOf says what a path given by a user names, without searching below
// it: a .yaml or .yml file is a pack manifest; any other file is a
// statement (canonical, or a translation); a folder holding pack.yaml is a
// pack, else a statement folder (holding statement.md, which loading
// checks).
func KindOf(path string) Kind {
	if isManifestName(path) {
		return KindPack
	}
	// Anything but a folder named pack.yaml makes a pack: a FIFO or a
	// device there is refused when the manifest is read, with its reason.
	if fi, err := os.Stat(filepath.Join(path, PackName)); err == nil && !fi.IsDir() {
		return KindPack
	}
	return KindStatement
}

// IsPack reports whether path names a pack: a .yaml or .yml file, or a
// folder holding pack.yaml (see KindOf).
func IsPack(path string) bool { return KindOf(path) == KindPack }

// PackFile returns the manifest file of a pack path (the file itself, or a
// folder's pack.yaml).
func PackFile(path string) string {
	if isManifestName(path) {
		return path
	}
	return filepath.Join(path, PackName)
}

// Find returns the statements and packs under paths. A path naming a file
// is taken as KindOf says (a pack manifest, or a canonical statement or a
// translation). A folder is searched for files named statement.md and
// pack.yaml; it may hold none (see FindIn). The folder given is followed if it
// is a symbolic link (samples/oic-contact-group-2020), but no link below
// it is, so nothing outside it is found; hidden folders (.git, .polypress)
// are skipped. An input reached twice, through two paths, is listed once,
// by its real path. The list is sorted by path.
func Find(paths []string) ([]Input, error) {
	var out []Input
	seen := map[string]bool{}
	add := func(kind Kind, p, root string) {
		key := p
		if real, err := confine.Real(p); err == nil {
			key = real
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, Input{Kind: kind, Path: p, Root: root})
		}
	}
	var errs diag.List
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			errs.Add(diag.Errorf(diag.Pos{File: p}, "no such statement or folder"))
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			errs.Add(diag.Errorf(diag.Pos{File: p}, "%v", err))
			continue
		}
		if !fi.IsDir() {
			add(KindOf(p), p, filepath.Dir(abs))
			continue
		}
		walk := p
		if lfi, err := os.Lstat(p); err == nil && lfi.Mode()&fs.ModeSymlink != 0 {
			// WalkDir does not follow the link it is given: its target
			// is walked instead.
			walk = p + string(filepath.Separator) + "."
		}
		err = filepath.WalkDir(walk, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != walk && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil // symbolic links and special files: never followed
			}
			switch d.Name() {
			case CanonicalName:
				add(KindStatement, path, abs)
			case PackName:
				add(KindPack, path, abs)
			}
			return nil
		})
		var pe *fs.PathError
		switch {
		case errors.As(err, &pe):
			errs.Add(diag.Errorf(diag.Pos{File: pe.Path}, "cannot read: %v", pe.Err))
		case err != nil:
			errs.Add(diag.Errorf(diag.Pos{File: p}, "cannot read: %v", err))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, errs.Err()
}

// FindSome is Find for commands that must find something in each folder
// they are given, such as a release: a folder holding no statement.md and
// no pack.yaml, at any depth, is an error.
func FindSome(paths []string) ([]Input, error) {
	inputs, err := Find(paths)
	if err != nil {
		return nil, err
	}
	var errs diag.List
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
			continue
		}
		// An input found through another path is listed under that one:
		// compare real paths. Links below a folder are not followed, so
		// everything found in it has its real path inside it.
		dir, err := confine.Real(p)
		if err != nil {
			continue
		}
		some := false
		for _, in := range inputs {
			if real, err := confine.Real(in.Path); err == nil && confine.Inside(dir, real) {
				some = true
				break
			}
		}
		if !some {
			errs.Add(diag.Errorf(diag.Pos{File: p}, "no %s or %s in this folder or below", CanonicalName, PackName))
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return inputs, nil
}

// Statements returns the paths of the statements among inputs, in order.
func Statements(inputs []Input) []string {
	var out []string
	for _, in := range inputs {
		if in.Kind == KindStatement {
			out = append(out, in.Path)
		}
	}
	return out
}
