// Command polypress publishes official statements in many languages: from
// one canonical statement in Markdown, its translations and locale files,
// it lays out print-ready PDF, accessible EPUB 3 and web (HTML) editions.
//
// Run "polypress help" for the commands.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/render"
)

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// stdin is what the path "-" reads; tests replace it.
var stdin io.Reader = os.Stdin

// Exit statuses.
const (
	exitOK       = 0
	exitInput    = 1 // bad input: the message says file:line:col
	exitUsage    = 2 // the command line itself is wrong (an --out over the inputs too)
	exitInternal = 3 // a bug in polypress: no input should ever cause it
)

// commands are polypress's commands, in the order the help lists them;
// init fills the table, which the completion command reads.
var commands []struct {
	name, synopsis, summary string
	run                     func(args []string, stdout, stderr io.Writer) int
}

func init() {
	commands = []struct {
		name, synopsis, summary string
		run                     func(args []string, stdout, stderr io.Writer) int
	}{
		{"build", "build [flags] [PATH...]", "build the editions (%s)", runBuild},
		{"release", "release [flags] [PATH...]", "build every edition, with a manifest", runRelease},
		{"watch", "watch [flags] [PATH]", "rebuild on every change and serve a preview", runWatch},
		{"new", "new [--kind KIND] DIR", "start a project: polypress.toml, a statement, a translation", runNew},
		{"locales", "locales COMMAND", "translators' status, check, init, export, import, stamp", runLocales},
		{"config", "config [--json]", "print the settings in effect and where each came from", runConfig},
		{"completion", "completion bash|zsh|fish", "print a shell completion script", runCompletion},
		{"version", "version", "print the version", nil},
		{"help", "help [COMMAND]", "show help", nil},
	}
}

// usage is the top-level help. The formats are those registered with
// pipeline/render, read when the help is printed.
func usage() string {
	var b strings.Builder
	b.WriteString("polypress publishes official statements in many languages.\n\nUsage:\n")
	for _, c := range commands {
		summary := c.summary
		if strings.Contains(summary, "%s") {
			summary = fmt.Sprintf(summary, strings.ToUpper(strings.Join(render.Names(), ", ")))
		}
		fmt.Fprintf(&b, "  polypress %-28s %s\n", c.synopsis, summary)
	}
	b.WriteString(`
PATH is a statement file or a folder holding statement.md (folders are
searched for statements and packs); translations (statement.<lang>.md)
beside it are found automatically. PATH may also be a briefing pack
manifest (pack.yaml, or a folder holding one), or "-" for a statement on
standard input. Without PATH, the statements of the project file
(polypress.toml, in this folder or a parent) are built.

Flags may come before or after the arguments. Every command that reads
settings takes --project FILE, --quiet and --verbose.
Run "polypress help COMMAND" for a command's flags.
`)
	return b.String()
}

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
	case "version", "--version":
		fmt.Fprintf(stdout, "polypress %s\n", build.Version)
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			return runCommand(append(append([]string(nil), rest...), "--help"), stdout, stderr)
		}
		fmt.Fprint(stdout, usage())
		return exitOK
	default:
		for _, c := range commands {
			if c.name == cmd && c.run != nil {
				return c.run(rest, stdout, stderr)
			}
		}
		fmt.Fprintf(stderr, "polypress: unknown command %q\n\n%s", cmd, usage())
		return exitUsage
	}
}

// layoutNames lists the built-in layouts.
func layoutNames() []string { return layout.Names(layouts.FS) }

// formatNames lists the registered formats.
func formatNames() []string {
	names := render.Names()
	sort.Strings(names)
	return names
}
