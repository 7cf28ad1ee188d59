package validate

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// NuHTML checks HTML files with the Nu HTML Checker (vnu, the W3C's
// validator) and fails the test on every error, naming the file, line and
// column; warnings are logged. All files are checked by one JVM: most of a
// run is its start-up.
//
// The checker's jar is taken from the environment variable VNU_JAR, else
// from <module root>/.ci/node_modules/vnu-jar/build/dist/vnu.jar, where the
// project's CI installs npm's vnu-jar; it needs java.
func NuHTML(t testing.TB, paths ...string) {
	t.Helper()
	java := requireFor(t, "java", "the Nu HTML Checker")
	jar := os.Getenv("VNU_JAR")
	if jar == "" {
		jar = ciNodeModule("vnu-jar", "build", "dist", "vnu.jar")
	}
	if jar == "" {
		jar = "vnu.jar"
	}
	jar = requireFor(t, jar, "the Nu HTML Checker")
	if len(paths) == 0 {
		t.Fatal("NuHTML: no files to check")
	}
	abs := make([]string, len(paths))
	for i, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		abs[i] = a
	}
	// --format json writes the report to standard error; the exit status
	// is 1 when anything was reported, which the report says better.
	cmd := exec.Command(java, append(append(slices.Clone(quickJVM), "-jar", jar, "--format", "json", "--exit-zero-always"), abs...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("vnu: %v\n%s", err, out)
	}
	errs, warnings, err := nuMessages(out)
	if err != nil {
		t.Fatalf("vnu: %v", err)
	}
	for _, w := range warnings {
		t.Logf("vnu: %s", w)
	}
	for _, e := range errs {
		t.Errorf("vnu: %s", e)
	}
}

// nuReport is the Nu HTML Checker's JSON report.
type nuReport struct {
	Messages []struct {
		Type      string `json:"type"`    // "error", "info" or "non-document-error"
		SubType   string `json:"subType"` // "warning" or "fatal"
		URL       string `json:"url"`
		LastLine  int    `json:"lastLine"`
		FirstCol  int    `json:"firstColumn"`
		LastCol   int    `json:"lastColumn"`
		Message   string `json:"message"`
		Extract   string `json:"extract"`
		FirstLine int    `json:"firstLine"`
	} `json:"messages"`
}

// nuMessages reads a report into error and warning lines,
// "file:line:col: message". Info messages that are not warnings are
// dropped; a non-document error (an unreadable file) is an error.
func nuMessages(data []byte) (errs, warnings []string, err error) {
	// The JVM may print a line of its own before the report.
	start := strings.Index(string(data), `{"`)
	if start < 0 {
		return nil, nil, fmt.Errorf("no report in output:\n%s", data)
	}
	var rep nuReport
	if err := json.Unmarshal(data[start:], &rep); err != nil {
		return nil, nil, fmt.Errorf("reading report: %v\n%s", err, data)
	}
	for _, m := range rep.Messages {
		where := m.URL
		if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
			where = filepath.Base(u.Path)
		}
		col := m.FirstCol
		if col == 0 {
			col = m.LastCol
		}
		line := fmt.Sprintf("%s:%d:%d: %s", where, m.LastLine, col, m.Message)
		if x := strings.TrimSpace(m.Extract); x != "" {
			line += "\n\t" + strings.ReplaceAll(x, "\n", "↵")
		}
		switch {
		case m.Type == "error", m.Type == "non-document-error":
			errs = append(errs, line)
		case m.Type == "info" && m.SubType == "warning":
			warnings = append(warnings, line)
		}
	}
	return errs, warnings, nil
}

// ciNodeModule returns the path of a file in <module root>/.ci/node_modules,
// where CI installs the npm tools, or "" when there is no module root.
func ciNodeModule(elem ...string) string {
	root := moduleRoot()
	if root == "" {
		return ""
	}
	return filepath.Join(append([]string{root, ".ci", "node_modules"}, elem...)...)
}

// moduleRoot is the folder holding go.mod, above the working directory.
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
