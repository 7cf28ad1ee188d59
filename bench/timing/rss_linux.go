package timing

import (
	"os"
	"syscall"
)

// peakRSS is the process's peak resident memory: Linux reports it in
// kilobytes.
func peakRSS(st *os.ProcessState) int64 {
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024
	}
	return 0
}
