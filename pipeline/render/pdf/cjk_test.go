package pdf

import (
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
)

// cjkEdition is a Chinese edition whose body holds n distinct CJK
// ideographs (from U+4E00 on), fifty to a paragraph: each is a glyph and
// a code of its own in the PDF's font.
func cjkEdition(n int) *doc.Edition {
	ed := edition(false, []string{"会议重申。"})
	ed.Locale, ed.Lang = "zh", "zh"
	ed.Body = nil
	var b []rune
	for i := range n {
		b = append(b, rune(0x4E00+i))
		if len(b) == 50 || i == n-1 {
			ed.Body = append(ed.Body, para(string(b)))
			b = b[:0]
		}
	}
	return ed
}

// BenchmarkDistinctCJK renders statements with 2,500 to 20,000 distinct
// CJK characters: the fonts' codes, subsets and ToUnicode maps grow with
// them (fpdf took about 60 s for 4,000, searching its code map linearly).
func BenchmarkDistinctCJK(b *testing.B) {
	for _, n := range []int{2500, 5000, 10000, 20000} {
		ed := cjkEdition(n)
		opts := testOptions(b, "briefing")
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Render(io.Discard, ed, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestDistinctCJKScalesLinearly holds the PDF of many distinct characters
// linear by its allocations, which do not depend on the machine's load:
// four times the characters must allocate at most five times the memory.
func TestDistinctCJKScalesLinearly(t *testing.T) {
	opts := testOptions(t, "briefing")
	alloc := func(n int) uint64 {
		ed := cjkEdition(n)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := Render(io.Discard, ed, opts); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	alloc(200) // the fonts are parsed on first use
	small, large := alloc(1000), alloc(4000)
	if ratio := float64(large) / float64(small); ratio > 5 {
		t.Errorf("4× the distinct characters allocate %.1f× the memory (%d → %d bytes): not linear", ratio, small, large)
	}
}
