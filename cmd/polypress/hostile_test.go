package main

// The red-team cases of issue 18, rebuilt from its description, each run
// as its own process so that its time and memory can be held to the
// issue's bounds: at most 5 s and 500 MB, whatever the input. The time
// bound is on the CPU time the process used, which other work on a shared
// machine does not stretch; its wall time is logged when it is longer. A
// case that would hang is killed after 30 s and fails; the child runs under
// a 4 GB address-space limit, so a case that would exhaust memory fails
// instead of taking the machine down.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for polypress: the hostile cases
// run it again with POLYPRESS_TEST_MAIN=1 and polypress's arguments.
func TestMain(m *testing.M) {
	if os.Getenv("POLYPRESS_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	code := m.Run()
	removeInstalled()
	os.Exit(code)
}

// The issue's bounds for every hostile case.
const (
	maxTime = 5 * time.Second
	maxRSS  = 500 << 20
	// killAfter ends a case that hangs.
	killAfter = 30 * time.Second
)

// outcome is how one polypress process ended.
type outcome struct {
	code           int
	stdout, stderr string
	wall, cpu      time.Duration // cpu: user + system
	rss            int64         // peak resident set, bytes
}

// polypress runs polypress args in dir as a child process, with
// SOURCE_DATE_EPOCH set and env added, and measures it.
func polypress(t *testing.T, dir string, env []string, args ...string) outcome {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), killAfter)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/bin/sh", append([]string{"-c", `ulimit -v 4000000; exec "$0" "$@"`, self}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "POLYPRESS_TEST_MAIN=1", "SOURCE_DATE_EPOCH=1593000000", "CI=true")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	o := outcome{stdout: stdout.String(), stderr: stderr.String(), wall: time.Since(start), code: cmd.ProcessState.ExitCode()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		o.rss = ru.Maxrss << 10 // kilobytes on Linux
		o.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if ctx.Err() != nil {
		t.Fatalf("polypress %s: still running after %v, killed", strings.Join(args, " "), killAfter)
	}
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return o
}

// hostile runs a hostile case and checks that it stayed within the bounds,
// ended with exit status code, printed no Go stack trace, and said want
// (a regular expression) on stderr.
func hostile(t *testing.T, dir string, env []string, code int, want string, args ...string) outcome {
	t.Helper()
	o := polypress(t, dir, env, args...)
	if o.cpu > maxTime {
		t.Errorf("took %v of CPU time (%v wall), more than %v", o.cpu.Round(time.Millisecond), o.wall.Round(time.Millisecond), maxTime)
	} else if o.wall > maxTime {
		t.Logf("took %v wall but %v of CPU time: the machine is busy", o.wall.Round(time.Millisecond), o.cpu.Round(time.Millisecond))
	}
	if o.rss > maxRSS {
		t.Errorf("used %d MB, more than %d MB", o.rss>>20, maxRSS>>20)
	}
	if o.code != code {
		t.Errorf("exit status %d, want %d\nstderr:\n%s", o.code, code, clip(o.stderr))
	}
	if strings.Contains(o.stderr, "goroutine ") || strings.Contains(o.stderr, "panic:") {
		t.Errorf("printed a Go panic:\n%s", clip(o.stderr))
	}
	if !regexp.MustCompile(want).MatchString(o.stderr) {
		t.Errorf("stderr does not match %q:\n%s", want, clip(o.stderr))
	}
	return o
}

func clip(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// snapshot records every file, folder and link under root, with contents.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(path)
			out[rel] = "-> " + target
		case d.IsDir():
			out[rel] = "dir"
		case d.Type().IsRegular():
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			out[rel] = hex.EncodeToString(sum[:])
		default:
			out[rel] = d.Type().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSnapshot(t *testing.T, before, after map[string]string) {
	t.Helper()
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed (%s → %q)", k, v, after[k])
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s appeared", k)
		}
	}
}

// write writes files under dir: a content starting with "->" makes a
// symbolic link, "fifo" a FIFO.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		switch target, link := strings.CutPrefix(content, "->"); {
		case link:
			err = os.Symlink(target, path)
		case content == "fifo":
			err = syscall.Mkfifo(path, 0o644)
		default:
			err = os.WriteFile(path, []byte(content), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func abs(t *testing.T, path string) string {
	t.Helper()
	a, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// project makes a project folder like a clone: samples/, a .git folder, a
// README and the project file.
func project(t *testing.T) string {
	t.Helper()
	proj := filepath.Join(t.TempDir(), "proj")
	if err := os.CopyFS(filepath.Join(proj, "samples"), os.DirFS(abs(t, "../../samples"))); err != nil {
		t.Fatal(err)
	}
	write(t, proj, map[string]string{".git/HEAD": "ref: refs/heads/main\n", "README.md": "# a project\n", "polypress.toml": readFile(t, "../../polypress.toml")})
	return proj
}

// good is a statement that builds.
func good(t *testing.T) string { return readFile(t, "testdata/good/statement.md") }

// secret is a statement outside every input: no link may bring its text
// into an edition.
const secret = "---\nid: secret\ntitle: SECRET OUTSIDE TITLE\ndate: 2020-06-22\nlang: en\n---\nSECRET OUTSIDE TEXT.\n"

// Finding 1: "release --out samples samples", "--out ." in a project
// folder, "--out proj proj/samples" and "--out samples/world-scripts
// samples" exited 0 after deleting the sources (and .git). They exit 2
// and leave every file byte-identical; so do merge and build.
func TestIssue18Finding1OutputOverInputs(t *testing.T) {
	proj := project(t)
	parent := filepath.Dir(proj)
	before := snapshot(t, parent)
	for _, tt := range []struct {
		dir  string
		args []string
		want string
	}{
		{proj, []string{"release", "--out", "samples", "samples"}, `output folder samples: it is the input samples`},
		{proj, []string{"release", "--out", "."}, `output folder \.: it contains the input samples`},
		{parent, []string{"release", "--out", "proj", "proj/samples"}, `output folder proj: it contains the input proj/samples`},
		{proj, []string{"release", "--out", "samples/world-scripts", "samples"}, `output folder samples/world-scripts: it lies inside the input samples`},
		{proj, []string{"release", "--force", "--out", "samples", "samples"}, `it is the input samples`},
		{proj, []string{"release", "merge", "--out", ".", "samples"}, `output folder \.: it contains the input samples`},
		{proj, []string{"build", "--out", "samples/world-scripts", "samples/world-scripts"}, `output folder samples/world-scripts: it is the input`},
		{proj, []string{"build", "--out", ".", "samples/world-scripts"}, `output folder \.: it contains the input samples/world-scripts`},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			hostile(t, tt.dir, nil, exitUsage, tt.want, tt.args...)
			sameSnapshot(t, before, snapshot(t, parent))
		})
	}
}

// A release replaces only a release folder (one with manifest.json and
// nothing else); any other folder is refused, or with --force written into
// file by file, deleting nothing.
func TestIssue18Finding1ForeignOutputFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	write(t, out, map[string]string{"notes.txt": "mine", "drafts/a.md": "mine too"})
	before := snapshot(t, dir)
	hostile(t, ".", nil, exitUsage, `output folder .*out: it holds files a release did not write \(drafts/, notes\.txt\).*--force`,
		"release", "--out", out, "testdata/good")
	sameSnapshot(t, before, snapshot(t, dir))

	o := polypress(t, ".", nil, "release", "--force", "--out", out, "testdata/good")
	if o.code != exitOK {
		t.Fatalf("release --force: exit %d\n%s", o.code, o.stderr)
	}
	got := snapshot(t, out)
	for _, f := range []string{"notes.txt", "drafts/a.md", "manifest.json", "SHA256SUMS", "good.en.pdf", "good.fr.epub"} {
		if _, ok := got[f]; !ok {
			t.Errorf("after release --force, %s is missing", f)
		}
	}
	// A release folder is replaced as a whole, as before.
	rel := filepath.Join(dir, "rel")
	for range 2 {
		if o := polypress(t, ".", nil, "release", "--out", rel, "testdata/good"); o.code != exitOK {
			t.Fatalf("release into a release folder: exit %d\n%s", o.code, o.stderr)
		}
	}
}

// shards builds the two shards of a release of testdata/good.
func shards(t *testing.T) (string, []string) {
	t.Helper()
	root := t.TempDir()
	var dirs []string
	for k := 1; k <= 2; k++ {
		d := filepath.Join(root, fmt.Sprintf("shard-%d", k))
		if o := polypress(t, ".", nil, "release", "--shard", fmt.Sprintf("%d/2", k), "--out", d, "testdata/good"); o.code != exitOK {
			t.Fatalf("shard %d: exit %d\n%s", k, o.code, o.stderr)
		}
		dirs = append(dirs, d)
	}
	return root, dirs
}

func TestIssue18Finding1MergeOverItsShards(t *testing.T) {
	root, dirs := shards(t)
	before := snapshot(t, root)
	hostile(t, root, nil, exitUsage, `output folder \.: it contains the input`, append([]string{"release", "merge", "--out", "."}, dirs...)...)
	hostile(t, root, nil, exitUsage, `it is the input`, append([]string{"release", "merge", "--out", dirs[0]}, dirs...)...)
	sameSnapshot(t, before, snapshot(t, root))
}

// Finding 2: files outside a pack were published through symbolic links
// when the pack was named by a relative path, and the statement.md and
// translations of a listed folder were never checked: "SECRET OUTSIDE
// TITLE" went into the PDF and manifest.json. A layout's base was read
// from anywhere.
func TestIssue18Finding2OutsideFiles(t *testing.T) {
	base := t.TempDir()
	elsewhere := filepath.Join(base, "elsewhere")
	write(t, base, map[string]string{
		"elsewhere/statement.md":      secret,
		"elsewhere/logo.png":          readFile(t, "../../samples/briefing-pack/logo.png"),
		"elsewhere/layout.toml":       "base = \"briefing\"\n[body]\nsize = 11\n",
		"pack-link/pack.yaml":         "id: p\ntitle: P\ndate: 2020-06-30\nstatements:\n  - link\n",
		"pack-link/link":              "->" + elsewhere,
		"pack-file/pack.yaml":         "id: p\ntitle: P\ndate: 2020-06-30\nstatements:\n  - s1\n",
		"pack-file/s1/statement.md":   "->../../elsewhere/statement.md",
		"pack-tr/pack.yaml":           "id: p\ntitle: P\ndate: 2020-06-30\nstatements:\n  - s1\n",
		"pack-tr/s1/statement.md":     good(t),
		"pack-tr/s1/statement.fr.md":  "->" + filepath.Join(elsewhere, "statement.md"),
		"pack-logo/pack.yaml":         "id: p\ntitle: P\ndate: 2020-06-30\nlogo: logo.png\nstatements:\n  - s1\n",
		"pack-logo/logo.png":          "->../elsewhere/logo.png",
		"pack-logo/s1/statement.md":   good(t),
		"pack-layout/pack.yaml":       "id: p\ntitle: P\ndate: 2020-06-30\nlayout: l.toml\nstatements:\n  - s1\n",
		"pack-layout/l.toml":          "->" + filepath.Join(elsewhere, "layout.toml"),
		"pack-layout/s1/statement.md": good(t),
		"layouts/abs.toml":            "base = \"" + filepath.Join(elsewhere, "layout.toml") + "\"\n",
		"layouts/rel.toml":            "base = \"layout.toml\"\n",
		"layout.toml":                 "base = \"briefing\"\n[bodi]\nsize = 11\n", // in the working directory: not the base
	})
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"pack entry link, relative pack", []string{"build", "--out", "out", "pack-link"}, `pack-link/pack\.yaml:5:5: "link" is a symbolic link that leaves the pack's folder`},
		{"statement.md link in a listed folder", []string{"build", "--out", "out", "pack-file"}, `pack-file/pack\.yaml:5:5: "s1": it leads to .*elsewhere/statement\.md, outside`},
		{"translation link", []string{"build", "--out", "out", "pack-tr"}, `pack-tr/s1/statement\.fr\.md: cannot read translation: it leads to .*elsewhere/statement\.md, outside`},
		{"logo link", []string{"build", "--out", "out", "pack-logo"}, `pack-logo/pack\.yaml:4:7: "logo\.png" is a symbolic link that leaves the pack's folder`},
		{"layout link", []string{"build", "--out", "out", "pack-layout"}, `pack-layout/pack\.yaml:4:9: "l\.toml" is a symbolic link that leaves the pack's folder`},
		{"release, statement.md link", []string{"release", "--out", "rel", "pack-file"}, `it leads to .*elsewhere/statement\.md, outside`},
		{"release, translation link", []string{"release", "--out", "rel", "pack-tr"}, `statement\.fr\.md: cannot read translation: it leads to`},
		{"absolute layout base", []string{"build", "--out", "out", "--layout", "layouts/abs.toml", "pack-tr/s1/statement.md"}, `layouts/abs\.toml:1:1: base ".*" is an absolute path`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := hostile(t, base, nil, exitInput, tt.want, tt.args...)
			if strings.Contains(o.stdout+o.stderr, "SECRET") {
				t.Errorf("the outside statement's text was read:\n%s", o.stdout+o.stderr)
			}
			for _, d := range []string{"out", "rel"} {
				if _, err := os.Stat(filepath.Join(base, d)); err == nil {
					t.Errorf("%s was written", d)
				}
			}
		})
	}
	// A relative base is found beside the layout, not in the working
	// directory.
	t.Run("relative layout base", func(t *testing.T) {
		write(t, base, map[string]string{"layouts/layout.toml": "base = \"briefing\"\n[body]\nsize = 11\n", "plain/statement.md": good(t)})
		o := polypress(t, base, nil, "build", "--formats", "pdf", "--out", "out-rel", "--layout", "layouts/rel.toml", "plain")
		if o.code != exitOK {
			t.Fatalf("exit %d: %s", o.code, o.stderr)
		}
	})
}

// frLocales copies the shipped locale files and changes fr.toml's page
// line to text.
func frLocales(t *testing.T, text string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "my-locales")
	if err := os.CopyFS(dir, os.DirFS(abs(t, "../../locales"))); err != nil {
		t.Fatal(err)
	}
	fr := filepath.Join(dir, "fr.toml")
	src := readFile(t, fr)
	const page = `other = "Page {{.Page}} sur {{.Total}}"`
	if !strings.Contains(src, page) {
		t.Fatal("fr.toml has no page_x_of_y line to change")
	}
	if err := os.WriteFile(fr, []byte(strings.Replace(src, page, "other = "+strconvQuote(text), 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Finding 3: locale templates ran unchecked: {{range 1000000000000}} hung
// build while "locales check --strict" passed, {{range 30000000}} took
// 1.4 GB, {{call .Page}}, {{template "x"}}, {{.Page.Foo}} silently fell
// back to English and passed --final, and {{.Foo}} printed "<no value>".
func TestIssue18Finding3LocaleTemplates(t *testing.T) {
	for _, text := range []string{
		`{{range 1000000000000}}{{end}}`,
		`{{range 30000000}}Page {{.Page}} sur {{.Total}}{{end}}`,
		`Page {{call .Page}} sur {{.Total}}`,
		`Page {{template "x"}} sur {{.Total}}`,
		`Page {{.Page.Foo}} sur {{.Total}}`,
		`Page {{.Foo}} sur {{.Page}} {{.Total}}`,
	} {
		t.Run(text, func(t *testing.T) {
			dir := frLocales(t, text)
			want := regexp.QuoteMeta(filepath.ToSlash(dir)) + `/fr\.toml:\d+:\d+: message "page_x_of_y" \(other\): `
			hostile(t, ".", nil, exitInput, want, "locales", "check", "--strict", "--locale-dir", dir, "testdata/good")
			out := filepath.Join(t.TempDir(), "out")
			hostile(t, ".", nil, exitInput, want, "build", "--final", "--locales", "fr", "--locale-dir", dir, "--out", out, "testdata/good")
			if _, err := os.Stat(out); err == nil {
				t.Error("the build wrote its output folder")
			}
		})
	}
}

// Finding 4: special files. A logo linked to /dev/zero used 22.5 GB; a
// device node in the folder 3.3 GB; a FIFO as translation, logo or layout
// base hung build, locales check, merge and release.
func TestIssue18Finding4SpecialFiles(t *testing.T) {
	base := t.TempDir()
	write(t, base, map[string]string{
		"zero/pack.yaml":            "id: p\ntitle: P\ndate: 2020-06-30\nlogo: logo.png\nstatements:\n  - s1\n",
		"zero/logo.png":             "->/dev/zero",
		"zero/s1/statement.md":      good(t),
		"fifo-logo/pack.yaml":       "id: p\ntitle: P\ndate: 2020-06-30\nlogo: logo.png\nstatements:\n  - s1\n",
		"fifo-logo/logo.png":        "fifo",
		"fifo-logo/s1/statement.md": good(t),
		"fifo-tr/statement.md":      good(t),
		"fifo-tr/statement.fr.md":   "fifo",
		"layouts/x.toml":            "base = \"fifo.toml\"\n",
		"layouts/fifo.toml":         "fifo",
		"fifo-pack/pack.yaml":       "fifo",
	})
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"logo to /dev/zero, build", []string{"build", "--out", "out", "zero"}, `zero/pack\.yaml:4:7: "logo\.png" is a symbolic link that leaves the pack's folder \(it leads to /dev/zero\)`},
		{"logo to /dev/zero, release", []string{"release", "--out", "rel", "zero"}, `leads to /dev/zero`},
		{"FIFO logo, build", []string{"build", "--out", "out", "fifo-logo"}, `fifo-logo/pack\.yaml:4:7: "logo\.png": it is a FIFO \(named pipe\), not a regular file`},
		{"FIFO logo, release", []string{"release", "--out", "rel", "fifo-logo"}, `it is a FIFO`},
		{"FIFO translation, build", []string{"build", "--out", "out", "fifo-tr"}, `fifo-tr/statement\.fr\.md: cannot read statement: it is a FIFO \(named pipe\), not a regular file`},
		{"FIFO translation, release", []string{"release", "--out", "rel", "fifo-tr"}, `it is a FIFO`},
		{"FIFO translation, locales check", []string{"locales", "check", "fifo-tr"}, `it is a FIFO`},
		{"FIFO layout base", []string{"build", "--out", "out", "--layout", "layouts/x.toml", "fifo-tr/statement.md"}, `layouts/fifo\.toml: it is a FIFO`},
		{"FIFO pack manifest", []string{"build", "--out", "out", "fifo-pack"}, `fifo-pack/pack\.yaml: cannot read pack manifest: it is a FIFO`},
	}
	if err := syscall.Mknod(filepath.Join(base, "dev-logo.png"), syscall.S_IFCHR|0o644, 1<<8|5); err == nil {
		write(t, base, map[string]string{
			"dev/pack.yaml":       "id: p\ntitle: P\ndate: 2020-06-30\nlogo: logo.png\nstatements:\n  - s1\n",
			"dev/s1/statement.md": good(t),
		})
		if err := os.Rename(filepath.Join(base, "dev-logo.png"), filepath.Join(base, "dev/logo.png")); err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct {
			name string
			args []string
			want string
		}{"device node as logo", []string{"release", "--out", "rel", "dev"}, `"logo\.png": it is a character device, not a regular file`})
	} else {
		t.Logf("no device-node case: %v (mknod needs root; CI runs as root)", err)
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			hostile(t, base, nil, exitInput, tt.want, tt.args...)
		})
	}
}

// merge reads manifests and artifacts only if they are regular files.
func TestIssue18Finding4MergeSpecialFiles(t *testing.T) {
	_, dirs := shards(t)
	// A FIFO in place of a shard's manifest.
	fifoShard := filepath.Join(t.TempDir(), "fifo-shard")
	write(t, fifoShard, map[string]string{"manifest.json": "fifo"})
	hostile(t, ".", nil, exitInput, `manifest\.json: it is a FIFO`, "release", "merge", "--out", filepath.Join(t.TempDir(), "m"), dirs[0], fifoShard)
	// A FIFO, and then /dev/zero, in place of an artifact.
	var m struct {
		Artifacts []struct{ Path string } `json:"artifacts"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dirs[1], "manifest.json"))), &m); err != nil || len(m.Artifacts) == 0 {
		t.Fatalf("shard manifest: %v", err)
	}
	artifact := filepath.Join(dirs[1], m.Artifacts[0].Path)
	os.Remove(artifact)
	write(t, dirs[1], map[string]string{m.Artifacts[0].Path: "fifo"})
	hostile(t, ".", nil, exitInput, `it is a FIFO`, "release", "merge", "--out", filepath.Join(t.TempDir(), "m"), dirs[0], dirs[1])
	os.Remove(artifact)
	write(t, dirs[1], map[string]string{m.Artifacts[0].Path: "->/dev/zero"})
	hostile(t, ".", nil, exitInput, `leads to /dev/zero, outside`, "release", "merge", "--out", filepath.Join(t.TempDir(), "m"), dirs[0], dirs[1])
}

// generated writes a statement of n clauses into a folder of its own: a
// release of it takes long enough to be interrupted in each phase.
func generated(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("---\nid: long\ntitle: A long statement\ndate: 2020-06-22\nlang: en\n---\nThe meeting:\n\n")
	for i := range n {
		fmt.Fprintf(&b, "%d. Clause %d of a long statement, whose text runs on for a while so that each line is full and the paragraph has a few lines of its own to set.\n", i+1, i+1)
	}
	dir := filepath.Join(t.TempDir(), "long")
	write(t, dir, map[string]string{"statement.md": b.String()})
	return dir
}

// A signal stops a release promptly in every phase: it used to be ignored
// while a read blocked, and waited for every edition being rendered.
func TestIssue18Finding4SignalsStopRelease(t *testing.T) {
	long := generated(t, 10000)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, phase := range []string{"planning", "rendering"} {
		t.Run(phase, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "dist")
			if o := polypress(t, ".", nil, "release", "--out", out, "testdata/good"); o.code != exitOK {
				t.Fatalf("first release: %s", o.stderr)
			}
			before := snapshot(t, filepath.Dir(out))
			cmd := exec.Command(self, "release", "--json", "--out", out, long, "testdata/good")
			cmd.Env = append(os.Environ(), "POLYPRESS_TEST_MAIN=1", "SOURCE_DATE_EPOCH=1593000000", "GOMAXPROCS=1")
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			if phase == "rendering" {
				buf := make([]byte, 4096)
				var seen []byte
				for !bytes.Contains(seen, []byte(`"event":"plan"`)) {
					n, err := stdout.Read(buf)
					if err != nil {
						t.Fatalf("no plan event: %v\n%s", err, stderr.String())
					}
					seen = append(seen, buf[:n]...)
				}
			} else {
				time.Sleep(150 * time.Millisecond)
			}
			cmd.Process.Signal(syscall.SIGTERM)
			sent := time.Now()
			done := make(chan error, 1)
			go func() {
				for {
					if _, err := stdout.Read(make([]byte, 4096)); err != nil {
						break
					}
				}
				done <- cmd.Wait()
			}()
			select {
			case <-done:
			case <-time.After(killAfter):
				t.Fatal("the release ignored SIGTERM")
			}
			if took := time.Since(sent); took > 2*time.Second {
				t.Errorf("the release took %v to stop after SIGTERM", took.Round(time.Millisecond))
			}
			if cmd.ProcessState.ExitCode() == exitOK {
				t.Errorf("the release finished before the signal: the test proves nothing")
			}
			sameSnapshot(t, before, snapshot(t, filepath.Dir(out)))
		})
	}
}

// Finding 5: a font with a corrupt loca panicked; --shard 1/9000000000000000000
// panicked, 1/1000000000 allocated 8 GB, and a shard manifest claiming
// 1/3000000000 exhausted merge's memory.
func TestIssue18Finding5PanicsAndAllocations(t *testing.T) {
	fonts := filepath.Join(t.TempDir(), "fonts")
	data := []byte(readFile(t, "../../fonts/NotoSans-Regular.ttf"))
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		if string(rec[:4]) == "loca" {
			loca := int(binary.BigEndian.Uint32(rec[8:]))
			binary.BigEndian.PutUint32(data[loca+4*40:], 0xFFFFFF) // glyph 39 ends far past glyf
		}
	}
	write(t, fonts, map[string]string{"NotoSans-Regular.ttf": string(data)})
	hostile(t, ".", nil, exitInput, `font .*fonts/NotoSans-Regular\.ttf: refused: its loca table is corrupt: glyph 39 spans bytes`,
		"build", "--fonts", fonts, "--out", filepath.Join(t.TempDir(), "o"), "testdata/good")

	for _, shard := range []string{"1/9000000000000000000", "1/1000000000", "1/4097"} {
		hostile(t, ".", nil, exitUsage, `want K/N with 1 ≤ K ≤ N ≤ 4096`, "release", "--shard", shard, "--out", filepath.Join(t.TempDir(), "o"), "testdata/good")
	}

	_, dirs := shards(t)
	path := filepath.Join(dirs[0], "manifest.json")
	if err := os.WriteFile(path, []byte(strings.Replace(readFile(t, path), `"shard": "1/2"`, `"shard": "1/3000000000"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	hostile(t, ".", nil, exitInput, `shard "1/3000000000": want K/N with 1 ≤ K ≤ N ≤ 4096`, "release", "merge", "--out", filepath.Join(t.TempDir(), "m"), dirs[0], dirs[1])
}

// Finding 6: with out/x.epub a folder, build failed but had already
// replaced out/x.pdf.
func TestIssue18Finding6BuildAllOrNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if o := polypress(t, ".", []string{"SOURCE_DATE_EPOCH=1500000000"}, "build", "--locales", "en", "--out", out, "testdata/good"); o.code != exitOK {
		t.Fatalf("first build: %s", o.stderr)
	}
	os.Remove(filepath.Join(out, "good.en.epub"))
	write(t, out, map[string]string{"good.en.epub/keep": "a folder in the way"})
	before := snapshot(t, out)
	hostile(t, ".", nil, exitInput, `good\.en\.epub: it is a folder, not a regular file; polypress replaces only regular files`,
		"build", "--locales", "en", "--out", out, "testdata/good")
	sameSnapshot(t, before, snapshot(t, out))
}

// Finding 7 (the part in this package's reach): 20,000 author bios took
// 70 s, 71 % of it splitting the whole front matter once per bio.
func TestIssue18Finding7AuthorBios(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\nid: bios\ntitle: Many authors\ndate: 2020-06-22\nlang: en\nauthors:\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "  - name: Author %d\n    role: Delegate of member state %d\n    bio: Author %d has served as a delegate since %d. Before that, *they* worked on water policy.\n", i, i, i, 1990+i%30)
	}
	b.WriteString("---\nThe text of the statement.\n")
	dir := filepath.Join(t.TempDir(), "bios")
	write(t, dir, map[string]string{"statement.md": b.String()})
	hostile(t, ".", nil, exitOK, ``, "build", "--formats", "epub", "--out", filepath.Join(t.TempDir(), "o"), dir)
}

// Finding 8, the smaller ones.
func TestIssue18Finding8(t *testing.T) {
	base := t.TempDir()
	longID := strings.Repeat("a", 300)
	write(t, base, map[string]string{
		"nul/statement.md":      strings.Replace(good(t), "An introductory paragraph.", "An introductory \x00 paragraph.", 1),
		"ctl/statement.md":      strings.Replace(good(t), "issuer: Test Office", "issuer: Test \x01Office", 1),
		"id/statement.md":       strings.Replace(good(t), "id: good", "id: "+longID, 1),
		"twice/pack.yaml":       "id: p\ntitle: P\ndate: 2020-06-30\nstatements:\n  - s1\n  - s1/statement.md\n",
		"twice/s1/statement.md": good(t),
		"nan.toml":              "base = \"briefing\"\n[body]\nsize = nan\n",
		"bad-locales/en.toml":   "[contents]\nother = \"x\"\nwhat = \"1\"\n",
	})
	hostile(t, base, nil, exitInput, `nul/statement\.md:10:17: control character U\+0000 \(NUL\) is not allowed`, "build", "--out", "o", "nul")
	hostile(t, base, nil, exitInput, `ctl/statement\.md:5:14: control character U\+0001 is not allowed`, "build", "--out", "o", "ctl")
	hostile(t, base, []string{"SOURCE_DATE_EPOCH=99999999999999"}, exitUsage, `SOURCE_DATE_EPOCH="99999999999999": want a whole number of seconds since 1970, from 0 to 253402300799`, "build", "--out", "o", "ctl")
	hostile(t, base, []string{"SOURCE_DATE_EPOCH=99999999999999"}, exitUsage, `SOURCE_DATE_EPOCH`, "release", "--out", "o", "ctl")
	hostile(t, base, nil, exitInput, `nan\.toml:3:1: body\.size: nan is not a type size in points from 1 to 200`, "build", "--layout", "nan.toml", "--out", "o", "twice/s1")
	hostile(t, base, nil, exitInput, `id/statement\.md:2:5: id is 300 characters long; keep it to 100 at most`, "build", "--out", "o", "id")
	hostile(t, base, nil, exitInput, `twice/pack\.yaml:6:5: statement "s1/statement\.md" is the same statement as "s1", listed above`, "build", "--out", "o", "twice")
	// The English locale file is one an English edition needs (a broken
	// locale file fails only the editions that use it).
	o := hostile(t, base, nil, exitInput, `(?m)^bad-locales/en\.toml:3:1: message "contents": unknown key "what"`, "build", "--locale-dir", "bad-locales", "--out", "o", "twice/s1")
	if strings.Contains(o.stderr, "locales/en.toml") && !strings.Contains(o.stderr, "bad-locales/en.toml") {
		t.Errorf("--locale-dir errors name the built-in folder:\n%s", o.stderr)
	}
	if _, err := os.Stat(filepath.Join(base, "o")); err == nil {
		t.Error("a failed build wrote its output folder")
	}
}

// A panic that escapes every stage is reported as a bug, with exit status
// 3, never as a Go stack trace. No input reaches this: the test replaces
// the command dispatcher.
func TestInternalErrorExitStatus(t *testing.T) {
	old := dispatch
	defer func() { dispatch = old }()
	dispatch = func([]string, io.Writer, io.Writer) int { panic("broken invariant") }
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "x"}, &stdout, &stderr); code != exitInternal {
		t.Errorf("exit %d, want %d", code, exitInternal)
	}
	if got := stderr.String(); got != "polypress: internal error: broken invariant, please report\n" {
		t.Errorf("stderr %q", got)
	}
}
