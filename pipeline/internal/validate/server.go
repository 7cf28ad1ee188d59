package validate

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A server is a checker process that stays up for the whole test binary
// and checks one file per request: a line of tab-separated fields on its
// standard input, answered by one line on its standard output. Most of a
// run of EPUBCheck or Ace is starting a JVM or a browser, so starting each
// once and sending it every file is what keeps `make test` fast.
//
// A server is started by its first request and stopped by Run, after the
// tests. A request that finds it dead (it crashed, or a file made it exit)
// fails with what it printed last, and the next request starts a new one.
type server struct {
	name string

	mu      sync.Mutex
	dir     string
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	replies *bufio.Reader
	log     *tail
	exited  chan struct{}
	waitErr error
}

// A starter returns the command that starts a server; dir is a folder that
// lives as long as the server, for the files it needs.
type starter func(dir string) (*exec.Cmd, error)

// request sends one request line and returns the reply line, starting the
// server with command if it is not running. Requests are answered one at a
// time, in order.
func (s *server) request(command starter, fields ...string) (string, error) {
	for _, f := range fields {
		if strings.ContainsAny(f, "\t\n\r") {
			return "", fmt.Errorf("%s: %q holds a tab or a line break, which the request line cannot carry", s.name, f)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		if err := s.start(command); err != nil {
			return "", err
		}
	}
	_, err := io.WriteString(s.stdin, strings.Join(fields, "\t")+"\n")
	var reply string
	if err == nil {
		reply, err = s.readReply()
	}
	if err != nil {
		// The server is gone or stuck: say how it ended, and start afresh
		// next time.
		s.stopLocked(5 * time.Second)
		return "", fmt.Errorf("%s stopped while checking %s (%v; %v):\n%s", s.name, fields[0], err, s.waitErr, s.log)
	}
	return strings.TrimSuffix(reply, "\n"), nil
}

// requestTimeout bounds one file's check. EPUBCheck and Ace take seconds
// per file; a server that has not answered in this time is stuck, and is
// stopped rather than left to hold the test until go test's own timeout.
var requestTimeout = 5 * time.Minute

// readReply reads one reply line. The reading goroutine ends when the line
// comes or, on a timeout, when stopping the server closes its output.
func (s *server) readReply() (string, error) {
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	replies := s.replies
	go func() {
		line, err := replies.ReadString('\n')
		done <- result{line, err}
	}()
	select {
	case r := <-done:
		return r.line, r.err
	case <-time.After(requestTimeout):
		return "", fmt.Errorf("no answer in %v", requestTimeout)
	}
}

func (s *server) start(command starter) error {
	if !running.Load() {
		return fmt.Errorf("%s runs as a server for the whole test binary; the package's TestMain must call validate.Run(m), which stops it", s.name)
	}
	dir, err := os.MkdirTemp("", "polypress-"+strings.ToLower(s.name)+"-")
	if err != nil {
		return err
	}
	cmd, err := command(dir)
	if err != nil {
		os.RemoveAll(dir)
		return err
	}
	s.log = &tail{max: 16 << 10}
	cmd.Stderr = s.log
	// Replies are read from a pipe that Wait closes once the server has
	// exited, so that a read never outlasts the server even when a
	// browser it started still holds the other end; the protocol has
	// nothing to read after the server exits.
	// A browser the server started may outlive it holding its standard
	// error; stopping must not wait for that.
	cmd.WaitDelay = 5 * time.Second
	stdin, err := cmd.StdinPipe()
	if err != nil {
		os.RemoveAll(dir)
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		os.RemoveAll(dir)
		return err
	}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return fmt.Errorf("starting %s: %v", s.name, err)
	}
	s.dir, s.cmd, s.stdin, s.replies = dir, cmd, stdin, bufio.NewReader(stdout)
	s.exited = make(chan struct{})
	go func() {
		s.waitErr = cmd.Wait()
		close(s.exited)
	}()
	servers.add(s)
	return nil
}

// stop ends the server: its input is closed, which it takes as the end of
// the work, and it is killed if it has not exited within grace.
func (s *server) stop(grace time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopLocked(grace)
}

func (s *server) stopLocked(grace time.Duration) {
	if s.cmd == nil {
		return
	}
	s.stdin.Close()
	select {
	case <-s.exited:
	case <-time.After(grace):
		s.cmd.Process.Kill()
		<-s.exited
	}
	os.RemoveAll(s.dir)
	s.cmd, s.stdin, s.replies, s.dir = nil, nil, nil, ""
}

// tail keeps the last max bytes written to it: a server's standard error,
// shown when it fails.
type tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = t.buf[over:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(bytes.TrimSpace(t.buf))
}

// serverSet is every server started in this test binary.
type serverSet struct {
	mu   sync.Mutex
	list []*server
}

func (ss *serverSet) add(s *server) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if !slices.Contains(ss.list, s) {
		ss.list = append(ss.list, s)
	}
}

func (ss *serverSet) stopAll() {
	ss.mu.Lock()
	list := slices.Clone(ss.list)
	ss.mu.Unlock()
	var wg sync.WaitGroup
	for _, s := range list {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.stop(20 * time.Second)
		}()
	}
	wg.Wait()
}

var (
	servers serverSet
	// running is true while Run runs the tests: servers may start.
	running atomic.Bool
)

// Run runs the tests of m and returns their exit code, for TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(validate.Run(m)) }
//
// After the tests it stops the checker servers they started (EPUBCheck,
// Ace), and lists on standard error every checker that was not installed
// and the number of tests that skipped for it. `go test` shows that list
// when it tests one package or runs with -v; `make test` shows the skips
// of every package whatever they call (see noteSkip).
func Run(m *testing.M) int {
	running.Store(true)
	code := m.Run()
	running.Store(false)
	servers.stopAll()
	fmt.Fprint(os.Stderr, skipReport())
	return code
}

// skipped counts, per missing tool and reason, the tests that skipped.
var skipped = struct {
	sync.Mutex
	n map[string]int
}{n: map[string]int{}}

// noteSkip records a test skipped because a checker is missing: counted
// for Run's list, and appended as a line "package: message" to the file
// named by the environment variable VALIDATE_SKIPS when it is set, which
// `make test` prints after every package has run (go test shows nothing
// of a passing package's output otherwise).
func noteSkip(msg string) {
	skipped.Lock()
	defer skipped.Unlock()
	skipped.n[msg]++
	if path := os.Getenv("VALIDATE_SKIPS"); path != "" {
		if f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); err == nil {
			fmt.Fprintf(f, "%s: %s\n", testBinary(), msg)
			f.Close()
		}
	}
}

// testBinary names the package under test by its test binary ("build"
// for build.test).
func testBinary() string { return strings.TrimSuffix(filepath.Base(os.Args[0]), ".test") }

// skipReport is one line per missing checker: the test binary, what was
// missing, and how many tests skipped for it.
func skipReport() string {
	skipped.Lock()
	defer skipped.Unlock()
	var lines []string
	for msg, n := range skipped.n {
		lines = append(lines, fmt.Sprintf("NOT CHECKED in %s: %s (%d test%s skipped)\n", testBinary(), msg, n, map[bool]string{true: "", false: "s"}[n == 1]))
	}
	slices.Sort(lines)
	return strings.Join(lines, "")
}
