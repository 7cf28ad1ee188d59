// Package timing measures whole processes the way bench/compare.sh and
// bench/targets.sh report them: wall-clock time, CPU time (user + system,
// every thread, and any child the process waited for) and peak resident
// memory, and compares two commands by running them alternately.
//
// On a shared machine other work stretches wall time in bursts. Running
// the two commands of a comparison in turn (A B A B …) puts each pair under
// nearly the same load, and the median of the per-pair ratios is then a
// fair figure even when the medians of the times themselves are not.
package timing

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// Sample is one run of a command.
type Sample struct {
	Wall time.Duration
	CPU  time.Duration // user + system
	RSS  int64         // peak resident memory, bytes
}

// Command is a process to measure.
type Command struct {
	Name string   // what the reports call it ("polypress", "Typst")
	Args []string // the program and its arguments
	Dir  string   // working folder; "" is the current one
	Env  []string // extra environment, added to the process's own
	// Before runs before every run, untimed: it empties the output
	// folder, so that each run writes its files anew.
	Before func() error
}

// Run runs c once and measures it. A command that exits non-zero, or
// cannot be started, is an error that quotes the end of its output.
func (c Command) Run() (Sample, error) {
	if len(c.Args) == 0 {
		return Sample{}, fmt.Errorf("%s: no command", c.Name)
	}
	if c.Before != nil {
		if err := c.Before(); err != nil {
			return Sample{}, fmt.Errorf("%s: preparing the run: %v", c.Name, err)
		}
	}
	cmd := exec.Command(c.Args[0], c.Args[1:]...)
	cmd.Dir = c.Dir
	if len(c.Env) > 0 {
		cmd.Env = append(os.Environ(), c.Env...)
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return Sample{}, fmt.Errorf("%s failed (%v): %s\n%s", c.Name, err, strings.Join(c.Args, " "), lastLines(out.String(), 12))
	}
	st := cmd.ProcessState
	return Sample{Wall: wall, CPU: st.UserTime() + st.SystemTime(), RSS: peakRSS(st)}, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "\t" + strings.Join(lines, "\n\t")
}

// Repeat runs c once to warm the file cache (untimed), then runs times
// times.
func Repeat(c Command, runs int) ([]Sample, error) {
	if runs < 1 {
		return nil, errors.New("timing: want at least one run")
	}
	if _, err := c.Run(); err != nil {
		return nil, err
	}
	out := make([]Sample, 0, runs)
	for range runs {
		s, err := c.Run()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Pair is one round of a comparison: A's run and then B's.
type Pair struct{ A, B Sample }

// Alternate runs a and b once each to warm the file cache (untimed), then
// rounds times in turn: A B A B …
func Alternate(a, b Command, rounds int) ([]Pair, error) {
	runs, err := Rotate([]Command{a, b}, rounds)
	if err != nil {
		return nil, err
	}
	return PairsOf(runs, 0, 1), nil
}

// Rotate is Alternate for any number of commands: each once, untimed, then
// rounds times all of them in order. runs[r][i] is command i's run in
// round r.
func Rotate(cmds []Command, rounds int) (runs [][]Sample, err error) {
	if rounds < 1 {
		return nil, errors.New("timing: want at least one round")
	}
	for _, c := range cmds {
		if _, err := c.Run(); err != nil {
			return nil, err
		}
	}
	for range rounds {
		round := make([]Sample, len(cmds))
		for i, c := range cmds {
			if round[i], err = c.Run(); err != nil {
				return nil, err
			}
		}
		runs = append(runs, round)
	}
	return runs, nil
}

// PairsOf takes commands a and b of each round of Rotate as pairs.
func PairsOf(runs [][]Sample, a, b int) []Pair {
	out := make([]Pair, len(runs))
	for r, round := range runs {
		out[r] = Pair{round[a], round[b]}
	}
	return out
}

// Stats are the medians of a set of runs, and the largest peak memory.
type Stats struct {
	Wall, CPU time.Duration
	RSS       int64 // median peak resident memory
	MaxRSS    int64 // the largest of the runs' peaks
	Runs      int
}

// Summarize takes the medians of samples.
func Summarize(samples []Sample) Stats {
	var wall, cpu, rss []float64
	var maxRSS int64
	for _, s := range samples {
		wall = append(wall, float64(s.Wall))
		cpu = append(cpu, float64(s.CPU))
		rss = append(rss, float64(s.RSS))
		maxRSS = max(maxRSS, s.RSS)
	}
	return Stats{
		Wall: time.Duration(Median(wall)), CPU: time.Duration(Median(cpu)),
		RSS: int64(Median(rss)), MaxRSS: maxRSS, Runs: len(samples),
	}
}

// Comparison is what a run of Alternate shows: each command's medians,
// and the medians of the per-round ratios B ÷ A.
type Comparison struct {
	A, B                Stats
	WallRatio, CPURatio float64
}

// Compare summarizes the rounds of Alternate.
func Compare(pairs []Pair) Comparison {
	var as, bs []Sample
	var wall, cpu []float64
	for _, p := range pairs {
		as, bs = append(as, p.A), append(bs, p.B)
		wall = append(wall, ratio(p.B.Wall, p.A.Wall))
		cpu = append(cpu, ratio(p.B.CPU, p.A.CPU))
	}
	return Comparison{A: Summarize(as), B: Summarize(bs), WallRatio: Median(wall), CPURatio: Median(cpu)}
}

func ratio(b, a time.Duration) float64 {
	if a <= 0 {
		// A process too quick for the clock: no ratio can be told.
		return 0
	}
	return float64(b) / float64(a)
}

// Median is the middle value of xs, or the mean of the two middle values
// when there are an even number; 0 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// LoadAverage is the machine's load average over 1, 5 and 15 minutes, as
// /proc/loadavg gives it ("1.20 0.95 0.80"), or "unknown".
func LoadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
