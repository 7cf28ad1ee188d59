// Command polypress publishes official statements in many languages: from
// one canonical statement in Markdown, its translations and locale files,
// it lays out print-ready PDF, accessible EPUB 3 and web (HTML) editions.
//
// Run "polypress help" for the commands.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/render"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK       = 0
	exitInput    = 1 // bad input: the message says file:line:col
	exitUsage    = 2 // the command line itself is wrong (an --out over the inputs too)
	exitInternal = 3 // a bug in polypress: no input should ever cause it
)

// usage is the top-level help. The formats are those registered with
// pipeline/render, read when the help is printed.
func usage() string {
	return fmt.Sprintf(usageFormat, strings.ToUpper(strings.Join(render.Names(), ", ")))
}

const usageFormat = `polypress publishes official statements in many languages.

Usage:
  polypress build [flags] PATH...   build the editions (%s)
  polypress locales COMMAND         translators' status, check, init and stamp
  polypress release [flags] [PATH]  build every edition, with a manifest
  polypress release merge DIR...    merge the shards of a release
  polypress version                 print the version
  polypress help [COMMAND]          show help

PATH is a statement file or a folder holding statement.md; translations
(statement.<lang>.md) beside it are found automatically. PATH may also be
a briefing pack manifest (pack.yaml, or a folder holding one).
Run "polypress help build" or "polypress help release" for their flags.
`

// run is main without the process: it takes the arguments and the output
// streams and returns the exit status, so tests can call it. A panic that
// escaped every stage is a bug: it is reported as one, with exit status 3,
// rather than as a Go stack trace.
func run(args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "polypress: internal error: %v, please report\n", p)
			code = exitInternal
		}
	}()
	return dispatch(args, stdout, stderr)
}

// dispatch runs the command args name; tests replace it to reach run's
// recover.
var dispatch = runCommand

func runCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		return runBuild(rest, stdout, stderr)
	case "locales":
		return runLocales(rest, stdout, stderr)
	case "release":
		return runRelease(rest, stdout, stderr)
	case "version", "--version":
		fmt.Fprintf(stdout, "polypress %s\n", build.Version)
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return runCommand([]string{rest[0], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage())
		return exitOK
	default:
		fmt.Fprintf(stderr, "polypress: unknown command %q\n\n%s", cmd, usage())
		return exitUsage
	}
}

// listFlag collects comma-separated values, from one or several flags.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", "Usage: polypress build [flags] PATH...\n\nBuilds DIR/<id>.<locale>.<format> for each statement and pack, in each format:\n\n"+
		render.Help("  ")+"\nFlags:\n", stderr)
	var cfg build.Config
	var locales, formats, fontDirs listFlag
	fs.Var(&locales, "locales", "comma-separated locales to build (default: the canonical language and every translation)")
	fs.Var(&formats, "formats", "comma-separated formats: "+strings.Join(render.Names(), ", ")+" (default: all)")
	fs.StringVar(&cfg.Layout, "layout", "", "layout name (briefing, letter) or a layout .toml file (default: a pack's own layout, else briefing)")
	fs.StringVar(&cfg.OutDir, "out", "dist", "output folder")
	fs.Var(&fontDirs, "fonts", "folder of extra .ttf fonts (may be repeated)")
	fs.StringVar(&cfg.LocaleDir, "locale-dir", "", "read locale files from this folder instead of the built-in ones")
	fs.BoolVar(&cfg.Strict, "strict", false, "treat fallbacks to another locale's messages as errors")
	var bleed string
	fs.StringVar(&bleed, "bleed", "", "print bleed around each page, e.g. 3mm or 9pt (the page boxes grow; backgrounds run into it)")
	fs.BoolVar(&cfg.CropMarks, "crop-marks", false, "draw crop marks outside the bleed")
	fs.BoolVar(&cfg.Recto, "recto", false, "start each statement of a pack on a right-hand page")
	fs.BoolVar(&cfg.AllowMissingGlyphs, "allow-missing-glyphs", false, "warn instead of failing on characters no font covers; the PDF prints \uFFFD in their place")
	final := fs.Bool("final", false, "a final edition: what would make a draft (fallbacks, missing plural forms, stale translations) is an error")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "polypress build: no statement given")
		fs.Usage()
		return exitUsage
	}
	if bleed != "" {
		b, err := layout.ParseLength(bleed)
		if err != nil || b < 0 || b > 72 {
			fmt.Fprintf(stderr, "polypress build: --bleed %q: give a length from 0 to 25mm, such as 3mm or 9pt\n", bleed)
			return exitUsage
		}
		cfg.Bleed = b
	}
	cfg.Paths = fs.Args()
	// Every condition that marks an edition draft is a fallback that
	// Strict turns into an error, so a final edition is a strict one.
	cfg.Strict = cfg.Strict || *final
	if _, err := render.Formats(formats); err != nil {
		fmt.Fprintf(stderr, "polypress build: --formats: %v\n", err)
		return exitUsage
	}
	cfg.Locales, cfg.Formats, cfg.FontDirs = locales, formats, fontDirs
	epoch, err := build.EpochFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "polypress: %v\n", err)
		return exitUsage
	}
	cfg.Epoch = epoch

	res, err := build.Build(cfg)
	if err != nil {
		var oe *build.OutDirError
		if errors.As(err, &oe) {
			fmt.Fprintf(stderr, "polypress build: %v\n", err)
			return exitUsage
		}
		for _, d := range diag.Flatten(err) {
			fmt.Fprintln(stderr, d.Error())
		}
		return exitInput
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, w.Error())
	}
	for _, a := range res.Artifacts {
		detail := fmt.Sprintf("%d bytes", a.Bytes)
		if a.Pages > 0 {
			detail = fmt.Sprintf("%d pages, %s", a.Pages, detail)
		}
		if a.Draft {
			detail += ", draft"
		}
		fmt.Fprintf(stdout, "wrote %s (%s)\n", a.Path, detail)
	}
	return exitOK
}
