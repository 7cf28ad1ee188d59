// Command measure times polypress as a whole process, against its peers
// and against the speed targets of issue 16. bench/compare.sh and
// bench/targets.sh run it; run it from the module root:
//
//	go run ./bench/measure compare [-n 2000] [-rounds 5] [-langs en,ar,ur] [-peers typst,weasyprint,pandoc]
//	go run ./bench/measure targets [-rounds 5]
//
// Every comparison runs its two commands alternately (A B A B …, after one
// untimed warm-up run of each) and reports the median of the per-round
// ratios, with the machine's load average before and after: see
// bench/timing. Inputs are generated (bench/gen's statements, in English,
// Arabic and Urdu, and bench/peers' Typst and HTML of them) into a
// temporary folder that is removed afterwards.
//
// The exit status is 1 when a tool fails or an input cannot be made, 2 on
// a wrong command line, and 0 otherwise: a missed target or a peer that is
// not installed is reported, not an error.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/polypress/polypress/bench"
	"github.com/polypress/polypress/bench/timing"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks a wrong command line (exit 2).
var errUsage = errors.New("usage")

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: measure compare|targets [flags]")
		return 2
	}
	var err error
	switch args[0] {
	case "compare":
		err = compare(args[1:], stdout, stderr)
	case "targets":
		err = targets(args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "measure: unknown command %q; want compare or targets\n", args[0])
		return 2
	}
	switch {
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		return 2
	case err != nil:
		fmt.Fprintln(stderr, "measure:", err)
		return 1
	}
	return 0
}

// workspace is the temporary folder a measurement works in, with the
// polypress binary built into it.
type workspace struct {
	dir       string
	polypress string
	progress  io.Writer
}

// workspaces are the folders to remove when the measurement is
// interrupted (Ctrl-C, or a kill): a temporary folder of generated
// statements and outputs can run to hundreds of megabytes.
var workspaces = struct {
	sync.Mutex
	dirs []string
}{}

func init() {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sig
		workspaces.Lock()
		for _, d := range workspaces.dirs {
			os.RemoveAll(d)
		}
		fmt.Fprintf(os.Stderr, "measure: %v; stopped\n", s)
		os.Exit(1)
	}()
}

func newWorkspace(progress io.Writer) (*workspace, error) {
	if _, err := os.Stat("go.mod"); err != nil {
		return nil, errors.New("run from the module root (bench/compare.sh and bench/targets.sh do)")
	}
	dir, err := os.MkdirTemp("", "polypress-bench-")
	if err != nil {
		return nil, err
	}
	workspaces.Lock()
	workspaces.dirs = append(workspaces.dirs, dir)
	workspaces.Unlock()
	w := &workspace{dir: dir, polypress: filepath.Join(dir, "polypress"), progress: progress}
	fmt.Fprintln(progress, "Building polypress…")
	if out, err := exec.Command("go", "build", "-o", w.polypress, "./cmd/polypress").CombinedOutput(); err != nil {
		w.close()
		return nil, fmt.Errorf("go build ./cmd/polypress: %v\n%s", err, out)
	}
	return w, nil
}

func (w *workspace) close() { os.RemoveAll(w.dir) }

// input is a generated statement and its peers' versions of it.
type input struct {
	lang, dir string
	clauses   int
}

func (in input) statement() string { return filepath.Join(in.dir, "statement.md") }

// statement generates a statement of n clauses in lang, with its Typst
// and HTML versions when peers is set.
func (w *workspace) statement(lang string, n int, peers bool) (input, error) {
	in := input{lang: lang, clauses: n, dir: filepath.Join(w.dir, fmt.Sprintf("in-%s-%d", lang, n))}
	if _, err := os.Stat(in.statement()); err == nil {
		if !peers {
			return in, nil
		}
		if _, err := os.Stat(filepath.Join(in.dir, "statement.typ")); err == nil {
			return in, nil
		}
	}
	if err := os.MkdirAll(in.dir, 0o755); err != nil {
		return in, err
	}
	if _, err := bench.WriteLang(in.dir, lang, n); err != nil {
		return in, fmt.Errorf("generating %d clauses in %s: %v", n, lang, err)
	}
	if !peers {
		return in, nil
	}
	p, err := bench.PeerFiles(in.statement(), "fonts")
	if err != nil {
		return in, fmt.Errorf("writing the peers' inputs: %v", err)
	}
	if err := os.WriteFile(filepath.Join(in.dir, "statement.typ"), p.Typst, 0o644); err != nil {
		return in, err
	}
	return in, os.WriteFile(filepath.Join(in.dir, "statement.html"), p.HTML, 0o644)
}

// out returns a fresh output folder for name, emptied before every run.
func (w *workspace) out(name string) (string, func() error) {
	dir := filepath.Join(w.dir, "out-"+name)
	return dir, func() error {
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		return os.MkdirAll(dir, 0o755)
	}
}

// build is polypress building in into formats, one locale.
func (w *workspace) build(in input, formats string) timing.Command {
	name := fmt.Sprintf("polypress-%s-%s-%d", strings.ReplaceAll(formats, ",", "+"), in.lang, in.clauses)
	dir, before := w.out(name)
	return timing.Command{
		Name:   "polypress",
		Args:   []string{w.polypress, "build", "--formats", formats, "--locales", in.lang, "--out", dir, in.statement()},
		Before: before,
	}
}

// peer is a tool polypress is compared with.
type peer struct {
	key     string // as -peers names it
	name    string // as the reports do
	makes   string // the format it makes: "pdf" or "epub"
	missing string // why it cannot run, and how to install it; "" when it can
	version string
	command func(w *workspace, in input) timing.Command
}

// typstModule is where bench/package.json installs typst.ts's Node
// compiler.
const typstModule = "bench/node_modules/@myriaddreamin/typst-ts-node-compiler"

// findPeers looks for every peer and says what is missing.
func findPeers() []peer {
	typst := peer{key: "typst", name: "Typst", makes: "pdf",
		command: func(w *workspace, in input) timing.Command {
			dir, before := w.out("typst-" + in.lang)
			return timing.Command{Name: "Typst", Before: before,
				Args: []string{"node", "bench/typst.js", filepath.Join(in.dir, "statement.typ"), filepath.Join(dir, "typst.pdf"), "fonts"}}
		}}
	if _, err := exec.LookPath("node"); err != nil {
		typst.missing = "node is not installed (apt-get install nodejs npm), then (cd bench && npm ci)"
	} else if v, err := packageVersion(typstModule); err != nil {
		typst.missing = "typst.ts is not installed: (cd bench && npm ci)"
	} else {
		typst.version = "(typst.ts " + v + ")"
	}

	weasy := peer{key: "weasyprint", name: "WeasyPrint", makes: "pdf",
		command: func(w *workspace, in input) timing.Command {
			dir, before := w.out("weasyprint-" + in.lang)
			return timing.Command{Name: "WeasyPrint", Before: before,
				Args: []string{"weasyprint", "-p", filepath.Join(in.dir, "statement.html"), filepath.Join(dir, "weasyprint.pdf")}}
		}}
	weasy.version, weasy.missing = toolVersion("weasyprint", "apt-get install weasyprint", "--version")
	weasy.version = strings.TrimPrefix(weasy.version, "WeasyPrint version ")

	pandoc := peer{key: "pandoc", name: "pandoc", makes: "epub",
		command: func(w *workspace, in input) timing.Command {
			dir, before := w.out("pandoc-" + in.lang)
			return timing.Command{Name: "pandoc", Before: before,
				Args: []string{"pandoc", "-o", filepath.Join(dir, "pandoc.epub"), in.statement()}}
		}}
	pandoc.version, pandoc.missing = toolVersion("pandoc", "apt-get install pandoc", "--version")
	pandoc.version = strings.TrimPrefix(pandoc.version, "pandoc ")
	return []peer{typst, weasy, pandoc}
}

// packageVersion reads the version of an installed npm package.
func packageVersion(dir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return "", err
	}
	var p struct{ Version string }
	if err := json.Unmarshal(data, &p); err != nil {
		return "", err
	}
	return p.Version, nil
}

// toolVersion runs tool with args and returns the first line it prints,
// or why it is missing.
func toolVersion(tool, install string, args ...string) (version, missing string) {
	if _, err := exec.LookPath(tool); err != nil {
		return "", tool + " is not installed (" + install + ")"
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		return "", fmt.Sprintf("%s does not run (%v): %s", tool, err, strings.TrimSpace(string(out)))
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line, ""
}

// machine describes the machine and its load, for the reports.
func machine() string {
	return fmt.Sprintf("%d cores, %s/%s, load average %s", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, timing.LoadAverage())
}

// list splits a comma-separated flag value.
func list(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// seconds formats a duration as seconds with two decimals.
func seconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 2, 64) + " s" }

// megabytes formats bytes as whole megabytes (10⁶ bytes).
func megabytes(b int64) string { return strconv.FormatInt((b+500_000)/1_000_000, 10) + " MB" }

// times formats a ratio.
func times(r float64) string { return strconv.FormatFloat(r, 'f', 2, 64) + "×" }

// thousands writes n with a comma between thousands, as the docs do
// ("20,000").
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
