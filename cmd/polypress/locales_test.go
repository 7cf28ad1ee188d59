package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/translate"
)

// repoLocales and repoSamples are the shipped locale files and samples.
const (
	repoLocales = "../../locales"
	repoSamples = "../../samples"
)

// copyDir copies the files of src (recursively) into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	// The sample communiqué's folder is a link into the briefing pack.
	src, err := filepath.EvalSymlinks(src)
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.Walk(src, func(path string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if fi.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// shippedLocaleFiles are the locale files polypress ships. Tests read
// these and no others, so that a locale file a user adds to locales/ (as
// "polypress locales init" does, and as docs/translating.md says to) never
// changes what make test finds.
var shippedLocaleFiles = []string{"ar", "de", "en", "es", "fa", "fr", "hi", "it", "nl", "pt", "ru", "tr", "ur", "zh-Hans"}

// shippedLocales copies the shipped locale files into dir.
func shippedLocales(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tag := range shippedLocaleFiles {
		data, err := os.ReadFile(filepath.Join(repoLocales, tag+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tag+".toml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// workspace copies the shipped locale files and the sample communiqué into
// a temporary folder, for tests that edit them.
func workspace(t *testing.T) (locales, statement string) {
	t.Helper()
	dir := t.TempDir()
	locales = shippedLocales(t, filepath.Join(dir, "locales"))
	statement = filepath.Join(dir, "oic")
	copyDir(t, filepath.Join(repoSamples, "oic-contact-group-2020"), statement)
	return locales, statement
}

func runCmd(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestLocalesStatusJSON(t *testing.T) {
	locales := shippedLocales(t, t.TempDir())
	code, out, errOut := runCmd("locales", "status", "--json", "--locale-dir", locales, repoSamples)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep translate.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	have := map[string]bool{}
	for _, l := range rep.Locales {
		have[l.Locale] = true
		if l.Translated != l.Total || len(l.Missing) != 0 {
			t.Errorf("%s: %d of %d translated, missing %v", l.Locale, l.Translated, l.Total, l.Missing)
		}
	}
	for _, want := range []string{"en", "fr", "ar", "ur"} {
		if !have[want] {
			t.Errorf("status lists no %s", want)
		}
	}
	var oic *translate.StatementReport
	for i, s := range rep.Statements {
		if s.ID == "oic-contact-group-2020" {
			oic = &rep.Statements[i]
		}
	}
	if oic == nil || len(oic.Translations) != 3 {
		t.Fatalf("status of the sample communiqué: %+v", oic)
	}
	for _, tr := range oic.Translations {
		if !tr.Aligned || tr.State != "current" {
			t.Errorf("%s: aligned %v, state %q", tr.Path, tr.Aligned, tr.State)
		}
	}
	// The table is for people, but it must name what is there.
	code, out, _ = runCmd("locales", "status", "--locale-dir", locales, repoSamples)
	if code != exitOK || !strings.Contains(out, "zero one two few many other") || !strings.Contains(out, "statement.ur.md") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
}

func TestLocalesCheckShipped(t *testing.T) {
	locales := shippedLocales(t, t.TempDir())
	for _, strict := range []bool{false, true} {
		args := []string{"locales", "check", "--locale-dir", locales, repoSamples}
		if strict {
			args = append(args[:2], append([]string{"--strict"}, args[2:]...)...)
		}
		if code, out, errOut := runCmd(args...); code != exitOK {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
}

func TestLocalesCheckFindsProblems(t *testing.T) {
	tests := []struct {
		name string
		// edit changes the workspace
		edit   func(t *testing.T, locales, statement string)
		strict bool
		code   int
		stderr []string // patterns, each must match a line
	}{
		// A file for a language polypress has no file for (Catalan, which
		// has French's plural forms) misses what it does not give; a
		// project's fr.toml takes it from the built-in French file.
		{"missing message", func(t *testing.T, l, _ string) {
			newLocale(t, l, "ca")
			editFile(t, filepath.Join(l, "ca.toml"), "[page_x_of_y]\n", "[removed_for_test]\n")
		}, false, exitInput, []string{
			`locales/ca\.toml:1:1: warning: missing translation for "page_x_of_y" \(ca\)`,
			`locales/ca\.toml:\d+:\d+: unknown message "removed_for_test"`,
		}},
		{"missing message passes without strict", func(t *testing.T, l, _ string) {
			newLocale(t, l, "ca")
			removeMessage(t, filepath.Join(l, "ca.toml"), "contents")
		}, false, exitOK, []string{`locales/ca\.toml:1:1: warning: missing translation for "contents" \(ca\)`}},
		{"missing message, strict", func(t *testing.T, l, _ string) {
			newLocale(t, l, "ca")
			removeMessage(t, filepath.Join(l, "ca.toml"), "contents")
		}, true, exitInput, []string{`locales/ca\.toml:1:1: missing translation for "contents" \(ca\)`}},
		{"a project file inherits from the built-in one", func(t *testing.T, l, _ string) {
			removeMessage(t, filepath.Join(l, "fr.toml"), "contents")
		}, true, exitOK, nil},
		{"TOML syntax", func(t *testing.T, l, _ string) {
			editFile(t, filepath.Join(l, "fr.toml"), `other = "Table des matières"`, `other = "Table des matières`)
		}, false, exitInput, []string{`locales/fr\.toml:\d+:\d+: `}},
		{"typo in an ID", func(t *testing.T, l, _ string) {
			editFile(t, filepath.Join(l, "fr.toml"), "[contents]\n", "[contnets]\n")
		}, false, exitInput, []string{`locales/fr\.toml:\d+:\d+: unknown message "contnets" \(did you mean "contents"\?\)`}},
		{"placeholder dropped", func(t *testing.T, l, _ string) {
			editFile(t, filepath.Join(l, "fr.toml"), `other = "Page {{.Page}} sur {{.Total}}"`, `other = "Page {{.Page}}"`)
		}, false, exitInput, []string{`locales/fr\.toml:\d+:1: message "page_x_of_y" \(other\) drops \{\{\.Total\}\}`}},
		{"stale message passes without strict", func(t *testing.T, l, _ string) {
			editFile(t, filepath.Join(l, "en.toml"), `other = "Contents"`, `other = "Table of contents"`)
		}, false, exitOK, []string{`locales/fr\.toml:\d+:1: warning: message "contents" was translated from an older en text`}},
		{"stale message fails with strict", func(t *testing.T, l, _ string) {
			editFile(t, filepath.Join(l, "en.toml"), `other = "Contents"`, `other = "Table of contents"`)
		}, true, exitInput, []string{`locales/fr\.toml:\d+:1: message "contents" was translated from an older en text`}},
		{"missing plural form, strict", func(t *testing.T, l, _ string) {
			editFile(t, filepath.Join(l, "fr.toml"), `many = "{{.Count}} de déclarations"`+"\n", "")
		}, true, exitInput, []string{`locales/fr\.toml:\d+:\d+: message "statements_in_pack" lacks the plural form many, which fr needs`}},
		{"clause removed from a translation", func(t *testing.T, _, s string) {
			removeLine(t, filepath.Join(s, "statement.fr.md"), "    5. donne suite")
		}, true, exitInput, []string{`oic/statement\.fr\.md:\d+:\d+: clause 18\.e of the canonical statement \(.*oic/statement\.md:\d+:\d+\) is missing after this clause 18\.d \(clause 18 has 4 sub-clauses here, canonical has 5\)`}},
		{"clause removed, not strict", func(t *testing.T, _, s string) {
			removeLine(t, filepath.Join(s, "statement.fr.md"), "    5. donne suite")
		}, false, exitOK, []string{`oic/statement\.fr\.md:\d+:\d+: warning: clause 18\.e of the canonical statement`}},
		{"canonical clause changed", func(t *testing.T, _, s string) {
			editFile(t, filepath.Join(s, "statement.md"), "between India and Pakistan.", "between India and Pakistan, and hoped for more.")
		}, true, exitInput, []string{`oic/statement\.fr\.md:\d+:1: clause 22 changed in .*oic/statement\.md \(.*oic/statement\.md:\d+:1\) since this translation was made`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			locales, statement := workspace(t)
			tt.edit(t, locales, statement)
			args := []string{"locales", "check", "--locale-dir", locales, statement}
			if tt.strict {
				args = []string{"locales", "check", "--strict", "--locale-dir", locales, statement}
			}
			code, _, errOut := runCmd(args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, errOut)
			}
			for _, p := range tt.stderr {
				if !regexp.MustCompile(`(?m)^.*` + p).MatchString(errOut) {
					t.Errorf("stderr has no line matching %q:\n%s", p, errOut)
				}
			}
		})
	}
}

// newLocale copies the project's fr.toml as the file of tag, a language
// polypress has no locale file for.
func newLocale(t *testing.T, locales, tag string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(locales, "fr.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// CLDR date patterns for it: the French ones.
	b = []byte(strings.Replace(string(b), "[_conventions]\n", "[_conventions]\ndate_locale = \"fr\"\n", 1))
	if err := os.WriteFile(filepath.Join(locales, tag+".toml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLocalesInit(t *testing.T) {
	locales, _ := workspace(t)
	code, out, errOut := runCmd("locales", "init", "--locale-dir", locales, "sv")
	if code != exitOK {
		t.Fatalf("init sv: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "sv.toml") {
		t.Errorf("init sv said %q", out)
	}
	sv, err := os.ReadFile(filepath.Join(locales, "sv.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(sv), "[about_authors]\nhash = \"sha1-") || !strings.Contains(string(sv), "\none = \"\"\nother = \"\"\n") ||
		regexp.MustCompile(`(?m)^(zero|two|few|many) =`).Match(sv) {
		t.Errorf("sv.toml has other plural keys than one and other:\n%s", sv)
	}
	// Twice fails and leaves the file alone.
	os.WriteFile(filepath.Join(locales, "sv.toml"), []byte("# mine\n"), 0o644)
	if code, _, errOut := runCmd("locales", "init", "--locale-dir", locales, "sv"); code != exitInput || !strings.Contains(errOut, "already exists") {
		t.Errorf("init sv twice: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(locales, "sv.toml")); string(b) != "# mine\n" {
		t.Error("init sv twice overwrote the file")
	}
	os.Remove(filepath.Join(locales, "sv.toml"))

	os.Remove(filepath.Join(locales, "ar.toml"))
	if code, _, errOut := runCmd("locales", "init", "--locale-dir", locales, "ar"); code != exitOK {
		t.Fatalf("init ar: exit %d: %s", code, errOut)
	}
	ar, _ := os.ReadFile(filepath.Join(locales, "ar.toml"))
	if !strings.Contains(string(ar), "zero = \"\"\none = \"\"\ntwo = \"\"\nfew = \"\"\nmany = \"\"\nother = \"\"\n") || !strings.Contains(string(ar), `direction = "rtl"`) {
		t.Errorf("ar.toml lacks the six plural keys or rtl:\n%s", ar)
	}
	// The new file loads over the built-in Arabic one, which gives what
	// it does not yet: nothing is missing.
	code, _, errOut = runCmd("locales", "check", "--strict", "--locale-dir", locales, t.TempDir())
	if code != exitOK || strings.Contains(errOut, "(ar)") {
		t.Errorf("check after init ar: exit %d\n%s", code, errOut)
	}
	// A language polypress lacks: check reports its messages as missing,
	// a warning while it is being translated, an error with --strict.
	if code, _, errOut := runCmd("locales", "init", "--locale-dir", locales, "sv"); code != exitOK {
		t.Fatalf("init sv: exit %d: %s", code, errOut)
	}
	code, _, errOut = runCmd("locales", "check", "--locale-dir", locales, t.TempDir())
	if code != exitOK || !regexp.MustCompile(`sv\.toml:\d+:\d+: warning: missing translation for "page_x_of_y" \(sv\)`).MatchString(errOut) || strings.Contains(errOut, "plural form") {
		t.Errorf("check after init sv: exit %d\n%s", code, errOut)
	}
	code, _, errOut = runCmd("locales", "check", "--strict", "--locale-dir", locales, t.TempDir())
	if code != exitInput || !regexp.MustCompile(`sv\.toml:\d+:\d+: missing translation for "page_x_of_y" \(sv\)`).MatchString(errOut) {
		t.Errorf("check --strict after init sv: exit %d\n%s", code, errOut)
	}

	// A folder that does not exist yet is made, from the built-in messages.
	fresh := filepath.Join(t.TempDir(), "new")
	if code, _, errOut := runCmd("locales", "init", "--locale-dir", fresh, "zh-hant"); code != exitOK {
		t.Errorf("init into a new folder: exit %d: %s", code, errOut)
	} else if b, err := os.ReadFile(filepath.Join(fresh, "zh-Hant.toml")); err != nil || regexp.MustCompile(`(?m)^(zero|one|two|few|many) =`).Match(b) {
		t.Errorf("zh-Hant.toml: %v, want only \"other\" keys:\n%s", err, b)
	}

	if code, _, _ := runCmd("locales", "init", "--locale-dir", locales, "fr_CA"); code != exitUsage {
		t.Errorf("init fr_CA: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runCmd("locales", "init", "--locale-dir", locales); code != exitUsage {
		t.Errorf("init without a tag: exit %d, want %d", code, exitUsage)
	}
}

func TestLocalesStamp(t *testing.T) {
	locales, statement := workspace(t)
	fr := filepath.Join(statement, "statement.fr.md")
	before, _ := os.ReadFile(fr)
	if code, _, errOut := runCmd("locales", "stamp", fr); code != exitOK {
		t.Fatalf("stamp: exit %d: %s", code, errOut)
	}
	if after, _ := os.ReadFile(fr); !bytes.Equal(before, after) {
		t.Errorf("stamping a current translation changed it")
	}
	editFile(t, filepath.Join(statement, "statement.md"), "between India and Pakistan.", "between India and Pakistan, and hoped for more.")
	if code, _, _ := runCmd("locales", "check", "--strict", "--locale-dir", locales, statement); code != exitInput {
		t.Errorf("check --strict after a canonical edit: exit %d", code)
	}
	if code, out, errOut := runCmd("locales", "stamp", statement); code != exitOK || strings.Count(out, "stamped ") != 3 {
		t.Fatalf("stamp folder: exit %d: %s%s", code, out, errOut)
	}
	if code, _, errOut := runCmd("locales", "check", "--strict", "--locale-dir", locales, statement); code != exitOK {
		t.Errorf("check --strict after stamping: exit %d\n%s", code, errOut)
	}
	// An unaligned translation is not stamped.
	removeLine(t, fr, "    5. donne suite")
	if code, _, errOut := runCmd("locales", "stamp", fr); code != exitInput || !strings.Contains(errOut, "clause 18.e of the canonical statement") {
		t.Errorf("stamp unaligned: exit %d: %s", code, errOut)
	}
}

func TestLocalesUsage(t *testing.T) {
	for _, args := range [][]string{{"locales"}, {"locales", "frobnicate"}, {"locales", "check", "--colour"}, {"locales", "stamp"}} {
		if code, _, _ := runCmd(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// removeLine removes the line of path that starts with prefix.
func removeLine(t *testing.T, path, prefix string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	found := false
	for _, l := range strings.SplitAfter(string(b), "\n") {
		if strings.HasPrefix(l, prefix) {
			found = true
			continue
		}
		out = append(out, l)
	}
	if !found {
		t.Fatalf("%s has no line starting %q", path, prefix)
	}
	os.WriteFile(path, []byte(strings.Join(out, "")), 0o644)
}

// removeMessage removes the table [id] from a locale file.
func removeMessage(t *testing.T, path, id string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	start := strings.Index(s, "["+id+"]\n")
	if start < 0 {
		t.Fatalf("%s has no [%s]", path, id)
	}
	end := strings.Index(s[start+1:], "\n[")
	if end < 0 {
		s = s[:start]
	} else {
		s = s[:start] + s[start+1+end+1:]
	}
	os.WriteFile(path, []byte(s), 0o644)
}

// TestLocalesExportImport runs the exchange from the command line: export
// to a file, import it back (nothing changes), and a damaged file is
// refused with exit status 1 at its line, nothing written.
func TestLocalesExportImport(t *testing.T) {
	locales, statement := workspace(t)
	// Run where a translator would: in the folder that holds the files.
	t.Chdir(filepath.Dir(locales))
	locales, statement = "locales", filepath.Base(statement)
	xlf := filepath.Join(t.TempDir(), "fr.xlf")
	code, out, errOut := runCmd("locales", "export", "--format", "xliff", "--locale", "fr", "--locale-dir", locales, "-o", xlf, statement)
	if code != exitOK || !strings.Contains(out, "wrote "+xlf+": 2 files, ") {
		t.Fatalf("export: exit %d\n%s%s", code, out, errOut)
	}
	code, stdout, _ := runCmd("locales", "export", "--locale", "fr", "--locale-dir", locales, statement)
	if data, _ := os.ReadFile(xlf); code != exitOK || stdout != string(data) {
		t.Errorf("export to standard output: exit %d, differs from -o", code)
	}
	before, _ := os.ReadFile(filepath.Join(statement, "statement.fr.md"))
	code, out, errOut = runCmd("locales", "import", xlf)
	if code != exitOK || !strings.Contains(out, "locales import: 0 files written, 3 files unchanged") {
		t.Errorf("import: exit %d\n%s%s", code, out, errOut)
	}
	data, _ := os.ReadFile(xlf)
	bad := strings.Replace(string(data), "</source>", "</sourc>", 1)
	os.WriteFile(xlf, []byte(bad), 0o644)
	code, _, errOut = runCmd("locales", "import", xlf)
	if code != exitInput || !regexp.MustCompile(`fr\.xlf:\d+:\d+: not well-formed XML`).MatchString(errOut) || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("damaged import: exit %d\n%s", code, errOut)
	}
	if after, _ := os.ReadFile(filepath.Join(statement, "statement.fr.md")); !bytes.Equal(before, after) {
		t.Error("the translation changed")
	}
	for _, args := range [][]string{{"locales", "export", "--format", "po"}, {"locales", "import"}, {"locales", "import", "a", "b"}} {
		if code, _, _ := runCmd(args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}
