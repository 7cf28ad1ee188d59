//go:build unix

package confine

import (
	"os"
	"syscall"
)

// openFlags open a FIFO without waiting for a writer.
const openFlags = syscall.O_NONBLOCK

// blocking clears O_NONBLOCK again once the file is known to be regular,
// for which the flag changes nothing, so reads behave as usual.
func blocking(f *os.File) error {
	return syscall.SetNonblock(int(f.Fd()), false)
}
