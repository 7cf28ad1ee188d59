package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path"
	"strings"
	"syscall"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/release"
	"github.com/polypress/polypress/pipeline/render"
)

// releaseHelp is the release command's help, naming the registered
// formats.
func releaseHelp() string {
	return fmt.Sprintf(releaseUsage, strings.Join(render.Names(), ", "))
}

const releaseUsage = `Usage:
  polypress release [flags] [PATH...]
  polypress release merge [--out DIR] [--json] SHARD_DIR...

Builds every edition of every statement (a folder holding statement.md) and
briefing pack (pack.yaml) under PATH (default: the project file's
statements) in every locale each declares, in every format (%s), into DIR
(default: the project's out, else dist), with DIR/manifest.json and
DIR/SHA256SUMS. It takes every setting build takes, from the project file
(polypress.toml) and the flags. DIR is replaced only when everything built;
otherwise it is left as it was and every failure is listed (exit 1).

"merge" combines the folders of a sharded release into one.
See docs/release.md.

Flags:
`

// runRelease is "polypress release".
func runRelease(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "merge" {
		return runMerge(args[1:], stdout, stderr)
	}
	c := newCommand("release", releaseHelp(), stdout, stderr)
	c.addSettings("out", "locale_dir", "layout", "fonts", "locales", "formats", "parallel", "strict", "final")
	c.addDiagnostics()
	var opts release.Options
	var shard string
	var asJSON bool
	c.fs.StringVar(&shard, "shard", "", "build only shard K of N (K/N), for CI matrices")
	c.fs.BoolVar(&opts.Verify, "verify", false, "build everything twice and fail on any difference")
	c.fs.BoolVar(&opts.Force, "force", false, "write into an output folder that holds files a release did not write, file by file, deleting nothing")
	c.fs.BoolVar(&asJSON, "json", false, "print one JSON event per line; problems as objects")
	paths, code := c.parse(args)
	if code >= 0 {
		return code
	}
	if shard != "" {
		s, err := release.ParseShard(shard)
		if err != nil {
			return c.usageError("%v", err)
		}
		opts.Shard = s
	}
	s, code := c.settings(paths)
	if code >= 0 {
		return code
	}
	if len(s.Statements) == 0 {
		return c.usageError("no statements: name folders to release, or run in a project (polypress new DIR makes one)")
	}
	epoch, err := build.EpochFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "polypress: %v\n", err)
		return exitUsage
	}
	opts.Epoch = epoch
	opts.Paths, opts.OutDir = s.Statements, s.Out
	opts.Layout, opts.LocaleDir, opts.FontDirs = s.Layout, s.LocaleDir, s.Fonts
	opts.Locales, opts.Formats, opts.Parallel = s.Locales, s.Formats, s.Parallel
	opts.Strict, opts.Final, opts.Root = s.Strict || s.Final, s.Final, s.Root

	rep := newReporter(c.out, asJSON)
	opts.Event = rep.event
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m, err := release.Release(ctx, opts)
	rep.finish()
	if ctx.Err() != nil && err != nil {
		err = fmt.Errorf("interrupted; %s left as it was", opts.OutDir)
	}
	return rep.result("release", m, opts.OutDir, err)
}

// runMerge is "polypress release merge".
func runMerge(args []string, stdout, stderr io.Writer) int {
	c := newCommand("release merge", releaseHelp(), stdout, stderr)
	c.addSettings("out")
	c.fs.Lookup("out").Usage = "merged release folder (default: the project's out, else dist)"
	var asJSON bool
	force := c.fs.Bool("force", false, "write into an output folder that holds files a release did not write, file by file, deleting nothing")
	c.fs.BoolVar(&asJSON, "json", false, "print one JSON event per line")
	dirs, code := c.parse(args)
	if code >= 0 {
		return code
	}
	if len(dirs) == 0 {
		return c.usageError("no release folders given")
	}
	s, code := c.settings(nil)
	if code >= 0 {
		return code
	}
	out := s.Out
	rep := newReporter(c.out, asJSON)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m, err := release.Merge(ctx, dirs, release.MergeOptions{OutDir: out, Force: *force})
	if ctx.Err() != nil && err != nil {
		err = fmt.Errorf("interrupted; %s left as it was", out)
	}
	return rep.result("release merge", m, out, err)
}

// reporter shows a release's progress: a bar on a terminal, one plain line
// per artifact in logs (stdout not a terminal, or in CI), or JSON events.
type reporter struct {
	out            *output
	stdout, stderr io.Writer
	json           *json.Encoder
	bar            bool
	barShown       bool
}

func newReporter(out *output, asJSON bool) *reporter {
	r := &reporter{out: out, stdout: out.stdout, stderr: out.stderr}
	if asJSON {
		r.json = json.NewEncoder(out.stdout)
		r.json.SetEscapeHTML(false)
	} else {
		r.bar = isTerminal(out.stdout) && !inCI() && !out.quiet && out.format != diagGitHub
	}
	return r
}

// jsonEvent is the shape of --json events; docs/release.md lists them.
type jsonEvent struct {
	Event    string         `json:"event"`
	Name     string         `json:"name,omitempty"`
	Done     int            `json:"done,omitempty"`
	Total    int            `json:"total,omitempty"`
	Artifact *release.Entry `json:"artifact,omitempty"`
	Error    string         `json:"error,omitempty"`
	Errors   []string       `json:"errors,omitempty"`
	Dir      string         `json:"dir,omitempty"`
	// Diagnostics are the problems of a "warn" or "failed" event, as
	// objects.
	Diagnostics []jsonDiag      `json:"diagnostics,omitempty"`
	Manifest    *manifestDigest `json:"manifest,omitempty"`
}

type manifestDigest struct {
	Artifacts int `json:"artifacts"`
	Skipped   int `json:"skipped"`
}

func (r *reporter) event(e release.Event) {
	if r.json != nil {
		je := jsonEvent{Event: e.Type, Name: e.Name, Done: e.Done, Total: e.Total, Artifact: e.Entry}
		if e.Err != nil {
			je.Error = e.Err.Error()
			je.Diagnostics = jsonDiags(failureDiags(e.Name, e.Err))
		}
		r.json.Encode(je)
		return
	}
	switch e.Type {
	case "done":
		if r.bar {
			r.drawBar(e)
			return
		}
		if r.out.quiet {
			return
		}
		detail := fmt.Sprintf("%d bytes", e.Entry.Bytes)
		if e.Entry.Pages > 0 {
			detail = fmt.Sprintf("%d pages, %s", e.Entry.Pages, detail)
		}
		if e.Entry.Draft {
			detail += ", draft"
		}
		fmt.Fprintf(r.stdout, "[%d/%d] %s (%s) %s\n", e.Done, e.Total, e.Entry.Path, detail, e.Entry.SHA256)
	case "fail":
		// One line as it happens; the details are listed at the end.
		r.clearBar()
		fmt.Fprintf(r.stderr, "FAILED %s\n", e.Name)
		if r.bar && e.Total > 0 {
			r.drawBar(e)
		}
	case "skip":
		r.clearBar()
		fmt.Fprintf(r.stderr, "skipped %s: %v\n", e.Name, e.Err)
	case "warn":
		r.clearBar()
		r.out.list(diag.Flatten(e.Err))
	case "verify":
		r.clearBar()
		fmt.Fprintf(r.stdout, "verifying: building all %d artifacts again\n", e.Total)
	}
}

// failureDiags returns the diagnostics of a failed input or artifact,
// each placed at least in the file named (the input, or the artifact).
func failureDiags(name string, err error) diag.List {
	var out diag.List
	for _, d := range diag.Flatten(err) {
		dd := *d
		if dd.Pos.File == "" {
			dd.Pos.File = name
		}
		out = append(out, &dd)
	}
	return out
}

// errorLines prints an error as its diagnostics, one per line.
func errorLines(err error) string {
	var lines []string
	for _, d := range diag.Flatten(err) {
		lines = append(lines, d.Error())
	}
	return strings.Join(lines, "\n")
}

const barWidth = 30

func (r *reporter) drawBar(e release.Event) {
	filled := 0
	if e.Total > 0 {
		filled = barWidth * e.Done / e.Total
	}
	fmt.Fprintf(r.stdout, "\r\x1b[K[%s%s] %d/%d %s", strings.Repeat("#", filled), strings.Repeat(" ", barWidth-filled), e.Done, e.Total, e.Name)
	r.barShown = true
}

func (r *reporter) clearBar() {
	if r.barShown {
		fmt.Fprint(r.stdout, "\r\x1b[K")
		r.barShown = false
	}
}

func (r *reporter) finish() { r.clearBar() }

// result reports how the release or merge (cmd) ended and returns the
// exit status: 2 for an output folder refused before anything was done.
func (r *reporter) result(cmd string, m *release.Manifest, dir string, err error) int {
	var oe *build.OutDirError
	if errors.As(err, &oe) {
		if r.json != nil {
			r.json.Encode(jsonEvent{Event: "failed", Errors: []string{err.Error()}, Dir: dir})
		} else {
			fmt.Fprintf(r.stderr, "polypress %s: %v\n", cmd, err)
		}
		return exitUsage
	}
	if err != nil {
		var failed *release.FailedError
		var msgs []string
		if errors.As(err, &failed) {
			for _, f := range failed.Failures {
				for _, line := range strings.Split(errorLines(f.Err), "\n") {
					// Diagnostics of an input already name its files.
					if !strings.HasPrefix(line, f.Name) && !strings.HasPrefix(line, path.Dir(f.Name)+"/") {
						line = f.Name + ": " + line
					}
					msgs = append(msgs, line)
				}
			}
		} else {
			msgs = strings.Split(errorLines(err), "\n")
		}
		var all diag.List
		if failed != nil {
			for _, f := range failed.Failures {
				all.Append(failureDiags(f.Name, f.Err))
			}
		} else {
			all = failureDiags("", err)
		}
		switch {
		case r.json != nil:
			r.json.Encode(jsonEvent{Event: "failed", Errors: msgs, Dir: dir, Diagnostics: jsonDiags(all)})
		case r.out.format == diagGitHub:
			r.out.list(all)
		default:
			if failed != nil {
				fmt.Fprintf(r.stderr, "polypress release: %d failed; %s left as it was:\n", len(failed.Failures), dir)
			}
			for _, msg := range msgs {
				fmt.Fprintln(r.stderr, msg)
			}
		}
		return exitInput
	}
	if r.json != nil {
		r.json.Encode(jsonEvent{Event: "finished", Dir: dir, Manifest: &manifestDigest{Artifacts: len(m.Artifacts), Skipped: len(m.Skipped)}})
	} else {
		fmt.Fprintf(r.stdout, "released %d artifacts into %s (%s, %s)\n", len(m.Artifacts), dir, release.ManifestName, release.SumsName)
	}
	return exitOK
}
