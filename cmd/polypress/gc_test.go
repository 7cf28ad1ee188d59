package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// The collector runs less often while the live heap is small, as it was
// before once it grows past smallHeap, and as GOGC says when it is set.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer func(n uint64) { smallHeap = n }(smallHeap)

	t.Setenv("GOGC", "150")
	tuneGC()
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("with GOGC set, the collector's percentage is %d, want it left alone", p)
	}

	t.Setenv("GOGC", "")
	smallHeap = 16 << 20
	tuneGC()
	if p := debug.SetGCPercent(smallHeapGCPercent); p != smallHeapGCPercent {
		t.Fatalf("percentage %d, want %d", p, smallHeapGCPercent)
	}
	live := make([][]byte, 0, 64)
	for range 64 {
		live = append(live, make([]byte, 1<<20))
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		if p == 100 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("with %d MB live, the percentage stayed %d", len(live), p)
		}
	}
	runtime.KeepAlive(live)
}
