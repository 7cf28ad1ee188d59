//go:build unix

package release

import (
	"errors"
	"os"
	"syscall"
)

// createFlags: with flock, the lock file may exist already (a release
// that died leaves it, unlocked).
const createFlags = 0

// tryLock takes an exclusive flock on f without waiting: held is false
// when another process holds it.
func tryLock(f *os.File) (held bool, err error) {
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}
