package validate

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

//go:embed axe.cjs
var axeRunner []byte

// AxePage is what axe-core's run learnt about one page besides its
// violations.
type AxePage struct {
	Path string
	// Requests are the URLs the page asked for outside its own file (and
	// data: URLs); they were blocked. A self-contained page makes none.
	Requests []string
}

// AxeHTML checks HTML files with axe-core, in one headless Chromium for all
// of them, and fails the test on every violation of every rule axe runs by
// default (WCAG 2.x A and AA, and best practices), whatever its impact.
// Each page is loaded from its file with the network blocked.
//
// It needs node, Debian's chromium (PUPPETEER_EXECUTABLE_PATH, else
// chromium in PATH) and npm's puppeteer-core and axe-core, taken from
// <module root>/.ci/node_modules (the environment variable AXE_NODE_MODULES
// overrides it). Chromium starts with a fresh profile, sandbox and
// background networking off.
func AxeHTML(t testing.TB, paths ...string) []AxePage {
	t.Helper()
	node := requireFor(t, "node", "axe-core")
	browser := os.Getenv("PUPPETEER_EXECUTABLE_PATH")
	if browser == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				browser = p
				break
			}
		}
		if browser == "" {
			missing(t, "chromium (for axe-core)", errors.New("not in PATH and PUPPETEER_EXECUTABLE_PATH unset"))
		}
	}
	modules := os.Getenv("AXE_NODE_MODULES")
	if modules == "" {
		modules = ciNodeModule()
	}
	for _, pkg := range []string{"puppeteer-core", "axe-core"} {
		if _, err := os.Stat(filepath.Join(modules, pkg, "package.json")); modules == "" || err != nil {
			missing(t, "npm "+pkg, fmt.Errorf("not in %q; run npm ci in .ci", modules))
		}
	}
	if len(paths) == 0 {
		t.Fatal("AxeHTML: no files to check")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "axe.cjs")
	if err := os.WriteFile(script, axeRunner, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{script, modules, browser, filepath.Join(dir, "profile")}
	for _, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		args = append(args, a)
	}
	cmd := exec.Command(node, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("axe-core: %v\n%s", err, stderr.String())
	}
	pages, violations, err := axeResults(out)
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	for _, v := range violations {
		t.Errorf("axe-core: %s", v)
	}
	return pages
}

// axeReport is what axe.cjs prints.
type axeReport []struct {
	File       string   `json:"file"`
	Requests   []string `json:"requests"`
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target  string `json:"target"`
			HTML    string `json:"html"`
			Summary string `json:"summary"`
		} `json:"nodes"`
	} `json:"violations"`
}

// axeResults reads the runner's report: the pages, and one line per
// violating element, "file: [impact] rule: help".
func axeResults(data []byte) ([]AxePage, []string, error) {
	var rep axeReport
	if err := json.Unmarshal(data, &rep); err != nil {
		return nil, nil, fmt.Errorf("reading report: %v\n%s", err, data)
	}
	var pages []AxePage
	var lines []string
	for _, f := range rep {
		pages = append(pages, AxePage{Path: f.File, Requests: f.Requests})
		for _, v := range f.Violations {
			for _, n := range v.Nodes {
				line := fmt.Sprintf("%s: [%s] %s: %s\n\t%s %s", filepath.Base(f.File), v.Impact, v.ID, v.Help, n.Target, n.HTML)
				if s := strings.TrimSpace(n.Summary); s != "" {
					line += "\n\t" + strings.ReplaceAll(s, "\n", "\n\t")
				}
				lines = append(lines, line)
			}
		}
	}
	return pages, lines, nil
}
