// Package confine reads files named by user data — a pack's entries, the
// files inside a statement folder, translations, logos, layouts and their
// bases, fonts, locale files, release manifests — without letting that data
// reach outside the folder it belongs to, block the process or exhaust its
// memory:
//
//   - Within resolves a path with filepath.EvalSymlinks against an absolute,
//     resolved root and refuses it unless it stays inside;
//   - ReadFile and ReadFS open only regular files (never a FIFO, a device or
//     a socket, which could block forever or never end) and refuse a file
//     larger than a limit before allocating anything for it.
//
// The limits themselves belong to the packages that read each kind of file;
// docs/format.md lists them.
package confine

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// OutsideError reports a path that resolves outside its root, usually
// through a symbolic link.
type OutsideError struct {
	Path string // as given
	Real string // where it leads, symbolic links resolved
	Root string // the folder it must stay in, resolved
}

func (e *OutsideError) Error() string {
	return fmt.Sprintf("%s leads to %s, outside %s", e.Path, e.Real, e.Root)
}

// NotRegularError reports a file that is not a regular file: a folder, a
// FIFO, a device or a socket.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file", e.Path, describeMode(e.Mode))
}

// TooLargeError reports a file larger than the limit for its kind.
type TooLargeError struct {
	Path  string
	Size  int64 // -1 when the file grew while it was read
	Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("%s grew past %s while it was read", e.Path, Size(e.Limit))
	}
	return fmt.Sprintf("%s is %s, more than the %s allowed", e.Path, Size(e.Size), Size(e.Limit))
}

func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "a special file"
}

// Size formats a byte count the way the limits are documented: "8 MiB".
func Size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Real returns the absolute path of path with every symbolic link
// resolved.
func Real(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// Within resolves path (absolute, or relative to the working directory)
// and returns its real path if it lies inside root (or is root), following
// every symbolic link on the way. Both are made absolute before they are
// compared, so a relative root cannot be mistaken for a different folder.
// A path that does not exist is an error wrapping fs.ErrNotExist.
func Within(root, path string) (string, error) {
	realRoot, err := Real(root)
	if err != nil {
		return "", err
	}
	real, err := Real(path)
	if err != nil {
		return "", err
	}
	if !Inside(realRoot, real) {
		return "", &OutsideError{Path: path, Real: real, Root: realRoot}
	}
	return real, nil
}

// Inside reports whether the absolute, clean path p is dir or lies under
// it.
func Inside(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	if err != nil || filepath.IsAbs(rel) {
		return false
	}
	return rel == "." || filepath.IsLocal(rel)
}

// Overlap reports whether a and b (absolute, clean) are the same folder or
// one lies inside the other.
func Overlap(a, b string) bool { return Inside(a, b) || Inside(b, a) }

// ReadFile reads the regular file at path, following symbolic links,
// refusing anything but a regular file and any file larger than limit
// bytes. It never blocks on a FIFO and never allocates more than the file's
// size plus one byte.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, path, limit)
}

// Open opens the regular file at path for reading, with the checks of
// ReadFile. The caller closes it.
func Open(path string, limit int64) (*os.File, error) {
	// O_NONBLOCK makes opening a FIFO return at once instead of waiting
	// for a writer; the descriptor is then checked and refused.
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &NotRegularError{Path: path, Mode: fi.Mode()}
	}
	if fi.Size() > limit {
		f.Close()
		return nil, &TooLargeError{Path: path, Size: fi.Size(), Limit: limit}
	}
	if err := blocking(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ReadFS reads name from fsys with the checks of ReadFile: the file must
// be regular and at most limit bytes, which is checked before it is opened
// (opening a FIFO would block) and again on the open file.
func ReadFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &NotRegularError{Path: name, Mode: fi.Mode()}
	}
	if fi.Size() > limit {
		return nil, &TooLargeError{Path: name, Size: fi.Size(), Limit: limit}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &NotRegularError{Path: name, Mode: fi.Mode()}
	}
	return readAll(f, name, limit)
}

// readAll reads f to its end, failing once it has read more than limit
// bytes, whatever its size said: a file may grow after it was checked.
func readAll(f fs.File, name string, limit int64) ([]byte, error) {
	var size int64
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	buf := make([]byte, 0, min(max(size, 0), limit)+1)
	for {
		if len(buf) == cap(buf) {
			grown := min(max(2*int64(cap(buf)), 512), limit+1)
			buf = slices.Grow(buf, int(grown)-len(buf))
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, &TooLargeError{Path: name, Size: -1, Limit: limit}
		}
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Cause returns the message of err without the path an *fs.PathError or
// one of this package's errors repeats, for diagnostics whose position
// already names the file.
func Cause(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		// os.Root's error for a link out of the root.
		if pe.Err.Error() == "path escapes from parent" {
			return "it is a symbolic link that leads out of its folder"
		}
		return pe.Err.Error()
	}
	var nr *NotRegularError
	if errors.As(err, &nr) {
		return "it is " + describeMode(nr.Mode) + ", not a regular file"
	}
	var tl *TooLargeError
	if errors.As(err, &tl) {
		if tl.Size < 0 {
			return "it grew past " + Size(tl.Limit) + " while it was read"
		}
		return fmt.Sprintf("it is %s, more than the %s allowed", Size(tl.Size), Size(tl.Limit))
	}
	var oe *OutsideError
	if errors.As(err, &oe) {
		return fmt.Sprintf("it leads to %s, outside %s", oe.Real, oe.Root)
	}
	return strings.TrimPrefix(err.Error(), "open ")
}

// Reason is err with the message of Cause, still unwrapping to err, for
// diagnostics that carry the file in their position.
func Reason(err error) error { return &reason{err} }

type reason struct{ err error }

func (r *reason) Error() string { return Cause(r.err) }
func (r *reason) Unwrap() error { return r.err }
