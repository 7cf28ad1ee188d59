package release

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/internal/confine"
)

// Two releases into one output folder at once would swap their folders in
// and out under each other: one of them fails in a rename, leaving its
// previous folder behind, and with --force the folder could end up with
// the files of one and the manifest of the other. So a release holds a lock
// on its output folder while it publishes: the file .DIR.lock beside it,
// locked with flock where the system has it (then a release that died
// leaves no lock: the system drops it), made with O_EXCL elsewhere. It is
// taken before anything is planned, so a second release is refused at
// once, naming the process that holds the lock.

// BusyError reports an output folder another release is writing.
type BusyError struct {
	Out string
	PID int // the holder, 0 when not known
}

func (e *BusyError) Error() string {
	holder := "another release"
	if e.PID > 0 {
		holder = fmt.Sprintf("another release (process %d)", e.PID)
	}
	return fmt.Sprintf("%s is writing this folder now; run one release at a time into a folder", holder)
}

func lockPath(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
}

// lockOut takes the lock of the output folder out (see above), or returns
// a *BusyError positioned at display, the folder as the user named it. The
// caller runs unlock when it has finished with out.
func lockOut(out, display string) (unlock func(), err error) {
	path := lockPath(out)
	// The lock goes beside out, whose folder may not exist yet: make it,
	// and remove what was made if it is still empty at the end, so that a
	// release that fails leaves nothing behind.
	var made []string
	for d := filepath.Dir(out); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || d == filepath.Dir(d) {
			break
		}
		made = append(made, d)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, diag.Errorf(diag.Pos{File: filepath.Dir(display)}, "cannot write the release beside %s: %s", filepath.Base(out), confine.Cause(err))
	}
	removeMade := func() {
		for _, d := range made {
			os.Remove(d)
		}
	}
	release, err := lockFile(display, path)
	if err != nil {
		removeMade()
		return nil, err
	}
	return func() {
		release()
		removeMade()
	}, nil
}

func lockFile(display, path string) (unlock func(), err error) {
	for range 10 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|createFlags, 0o644)
		if errors.Is(err, os.ErrExist) {
			return nil, busy(display, path)
		}
		if err != nil {
			return nil, diag.Errorf(diag.Pos{File: filepath.Dir(display)}, "cannot write the release beside %s: %s", filepath.Base(display), confine.Cause(err))
		}
		held, err := tryLock(f)
		if err != nil || !held {
			f.Close()
			if err != nil {
				return nil, err
			}
			return nil, busy(display, path)
		}
		// The holder before us may have removed the file between our
		// open and our lock: then we hold a lock on a file no one else
		// will open, and must try again with the one at the path.
		fi, err1 := f.Stat()
		pi, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(fi, pi) {
			f.Close()
			continue
		}
		f.Truncate(0)
		f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
		return func() {
			os.Remove(path)
			f.Close()
		}, nil
	}
	return nil, busy(display, path)
}

func busy(display, path string) error {
	e := &BusyError{Out: display}
	// The lock file may be anything someone put there: read it as data.
	if data, err := confine.ReadFile(path, 64); err == nil {
		e.PID, _ = strconv.Atoi(strings.TrimSpace(string(data)))
	}
	return diag.List{{Pos: diag.Pos{File: display}, Msg: "", Err: e}}
}
