package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Go's collector runs, by default, each time the heap has doubled since
// the last collection. A build's live heap is small (under 30 MB for a
// 2,000-clause statement) and it allocates fast, so the collector ran
// nine times in half a second, and on two cores its workers took about a
// tenth of the process's CPU time. While the live heap stays under
// smallHeap, polypress lets the heap grow to five times its live size
// between collections (two collections for that statement); past it (a
// statement of many thousands of clauses), the usual policy comes back,
// so that memory stays in proportion. GOGC or GOMEMLIMIT in the
// environment leave the collector as they set it.
const smallHeapGCPercent = 400

// smallHeap is a variable for tests.
var smallHeap uint64 = 64 << 20

func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(smallHeapGCPercent)
	watchHeap()
}

// gcSentinel is garbage whose finalizer runs after each collection; it
// holds a pointer so that the allocator does not batch it with other
// small objects, which would keep it alive.
type gcSentinel struct {
	p *gcSentinel
	_ [16]byte
}

// watchHeap checks the live heap after the next collection, and again
// after each one until it passes smallHeap.
func watchHeap() {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 && live[0].Value.Uint64() > smallHeap {
			debug.SetGCPercent(100)
			return
		}
		watchHeap()
	})
}
