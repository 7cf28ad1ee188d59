package release

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Shard is the K-th of N parts of a release (1 ≤ K ≤ N ≤ MaxShards). The
// zero Shard is the whole release.
type Shard struct{ K, N int }

// MaxShards bounds N: splitting allocates per shard, and no CI matrix has
// thousands of jobs. It is checked before anything is allocated, for a
// --shard flag and for a manifest read by merge alike.
const MaxShards = 4096

// ParseShard reads "K/N".
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	ki, err1 := strconv.Atoi(k)
	ni, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni || ni > MaxShards {
		return Shard{}, fmt.Errorf("shard %q: want K/N with 1 ≤ K ≤ N ≤ %d, e.g. 1/4", clipShard(s), MaxShards)
	}
	return Shard{ki, ni}, nil
}

// clipShard shortens a shard string for a message.
func clipShard(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func (s Shard) String() string {
	if s.N == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// Whole reports whether s is the whole release.
func (s Shard) Whole() bool { return s.N <= 1 }

// Assign splits items into n parts of about equal cost: longest first,
// each to the part with the least cost so far (the lowest index on a tie).
// It depends only on the items' names and costs, so every shard of a CI
// matrix computes the same split: the parts never overlap and together
// hold every item. Each part keeps the order of items.
func Assign(items []Item, n int) [][]Item {
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ia, ib := items[order[a]], items[order[b]]
		if ia.Cost != ib.Cost {
			return ia.Cost > ib.Cost
		}
		return ia.Name() < ib.Name()
	})
	load := make([]int64, n)
	part := make([]int, len(items))
	for _, i := range order {
		best := 0
		for p := 1; p < n; p++ {
			if load[p] < load[best] {
				best = p
			}
		}
		part[i] = best
		// Count every item as costing at least 1, so items of unknown
		// cost still spread over the parts.
		load[best] += max(items[i].Cost, 1)
	}
	out := make([][]Item, n)
	for i, it := range items {
		out[part[i]] = append(out[part[i]], it)
	}
	return out
}

// Select returns the items of shard s.
func (s Shard) Select(items []Item) []Item {
	if s.Whole() {
		return items
	}
	return Assign(items, s.N)[s.K-1]
}
