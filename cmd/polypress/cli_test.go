package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	builtinLocales "github.com/polypress/polypress/locales"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// inProject runs polypress in a new project folder (polypress new) and
// returns the folder, made the working folder for the rest of the test.
func inProject(t *testing.T, kind string) string {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", "1593000000")
	dir := filepath.Join(t.TempDir(), "press")
	args := []string{"new", dir}
	if kind != "" {
		args = []string{"new", "--kind", kind, dir}
	}
	if code, _, stderr := runCmd(args...); code != exitOK {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	t.Chdir(dir)
	return dir
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A project file's problems are reported at polypress.toml:line:col with
// exit status 1; a bad value given as a flag is a usage error, exit 2.
func TestProjectFileErrors(t *testing.T) {
	inProject(t, "")
	good, _ := os.ReadFile("polypress.toml")
	for _, tt := range []struct {
		name, edit string
		args       []string
		code       int
		want       string
	}{
		{"syntax", "layout = \"briefing\n", nil, exitInput, `^polypress\.toml:35:\d+: `},
		{"unknown key", "locale_dirs = \"locales\"\n", nil, exitInput, `^polypress\.toml:35:1: unknown setting "locale_dirs"; did you mean "locale_dir"\?\n$`},
		{"outside the project", "", nil, exitInput, ``},
		{"wrong type", "strict = \"yes\"\n", nil, exitInput, `^polypress\.toml:35:1: strict: want true or false, not a string\n$`},
		{"bad value in the file", "locales = [\"en\", \"xx-invalid--\"]\n", nil, exitInput, `^polypress\.toml:35:1: locales: "xx-invalid--" is not a BCP 47 language tag`},
		{"bad value from a flag", "", []string{"--layout", "tabloid"}, exitUsage, `^polypress build: --layout: unknown layout "tabloid"; the built-in layouts are briefing, letter, or give a \.toml file\n`},
		{"flag overrides a bad setting", "layout = \"tabloid\"\n", []string{"--layout", "letter"}, exitOK, `^$`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			text := string(good)
			switch tt.name {
			case "outside the project":
				text = strings.Replace(text, `out = "dist"`, `out = "../dist"`, 1)
				tt.want = `^polypress\.toml:11:1: out: "\.\./dist" leaves the project folder \.; keep the project's files inside it\n$`
			case "unknown key", "syntax", "wrong type", "bad value in the file", "flag overrides a bad setting":
				// Settings given twice are a TOML error; remove the
				// scaffold's own line for the key first.
				key := strings.SplitN(tt.edit, " ", 2)[0]
				text = regexp.MustCompile(`(?m)^`+key+` = .*\n`).ReplaceAllString(text, "# removed\n")
				text += tt.edit
			}
			writeFile(t, "polypress.toml", text)
			defer writeFile(t, "polypress.toml", string(good))
			code, _, stderr := runCmd(append([]string{"build", "--formats", "html", "--quiet"}, tt.args...)...)
			if code != tt.code || !regexp.MustCompile(tt.want).MatchString(stderr) {
				t.Errorf("exit %d (want %d)\n%s\nwant %s", code, tt.code, stderr, tt.want)
			}
		})
	}
}

// config prints every setting with where it came from; a flag shows as
// the origin of what it sets.
func TestConfig(t *testing.T) {
	inProject(t, "")
	code, stdout, stderr := runCmd("config", "--layout", "letter")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		`(?m)^project +polypress\.toml$`,
		`(?m)^statements +statements +polypress\.toml:8:1$`,
		`(?m)^layout +letter +--layout$`,
		`(?m)^locale_dir +locales +polypress\.toml:16:1$`,
	} {
		if !regexp.MustCompile(want).MatchString(stdout) {
			t.Errorf("config does not match %s:\n%s", want, stdout)
		}
	}
	// From a subfolder, the same project, its paths relative to here.
	t.Chdir(filepath.Join("statements", "press"))
	_, stdout, _ = runCmd("config", "--json")
	var got struct {
		File     string `json:"file"`
		Settings []struct {
			Key    string `json:"key"`
			Value  any    `json:"value"`
			Origin string `json:"origin"`
		} `json:"settings"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("config --json: %v\n%s", err, stdout)
	}
	if got.File != filepath.Join("..", "..", "polypress.toml") || got.Settings[1].Key != "out" || got.Settings[1].Value != filepath.Join("..", "..", "dist") {
		t.Errorf("config --json from a subfolder: %+v", got)
	}
	// With no project file, the defaults.
	t.Chdir(t.TempDir())
	_, stdout, _ = runCmd("config", "--project", "none")
	if !regexp.MustCompile(`(?m)^out +dist +default$`).MatchString(stdout) {
		t.Errorf("config without a project:\n%s", stdout)
	}
}

// Every kind of statement makes a project that builds at once, clean.
func TestNewEveryKind(t *testing.T) {
	for _, kind := range doc.Kinds {
		t.Run(kind, func(t *testing.T) {
			inProject(t, kind)
			code, stdout, stderr := runCmd("build", "--formats", "html")
			if code != exitOK || stderr != "" || strings.Count(stdout, "wrote ") != 2 {
				t.Errorf("build: exit %d\n%s%s", code, stdout, stderr)
			}
			if code, _, stderr := runCmd("locales", "check", "--strict"); code != exitOK {
				t.Errorf("locales check --strict: exit %d\n%s", code, stderr)
			}
		})
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "notes.txt"), "mine\n")
	if code, _, stderr := runCmd("new", dir); code != exitUsage || !strings.Contains(stderr, "exists and is not empty") {
		t.Errorf("new into a folder with files: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCmd("new", "--kind", "comunique", filepath.Join(dir, "x")); code != exitUsage || !strings.Contains(stderr, `unknown kind "comunique" (did you mean "communique"?)`) {
		t.Errorf("new --kind comunique: exit %d: %s", code, stderr)
	}
}

// --json gives the files written and every problem as an object.
func TestJSONDiagnostics(t *testing.T) {
	out := t.TempDir()
	code, stdout, _ := runCmd("build", "--json", "--out", out, "--formats", "html", "testdata/misaligned")
	var rep struct {
		OK        bool `json:"ok"`
		Artifacts []struct {
			Path, Locale string
		} `json:"artifacts"`
		Diagnostics []jsonDiag `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("build --json: %v\n%s", err, stdout)
	}
	if code != exitInput || rep.OK || len(rep.Artifacts) != 1 || rep.Artifacts[0].Locale != "en" || len(rep.Diagnostics) == 0 {
		t.Fatalf("build --json: exit %d, %+v", code, rep)
	}
	d := rep.Diagnostics[0]
	if d.File != "testdata/misaligned/statement.fr.md" || d.Line == 0 || d.Col == 0 || d.Severity != "error" || d.Message == "" {
		t.Errorf("diagnostic %+v", d)
	}

	// locales check and status too.
	locales := shippedLocales(t, t.TempDir())
	writeFile(t, filepath.Join(locales, "fr.toml"), "[contnets]\nother = \"Sommaire\"\n")
	code, stdout, _ = runCmd("locales", "check", "--json", "--locale-dir", locales, "testdata/good")
	var check struct {
		OK          bool       `json:"ok"`
		Diagnostics []jsonDiag `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(stdout), &check); err != nil {
		t.Fatalf("check --json: %v\n%s", err, stdout)
	}
	found := false
	for _, d := range check.Diagnostics {
		if d.File == filepath.ToSlash(filepath.Join(locales, "fr.toml")) && d.Line == 1 && d.Col == 2 && d.Code == "unknown-message" && d.Severity == "error" {
			found = true
		}
	}
	if code != exitInput || check.OK || !found {
		t.Errorf("check --json: exit %d: %+v", code, check)
	}
	code, stdout, _ = runCmd("locales", "status", "--json", "--locale-dir", locales, "testdata/good")
	var status struct {
		Locales     []any      `json:"locales"`
		Diagnostics []jsonDiag `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(stdout), &status); err != nil || code != exitOK || len(status.Locales) == 0 || len(status.Diagnostics) == 0 {
		t.Errorf("status --json: exit %d, %v: %s", code, err, stdout)
	}

	// release --json: the failure event carries the diagnostics.
	t.Setenv("SOURCE_DATE_EPOCH", "1593000000")
	code, stdout, _ = runCmd("release", "--json", "--out", filepath.Join(t.TempDir(), "r"), "testdata/misaligned")
	var failed *jsonEvent
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var e jsonEvent
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("release --json: %v: %s", err, line)
		}
		if e.Event == "failed" {
			failed = &e
		}
	}
	if code != exitInput || failed == nil || len(failed.Diagnostics) == 0 || failed.Diagnostics[0].File != "testdata/misaligned/statement.fr.md" || failed.Diagnostics[0].Line == 0 {
		t.Errorf("release --json: exit %d, %+v", code, failed)
	}
}

// --diagnostics github prints workflow commands GitHub Actions turns into
// annotations on the lines.
func TestGitHubAnnotations(t *testing.T) {
	code, stdout, stderr := runCmd("build", "--diagnostics", "github", "--quiet", "--out", t.TempDir(), "--formats", "html", "testdata/misaligned")
	if code != exitInput || !regexp.MustCompile(`(?m)^::error file=testdata/misaligned/statement\.fr\.md,line=\d+,col=\d+(,title=[^:]+)?::.+`).MatchString(stdout) {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	d := &diag.Diagnostic{Pos: diag.Pos{File: "a,b:c.md", Line: 3, Col: 4}, Severity: diag.Warning, Code: "x", Msg: "50% done\nthen more"}
	if got := annotation(d); got != "::warning file=a%2Cb%3Ac.md,line=3,col=4,title=polypress x::50%25 done%0Athen more" {
		t.Errorf("annotation %q", got)
	}
}

// Colour only on a terminal and never with NO_COLOR; the progress bar
// never in CI.
func TestColourAndCI(t *testing.T) {
	var stderr bytes.Buffer
	o := &output{stderr: &stderr, color: true}
	o.one(&diag.Diagnostic{Pos: diag.Pos{File: "a.md", Line: 1, Col: 2}, Msg: "broken"})
	o.one(&diag.Diagnostic{Pos: diag.Pos{File: "a.md", Line: 3, Col: 1}, Severity: diag.Warning, Msg: "odd"})
	if got := stderr.String(); got != "\x1b[1ma.md:1:2:\x1b[0m \x1b[31merror:\x1b[0m broken\na.md:3:1: \x1b[33mwarning:\x1b[0m odd\n" {
		t.Errorf("coloured: %q", got)
	}
	o = &output{stderr: &stderr}
	o.init()
	if o.color {
		t.Error("colour on a buffer")
	}
	for v, want := range map[string]bool{"": false, "false": false, "FALSE": false, "0": false, "true": true, "1": true, "yes": true, "woodpecker": true} {
		t.Setenv("CI", v)
		if inCI() != want {
			t.Errorf("CI=%q: inCI %v", v, !want)
		}
	}
}

// Help goes to standard output; --quiet keeps only errors; --verbose adds
// the settings; "-" reads a statement from standard input.
func TestHelpQuietVerboseStdin(t *testing.T) {
	for _, args := range [][]string{{"help", "build"}, {"build", "--help"}, {"help", "locales", "check"}, {"release", "merge", "--help"}, {"help", "watch"}, {"help", "new"}} {
		code, stdout, stderr := runCmd(args...)
		if code != exitOK || !strings.Contains(stdout, "Usage") || stderr != "" {
			t.Errorf("%v: exit %d, stdout %d bytes, stderr %q", args, code, len(stdout), stderr)
		}
	}
	out := t.TempDir()
	code, stdout, stderr := runCmd("build", "--quiet", "--out", out, "--formats", "html", "testdata/good")
	if code != exitOK || stdout != "" || stderr != "" {
		t.Errorf("--quiet: exit %d %q %q", code, stdout, stderr)
	}
	code, _, stderr = runCmd("build", "--verbose", "--project", "none", "--out", out, "--formats", "html", "testdata/good")
	if code != exitOK || !regexp.MustCompile(`(?m)^formats +html +--formats$`).MatchString(stderr) {
		t.Errorf("--verbose: exit %d\n%s", code, stderr)
	}

	old := stdin
	defer func() { stdin = old }()
	stdin = strings.NewReader(readFile(t, "testdata/good/statement.md"))
	code, stdout, stderr = runCmd("build", "--out", out, "--formats", "html", "-")
	if code != exitOK || !strings.Contains(stdout, filepath.Join(out, "good.en.html")) {
		t.Errorf("build -: exit %d\n%s%s", code, stdout, stderr)
	}
	stdin = strings.NewReader("---\nid: x\ntitel: y\n---\n")
	code, _, stderr = runCmd("build", "--out", out, "-")
	if code != exitInput || !strings.Contains(stderr, "<stdin>:3:1: unknown front matter key \"titel\"") {
		t.Errorf("build - with a bad statement: exit %d\n%s", code, stderr)
	}
}

// The completion scripts are valid in their shells and complete commands,
// flags and flag values.
func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			code, script, stderr := runCmd("completion", shell)
			if code != exitOK || !strings.Contains(script, "locale-dir") || !strings.Contains(script, "briefing letter") {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			path, err := exec.LookPath(shell)
			if err != nil {
				if os.Getenv("CI") != "" {
					t.Fatalf("%s is not installed (.ci/run installs it)", shell)
				}
				t.Skipf("%s is not installed", shell)
			}
			file := filepath.Join(t.TempDir(), "polypress."+shell)
			writeFile(t, file, script)
			if out, err := exec.Command(path, "-n", file).CombinedOutput(); err != nil {
				t.Fatalf("%s -n: %v\n%s", shell, err, out)
			}
			if shell != "bash" {
				return
			}
			// Complete "polypress build --lay" and "--layout l".
			for words, want := range map[string]string{
				"polypress build --lay":       "--layout",
				"polypress build --layout l":  "letter",
				"polypress locales ch":        "check",
				"polypress locales check --s": "--strict",
				"polypress wat":               "watch",
			} {
				probe := "source " + file + "\nCOMP_WORDS=(" + words + ")\nCOMP_CWORD=$((${#COMP_WORDS[@]}-1))\n_polypress\necho \"${COMPREPLY[@]}\"\n"
				out, err := exec.Command(path, "-c", probe).CombinedOutput()
				if err != nil || !strings.Contains(string(out), want) {
					t.Errorf("%q: %v %q, want %s", words, err, out, want)
				}
			}
		})
	}
	if code, _, _ := runCmd("completion", "powershell"); code != exitUsage {
		t.Errorf("completion powershell: exit %d", code)
	}
}

// "locales export TAG" writes polypress's own file into the project's
// locale folder, never over a file; XLIFF is the same command's other
// format.
func TestLocalesExportBuiltIn(t *testing.T) {
	inProject(t, "")
	code, stdout, stderr := runCmd("locales", "export", "de")
	if code != exitOK || !strings.Contains(stdout, "wrote "+filepath.Join("locales", "de.toml")) {
		t.Fatalf("export de: exit %d\n%s%s", code, stdout, stderr)
	}
	want, err := fs.ReadFile(builtinLocales.FS, "de.toml")
	if got := readFile(t, filepath.Join("locales", "de.toml")); err != nil || got != string(want) {
		t.Error("locales/de.toml is not the built-in German file")
	}
	if code, _, stderr := runCmd("locales", "export", "de"); code != exitInput || !strings.Contains(stderr, "already exists") {
		t.Errorf("export de twice: exit %d: %s", code, stderr)
	}
	if code, stdout, _ := runCmd("locales", "export", "-o", "-", "fr"); code != exitOK || !strings.Contains(stdout, "[_conventions]") {
		t.Errorf("export -o - fr: exit %d", code)
	}
	if code, _, stderr := runCmd("locales", "export", "sv"); code != exitUsage || !strings.Contains(stderr, `locales init sv`) {
		t.Errorf("export sv: exit %d: %s", code, stderr)
	}
	// A statement folder is XLIFF's.
	if code, stdout, stderr := runCmd("locales", "export", "--locale", "de", filepath.Join("statements", "press")); code != exitOK || !strings.Contains(stdout, "<xliff") {
		t.Errorf("export to XLIFF: exit %d\n%s", code, stderr)
	}
	// The project's locale folder over the built-in files: status sees it.
	code, stdout, _ = runCmd("locales", "status")
	if code != exitOK || !regexp.MustCompile(`(?m)^de +.* locales/de\.toml$`).MatchString(stdout) || !regexp.MustCompile(`(?m)^fr +.* polypress:locales/fr\.toml$`).MatchString(stdout) {
		t.Errorf("status: exit %d\n%s", code, stdout)
	}
}
