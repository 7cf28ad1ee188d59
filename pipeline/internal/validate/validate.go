// Package validate runs the external checkers that polypress's tests hold
// the rendered editions to: EPUBCheck and Ace by DAISY for EPUB files, and
// poppler's pdftotext, pdffonts and pdfinfo for PDF files.
//
// It sits beside the pipeline, not in it: only tests import it. Each
// function takes the test's testing.TB and fails it with the checker's own
// messages, so a failing test says what a reader or a validator would see.
//
// A checker that is not installed makes the test skip with a message naming
// the missing tool, so that a developer without Java or Chromium can still
// run the rest of the suite. When the environment variable CI is "true" a
// missing checker fails the test instead: a CI run must never pass because
// nothing was checked.
package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
	path, err := lookTool(tool)
	if err != nil {
		missing(t, tool, err)
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
	t.Skipf("%s; skipping", msg)
}

// EPUBCheck validates each EPUB file with EPUBCheck and fails the test on
// any fatal error, error or warning, listing the messages. EPUBCheck 4
// checks one publication per run and most of each run is JVM start-up, so
// the files are checked in parallel runs.
func EPUBCheck(t testing.TB, paths ...string) {
	t.Helper()
	java := Require(t, "java")
	jar := os.Getenv("EPUBCHECK_JAR")
	if jar == "" {
		jar = EPUBCheckJar
	}
	jar = Require(t, jar)

	results := make([]epubCheckResult, len(paths))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, path := range paths {
		dir := t.TempDir()
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = runEPUBCheck(java, jar, path, dir)
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.err != nil {
			t.Errorf("epubcheck %s: %v", paths[i], r.err)
			continue
		}
		for _, m := range r.messages {
			t.Errorf("epubcheck %s: %s", paths[i], m)
		}
	}
}

type epubCheckResult struct {
	messages []string
	err      error
}

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

func runEPUBCheck(java, jar, path, dir string) epubCheckResult {
	report := filepath.Join(dir, "epubcheck.json")
	cmd := exec.Command(java, "-jar", jar, path, "--json", report)
	out, runErr := cmd.CombinedOutput()
	data, err := os.ReadFile(report)
	if err != nil {
		// No report: EPUBCheck did not get as far as checking.
		return epubCheckResult{err: fmt.Errorf("no report (%v): %v\n%s", err, runErr, out)}
	}
	var rep epubCheckReport
	if err := json.Unmarshal(data, &rep); err != nil {
		return epubCheckResult{err: fmt.Errorf("reading report: %v", err)}
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
	if len(msgs) == 0 && runErr != nil {
		// A failed run that reported nothing we recognise is still a failure.
		return epubCheckResult{err: fmt.Errorf("%v\n%s", runErr, out)}
	}
	return epubCheckResult{messages: msgs}
}

// Ace checks the EPUB file at path with Ace by DAISY and fails the test on
// every violation it reports, whatever its impact.
//
// ace-cli is taken from <module root>/.ci/node_modules/.bin, where the
// project's CI installs it, or else from PATH. Ace drives Chromium through
// Puppeteer; when PUPPETEER_EXECUTABLE_PATH is unset it is pointed at the
// chromium found in PATH, because the project installs Ace without letting
// Puppeteer download a browser. Running as root needs no extra flag: Ace
// 1.4.6 always launches Chromium with --no-sandbox and
// --disable-setuid-sandbox (ace-axe-runner-puppeteer's launch function).
func Ace(t testing.TB, path string) {
	t.Helper()
	ace := aceCLI()
	if ace == "" {
		ace = "ace-cli"
	}
	ace = Require(t, ace)
	env := os.Environ()
	if os.Getenv("PUPPETEER_EXECUTABLE_PATH") == "" {
		browser := ""
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				browser = p
				break
			}
		}
		if browser == "" {
			missing(t, "chromium (for Ace)", errors.New("not in PATH and PUPPETEER_EXECUTABLE_PATH unset"))
		}
		env = append(env, "PUPPETEER_EXECUTABLE_PATH="+browser)
	}
	out := t.TempDir()
	// -E: exit non-zero on a violation; -f: overwrite the report directory;
	// -s: no progress chatter.
	cmd := exec.Command(ace, "-E", "-f", "-s", "-o", out, "-t", t.TempDir(), path)
	cmd.Env = env
	output, runErr := cmd.CombinedOutput()
	data, err := os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil {
		t.Fatalf("ace %s: no report (%v): %v\n%s", path, err, runErr, output)
	}
	violations, err := aceViolations(data)
	if err != nil {
		t.Fatalf("ace %s: %v", path, err)
	}
	for _, v := range violations {
		t.Errorf("ace %s: %s", path, v)
	}
	if len(violations) == 0 && runErr != nil {
		t.Errorf("ace %s: %v\n%s", path, runErr, output)
	}
}

// aceCLI returns <module root>/.ci/node_modules/.bin/ace-cli if it exists.
func aceCLI() string {
	p := ciNodeModule(".bin", "ace-cli")
	if _, err := os.Stat(p); p == "" || err != nil {
		return ""
	}
	return p
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
