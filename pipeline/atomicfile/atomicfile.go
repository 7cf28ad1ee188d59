// Package atomicfile writes files so that a reader never sees half of one:
// data goes to a temporary file beside the target, which then takes the
// target's name in one step.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Temp writes data to a new temporary file in the folder of path (named
// after it, hidden) and returns its name; the caller renames or removes it.
func Temp(path string, data []byte) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(f.Name())
		return "", errors.Join(werr, cerr)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// Replace writes data to path, replacing what was there.
func Replace(path string, data []byte) error {
	tmp, err := Temp(path, data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// Create writes data to path, failing if path exists, even if it appears
// while the data is written.
func Create(path string, data []byte) error {
	tmp, err := Temp(path, data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	// A hard link fails if path exists, unlike a rename.
	return os.Link(tmp, path)
}

// Move is one temporary file and the name it takes.
type Move struct{ Temp, Path string }

// Commit renames every temporary file to its path, all or nothing: before
// a path is replaced, the file there is kept under a hidden name, and if a
// rename fails the paths already replaced get their old files back (and
// those that were new are removed). On success the kept files are removed;
// on failure so are the temporary files. A process killed during Commit
// can leave a kept file, named ".<name>.*.old", beside its path.
func Commit(moves []Move) (err error) {
	type done struct {
		path, kept string // kept is "" when nothing was at path
	}
	var renamed []done
	defer func() {
		if err == nil {
			for _, d := range renamed {
				if d.kept != "" {
					os.Remove(d.kept)
				}
			}
			return
		}
		for i := len(renamed) - 1; i >= 0; i-- {
			d := renamed[i]
			if d.kept != "" {
				os.Rename(d.kept, d.path)
			} else {
				os.Remove(d.path)
			}
		}
		for _, m := range moves[len(renamed):] {
			os.Remove(m.Temp)
		}
	}()
	for _, m := range moves {
		kept, err := keep(m.Path)
		if err != nil {
			return err
		}
		if err := os.Rename(m.Temp, m.Path); err != nil {
			if kept != "" {
				os.Remove(kept)
			}
			return err
		}
		renamed = append(renamed, done{m.Path, kept})
	}
	return nil
}

// keep hard-links the file at path to a new hidden name beside it and
// returns that name, or "" when nothing is at path. Only a regular file is
// ever replaced: anything else at path is an error.
func keep(path string) (string, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "", nil
	case err != nil:
		return "", err
	case !fi.Mode().IsRegular():
		return "", &os.PathError{Op: "replace", Path: path, Err: errors.New("not a regular file")}
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.old")
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	// A link keeps path in place until the rename replaces it; where
	// links are not supported, moving the file aside leaves path missing
	// for a moment instead.
	if err := os.Link(path, name); err != nil {
		if err := os.Rename(path, name); err != nil {
			return "", err
		}
	}
	return name, nil
}
