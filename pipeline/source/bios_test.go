package source

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// bioStatement is a statement with n authors, each with a role and a bio
// of two sentences, as a long list of contributors to a joint statement
// would be.
func bioStatement(n int) []byte {
	var b strings.Builder
	b.WriteString("---\nid: bios\ntitle: Many authors\ndate: 2020-06-22\nlang: en\nauthors:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: Author %d\n    role: Delegate of member state %d\n    bio: Author %d has served as a delegate since %d. Before that, *they* worked on water policy.\n", i, i, i, 1990+i%30)
	}
	b.WriteString("---\nThe text of the statement.\n")
	return []byte(b.String())
}

// BenchmarkAuthorBios parses statements with 2,500, 5,000, 10,000 and
// 20,000 author bios (1×, 2×, 4×, 8×): the time per bio must not grow with
// the number of bios. docs/performance.md has the table.
func BenchmarkAuthorBios(b *testing.B) {
	for _, n := range []int{2500, 5000, 10000, 20000} {
		src := bioStatement(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Parse("bios.md", src); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/bio")
		})
	}
}

// allocated returns the bytes allocated by one Parse of src.
func allocated(t *testing.T, src []byte) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if _, err := Parse("bios.md", src); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// The work of parsing author bios is linear in their number. Bytes
// allocated stand for time here because they do not depend on the load of
// the machine: four times the bios must not take much more than four times
// the memory. Splitting the whole front matter once per bio made it grow
// with the square (16× for 4× the bios).
func TestAuthorBiosScaleLinearly(t *testing.T) {
	small := allocated(t, bioStatement(1000))
	large := allocated(t, bioStatement(4000))
	if ratio := float64(large) / float64(small); ratio > 5 {
		t.Errorf("4× the bios allocate %.1f× the memory (%d → %d bytes): parsing bios is not linear", ratio, small, large)
	}
}
