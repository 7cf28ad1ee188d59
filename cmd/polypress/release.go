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
  polypress release [--out DIR] [--shard K/N] [--verify] [--json] [PATH...]
  polypress release merge [--out DIR] [--json] SHARD_DIR...

Builds every edition of every statement (a folder holding statement.md) and
briefing pack (pack.yaml) under PATH (default samples) in every locale each
declares, in every format (%s), into DIR (default dist), with DIR/manifest.json
and DIR/SHA256SUMS. DIR is replaced only when everything built; otherwise it
is left as it was and every failure is listed (exit 1).

"merge" combines the folders of a sharded release into one.
See docs/release.md.

Flags:
`

// runRelease is "polypress release".
func runRelease(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "merge" {
		return runMerge(args[1:], stdout, stderr)
	}
	fs := newFlagSet("release", releaseHelp(), stderr)
	var opts release.Options
	var shard string
	var asJSON bool
	fs.StringVar(&opts.OutDir, "out", "dist", "release folder")
	fs.StringVar(&shard, "shard", "", "build only shard K of N (K/N), for CI matrices")
	fs.BoolVar(&opts.Verify, "verify", false, "build everything twice and fail on any difference")
	fs.BoolVar(&opts.Force, "force", false, "write into an output folder that holds files a release did not write, file by file, deleting nothing")
	fs.BoolVar(&asJSON, "json", false, "print one JSON event per line")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if shard != "" {
		s, err := release.ParseShard(shard)
		if err != nil {
			fmt.Fprintf(stderr, "polypress release: %v\n", err)
			return exitUsage
		}
		opts.Shard = s
	}
	epoch, err := build.EpochFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "polypress: %v\n", err)
		return exitUsage
	}
	opts.Epoch = epoch
	opts.Paths = fs.Args()

	rep := newReporter(stdout, stderr, asJSON)
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
	fs := newFlagSet("release merge", releaseHelp(), stderr)
	var out string
	var asJSON bool
	fs.StringVar(&out, "out", "dist", "merged release folder")
	force := fs.Bool("force", false, "write into an output folder that holds files a release did not write, file by file, deleting nothing")
	fs.BoolVar(&asJSON, "json", false, "print one JSON event per line")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "polypress release merge: no release folders given")
		return exitUsage
	}
	rep := newReporter(stdout, stderr, asJSON)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m, err := release.Merge(ctx, fs.Args(), release.MergeOptions{OutDir: out, Force: *force})
	if ctx.Err() != nil && err != nil {
		err = fmt.Errorf("interrupted; %s left as it was", out)
	}
	return rep.result("release merge", m, out, err)
}

// reporter shows a release's progress: a bar on a terminal, one plain line
// per artifact in logs (stdout not a terminal, or CI=true), or JSON events.
type reporter struct {
	stdout, stderr io.Writer
	json           *json.Encoder
	bar            bool
	barShown       bool
}

func newReporter(stdout, stderr io.Writer, asJSON bool) *reporter {
	r := &reporter{stdout: stdout, stderr: stderr}
	if asJSON {
		r.json = json.NewEncoder(stdout)
		r.json.SetEscapeHTML(false)
	} else {
		r.bar = isTerminal(stdout) && os.Getenv("CI") != "true"
	}
	return r
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// jsonEvent is the shape of --json events; docs/release.md lists them.
type jsonEvent struct {
	Event    string          `json:"event"`
	Name     string          `json:"name,omitempty"`
	Done     int             `json:"done,omitempty"`
	Total    int             `json:"total,omitempty"`
	Artifact *release.Entry  `json:"artifact,omitempty"`
	Error    string          `json:"error,omitempty"`
	Errors   []string        `json:"errors,omitempty"`
	Dir      string          `json:"dir,omitempty"`
	Manifest *manifestDigest `json:"manifest,omitempty"`
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
		fmt.Fprintln(r.stderr, e.Err.Error())
	case "verify":
		r.clearBar()
		fmt.Fprintf(r.stdout, "verifying: building all %d artifacts again\n", e.Total)
	}
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
		if r.json != nil {
			r.json.Encode(jsonEvent{Event: "failed", Errors: msgs, Dir: dir})
		} else {
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
