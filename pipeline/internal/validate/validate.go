// Package validate runs the external checkers that polypress's tests hold
// the rendered editions to: EPUBCheck and Ace by DAISY for EPUB files, the
// Nu HTML Checker and axe-core for HTML files, and poppler's pdftotext,
// pdffonts and pdfinfo, and qpdf, for PDF files.
//
// It sits beside the pipeline, not in it: only tests import it. Each
// function takes the test's testing.TB and fails it with the checker's own
// messages, so a failing test says what a reader or a validator would see.
//
// The checkers that start a JVM or a browser are started once per test
// binary, not once per file: EPUBCheck and Ace run as servers that check
// one file per request and are stopped by Run, which the TestMain of every
// package that uses them calls; the Nu HTML Checker and axe-core take all
// of a test's files in one run.
//
// A new checker that starts a runtime (a JVM, Node, Python, a browser) must
// not start it once per file either: take every file of the call in one
// run, as NuHTML does, or run it as a server (server.go: a process that
// reads one request line per file and answers one line, started on first
// use and stopped by Run), as EPUBCheck and Ace do.
//
// A checker that is not installed makes the test skip with a message naming
// the missing tool, so that a developer without Java or Chromium can still
// run the rest of the suite; Run lists those skips after the tests, where
// they are seen without -v. When the environment variable CI is "true" a
// missing checker fails the test instead: a CI run must never pass because
// nothing was checked.
package validate

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// EPUBCheckJar is where Debian's epubcheck package installs the jar. The
// package's /usr/bin/epubcheck wrapper does not start on Debian 12, so the
// jar is run with java directly. The environment variable EPUBCHECK_JAR
// overrides it.
const EPUBCheckJar = "/usr/share/java/epubcheck.jar"

// Require returns the path of tool, looked up in PATH unless it contains a
// path separator. When the tool is missing it skips the test, or fails it
// when CI is "true".
func Require(t testing.TB, tool string) string {
	t.Helper()
	return requireFor(t, tool, "")
}

// requireFor is Require for a tool that another checker needs: the
// message names that checker ("java (for EPUBCheck)").
func requireFor(t testing.TB, tool, checker string) string {
	t.Helper()
	path, err := lookTool(tool)
	if err != nil {
		name := tool
		if checker != "" {
			name += " (for " + checker + ")"
		}
		missing(t, name, err)
	}
	return path
}

// lookTool finds tool as exec.LookPath does, but also accepts a path to a
// file that is not executable (a jar).
func lookTool(tool string) (string, error) {
	if strings.ContainsRune(tool, filepath.Separator) {
		if _, err := os.Stat(tool); err != nil {
			return "", err
		}
		return tool, nil
	}
	return exec.LookPath(tool)
}

// missing reports a tool that is not installed: a skip locally, a failure
// in CI.
func missing(t testing.TB, tool string, err error) {
	t.Helper()
	msg := fmt.Sprintf("%s is not installed (%v)", tool, err)
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s; CI=true requires every checker", msg)
	}
	noteSkip(msg)
	t.Skipf("%s; skipping", msg)
}

// EPUBCheck validates each EPUB file with EPUBCheck and fails the test on
// any fatal error, error or warning, listing the messages.
//
// EPUBCheck 4's command line checks one publication per run, and most of a
// run is starting the JVM and loading EPUBCheck's schemas. So one JVM runs
// for the whole test binary (see Run): EPUBCheckServer.java, run by Java's
// single-file source launcher with epubcheck.jar on the class path, checks
// each file through EPUBCheck's own command-line class, exactly as
// `java -jar epubcheck.jar FILE --json REPORT` does, and the report is read
// as before.
func EPUBCheck(t testing.TB, paths ...string) {
	t.Helper()
	java := requireFor(t, "java", "EPUBCheck")
	jar := os.Getenv("EPUBCHECK_JAR")
	if jar == "" {
		jar = EPUBCheckJar
	}
	jar = requireFor(t, jar, "EPUBCheck")
	if err := sourceLauncher(java); err != nil {
		missing(t, "Java's source launcher (for EPUBCheck)", err)
	}
	if len(paths) == 0 {
		t.Fatal("EPUBCheck: no files to check")
	}
	start := func(dir string) (*exec.Cmd, error) {
		src := filepath.Join(dir, "EPUBCheckServer.java")
		if err := os.WriteFile(src, epubCheckServerSource, 0o644); err != nil {
			return nil, err
		}
		return exec.Command(java, append(slices.Clone(quickJVM), "-cp", jar, src)...), nil
	}
	dir := t.TempDir()
	for i, path := range paths {
		abs, err := filepath.Abs(path)
		if err != nil {
			t.Fatal(err)
		}
		report := filepath.Join(dir, fmt.Sprintf("epubcheck-%d.json", i))
		log := filepath.Join(dir, fmt.Sprintf("epubcheck-%d.log", i))
		reply, err := epubCheckServer.request(start, abs, report, log)
		if err != nil {
			t.Errorf("epubcheck %s: %v", path, err)
			continue
		}
		msgs, err := epubCheckVerdict(reply, report, log)
		if err != nil {
			t.Errorf("epubcheck %s: %v", path, err)
			continue
		}
		for _, m := range msgs {
			t.Errorf("epubcheck %s: %s", path, m)
		}
	}
}

// quickJVM are the java options for the checkers' JVMs. A test run checks
// a few dozen small files: the optimising JIT compiler (C2) and parallel
// collector threads cost more CPU than they save there, and on a shared
// 2-core machine CPU is wall time, so only the quick compiler (C1) runs,
// with the serial collector. Frames compiled by C1 are larger, so the
// thread stack is raised: with C1 the Nu HTML Checker's schema recursion
// overflows the default 1 MB ("StackOverflowError while evaluating HTML
// schema"), and EPUBCheck validates with the same kind of schemas.
var quickJVM = []string{"-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"}

// sourceLauncher tells whether java can run a program from its source
// file, which takes the jdk.compiler module. Debian's JRE has it (the
// module image of openjdk-17-jre-headless holds every module); a JRE cut
// down with jlink may not.
func sourceLauncher(java string) error {
	launcher.once.Do(func() {
		out, err := exec.Command(java, "--list-modules").Output()
		switch {
		case err != nil:
			launcher.err = fmt.Errorf("java --list-modules: %v", err)
		case !regexp.MustCompile(`(?m)^jdk\.compiler@`).Match(out):
			launcher.err = errors.New("this Java has no jdk.compiler module; install a full JRE or JDK (Debian: openjdk-17-jre-headless)")
		}
	})
	return launcher.err
}

var launcher struct {
	once sync.Once
	err  error
}

//go:embed EPUBCheckServer.java
var epubCheckServerSource []byte

// epubCheckServer is the EPUBCheck JVM of this test binary.
var epubCheckServer = &server{name: "EPUBCheck"}

// epubCheckReport is the part of EPUBCheck's --json report that tests read.
type epubCheckReport struct {
	Messages []struct {
		ID        string `json:"ID"`
		Severity  string `json:"severity"`
		Message   string `json:"message"`
		Locations []struct {
			Path   string `json:"path"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"locations"`
	} `json:"messages"`
}

// epubCheckVerdict reads what the server made of one publication: its
// reply (EPUBCheck's exit status), the JSON report and EPUBCheck's console
// output, and returns the fatal errors, errors and warnings.
func epubCheckVerdict(reply, reportPath, logPath string) ([]string, error) {
	console, _ := os.ReadFile(logPath)
	status, err := strconv.Atoi(reply)
	if err != nil {
		return nil, fmt.Errorf("server: %s\n%s", reply, console)
	}
	data, err := os.ReadFile(reportPath)
	if err != nil {
		// No report: EPUBCheck did not get as far as checking.
		return nil, fmt.Errorf("no report (%v), exit status %d:\n%s", err, status, console)
	}
	var rep epubCheckReport
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("reading report: %v", err)
	}
	var msgs []string
	for _, m := range rep.Messages {
		switch m.Severity {
		case "FATAL", "ERROR", "WARNING":
		default:
			continue
		}
		where := ""
		for _, l := range m.Locations {
			where += fmt.Sprintf(" %s:%d:%d", l.Path, l.Line, l.Column)
		}
		msgs = append(msgs, fmt.Sprintf("%s(%s)%s: %s", m.Severity, m.ID, where, m.Message))
	}
	if len(msgs) == 0 && status != 0 {
		// A failed run that reported nothing we recognise is still a failure.
		return nil, fmt.Errorf("exit status %d with no error in the report:\n%s", status, console)
	}
	return msgs, nil
}

// Ace checks EPUB files with Ace by DAISY and fails the test on every
// violation it reports, whatever its impact.
//
// The ace command line checks one publication per run and starts Node and
// Chromium each time. So one Node process with one headless Chromium runs
// for the whole test binary (see Run): ace.cjs calls the same ace-core
// function with the same Puppeteer runner that `ace -o OUT FILE` uses,
// keeping the browser open between publications, and each report.json is
// read as before.
//
// It needs node, npm's @daisy/ace-core and @daisy/ace-axe-runner-puppeteer,
// taken from <module root>/.ci/node_modules, where the project's CI
// installs them with @daisy/ace-cli (the environment variable
// ACE_NODE_MODULES overrides it), and Chromium: PUPPETEER_EXECUTABLE_PATH,
// or else the chromium found in PATH, because the project installs Ace
// without letting Puppeteer download a browser. Running as root needs no
// extra flag: Ace 1.4.6 always launches Chromium with --no-sandbox and
// --disable-setuid-sandbox (ace-axe-runner-puppeteer's launch function).
func Ace(t testing.TB, paths ...string) {
	t.Helper()
	node := requireFor(t, "node", "Ace")
	modules := os.Getenv("ACE_NODE_MODULES")
	if modules == "" {
		modules = ciNodeModule()
	}
	for _, pkg := range []string{"@daisy/ace-core", "@daisy/ace-logger", "@daisy/ace-axe-runner-puppeteer"} {
		if _, err := os.Stat(filepath.Join(modules, pkg, "package.json")); modules == "" || err != nil {
			missing(t, "npm "+pkg+" (Ace by DAISY)", fmt.Errorf("not in %q; run npm ci in .ci", modules))
		}
	}
	browser := os.Getenv("PUPPETEER_EXECUTABLE_PATH")
	if browser == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				browser = p
				break
			}
		}
		if browser == "" {
			missing(t, "chromium (for Ace)", errors.New("not in PATH and PUPPETEER_EXECUTABLE_PATH unset"))
		}
	}
	if len(paths) == 0 {
		t.Fatal("Ace: no files to check")
	}
	start := func(dir string) (*exec.Cmd, error) {
		script := filepath.Join(dir, "ace.cjs")
		if err := os.WriteFile(script, aceServerSource, 0o644); err != nil {
			return nil, err
		}
		cmd := exec.Command(node, script, modules)
		cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+browser)
		return cmd, nil
	}
	for _, path := range paths {
		abs, err := filepath.Abs(path)
		if err != nil {
			t.Fatal(err)
		}
		out, tmp := t.TempDir(), t.TempDir()
		reply, err := aceServer.request(start, abs, out, tmp)
		if err != nil {
			t.Errorf("ace %s: %v", path, err)
			continue
		}
		violations, err := aceVerdict(reply, filepath.Join(out, "report.json"))
		if err != nil {
			t.Errorf("ace %s: %v", path, err)
			continue
		}
		for _, v := range violations {
			t.Errorf("ace %s: %s", path, v)
		}
	}
}

//go:embed ace.cjs
var aceServerSource []byte

// aceServer is the Node process, with its Chromium, that runs Ace for this
// test binary.
var aceServer = &server{name: "Ace"}

// aceVerdict reads what the server made of one publication: its JSON
// reply and the report, and returns the violations.
func aceVerdict(reply, reportPath string) ([]string, error) {
	var r struct {
		Outcome string `json:"outcome"`
		Error   string `json:"error"`
	}
	if err := json.Unmarshal([]byte(reply), &r); err != nil {
		return nil, fmt.Errorf("server reply %q: %v", reply, err)
	}
	if r.Error != "" {
		return nil, errors.New(r.Error)
	}
	data, err := os.ReadFile(reportPath)
	if err != nil {
		return nil, fmt.Errorf("no report: %v", err)
	}
	violations, err := aceViolations(data)
	if err != nil {
		return nil, err
	}
	if len(violations) == 0 && r.Outcome != "pass" {
		// Ace's own verdict, which -E turned into an exit status, must
		// agree with the assertions we read.
		return nil, fmt.Errorf("outcome %q, yet no failed assertion in the report", r.Outcome)
	}
	return violations, nil
}

// aceReport is the part of Ace's EARL report.json that tests read: one
// entry per checked document, each with the failed rules.
type aceReport struct {
	Assertions []struct {
		Subject struct {
			URL string `json:"url"`
		} `json:"earl:testSubject"`
		Assertions []struct {
			Test struct {
				Rule        string `json:"dct:title"`
				Impact      string `json:"earl:impact"`
				Description string `json:"dct:description"`
			} `json:"earl:test"`
			Result struct {
				Outcome     string `json:"earl:outcome"`
				Description string `json:"dct:description"`
				HTML        string `json:"html"`
			} `json:"earl:result"`
		} `json:"assertions"`
	} `json:"assertions"`
}

// aceViolations lists the failed assertions of an Ace report, one line
// each, in the report's order.
func aceViolations(data []byte) ([]string, error) {
	var rep aceReport
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, fmt.Errorf("reading report.json: %v", err)
	}
	var out []string
	for _, doc := range rep.Assertions {
		for _, a := range doc.Assertions {
			if a.Result.Outcome != "fail" {
				continue
			}
			line := fmt.Sprintf("%s: [%s] %s: %s", doc.Subject.URL, a.Test.Impact, a.Test.Rule, a.Test.Description)
			if d := strings.TrimSpace(a.Result.Description); d != "" {
				line += "\n\t" + strings.ReplaceAll(d, "\n", "\n\t")
			}
			if a.Result.HTML != "" {
				line += "\n\t" + a.Result.HTML
			}
			out = append(out, line)
		}
	}
	return out, nil
}

// PDFText returns the text of the PDF file at path as pdftotext extracts
// it, in reading order. args are passed before the file name (for example
// "-layout", or "-f", "2", "-l", "2" for one page).
func PDFText(t testing.TB, path string, args ...string) string {
	t.Helper()
	tool := Require(t, "pdftotext")
	out := run(t, tool, append(append(append([]string{}, args...), path), "-")...)
	return string(out)
}

// FontInfo is one row of pdffonts' table.
type FontInfo struct {
	Name     string // base font name, with the subset tag ("ABCDEF+NotoSans-Regular")
	Type     string // "CID TrueType", "TrueType", "Type 1", ...
	Encoding string
	Embedded bool
	Subset   bool
	Unicode  bool // the font has a ToUnicode map, so text can be extracted
	Object   string
}

// PDFFonts returns the fonts pdffonts lists for the PDF file at path.
func PDFFonts(t testing.TB, path string) []FontInfo {
	t.Helper()
	tool := Require(t, "pdffonts")
	fonts, err := parsePDFFonts(string(run(t, tool, path)))
	if err != nil {
		t.Fatalf("pdffonts %s: %v", path, err)
	}
	return fonts
}

// parsePDFFonts reads pdffonts' table. The type column may hold spaces
// ("CID TrueType") and a long name widens the first column, so each row is
// read from the right, where the columns are single words.
func parsePDFFonts(out string) ([]FontInfo, error) {
	var fonts []FontInfo
	lines := strings.Split(out, "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "----") {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return nil, fmt.Errorf("no table in output:\n%s", out)
	}
	yes := func(s string) (bool, error) {
		switch s {
		case "yes":
			return true, nil
		case "no":
			return false, nil
		}
		return false, fmt.Errorf("want yes or no, got %q", s)
	}
	for _, l := range lines[start:] {
		f := strings.Fields(l)
		if len(f) == 0 {
			continue
		}
		n := len(f)
		if n < 8 {
			return nil, fmt.Errorf("short row %q", l)
		}
		var fi FontInfo
		var err error
		fi.Name = f[0]
		fi.Type = strings.Join(f[1:n-6], " ")
		fi.Encoding = f[n-6]
		fi.Object = f[n-2] + " " + f[n-1]
		for _, p := range []struct {
			dst *bool
			s   string
		}{{&fi.Embedded, f[n-5]}, {&fi.Subset, f[n-4]}, {&fi.Unicode, f[n-3]}} {
			if *p.dst, err = yes(p.s); err != nil {
				return nil, fmt.Errorf("row %q: %v", l, err)
			}
		}
		fonts = append(fonts, fi)
	}
	return fonts, nil
}

// PDFInfo returns pdfinfo's "Key: value" lines for the PDF file at path as
// a map. args are passed before the file name (for example "-box", or "-f",
// "1", "-l", "3" for per-page sizes).
func PDFInfo(t testing.TB, path string, args ...string) map[string]string {
	t.Helper()
	tool := Require(t, "pdfinfo")
	return parsePDFInfo(string(run(t, tool, append(append([]string{}, args...), path)...)))
}

func parsePDFInfo(out string) map[string]string {
	info := make(map[string]string)
	for _, l := range strings.Split(out, "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		info[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return info
}

// run runs a tool and returns its standard output, failing the test with
// its standard error when it exits non-zero.
func run(t testing.TB, tool string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(tool, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(tool), strings.Join(quote(args), " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

func quote(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " \t'\"") {
			a = strconv.Quote(a)
		}
		out[i] = a
	}
	return out
}

// OutlineEntry is one entry of a PDF's outline (bookmarks), as qpdf reads
// it: its title, the 1-based page it points at, and its children.
type OutlineEntry struct {
	Title string         `json:"title"`
	Page  int            `json:"destpageposfrom1"`
	Kids  []OutlineEntry `json:"kids"`
	// Open is set when a reader shows the entry's kids.
	Open bool `json:"open"`
}

// PDFOutline reads a PDF's outline with qpdf --json.
func PDFOutline(t testing.TB, path string) []OutlineEntry {
	t.Helper()
	tool := Require(t, "qpdf")
	out := run(t, tool, "--json", "--json-key=outlines", path)
	var doc struct {
		Outlines []OutlineEntry `json:"outlines"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	return doc.Outlines
}
