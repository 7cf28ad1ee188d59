package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/bench/timing"
)

// A target of issue 16 and how it came out.
type target struct {
	what     string
	measured string
	verdict  string // "met", "MISSED" or "not measured"
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

// targets measures polypress against the speed targets of issue 16 and
// prints each with met or MISSED, then the Typst ratios in every language.
func targets(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("targets", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rounds := fs.Int("rounds", 5, "rounds of alternate runs (after one warm-up run of each)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *rounds < 1 {
		fmt.Fprintln(stderr, "usage: measure targets [-rounds N]")
		return errUsage
	}
	samples, err := makeSamples("Makefile")
	if err != nil {
		return err
	}
	typst := findPeers()[0]
	w, err := newWorkspace(stderr)
	if err != nil {
		return err
	}
	defer w.close()
	loadBefore := timing.LoadAverage()
	var ts []target

	// Typst, in every language; the target is English's.
	type typstRow struct {
		lang string
		c    timing.Comparison
	}
	var typstRows []typstRow
	if typst.missing == "" {
		for _, lang := range bench.Langs {
			in, err := w.statement(lang, 2000, true)
			if err != nil {
				return err
			}
			fmt.Fprintf(stderr, "Timing polypress and Typst, 2,000 clauses, %s…\n", lang)
			pairs, err := timing.Alternate(w.build(in, "pdf"), typst.command(w, in), *rounds)
			if err != nil {
				return err
			}
			typstRows = append(typstRows, typstRow{lang, timing.Compare(pairs)})
		}
		c := typstRows[0].c
		ts = append(ts,
			target{"2,000 clauses, en, PDF: CPU ≤ 1/3 of Typst's", "Typst ÷ polypress CPU " + times(c.CPURatio) + " (needs ≥ 3×)", verdict(c.CPURatio >= 3)},
			target{"2,000 clauses, en, PDF: wall ≤ 1/3 of Typst's", "Typst ÷ polypress wall " + times(c.WallRatio) + " (needs ≥ 3×)", verdict(c.WallRatio >= 3)})
	} else {
		for _, what := range []string{"2,000 clauses, en, PDF: CPU ≤ 1/3 of Typst's", "2,000 clauses, en, PDF: wall ≤ 1/3 of Typst's"} {
			ts = append(ts, target{what, "Typst is missing: " + typst.missing, "not measured"})
		}
	}

	// 2,000 and 20,000 clauses, PDF and EPUB, in turn.
	small, err := w.statement("en", 2000, false)
	if err != nil {
		return err
	}
	large, err := w.statement("en", 20000, false)
	if err != nil {
		return err
	}
	fmt.Fprintln(stderr, "Timing 2,000 and 20,000 clauses, PDF and EPUB…")
	pairs, err := timing.Alternate(w.build(small, "pdf,epub"), w.build(large, "pdf,epub"), *rounds)
	if err != nil {
		return err
	}
	sizes := timing.Compare(pairs)
	ts = append(ts, target{"2,000 clauses, en, PDF + EPUB: ≤ 0.5 s wall, ≤ 250 MB",
		fmt.Sprintf("%s wall (%s CPU), %s peak", seconds(sizes.A.Wall), seconds(sizes.A.CPU), megabytes(sizes.A.MaxRSS)),
		verdict(sizes.A.Wall.Seconds() <= 0.5 && sizes.A.MaxRSS <= 250_000_000)})

	// The sample release, and make sample as a user runs it (go run, so
	// compiling and linking included) and the build it runs, on its own.
	release, beforeRelease := w.out("release")
	made, beforeMake := w.out("make-sample")
	built, beforeBuild := w.out("build-samples")
	cmds := []timing.Command{
		{Name: "polypress release", Before: beforeRelease,
			Args: []string{w.polypress, "release", "--out", release + "/dist", "samples"}},
		{Name: "make sample", Before: beforeMake,
			Args: []string{"make", "--no-print-directory", "sample", "OUT=" + made}},
		{Name: "polypress build (make sample's)", Before: beforeBuild,
			Args: append([]string{w.polypress, "build", "--out", built}, samples...)},
	}
	fmt.Fprintln(stderr, "Timing the sample release, make sample, and make sample's build…")
	runs, err := timing.Rotate(cmds, *rounds)
	if err != nil {
		return err
	}
	rel := timing.Compare(timing.PairsOf(runs, 0, 1))
	bare := timing.Compare(timing.PairsOf(runs, 0, 2))
	ts = append(ts,
		target{"whole sample release ≤ 0.5 s wall",
			fmt.Sprintf("%s wall (%s CPU), %d files", seconds(rel.A.Wall), seconds(rel.A.CPU), countFiles(release+"/dist")),
			verdict(rel.A.Wall.Seconds() <= 0.5)},
		target{"make sample within 20 % of the release",
			fmt.Sprintf("make sample ÷ release %s wall (%s, %d files); its build alone %s (%s)",
				times(rel.WallRatio), seconds(rel.B.Wall), countFiles(made), times(bare.WallRatio), seconds(bare.B.Wall)),
			verdict(rel.WallRatio <= 1.2)},
		target{"20,000 clauses ≤ 10 × the 2,000-clause time",
			fmt.Sprintf("20,000 ÷ 2,000 %s wall, %s CPU (%s wall)", times(sizes.WallRatio), times(sizes.CPURatio), seconds(sizes.B.Wall)),
			verdict(sizes.WallRatio <= 10)},
		target{"20,000 clauses: peak memory ≤ 400 MB", megabytes(sizes.B.MaxRSS) + " peak", verdict(sizes.B.MaxRSS <= 400_000_000)})

	version, _ := toolVersion(w.polypress, "", "version")
	fmt.Fprintf(stdout, "%s against the targets of issue 16, %d rounds of alternate runs\n", version, *rounds)
	fmt.Fprintf(stdout, "machine: %s at the end (%s at the start)\n\n", machine(), loadBefore)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "target\tmeasured\tverdict")
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", t.what, t.measured, t.verdict)
	}
	tw.Flush()
	if len(typstRows) > 0 {
		fmt.Fprintf(stdout, "\nTypst %s beside polypress, 2,000 clauses, PDF, one locale:\n", typst.version)
		tw = tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "lang\tpolypress wall\tCPU\tpeak\tTypst wall\tCPU\tpeak\twall ratio\tCPU ratio\t")
		for _, r := range typstRows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.lang,
				seconds(r.c.A.Wall), seconds(r.c.A.CPU), megabytes(r.c.A.RSS),
				seconds(r.c.B.Wall), seconds(r.c.B.CPU), megabytes(r.c.B.RSS),
				times(r.c.WallRatio), times(r.c.CPURatio))
		}
		tw.Flush()
	}
	fmt.Fprintln(stdout, "\nTimes are medians; a ratio is the median over the rounds of one command's time ÷ the other's")
	fmt.Fprintln(stdout, "in the same round; memory targets hold the largest peak of the rounds (MB = 10⁶ bytes).")
	if typst.missing != "" {
		fmt.Fprintln(stdout, "\nNot measured, missing:\n  Typst: "+typst.missing)
	}
	return nil
}

// makeSamples reads the paths `make sample` builds from the Makefile's
// SAMPLES line, so that the target times the same build.
func makeSamples(makefile string) ([]string, error) {
	f, err := os.Open(makefile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "SAMPLES := "); ok {
			if paths := strings.Fields(rest); len(paths) > 0 {
				return paths, nil
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%s: no SAMPLES := line, so what make sample builds is unknown", makefile)
}

// countFiles counts the editions in a folder: its files less a release's
// manifest.json and SHA256SUMS.
func countFiles(dir string) int {
	n := 0
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if name := e.Name(); !e.IsDir() && name != "manifest.json" && name != "SHA256SUMS" {
			n++
		}
	}
	return n
}
