// Command profile runs `polypress build` (or, with -release, `polypress
// release`) in this process under the Go profiler, to see where a build's
// time and memory go:
//
//	go run ./bench/profile -cpuprofile cpu.out -- --formats pdf,epub --locales en --out /tmp/x bench/out/2000
//	go run ./bench/profile -release -cpuprofile cpu.out -- --out /tmp/x samples
//	go tool pprof -top cpu.out
//
// The arguments after -- are the command's; -count repeats it (a build's
// environment, fonts and locale files, is loaded once, as a process does)
// so that a short build gives enough samples. It is the whole command as
// the CLI runs it, less flag parsing and printing.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/release"
)

var buildEnv *build.Env

func main() {
	cpu := flag.String("cpuprofile", "", "write a CPU profile to this file")
	mem := flag.String("memprofile", "", "write an allocation profile to this file")
	count := flag.Int("count", 1, "build this many times")
	rel := flag.Bool("release", false, "profile a release instead of a build")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: profile [-cpuprofile FILE] [-memprofile FILE] [-count N] -- [--formats F] [--locales L] [--out DIR] PATH...")
		flag.PrintDefaults()
	}
	flag.Parse()
	cfg, err := buildConfig(flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		os.Exit(2)
	}
	if err := run(cfg, *rel, *cpu, *mem, *count); err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		os.Exit(1)
	}
}

// buildConfig reads the few build flags a profile needs.
func buildConfig(args []string) (build.Config, error) {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	formats := fs.String("formats", "", "formats, comma-separated")
	locales := fs.String("locales", "", "locales, comma-separated")
	out := fs.String("out", "", "output folder")
	if err := fs.Parse(args); err != nil {
		return build.Config{}, err
	}
	if fs.NArg() == 0 {
		return build.Config{}, fmt.Errorf("no statement to build")
	}
	cfg := build.Config{Paths: fs.Args(), OutDir: *out}
	if *formats != "" {
		cfg.Formats = strings.Split(*formats, ",")
	}
	if *locales != "" {
		cfg.Locales = strings.Split(*locales, ",")
	}
	return cfg, nil
}

func run(cfg build.Config, rel bool, cpu, mem string, count int) error {
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	for i := 0; i < count; i++ {
		if rel {
			if _, err := release.Release(context.Background(), release.Options{Paths: cfg.Paths, OutDir: cfg.OutDir, Force: true}); err != nil {
				return err
			}
			continue
		}
		if i == 0 {
			env, err := build.NewEnv(cfg)
			if err != nil {
				return err
			}
			buildEnv = env
		}
		if _, err := buildEnv.Build(cfg); err != nil {
			return err
		}
	}
	if mem != "" {
		f, err := os.Create(mem)
		if err != nil {
			return err
		}
		defer f.Close()
		runtime.GC()
		return pprof.Lookup("allocs").WriteTo(f, 0)
	}
	return nil
}
