package release

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/polypress/polypress/pipeline/build"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want Shard
		ok   bool
	}{
		{"1/2", Shard{1, 2}, true},
		{"3/3", Shard{3, 3}, true},
		{"1/1", Shard{1, 1}, true},
		{"0/2", Shard{}, false},
		{"3/2", Shard{}, false},
		{"1/0", Shard{}, false},
		{"1", Shard{}, false},
		{"a/b", Shard{}, false},
		{"-1/2", Shard{}, false},
	}
	for _, tt := range tests {
		got, err := ParseShard(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseShard(%q) = %v, %v", tt.in, got, err)
		}
	}
}

func itemsOfCost(costs ...int64) []Item {
	var out []Item
	for i, c := range costs {
		out = append(out, Item{Target: build.Target{Name: fmt.Sprintf("item-%02d", i)}, Cost: c})
	}
	return out
}

// The parts never overlap, hold every item together, and are balanced: no
// part costs more than the lightest one plus the costliest item.
func TestAssign(t *testing.T) {
	items := itemsOfCost(90, 10, 40, 40, 35, 5, 5, 80, 20, 0, 0, 60, 15)
	var costliest int64
	for _, it := range items {
		costliest = max(costliest, it.Cost)
	}
	for n := 1; n <= len(items)+2; n++ {
		parts := Assign(items, n)
		if len(parts) != n {
			t.Fatalf("n=%d: %d parts", n, len(parts))
		}
		seen := map[string]bool{}
		var loads []int64
		for _, p := range parts {
			var load int64
			for _, it := range p {
				if seen[it.Name()] {
					t.Errorf("n=%d: %s in two parts", n, it.Name())
				}
				seen[it.Name()] = true
				load += it.Cost
			}
			loads = append(loads, load)
		}
		if len(seen) != len(items) {
			t.Errorf("n=%d: parts hold %d of %d items", n, len(seen), len(items))
		}
		if slices.Max(loads) > slices.Min(loads)+costliest {
			t.Errorf("n=%d: unbalanced loads %v", n, loads)
		}
		if again := Assign(items, n); fmt.Sprint(again) != fmt.Sprint(parts) {
			t.Errorf("n=%d: two splits differ", n)
		}
	}
}

// plannedItems plans the statements under path as a release would.
func plannedItems(t *testing.T, path string) (*build.Env, []Item) {
	t.Helper()
	env, err := build.NewEnv(build.Config{Layout: DefaultLayout})
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := Discover([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	p := newPlanner(env, Options{})
	items, _, failures, _ := p.plan(context.Background(), inputs)
	if len(failures) > 0 {
		t.Fatal(failures)
	}
	return env, items
}
