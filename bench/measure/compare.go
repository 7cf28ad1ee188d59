package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/bench/timing"
)

// compare times polypress against each installed peer on the same
// generated statement, in each language: polypress making the peer's
// format (PDF for Typst and WeasyPrint, EPUB for pandoc) and the peer, in
// turn.
func compare(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 2000, "clauses in the generated statement")
	rounds := fs.Int("rounds", 5, "rounds of alternate runs (after one warm-up run of each)")
	langs := fs.String("langs", strings.Join(bench.Langs, ","), "languages of the statement: en, and those the sample is translated into")
	only := fs.String("peers", "typst,weasyprint,pandoc", "peers to run")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || *n < 1 || *rounds < 1 {
		fmt.Fprintln(stderr, "usage: measure compare [-n CLAUSES] [-rounds N] [-langs en,ar,ur] [-peers typst,weasyprint,pandoc]")
		return errUsage
	}
	var peers, missing []string
	all := findPeers()
	var chosen []peer
	for _, key := range list(*only) {
		i := slices.IndexFunc(all, func(p peer) bool { return p.key == key })
		if i < 0 {
			fmt.Fprintf(stderr, "measure compare: unknown peer %q; want typst, weasyprint or pandoc\n", key)
			return errUsage
		}
		if all[i].missing != "" {
			missing = append(missing, all[i].name+": "+all[i].missing)
			continue
		}
		chosen = append(chosen, all[i])
		peers = append(peers, all[i].name)
	}

	w, err := newWorkspace(stderr)
	if err != nil {
		return err
	}
	defer w.close()
	loadBefore := timing.LoadAverage()
	type row struct {
		lang string
		p    peer
		c    timing.Comparison
	}
	var rows []row
	for _, lang := range list(*langs) {
		in, err := w.statement(lang, *n, true)
		if err != nil {
			return err
		}
		for _, p := range chosen {
			fmt.Fprintf(stderr, "Timing polypress and %s, %s, %d rounds…\n", p.name, lang, *rounds)
			pairs, err := timing.Alternate(w.build(in, p.makes), p.command(w, in), *rounds)
			if err != nil {
				return err
			}
			rows = append(rows, row{lang, p, timing.Compare(pairs)})
		}
	}

	fmt.Fprintf(stdout, "polypress against %s: %s-clause statement, %d rounds of alternate runs\n", orNone(peers), thousands(*n), *rounds)
	fmt.Fprintf(stdout, "machine: %s at the end (%s at the start)\n\n", machine(), loadBefore)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "lang\tpeer\tmakes\tpolypress wall\tCPU\tpeak\tpeer wall\tCPU\tpeak\twall ratio\tCPU ratio\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", r.lang, r.p.name, r.p.version, strings.ToUpper(r.p.makes),
			seconds(r.c.A.Wall), seconds(r.c.A.CPU), megabytes(r.c.A.RSS),
			seconds(r.c.B.Wall), seconds(r.c.B.CPU), megabytes(r.c.B.RSS),
			times(r.c.WallRatio), times(r.c.CPURatio))
	}
	tw.Flush()
	fmt.Fprintln(stdout, "\nTimes and peaks are medians; a ratio is the median over the rounds of the peer's time ÷ polypress's")
	fmt.Fprintln(stdout, "in the same round (above 1: polypress is faster). polypress makes the peer's format, one locale.")
	if len(missing) > 0 {
		fmt.Fprintln(stdout, "\nNot measured, missing:")
		for _, m := range missing {
			fmt.Fprintln(stdout, "  "+m)
		}
	}
	return nil
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "no peer"
	}
	return strings.Join(names, ", ")
}
