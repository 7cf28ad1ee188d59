// Command gen writes a statement of N clauses built from the sample
// communiqué's clauses, for benchmarks and bench/compare.sh:
//
//	go run ./bench/gen -n 2000 -o bench/out/2000
//	go run ./bench/gen -n 2000 -lang ur -o bench/out/2000-ur
//
// writes bench/out/2000/statement.md (bench/out is git-ignored). With
// -lang it is built from the sample's translation into that language (ar,
// fr, ur): a statement of its own in that language. Run it from inside the
// module.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/polypress/polypress/bench"
)

func main() {
	n := flag.Int("n", 2000, "number of operative clauses")
	lang := flag.String("lang", "en", "language: en, or a language the sample is translated into (ar, fr, ur)")
	out := flag.String("o", "", "folder to write statement.md into (created if missing); empty writes to standard output")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "gen: no arguments expected; use -n and -o")
		os.Exit(2)
	}
	if err := run(*n, *lang, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(n int, lang, out string) error {
	sample, err := bench.SampleFor(lang)
	if err != nil {
		return err
	}
	src, err := bench.Statement(sample, n)
	if err != nil {
		return err
	}
	if out == "" {
		_, err = os.Stdout.Write(src)
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	path, err := bench.WriteLang(out, lang, n)
	if err == nil {
		fmt.Println(path)
	}
	return err
}
