package text

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"sync"
	"testing"

	"github.com/polypress/polypress/fonts"
)

// TestShapeCacheBounded: however many distinct pieces are put, the cache
// counts no more than cacheBytes, and what it answers is what was put.
func TestShapeCacheBounded(t *testing.T) {
	var c shapeCache
	plan := planKey{font: &Font{id: 7}}
	rng := rand.New(rand.NewPCG(1, 2))
	put := 0
	for i := 0; put < 4*cacheBytes; i++ {
		key := []rune(fmt.Sprintf("piece %d %d", i, rng.IntN(1000)))
		gs := make([]glyph, len(key))
		for j := range gs {
			gs[j] = glyph{cluster: int32(j), id: uint16(i), adv: 64}
		}
		span := [2]int{0, len(key)}
		h := c.hash(plan, key, span)
		c.put(h, plan, key, span, gs)
		put += pieceOverhead + 4*len(key) + 20*len(gs)
		got, ok := c.get(h, plan, key, span)
		if !ok || !reflect.DeepEqual(got, gs) {
			t.Fatalf("piece %d: got %v, %v right after putting it", i, got, ok)
		}
		if i%10000 == 0 {
			if _, bytes := c.use(); bytes > cacheBytes {
				t.Fatalf("after %d pieces: %d bytes counted, limit %d", i, bytes, cacheBytes)
			}
		}
	}
	pieces, bytes := c.use()
	if bytes > cacheBytes || pieces == 0 {
		t.Errorf("%d pieces, %d bytes counted, limit %d", pieces, bytes, cacheBytes)
	}
}

// TestShapeCacheAcrossGoroutines: Shapers on several goroutines, sharing
// one library's cache from empty and filling it at once, lay out every
// paragraph as a Shaper that shapes runs whole without the cache does.
// (Run with -race to see the cache's locking hold.)
func TestShapeCacheAcrossGoroutines(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	lib := NewLibrary()
	if err := lib.AddFS(fonts.FS, "fonts"); err != nil {
		t.Fatal(err)
	}
	reqs := aheadParagraphs()
	ref := NewShaper(lib)
	ref.wholeRuns = true
	want := make([][]Line, len(reqs))
	for i, r := range reqs {
		want[i] = ref.Layout(r.Para, r.Width)
	}
	if pieces, _ := lib.shapes().use(); pieces != 0 {
		t.Fatalf("shaping whole runs cached %d pieces", pieces)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sh := NewShaper(lib)
			for k := range reqs {
				i := (k*7 + g*31) % len(reqs) // each goroutine in its own order
				if got := sh.Layout(reqs[i].Para, reqs[i].Width); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("goroutine %d, paragraph %d: lines differ from whole runs", g, i)
					return
				}
			}
		}()
	}
	wg.Wait()
	if pieces, _ := lib.shapes().use(); pieces == 0 {
		t.Errorf("nothing was cached")
	}
}
