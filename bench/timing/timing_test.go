package timing

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := Median(tt.in); got != tt.want {
			t.Errorf("Median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// The ratio reported is the median of the rounds' ratios, not the ratio of
// the medians: a round under load slows both of its runs and cancels out.
func TestCompareTakesTheMedianOfPerRoundRatios(t *testing.T) {
	s := func(wall, cpu time.Duration, rss int64) Sample { return Sample{Wall: wall, CPU: cpu, RSS: rss} }
	pairs := []Pair{
		{s(1*time.Second, 1*time.Second, 100), s(3*time.Second, 2*time.Second, 200)}, // 3×, 2×
		{s(4*time.Second, 2*time.Second, 120), s(8*time.Second, 8*time.Second, 210)}, // 2×, 4× (a loaded round)
		{s(2*time.Second, 1*time.Second, 110), s(5*time.Second, 3*time.Second, 190)}, // 2.5×, 3×
	}
	c := Compare(pairs)
	if c.WallRatio != 2.5 || c.CPURatio != 3 {
		t.Errorf("ratios wall %v, CPU %v; want 2.5 and 3", c.WallRatio, c.CPURatio)
	}
	if c.A.Wall != 2*time.Second || c.B.Wall != 5*time.Second || c.A.RSS != 110 || c.B.MaxRSS != 210 || c.B.Runs != 3 {
		t.Errorf("stats A %+v, B %+v", c.A, c.B)
	}
}

func TestRunMeasuresAndReportsFailures(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("measures Linux processes")
	}
	// A busy child: CPU time is counted for the process itself.
	busy := Command{Name: "busy", Args: []string{"sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"}}
	s, err := busy.Run()
	if err != nil {
		t.Fatal(err)
	}
	if s.Wall <= 0 || s.CPU <= 0 || s.RSS <= 0 {
		t.Errorf("sample %+v; want wall, CPU and memory measured", s)
	}
	fail := Command{Name: "failing", Args: []string{"sh", "-c", "echo first; echo the reason >&2; exit 3"}}
	if _, err := fail.Run(); err == nil || !strings.Contains(err.Error(), "failing failed") || !strings.Contains(err.Error(), "the reason") {
		t.Errorf("a failing command gave %v; want an error naming it and quoting its output", err)
	}
	if _, err := (Command{Name: "missing", Args: []string{"polypress-no-such-program"}}).Run(); err == nil {
		t.Error("a missing program gave no error")
	}
}

func TestAlternateRunsInTurnAfterAWarmUp(t *testing.T) {
	var order []string
	cmd := func(name string) Command {
		return Command{Name: name, Args: []string{"true"}, Before: func() error { order = append(order, name); return nil }}
	}
	pairs, err := Alternate(cmd("A"), cmd("B"), 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 3 || strings.Join(order, "") != "AB"+"ABABAB" {
		t.Errorf("%d pairs, runs %s; want a warm-up of each, then A B three times", len(pairs), strings.Join(order, ""))
	}
	if _, err := Alternate(cmd("A"), Command{Name: "B", Args: []string{"false"}}, 2); err == nil {
		t.Error("a failing B gave no error")
	}
}
