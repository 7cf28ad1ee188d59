package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/polypress/polypress/pipeline/release"
)

func TestReleaseExitCodes(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1593000000")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"help", []string{"release", "--help"}, exitOK, `polypress release merge`, `^$`},
		{"unknown flag", []string{"release", "--colour"}, exitUsage, ``, `flag provided but not defined`},
		{"bad shard", []string{"release", "--shard", "3/2", "testdata/good"}, exitUsage, ``, `want K/N`},
		{"missing path", []string{"release", "testdata/nowhere"}, exitInput, ``, `testdata/nowhere`},
		{"merge nothing", []string{"release", "merge"}, exitUsage, ``, `no release folders given`},
		{"merge no manifest", []string{"release", "merge", "testdata/good"}, exitInput, ``, `manifest\.json`},
		{"good", []string{"release", "testdata/good"}, exitOK,
			`(?m)^\[1/6\] good\.\w+\.\w+ \(.*bytes\) [0-9a-f]{64}\n(.*\n){5}released 6 artifacts into `, ``},
		// Every failure is listed, after the good statement was built.
		{"failures", []string{"release", "testdata"}, exitInput, `\[\d+/\d+\] good\.`,
			`(?s)5 failed; .* left as it was:\n.*testdata/broken-front-matter/statement\.md:4:1: .*titel.*testdata/emoji/statement\.md:13:27: U\+1F44B.*misaligned.*raw-html.*testdata/tifinagh/statement\.md:13:56: U\+2D63`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "dist")
			args := append([]string{"release", "--out", out}, tt.args[1:]...)
			if len(tt.args) > 1 && tt.args[1] == "merge" {
				args = append([]string{"release", "merge", "--out", out}, tt.args[2:]...)
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tt.code, stderr.String())
			}
			if !regexp.MustCompile(tt.stdout).MatchString(stdout.String()) {
				t.Errorf("stdout does not match %q:\n%s", tt.stdout, stdout.String())
			}
			if !regexp.MustCompile(tt.stderr).MatchString(stderr.String()) {
				t.Errorf("stderr does not match %q:\n%s", tt.stderr, stderr.String())
			}
			if _, err := os.Stat(out); (err == nil) != (code == exitOK && tt.name != "help") {
				t.Errorf("exit %d, and %s exists: %v", code, out, err == nil)
			}
		})
	}
}

func TestReleaseJSONEvents(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1593000000")
	out := filepath.Join(t.TempDir(), "dist")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"release", "--json", "--out", out, "testdata/good"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var kinds []string
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		var e jsonEvent
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("not a JSON event: %q: %v", sc.Text(), err)
		}
		kinds = append(kinds, e.Event)
		if e.Event == "done" && (e.Artifact == nil || e.Artifact.SHA256 == "" || e.Total != 6) {
			t.Errorf("done event without its artifact: %s", sc.Text())
		}
	}
	if got := strings.Join(kinds, " "); got != "plan done done done done done done finished" {
		t.Errorf("events %q", got)
	}
}

func TestProgressBar(t *testing.T) {
	var stdout bytes.Buffer
	r := &reporter{stdout: &stdout, stderr: &stdout, bar: true}
	r.event(releaseEvent("done", "good.en.pdf", 1, 4))
	r.event(releaseEvent("done", "good.fr.pdf", 2, 4))
	r.finish()
	if !strings.Contains(stdout.String(), "\r\x1b[K[###############               ] 2/4 good.fr.pdf") {
		t.Errorf("progress bar: %q", stdout.String())
	}
	if strings.Contains(stdout.String(), "\n") {
		t.Error("the progress bar printed lines")
	}
}

// Killing a release with SIGKILL in the middle leaves the previous release
// folder exactly as it was, and the next release clears what it left.
func TestKilledReleaseKeepsThePreviousRelease(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "polypress")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1593000000")
	dir := filepath.Join(t.TempDir(), "dist")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"release", "--out", dir, "testdata/good"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("first release: exit %d: %s", code, stderr.String())
	}
	before := readTree(t, dir)

	cmd := exec.Command(bin, "release", "--json", "--out", dir, "../../samples")
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(pipe)
	for sc.Scan() && !strings.HasPrefix(sc.Text(), `{"event":"done"`) {
	}
	cmd.Process.Signal(syscall.SIGKILL)
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("the release was not killed mid-run (%v): the test proves nothing", err)
	}
	staging := filepath.Join(filepath.Dir(dir), ".dist.staging-"+strconv.Itoa(cmd.Process.Pid))
	if _, err := os.Stat(staging); err != nil {
		t.Errorf("no staging folder from the killed release: %v", err)
	}
	after := readTree(t, dir)
	if len(after) != len(before) {
		t.Errorf("the killed release changed the folder: %d files before, %d after", len(before), len(after))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("the killed release changed %s", name)
		}
	}

	if code := run([]string{"release", "--out", dir, "testdata/good", "../../samples/world-scripts"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("next release: exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(staging); err == nil {
		t.Error("the next release left the killed release's staging folder")
	}
	if _, ok := readTree(t, dir)["world-scripts.en.pdf"]; !ok {
		t.Error("the next release was not published")
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(data)
	}
	return out
}

func releaseEvent(typ, name string, done, total int) release.Event {
	return release.Event{Type: typ, Name: name, Done: done, Total: total, Entry: &release.Entry{Path: name}}
}
