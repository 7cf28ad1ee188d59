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
