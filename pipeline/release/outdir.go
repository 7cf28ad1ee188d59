package release

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/polypress/polypress/pipeline/build"
)

// A release replaces its output folder as a whole, which deletes what was
// there. That is safe only for a folder a release made: one holding a
// manifest.json and nothing but the files it lists and SHA256SUMS. Any
// other folder is refused, unless the user passes --force, and then the
// release is written into it file by file: each of its files replaces the
// file of the same name, and nothing else is deleted.

// writeMode is how a release or merge puts its staging folder in place.
type writeMode int

const (
	// swapFolder replaces the output folder as a whole: it is missing,
	// empty, or a release folder.
	swapFolder writeMode = iota
	// replaceFiles moves each file of the staging folder into the output
	// folder, which holds files a release did not write (--force).
	replaceFiles
)

// maxForeignListed is how many files a refusal names.
const maxForeignListed = 5

// checkOut decides how a release may write into out (absolute), given the
// folders and files it reads (inputs, as given): never when out is, holds
// or lies inside an input; as a whole when out is missing, empty or a
// release folder; file by file when it holds anything else and force is
// set. A refusal is a *build.OutDirError; nothing is touched.
func checkOut(out, display string, inputs []string, force bool) (writeMode, error) {
	if err := build.CheckOutDir(out, inputs); err != nil {
		var oe *build.OutDirError
		if errors.As(err, &oe) {
			oe.Dir = display
		}
		return 0, err
	}
	foreign, err := foreignFiles(out)
	if err != nil {
		return 0, &build.OutDirError{Dir: display, Reason: err.Error()}
	}
	if len(foreign) == 0 {
		return swapFolder, nil
	}
	if force {
		return replaceFiles, nil
	}
	listed := foreign
	if len(listed) > maxForeignListed {
		listed = append(listed[:maxForeignListed:maxForeignListed], fmt.Sprintf("and %d more", len(foreign)-maxForeignListed))
	}
	return 0, &build.OutDirError{Dir: display, Reason: fmt.Sprintf(
		"it holds files a release did not write (%s); a release replaces its folder as a whole, which would delete them. "+
			"Choose another folder, or pass --force to write the release into this one file by file, deleting nothing",
		strings.Join(listed, ", "))}
}

// foreignFiles lists what out holds that no release wrote: everything,
// unless out has a readable manifest.json, and then every entry that is
// not manifest.json, SHA256SUMS or a regular file the manifest lists. A
// missing or empty folder holds nothing foreign.
func foreignFiles(out string) ([]string, error) {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return nil, nil
	}
	ours := map[string]bool{}
	if m, err := ReadManifest(out); err == nil {
		ours[ManifestName], ours[SumsName] = true, true
		for _, e := range m.Artifacts {
			ours[e.Path] = true
		}
	}
	var foreign []string
	for _, e := range entries {
		if !ours[e.Name()] || !e.Type().IsRegular() {
			name := e.Name()
			if e.IsDir() {
				name += string(filepath.Separator)
			}
			foreign = append(foreign, name)
		}
	}
	sort.Strings(foreign)
	return foreign, nil
}

// openOut checks the output folder outDir ("dist" when empty) against the
// inputs, as checkOut does, and locks it for this release or merge. It
// returns the folder's absolute path (the staging folder is named after
// its own name, which "." or "dist/" do not give), how to write it, and
// the unlock to defer.
func openOut(outDir string, inputs []string, force bool) (out string, mode writeMode, unlock func(), err error) {
	display := outDir
	if display == "" {
		display = "dist"
	}
	if out, err = filepath.Abs(display); err != nil {
		return "", mode, nil, err
	}
	if mode, err = checkOut(out, display, inputs, force); err != nil {
		return "", mode, nil, err
	}
	if unlock, err = lockOut(out, display); err != nil {
		return "", mode, nil, err
	}
	return out, mode, unlock, nil
}
