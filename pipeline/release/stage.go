package release

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/polypress/polypress/pipeline/atomicfile"
)

// A release is built in a staging folder beside the output folder and
// swapped in at the end, so the output folder is always either the
// previous release or the new one, whole. The swap is two renames: the old
// folder aside to ".DIR.previous-PID", the staging folder ".DIR.staging-PID"
// to DIR. A process killed between them leaves DIR missing and the previous
// folder beside it; the next run puts it back before anything else.

const (
	stagingTag  = ".staging-"
	previousTag = ".previous-"
)

func sideName(out, tag string, pid int) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+tag+strconv.Itoa(pid))
}

// recoverStale removes staging folders left by releases that died, and
// puts back a previous output folder a release moved aside but never
// replaced. Folders of a release still running (another live process) are
// left alone.
func recoverStale(out string) error {
	entries, err := os.ReadDir(filepath.Dir(out))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	prefix := "." + filepath.Base(out)
	for _, e := range entries {
		name, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		var tag string
		switch {
		case strings.HasPrefix(name, stagingTag):
			tag = stagingTag
		case strings.HasPrefix(name, previousTag):
			tag = previousTag
		default:
			continue
		}
		pid, err := strconv.Atoi(name[len(tag):])
		if err != nil || (pid != os.Getpid() && alive(pid)) {
			continue
		}
		path := filepath.Join(filepath.Dir(out), e.Name())
		if tag == previousTag {
			if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
				if err := os.Rename(path, out); err != nil {
					return fmt.Errorf("restoring %s from %s: %w", out, path, err)
				}
				continue
			}
		}
		if err := os.RemoveAll(path); err != nil {
			return fmt.Errorf("removing stale %s: %w", path, err)
		}
	}
	return nil
}

// alive reports whether a process with that id exists.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// newStaging makes an empty staging folder for out, after clearing what
// dead releases left behind.
func newStaging(out string) (string, error) {
	if err := recoverStale(out); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", err
	}
	dir := sideName(out, stagingTag, os.Getpid())
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	return dir, os.Mkdir(dir, 0o755)
}

// promote swaps the staging folder in for out.
func promote(staging, out string) error {
	prev := sideName(out, previousTag, os.Getpid())
	moved := false
	if fi, err := os.Lstat(out); err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("%s exists and is not a folder", out)
		}
		if err := os.Rename(out, prev); err != nil {
			return err
		}
		moved = true
	}
	if err := os.Rename(staging, out); err != nil {
		if moved {
			os.Rename(prev, out)
		}
		return err
	}
	if moved {
		return os.RemoveAll(prev)
	}
	return nil
}

// publish fills a new staging folder beside out with fill, writes the
// manifest and SHA256SUMS into it, and puts it in out's place: as a whole
// (swapFolder), or file by file into a folder that holds other files
// (replaceFiles). On any failure, or when ctx is cancelled, the staging
// folder is removed and out is left as it was.
func publish(ctx context.Context, out string, mode writeMode, fill func(staging string) (*Manifest, error)) (*Manifest, error) {
	staging, err := newStaging(out)
	if err != nil {
		return nil, err
	}
	m, err := fill(staging)
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = writeIndex(staging, m)
	}
	if err == nil {
		if mode == replaceFiles {
			err = replaceInto(staging, out, m)
		} else {
			err = promote(staging, out)
		}
	}
	if err != nil {
		os.RemoveAll(staging)
		return nil, err
	}
	return m, nil
}

// replaceInto moves the files of a release from staging into out, which
// holds other files: each replaces the file of its name, all or none, and
// nothing else in out is touched. The staging folder is removed.
func replaceInto(staging, out string, m *Manifest) error {
	names := []string{ManifestName, SumsName}
	for _, e := range m.Artifacts {
		names = append(names, e.Path)
	}
	moves := make([]atomicfile.Move, len(names))
	for i, n := range names {
		moves[i] = atomicfile.Move{Temp: filepath.Join(staging, n), Path: filepath.Join(out, n)}
	}
	if err := atomicfile.Commit(moves); err != nil {
		return err
	}
	return os.RemoveAll(staging)
}
