package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	proj "github.com/polypress/polypress/pipeline/project"
)

// command is one flag set with its help, and the streams it prints to.
type command struct {
	name  string // "build", "locales check"
	help  string // the usage text before the flags
	fs    *flag.FlagSet
	out   *output
	set   *settingFlags // the flags that override the project file, if any
	stdio struct{ stdout, stderr io.Writer }
}

// newCommand makes a command's flag set. Its help (--help, "polypress help
// NAME") goes to stdout; a wrong command line prints the error and a hint
// to stderr.
func newCommand(name, help string, stdout, stderr io.Writer) *command {
	c := &command{name: name, help: help}
	c.stdio.stdout, c.stdio.stderr = stdout, stderr
	c.fs = flag.NewFlagSet(name, flag.ContinueOnError)
	c.fs.SetOutput(io.Discard)
	c.fs.Usage = func() {}
	c.out = &output{stdout: stdout, stderr: stderr}
	c.fs.BoolVar(&c.out.quiet, "quiet", false, "print only errors")
	c.fs.BoolVar(&c.out.verbose, "verbose", false, "also print the settings in effect and where each came from")
	return c
}

// printHelp writes the command's help and flags to w.
func (c *command) printHelp(w io.Writer) {
	fmt.Fprint(w, c.help)
	c.fs.SetOutput(w)
	c.fs.PrintDefaults()
	c.fs.SetOutput(io.Discard)
}

// parse reads the command line: flags may come before, between or after
// the arguments ("build samples/x --out dist"), and "--" ends the flags.
// It returns the arguments and -1, or the exit status to stop with: 0
// after --help, 2 for a wrong command line.
func (c *command) parse(args []string) ([]string, int) {
	var positional []string
	for {
		err := c.fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			c.printHelp(c.stdio.stdout)
			return nil, exitOK
		}
		if err != nil {
			return nil, c.usageError("%v", err)
		}
		rest := c.fs.Args()
		if len(rest) == 0 {
			break
		}
		// flag stops at the first argument, or after "--", which it
		// drops: everything after "--" is an argument.
		if i := len(args) - len(rest); i > 0 && args[i-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	c.out.init()
	return positional, -1
}

// usageError reports a wrong command line and returns exit status 2.
func (c *command) usageError(format string, args ...any) int {
	fmt.Fprintf(c.stdio.stderr, "polypress %s: %s\n", c.name, fmt.Sprintf(format, args...))
	fmt.Fprintf(c.stdio.stderr, "Run \"polypress help %s\" for usage.\n", c.name)
	return exitUsage
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

// setFlag collects one value per flag: --parallel en,fr --parallel en,ar
// asks for two parallel editions, each a comma-separated set.
type setFlag []string

func (l *setFlag) String() string { return strings.Join(*l, " ") }

func (l *setFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// settingFlags are the flags that override the project file's settings.
type settingFlags struct {
	project                 string
	out, localeDir, layout  string
	fonts, locales, formats listFlag
	parallel                setFlag
	strict, final           bool
}

// addSettings registers the flags for the settings keys (project file
// keys: "out", "locale_dir", …) and --project.
func (c *command) addSettings(keys ...string) *settingFlags {
	s := &settingFlags{}
	c.set = s
	c.fs.StringVar(&s.project, "project", "", "read this project file instead of the polypress.toml found in this folder or a parent; \"none\" for none")
	for _, k := range keys {
		switch k {
		case "out":
			c.fs.StringVar(&s.out, "out", "", "output folder (default: the project's out, else dist)")
		case "locale_dir":
			c.fs.StringVar(&s.localeDir, "locale-dir", "", "folder of locale files that add to and override the built-in ones (default: the project's locales/)")
		case "layout":
			c.fs.StringVar(&s.layout, "layout", "", "layout name ("+strings.Join(layoutNames(), ", ")+") or a layout .toml file (default: a pack's own layout, else briefing)")
		case "fonts":
			c.fs.Var(&s.fonts, "fonts", "folder of extra .ttf fonts, which join the font stacks by the scripts they cover (may be repeated)")
		case "locales":
			c.fs.Var(&s.locales, "locales", "comma-separated locales to build (default: the canonical language and every translation)")
		case "formats":
			c.fs.Var(&s.formats, "formats", "comma-separated formats: "+strings.Join(formatNames(), ", ")+" (default: all)")
		case "parallel":
			c.fs.Var(&s.parallel, "parallel", "also build a parallel edition of each statement: two or three comma-separated locales side by side, such as en,fr (may be repeated; not for packs)")
		case "strict":
			c.fs.BoolVar(&s.strict, "strict", false, "treat fallbacks to another locale's messages as errors")
		case "final":
			c.fs.BoolVar(&s.final, "final", false, "a final edition: what would make a draft (fallbacks, missing plural forms, stale translations) is an error")
		}
	}
	return s
}

// noProject is the --project value that reads no project file.
const noProject = "none"

// settings resolves the command's settings: the project file (found from
// the working folder, or --project), then the flags given and paths (the
// statements, when any are given). It prints what is wrong and returns
// the exit status to stop with, or -1.
func (c *command) settings(paths []string) (*proj.Settings, int) {
	st, err := c.resolveSettings(paths)
	if err != nil {
		var pe *proj.Error
		if errors.As(err, &pe) && pe.Usage {
			for _, d := range pe.Diags {
				fmt.Fprintf(c.stdio.stderr, "polypress %s: %s\n", c.name, d.Msg)
			}
			fmt.Fprintf(c.stdio.stderr, "Run \"polypress help %s\" for usage.\n", c.name)
			return nil, exitUsage
		}
		c.out.diags(err)
		return nil, exitInput
	}
	if c.out.verbose {
		c.out.settings(st)
	}
	return st, -1
}

// resolveSettings is settings without the printing: watch calls it again
// when the project file changes.
func (c *command) resolveSettings(paths []string) (*proj.Settings, error) {
	var f *proj.File
	file := c.set.project
	if file == "" {
		found, err := proj.Find(".")
		if err != nil {
			return nil, err
		}
		file = found
	}
	if file != "" && file != noProject {
		loaded, err := proj.Load(file, displayPath(file))
		if err != nil {
			return nil, err
		}
		f = loaded
	}
	var ov []proj.Override
	c.fs.Visit(func(fl *flag.Flag) {
		s := c.set
		switch fl.Name {
		case "out":
			ov = append(ov, proj.Override{Key: "out", Value: s.out, Flag: "--out"})
		case "locale-dir":
			ov = append(ov, proj.Override{Key: "locale_dir", Value: s.localeDir, Flag: "--locale-dir"})
		case "layout":
			ov = append(ov, proj.Override{Key: "layout", Value: s.layout, Flag: "--layout"})
		case "fonts":
			ov = append(ov, proj.Override{Key: "fonts", Value: []string(s.fonts), Flag: "--fonts"})
		case "locales":
			ov = append(ov, proj.Override{Key: "locales", Value: []string(s.locales), Flag: "--locales"})
		case "formats":
			ov = append(ov, proj.Override{Key: "formats", Value: []string(s.formats), Flag: "--formats"})
		case "parallel":
			ov = append(ov, proj.Override{Key: "parallel", Value: []string(s.parallel), Flag: "--parallel"})
		case "strict":
			ov = append(ov, proj.Override{Key: "strict", Value: s.strict, Flag: "--strict"})
		case "final":
			ov = append(ov, proj.Override{Key: "final", Value: s.final, Flag: "--final"})
		}
	})
	if len(paths) > 0 {
		ov = append(ov, proj.Override{Key: "statements", Value: paths, Flag: "PATH"})
	}
	return proj.Resolve(f, ".", ov)
}

// displayPath names a file found by an absolute path relative to the
// working folder when it lies below or beside it.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := relPath(wd, p); err == nil {
		return rel
	}
	return p
}
