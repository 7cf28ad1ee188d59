package translate

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/xliff"
)

// shippedLocales are the locale files polypress ships; tests read these
// and no others, whatever a user added to locales/.
var shippedLocales = []string{"ar", "de", "en", "es", "fa", "fr", "hi", "it", "nl", "pt", "ru", "tr", "ur", "zh-Hans"}

// exchangeWorkspace copies the briefing pack's statements (with their
// records) and the shipped locale files into a temporary folder and makes
// it the working folder, as a translator's clone would be.
func exchangeWorkspace(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"oic-contact-group-2020", "scsic-research-network-2020", "karavia-velmora-water-2020"} {
		src := copySample(t, name)
		if err := os.Rename(src, filepath.Join(dir, name)); err != nil {
			// Another file system: copy again in place.
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "locales"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tag := range shippedLocales {
		data, err := os.ReadFile(filepath.Join("../../locales", tag+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "locales", tag+".toml"), data, 0o644)
	}
	t.Chdir(dir)
}

var statementDirs = []string{"karavia-velmora-water-2020", "oic-contact-group-2020", "scsic-research-network-2020"}

// snapshot reads every file under the working folder.
func snapshot(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.Walk(".", func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			b, _ := os.ReadFile(p)
			out[p] = string(b)
		}
		return nil
	})
	return out
}

func sameSnapshot(t *testing.T, before, after map[string]string) {
	t.Helper()
	for p, b := range before {
		if a, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		} else if a != b {
			t.Errorf("%s changed", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s was made", p)
		}
	}
}

// export runs Export and Marshal, of the statements in dirs (default:
// all three).
func export(t *testing.T, locale string, dirs ...string) (*xliff.Document, []byte) {
	t.Helper()
	cat, err := OpenCatalog("locales")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		dirs = statementDirs
	}
	d, _, err := Export(cat, ExportOptions{Locale: locale, Paths: dirs})
	if err != nil {
		t.Fatal(err)
	}
	data, err := MarshalXLIFF(d)
	if err != nil {
		t.Fatal(err)
	}
	return d, data
}

// TestExportImportChangesNothing exports every language, and French and a
// new Swedish alone, and imports each file back as it is: no file changes,
// no Swedish translation is made out of nothing.
func TestExportImportChangesNothing(t *testing.T) {
	exchangeWorkspace(t)
	before := snapshot(t)
	for _, locale := range []string{"", "fr", "ar", "ur", "sv"} {
		d, data := export(t, locale)
		if len(d.Files) == 0 {
			t.Fatalf("--locale %q exports nothing", locale)
		}
		res, err := Import("x.xlf", data)
		if err != nil {
			t.Fatalf("--locale %q: import: %v", locale, err)
		}
		if len(res.Written) > 0 {
			t.Errorf("--locale %q: import wrote %v", locale, res.Written)
		}
		sameSnapshot(t, before, snapshot(t))
	}
}

// needTool finds a translate-toolkit command: CI installs it (.ci/run);
// elsewhere a missing one skips the test, saying so.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (apt-get install translate-toolkit)", name)
		}
		fmt.Fprintf(os.Stderr, "SKIP %s: %s is not installed (apt-get install translate-toolkit)\n", t.Name(), name)
		t.Skipf("%s is not installed", name)
	}
	return p
}

// pocountRE reads a line of pocount's table: "Translated:  3 ( 50%)  15 ( 65%)".
var pocountRE = regexp.MustCompile(`(?m)^(Translated|Fuzzy|Untranslated|Total):\s+(\d+)\s+(?:\(\s*\d+%\)\s+)?(\d+)`)

// pocount runs pocount on files and returns, for each, its units and
// source words as translated, fuzzy, untranslated and total.
func pocount(t *testing.T, files []string) map[string]map[string]Count {
	t.Helper()
	cmd := exec.Command(needTool(t, "pocount"), append([]string{"--no-color"}, files...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pocount: %v\n%s", err, out)
	}
	res := map[string]map[string]Count{}
	for _, block := range strings.Split(string(out), "Processing file : ")[1:] {
		name := strings.TrimSpace(block[:strings.IndexByte(block, '\n')])
		m := map[string]Count{}
		for _, l := range pocountRE.FindAllStringSubmatch(block, -1) {
			n, _ := strconv.Atoi(l[2])
			w, _ := strconv.Atoi(l[3])
			m[l[1]] = Count{Segments: n, Words: w}
		}
		res[name] = m
	}
	return res
}

// TestPocountAgreesWithStatus makes every state happen — a stale message,
// a missing message and plural form, an unstamped message, stale and
// unchanged segments, an unstamped translation, translations not made yet
// — then exports every file and has translate-toolkit's pocount count
// each: units and source words, translated, fuzzy and untranslated, are
// what status counts as translated, stale and unstamped, and unchanged
// and missing. xliff2po reads every file too.
func TestPocountAgreesWithStatus(t *testing.T) {
	exchangeWorkspace(t)
	edit(t, "locales/en.toml", `other = "Contents"`, `other = "Table of contents"`)
	edit(t, "locales/fr.toml", "[draft]\n", "[removed_for_test]\n")
	edit(t, "locales/fr.toml", `many = "{{.Count}} de déclarations"`+"\n", "")
	editLine(t, "locales/ar.toml", `hash = "sha1-`, "", "[briefing_pack]")
	edit(t, "oic-contact-group-2020/statement.md", "between India and Pakistan.", "between India and Pakistan, and hoped for more.")
	copyClause(t, "oic-contact-group-2020", "fr", "12. ")
	editLine(t, "scsic-research-network-2020/statement.ar.md", "source-digest:", "", "")
	os.Remove(filepath.Join("locales", "fr.toml.bak"))

	cat, err := OpenCatalog("locales")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Status(cat, statementDirs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Stats{}
	for _, l := range rep.Locales {
		want[l.File] = l.Stats
	}
	for _, s := range rep.Statements {
		for _, tr := range s.Translations {
			want[filepath.ToSlash(tr.Path)] = tr.Stats
		}
		// A translation not made yet: every segment missing.
		want[filepath.ToSlash(filepath.Join(filepath.Dir(s.Path), "statement.sv.md"))] = Stats{
			Total: Count{s.Segments, s.Words}, Missing: Count{s.Segments, s.Words}}
	}
	// A locale with no file yet: every unit missing.
	sv, err := cat.Units("sv")
	if err != nil {
		t.Fatal(err)
	}
	want[sv.File] = localeStats(sv)
	var docs []*xliff.Document
	for _, locale := range []string{"", "sv"} {
		d, _, err := Export(cat, ExportOptions{Locale: locale, Paths: statementDirs})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	out := t.TempDir()
	var files []string
	origin := map[string]string{}
	states := map[string]int{}
	for _, d := range docs {
		for _, f := range d.Files {
			name := filepath.Join(out, fmt.Sprintf("%03d.xlf", len(files)))
			data, err := MarshalXLIFF(&xliff.Document{Files: []*xliff.File{f}})
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(name, data, 0o644)
			files = append(files, name)
			origin[name] = f.Original
		}
	}
	counts := pocount(t, files)
	for _, name := range files {
		o := origin[name]
		st, ok := want[o]
		if !ok {
			t.Errorf("%s: exported, but status does not list it", o)
			continue
		}
		got := counts[name]
		exp := map[string]Count{
			"Translated":   st.Translated,
			"Fuzzy":        {st.Stale.Segments + st.Unstamped.Segments, st.Stale.Words + st.Unstamped.Words},
			"Untranslated": {st.Unchanged.Segments + st.Missing.Segments, st.Unchanged.Words + st.Missing.Words},
			"Total":        st.Total,
		}
		for k, e := range exp {
			if got[k] != e {
				t.Errorf("%s: pocount %s %+v, status %+v", o, k, got[k], e)
			}
			if e.Segments > 0 {
				states[k]++
			}
		}
	}
	for _, k := range []string{"Translated", "Fuzzy", "Untranslated"} {
		if states[k] == 0 {
			t.Errorf("no exported file has %s units: the test does not cover them", k)
		}
	}
	if t.Failed() {
		return
	}
	// xliff2po reads every file, in one run.
	x2p := needTool(t, "xliff2po")
	po := filepath.Join(t.TempDir(), "po")
	cmd := exec.Command(x2p, "--progress=none", out, po)
	if msg, err := cmd.CombinedOutput(); err != nil || bytes.Contains(msg, []byte("ERROR")) || bytes.Contains(msg, []byte("Traceback")) {
		t.Fatalf("xliff2po: %v\n%s", err, msg)
	}
	for _, name := range files {
		p := filepath.Join(po, strings.TrimSuffix(filepath.Base(name), ".xlf")+".po")
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 {
			t.Errorf("xliff2po wrote no PO file for %s (%s)", name, origin[name])
		}
	}
}

// editLine replaces the first line that starts with prefix (after the line
// starting with after, when given) with with, or removes it when with is
// "".
func editLine(t *testing.T, path, prefix, with, after string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	started := after == ""
	for i, l := range lines {
		if !started {
			started = strings.HasPrefix(l, after)
			continue
		}
		if strings.HasPrefix(l, prefix) {
			if with == "" {
				lines = append(lines[:i], lines[i+1:]...)
			} else {
				lines[i] = with + "\n"
			}
			os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644)
			return
		}
	}
	t.Fatalf("%s has no line starting %q", path, prefix)
}

// copyClause puts the canonical text of the clause whose line starts with
// prefix into a translation.
func copyClause(t *testing.T, dir, lang, prefix string) {
	t.Helper()
	canon, _ := os.ReadFile(filepath.Join(dir, "statement.md"))
	var line string
	for _, l := range strings.Split(string(canon), "\n") {
		if strings.HasPrefix(l, prefix) {
			line = l
		}
	}
	editLine(t, filepath.Join(dir, "statement."+lang+".md"), prefix, line, "")
}

// errLines returns the lines of an error, each "file:line:col: message".
func errLines(err error) string {
	var out []string
	for _, d := range diag.Flatten(err) {
		out = append(out, d.Error())
	}
	return strings.Join(out, "\n")
}
