package validate

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// echo is a server that answers each request with the request itself.
func echo(string) (*exec.Cmd, error) { return exec.Command("cat"), nil }

func TestServerRestartsAfterItDies(t *testing.T) {
	Require(t, "cat")
	s := &server{name: "echo"}
	defer s.stop(time.Second)
	if got, err := s.request(echo, "a", "b"); err != nil || got != "a\tb" {
		t.Fatalf("request = %q, %v; want the request back", got, err)
	}
	s.cmd.Process.Kill()
	if _, err := s.request(echo, "c"); err == nil || !strings.Contains(err.Error(), "echo stopped while checking c") {
		t.Errorf("request to a dead server: %v; want an error naming the server and the file", err)
	}
	if got, err := s.request(echo, "d"); err != nil || got != "d" {
		t.Errorf("request after the failure = %q, %v; want a new server", got, err)
	}
}

func TestServerRefusesBadRequestsAndStartsOnlyUnderRun(t *testing.T) {
	s := &server{name: "echo"}
	if _, err := s.request(echo, "a\tb"); err == nil {
		t.Error("a field with a tab was sent")
	}
	running.Store(false)
	defer running.Store(true)
	if _, err := s.request(echo, "a"); err == nil || !strings.Contains(err.Error(), "validate.Run") {
		t.Errorf("server started outside Run: %v", err)
	}
}

// isolateSkips keeps the skips a test provokes on purpose out of the
// binary's report.
func isolateSkips(t *testing.T) {
	t.Setenv("VALIDATE_SKIPS", "")
	skipped.Lock()
	saved := skipped.n
	skipped.n = map[string]int{}
	skipped.Unlock()
	t.Cleanup(func() { skipped.Lock(); skipped.n = saved; skipped.Unlock() })
}

func TestSkipReport(t *testing.T) {
	isolateSkips(t)
	t.Setenv("CI", "")
	for range 2 {
		check(t, func(tb testing.TB) { Require(tb, "polypress-no-such-checker") })
	}
	got := skipReport()
	if !strings.HasPrefix(got, "NOT CHECKED in validate: ") || !strings.Contains(got, "polypress-no-such-checker is not installed") || !strings.HasSuffix(got, "(2 tests skipped)\n") {
		t.Errorf("skip report %q", got)
	}

	// Every skip is also a line in VALIDATE_SKIPS, for make test.
	file := filepath.Join(t.TempDir(), "skips")
	t.Setenv("VALIDATE_SKIPS", file)
	check(t, func(tb testing.TB) { Require(tb, "polypress-no-such-checker") })
	data, err := os.ReadFile(file)
	if err != nil || !strings.HasPrefix(string(data), "validate: polypress-no-such-checker is not installed") || strings.Count(string(data), "\n") != 1 {
		t.Errorf("VALIDATE_SKIPS holds %q (%v); want one line naming the package and the tool", data, err)
	}
}

func TestServerStuckIsStopped(t *testing.T) {
	Require(t, "sh")
	saved := requestTimeout
	requestTimeout = 200 * time.Millisecond
	defer func() { requestTimeout = saved }()
	silent := func(string) (*exec.Cmd, error) { return exec.Command("sh", "-c", "cat >/dev/null"), nil }
	s := &server{name: "silent"}
	defer s.stop(time.Second)
	start := time.Now()
	if _, err := s.request(silent, "a"); err == nil || !strings.Contains(err.Error(), "no answer in") {
		t.Errorf("a server that never answers: %v", err)
	}
	if time.Since(start) > 10*time.Second || s.cmd != nil {
		t.Errorf("the stuck server was not stopped in time (%v)", time.Since(start))
	}
}
