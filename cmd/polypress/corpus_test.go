package main

// The hostile-input corpus: testdata/hostile/*.txtar, one case a file.
// Each case is a folder of files and a polypress command run in it as its
// own process (see hostile in hostile_test.go), held to the same rules:
//
//   - the documented exit status, and stderr matching the case's patterns;
//     an exit status of 1 (bad input) must come with an error that starts
//     with the file it is about, at its line and column where the case
//     says so;
//   - no panic, no Go stack trace, no "internal error";
//   - bounded CPU time and peak memory: 5 s and 500 MB unless the case
//     states other bounds (and why);
//   - nothing written outside the --out folder, and inside it only the
//     files the command says it wrote (a build writes the editions that
//     build even when others fail): every other file the case holds is
//     byte-identical afterwards, and no temporary file is left.
//
// The case format is txtar: a comment that says what the case is about,
// a blank line, header lines "key: value", then the files, each after a
// line "-- path --".
//
//	args:    polypress's arguments, split at spaces
//	exit:    the exit status
//	stderr:  a regular expression stderr must match (may repeat)
//	stdout:  a regular expression stdout must match (may repeat)
//	wrote:   files (under the case folder) a successful run must write
//	absent:  PATH REGEXP: a file written that must not match (may repeat)
//	env:     KEY=VALUE for the process (may repeat)
//	limits:  "CPU MB", such as "20s 800", with the reason after a "#"
//	fsize:   the largest file the process may write, in KiB (ulimit -f),
//	         which stands in for a full disk
//	escape:  a file whose text holds Go escapes (\x00, \r, \u00a0) to
//	         decode (may repeat); a backslash ending a line joins it to
//	         the next, and the newline ending the file's text is dropped
//	gen:     PATH N "UNIT" ["TAIL"]: append UNIT N times, then TAIL, to
//	         PATH's text; {n} in UNIT is the repetition's number from 1
//	copy:    PATH SRC [BYTES]: PATH is the file SRC (relative to this
//	         package), or its first BYTES bytes
//	chmod:   PATH MODE, octal, applied last (may repeat)
//	user:    nobody: run as the user nobody when the tests run as root
//	         (as CI does), whom file permissions do not stop
//
// A file whose text is "-> TARGET" is a symbolic link to TARGET, and one
// whose text is "fifo" is a FIFO.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// corpusCase is one parsed case file.
type corpusCase struct {
	name    string
	args    []string
	exit    int
	stderr  []string
	stdout  []string
	wrote   []string
	absent  []string
	env     []string
	cpu     time.Duration
	rss     int64
	fsize   int
	escape  map[string]bool
	gens    []string
	copies  []string
	chmods  []string
	nobody  bool
	files   []txtarFile
	outDir  string
	hasExit bool
}

type txtarFile struct {
	name string
	data []byte
}

// parseTxtar splits a txtar archive into its comment and files.
func parseTxtar(data []byte) (comment []byte, files []txtarFile) {
	marker := func(line []byte) (string, bool) {
		s := strings.TrimRight(string(line), "\r\n")
		if !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") || len(s) < 7 {
			return "", false
		}
		return strings.TrimSpace(s[3 : len(s)-3]), true
	}
	var cur *txtarFile
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line = data[:i+1]
		}
		data = data[len(line):]
		if name, ok := marker(line); ok {
			files = append(files, txtarFile{name: name})
			cur = &files[len(files)-1]
			continue
		}
		if cur == nil {
			comment = append(comment, line...)
		} else {
			cur.data = append(cur.data, line...)
		}
	}
	return comment, files
}

func parseCase(t *testing.T, path string) *corpusCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	comment, files := parseTxtar(data)
	c := &corpusCase{name: strings.TrimSuffix(filepath.Base(path), ".txtar"), files: files, escape: map[string]bool{},
		cpu: maxTime, rss: maxRSS, outDir: "dist"}
	// The header is the comment's last paragraph; the prose before it
	// says what the case is about.
	lines := strings.Split(strings.TrimRight(string(comment), "\n"), "\n")
	first := 0
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			first = i + 1
		}
	}
	for n := first; n < len(lines); n++ {
		line := lines[n]
		key, val, ok := strings.Cut(line, ":")
		if !ok || strings.ContainsAny(key, " \t") {
			t.Fatalf("%s:%d: want a header line \"key: value\"", path, n+1)
		}
		val = strings.TrimSpace(val)
		bad := func(err error) {
			t.Fatalf("%s:%d: %s: %v", path, n+1, key, err)
		}
		switch key {
		case "args":
			c.args = strings.Fields(val)
		case "exit":
			c.exit, err = strconv.Atoi(val)
			c.hasExit = true
		case "stderr":
			c.stderr = append(c.stderr, val)
			_, err = regexp.Compile(val)
		case "stdout":
			c.stdout = append(c.stdout, val)
			_, err = regexp.Compile(val)
		case "wrote":
			c.wrote = append(c.wrote, strings.Fields(val)...)
		case "absent":
			c.absent = append(c.absent, val)
			if _, re, ok := strings.Cut(val, " "); ok {
				_, err = regexp.Compile(re)
			} else {
				err = fmt.Errorf("want PATH REGEXP")
			}
		case "env":
			c.env = append(c.env, val)
		case "limits":
			val, _, _ = strings.Cut(val, "#")
			var mb int64
			var cpu string
			if _, err = fmt.Sscan(val, &cpu, &mb); err == nil {
				c.cpu, err = time.ParseDuration(cpu)
				c.rss = mb << 20
			}
		case "fsize":
			c.fsize, err = strconv.Atoi(val)
		case "escape":
			c.escape[val] = true
		case "gen":
			c.gens = append(c.gens, val)
		case "copy":
			c.copies = append(c.copies, val)
		case "chmod":
			c.chmods = append(c.chmods, val)
		case "user":
			c.nobody = val == "nobody"
			if !c.nobody {
				err = fmt.Errorf("the only user is nobody")
			}
		default:
			bad(fmt.Errorf("unknown header key"))
		}
		if err != nil {
			bad(err)
		}
	}
	if len(c.args) == 0 || !c.hasExit {
		t.Fatalf("%s: a case needs args: and exit:", path)
	}
	for i, a := range c.args {
		if a == "--out" && i+1 < len(c.args) {
			c.outDir = c.args[i+1]
		}
	}
	return c
}

// unescape decodes the Go escapes of an escape: file.
func unescape(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	var out []byte
	s := string(data)
	for len(s) > 0 {
		if strings.HasPrefix(s, "\\\n") {
			s = s[2:] // a backslash at the end of a line continues it
			continue
		}
		if s[0] != '\\' {
			out = append(out, s[0])
			s = s[1:]
			continue
		}
		// strconv.UnquoteChar wants the escape at the start of s.
		v, mb, tail, err := strconv.UnquoteChar(s, '"')
		if err != nil {
			t.Fatalf("%s: escape at %q: %v", name, s[:min(len(s), 8)], err)
		}
		if v < 0x80 || !mb {
			out = append(out, byte(v))
		} else {
			out = append(out, string(v)...)
		}
		s = tail
	}
	return out
}

// setUp writes the case's files into dir.
func (c *corpusCase) setUp(t *testing.T, dir string) {
	t.Helper()
	contents := map[string][]byte{}
	var order []string
	for _, f := range c.files {
		data := f.data
		if c.escape[f.name] {
			// Escapes say \n where a newline is meant; the one txtar
			// puts before the next file is not part of the file.
			data = unescape(t, f.name, bytes.TrimSuffix(data, []byte("\n")))
		}
		if _, ok := contents[f.name]; !ok {
			order = append(order, f.name)
		}
		contents[f.name] = data
	}
	for _, g := range c.gens {
		fields := strings.SplitN(g, " ", 3)
		if len(fields) < 3 {
			t.Fatalf("gen %q: want PATH N \"UNIT\" [\"TAIL\"]", g)
		}
		n, err := strconv.Atoi(fields[1])
		if err != nil {
			t.Fatalf("gen %q: %v", g, err)
		}
		unit, rest, err := quotedPrefix(fields[2])
		if err != nil {
			t.Fatalf("gen %q: %v", g, err)
		}
		tail := ""
		if rest = strings.TrimSpace(rest); rest != "" {
			if tail, _, err = quotedPrefix(rest); err != nil {
				t.Fatalf("gen %q: %v", g, err)
			}
		}
		var b bytes.Buffer
		b.Write(contents[fields[0]])
		numbered := strings.Contains(unit, "{n}")
		for i := 1; i <= n; i++ {
			if numbered {
				b.WriteString(strings.ReplaceAll(unit, "{n}", strconv.Itoa(i)))
			} else {
				b.WriteString(unit)
			}
		}
		b.WriteString(tail)
		if _, ok := contents[fields[0]]; !ok {
			order = append(order, fields[0])
		}
		contents[fields[0]] = b.Bytes()
	}
	for _, cp := range c.copies {
		fields := strings.Fields(cp)
		if len(fields) < 2 {
			t.Fatalf("copy %q: want PATH SRC [BYTES]", cp)
		}
		data, err := os.ReadFile(fields[1])
		if err != nil {
			t.Fatal(err)
		}
		if len(fields) > 2 {
			n, err := strconv.Atoi(fields[2])
			if err != nil || n > len(data) {
				t.Fatalf("copy %q: bad length", cp)
			}
			data = data[:n]
		}
		if _, ok := contents[fields[0]]; !ok {
			order = append(order, fields[0])
		}
		contents[fields[0]] = data
	}
	for _, name := range order {
		data := contents[name]
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		text := strings.TrimSpace(string(data))
		switch target, link := strings.CutPrefix(text, "-> "); {
		case link && !strings.Contains(text, "\n"):
			err := os.Symlink(target, path)
			if err != nil {
				t.Fatal(err)
			}
		case text == "fifo":
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Fatal(err)
			}
		case strings.HasSuffix(name, "/"):
			if err := os.MkdirAll(path, 0o755); err != nil {
				t.Fatal(err)
			}
		default:
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, ch := range c.chmods {
		fields := strings.Fields(ch)
		mode, err := strconv.ParseUint(fields[len(fields)-1], 8, 32)
		if err != nil || len(fields) != 2 {
			t.Fatalf("chmod %q: want PATH MODE", ch)
		}
		path := filepath.Join(dir, filepath.FromSlash(fields[0]))
		if err := os.Chmod(path, fs.FileMode(mode)); err != nil {
			t.Fatal(err)
		}
		// Let the test's clean-up remove it.
		t.Cleanup(func() { os.Chmod(path, 0o755) })
	}
}

// quotedPrefix reads the Go string literal at the start of s.
func quotedPrefix(s string) (value, rest string, err error) {
	q, err := strconv.QuotedPrefix(strings.TrimSpace(s))
	if err != nil {
		return "", "", err
	}
	v, err := strconv.Unquote(q)
	return v, strings.TrimSpace(s)[len(q):], err
}

// wroteRE finds the files a command says it wrote.
var wroteRE = regexp.MustCompile(`(?m)^wrote (\S+) \(`)

// positioned is how an error about a file starts: "path: ", "path:12: " or
// "path:12:3: ".
var positioned = regexp.MustCompile(`(?m)^([^\s:]+)(:\d+(:\d+)?)?: `)

// namesAFile reports whether some line of stderr starts with the name of
// a file, with or without its position: a path (it holds a "/" or a ".")
// or one of the command's arguments.
func namesAFile(stderr string, args []string) bool {
	for _, m := range positioned.FindAllStringSubmatch(stderr, -1) {
		if strings.ContainsAny(m[1], "/.") {
			return true
		}
		for _, a := range args {
			if a == m[1] || strings.HasPrefix(a, m[1]+"/") {
				return true
			}
		}
	}
	return false
}

func TestHostileCorpus(t *testing.T) {
	paths, err := filepath.Glob("testdata/hostile/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 60 {
		t.Errorf("the corpus has %d cases; it should cover at least 60", len(paths))
	}
	for _, path := range paths {
		c := parseCase(t, path)
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t)
		})
	}
}

func (c *corpusCase) run(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	c.setUp(t, dir)
	before := snapshot(t, dir)
	var env []string
	env = append(env, c.env...)
	args := c.args
	if c.fsize > 0 {
		env = append(env, "POLYPRESS_TEST_FSIZE="+strconv.Itoa(c.fsize))
	}
	o := polypressAs(t, dir, env, c.nobody, args...)
	t.Logf("exit %d, %v CPU, %v wall, %d MB\n%s", o.code, o.cpu.Round(time.Millisecond), o.wall.Round(time.Millisecond), o.rss>>20, clip(o.stderr))
	if o.cpu > c.cpu {
		t.Errorf("took %v of CPU time (%v wall), more than %v", o.cpu.Round(time.Millisecond), o.wall.Round(time.Millisecond), c.cpu)
	}
	if o.rss > c.rss {
		t.Errorf("used %d MB, more than %d MB", o.rss>>20, c.rss>>20)
	}
	if o.code != c.exit {
		t.Errorf("exit status %d, want %d\nstderr:\n%s", o.code, c.exit, clip(o.stderr))
	}
	for _, bad := range []string{"goroutine ", "panic:", "internal error"} {
		if strings.Contains(o.stderr, bad) {
			t.Errorf("stderr holds %q:\n%s", bad, clip(o.stderr))
		}
	}
	for _, re := range c.stderr {
		if !regexp.MustCompile(re).MatchString(o.stderr) {
			t.Errorf("stderr does not match %q:\n%s", re, clip(o.stderr))
		}
	}
	for _, re := range c.stdout {
		if !regexp.MustCompile(re).MatchString(o.stdout) {
			t.Errorf("stdout does not match %q:\n%s", re, clip(o.stdout))
		}
	}
	if c.exit == exitInput && !namesAFile(o.stderr, c.args) {
		t.Errorf("bad input, but no error names the file it is about:\n%s", clip(o.stderr))
	}
	after := snapshot(t, dir)
	// A build writes the editions that build, even when others fail
	// (exit 1), and says which files it wrote; nothing else may change:
	// not outside --out, and not a file of --out it did not say it wrote.
	reported := map[string]bool{}
	for _, m := range wroteRE.FindAllStringSubmatch(o.stdout, -1) {
		for p := filepath.Clean(m[1]); p != "." && p != string(filepath.Separator); p = filepath.Dir(p) {
			reported[p] = true
		}
	}
	for k, v := range before {
		if after[k] != v && !reported[k] {
			t.Errorf("%s changed, and the command did not say it wrote it", k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok && !reported[k] {
			t.Errorf("%s appeared, and the command did not say it wrote it", k)
		}
		if strings.Contains(filepath.Base(k), ".tmp") || strings.Contains(filepath.Base(k), ".staging-") {
			t.Errorf("%s: a temporary file was left", k)
		}
	}
	out := filepath.Clean(filepath.FromSlash(c.outDir))
	for k := range reported {
		if k != out && !strings.HasPrefix(k, out+string(filepath.Separator)) && !strings.HasPrefix(out, k+string(filepath.Separator)) {
			t.Errorf("%s was written outside the output folder %s", k, out)
		}
	}
	if o.code == exitOK {
		for _, w := range c.wrote {
			if _, ok := after[filepath.FromSlash(w)]; !ok {
				t.Errorf("%s was not written", w)
			}
		}
		for _, a := range c.absent {
			name, re, _ := strings.Cut(a, " ")
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil {
				t.Errorf("%s: %v", name, err)
			} else if loc := regexp.MustCompile(re).FindIndex(data); loc != nil {
				t.Errorf("%s holds %q", name, data[loc[0]:loc[1]])
			}
		}
	}
}

// Two releases into one folder at once: the second is refused at once,
// naming the first, which finishes; the folder then holds one whole
// release, every file matching SHA256SUMS, and nothing is left beside it.
func TestTwoReleasesIntoOneFolder(t *testing.T) {
	dir := t.TempDir()
	long := generated(t, 1500)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	first := exec.Command(self, "release", "--out", "dist", long)
	first.Dir = dir
	first.Env = append(os.Environ(), "POLYPRESS_TEST_MAIN=1", "SOURCE_DATE_EPOCH=1593000000", "GOMAXPROCS=1")
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer first.Process.Kill()
	lock := filepath.Join(dir, ".dist.lock")
	for start := time.Now(); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(lock); err == nil {
			break
		}
		if time.Since(start) > killAfter {
			t.Fatal("the first release never took its lock")
		}
	}
	second := hostile(t, dir, nil, exitInput, fmt.Sprintf(`^dist: another release \(process %d\) is writing this folder now; run one release at a time into a folder`, first.Process.Pid), "release", "--out", "dist", long)
	if strings.Count(second.stderr, "\n") > 1 {
		t.Errorf("the second release said more than its refusal:\n%s", second.stderr)
	}
	if err := first.Wait(); err != nil {
		t.Fatalf("the first release: %v\n%s", err, firstErr.String())
	}
	checkRelease(t, filepath.Join(dir, "dist"))
	// Once the first has finished, the folder is free again.
	if o := polypress(t, dir, nil, "release", "--out", "dist", long); o.code != exitOK {
		t.Fatalf("a release after the first: exit %d\n%s", o.code, o.stderr)
	}
	checkRelease(t, filepath.Join(dir, "dist"))
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "dist" {
			t.Errorf("%s was left beside the release", e.Name())
		}
	}
}

// checkRelease checks that every file of the release folder dir but its
// manifest is listed in its SHA256SUMS with its digest, and every listed
// file is there.
func checkRelease(t *testing.T, dir string) {
	t.Helper()
	sums := readFile(t, filepath.Join(dir, "SHA256SUMS"))
	listed := map[string]bool{"SHA256SUMS": true, "manifest.json": true}
	for _, line := range strings.Split(strings.TrimSpace(sums), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q", line)
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := sha256.Sum256(data); hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s does not match SHA256SUMS", name)
		}
		listed[name] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !listed[e.Name()] {
			t.Errorf("%s is in the release folder but not in SHA256SUMS", e.Name())
		}
	}
}
