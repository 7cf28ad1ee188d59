package main

// Issue 14's acceptance checks: polypress as a press office uses it, in a
// folder of its own outside this repository, with the binary "go install
// ./cmd/polypress" makes.

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/release"
)

var (
	installOnce sync.Once
	installed   string
	installErr  error
)

// installedPolypress runs "go install ./cmd/polypress" into a temporary
// GOBIN once per test binary and returns the program's path.
func installedPolypress(t *testing.T) string {
	t.Helper()
	installOnce.Do(func() {
		bin, err := os.MkdirTemp("", "polypress-bin-")
		if err != nil {
			installErr = err
			return
		}
		cmd := exec.Command("go", "install", "./cmd/polypress")
		cmd.Dir = filepath.Join("..", "..")
		cmd.Env = append(os.Environ(), "GOBIN="+bin)
		if out, err := cmd.CombinedOutput(); err != nil {
			installErr = err
			t.Logf("go install: %s", out)
			return
		}
		installed = filepath.Join(bin, "polypress")
	})
	if installErr != nil {
		t.Fatalf("go install ./cmd/polypress: %v", installErr)
	}
	return installed
}

// removeInstalled removes the installed program, once the tests are done.
func removeInstalled() {
	if installed != "" {
		os.RemoveAll(filepath.Dir(installed))
	}
}

// outside is a folder outside the repository for one test, with its run
// helper.
type outside struct {
	t   *testing.T
	bin string
	dir string // the working folder of the next run
}

func newOutside(t *testing.T) *outside {
	t.Helper()
	if testing.Short() {
		t.Skip("installs polypress and builds editions")
	}
	o := &outside{t: t, bin: installedPolypress(t), dir: t.TempDir()}
	repo, _ := filepath.Abs(filepath.Join("..", ".."))
	if strings.HasPrefix(o.dir, repo+string(filepath.Separator)) {
		t.Fatalf("%s is inside the repository", o.dir)
	}
	return o
}

// run runs the installed polypress in o.dir.
func (o *outside) run(args ...string) (int, string, string) {
	o.t.Helper()
	cmd := exec.Command(o.bin, args...)
	cmd.Dir = o.dir
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1593000000", "CI=true", "NO_COLOR=1")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		o.t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

// project runs "polypress new press" and moves into press.
func (o *outside) project() {
	o.t.Helper()
	if code, _, stderr := o.run("new", "press"); code != exitOK {
		o.t.Fatalf("polypress new press: exit %d\n%s", code, stderr)
	}
	o.dir = filepath.Join(o.dir, "press")
}

func (o *outside) write(rel, text string) {
	o.t.Helper()
	writeFile(o.t, filepath.Join(o.dir, rel), text)
}

func (o *outside) read(rel string) string {
	o.t.Helper()
	b, err := os.ReadFile(filepath.Join(o.dir, rel))
	if err != nil {
		o.t.Fatal(err)
	}
	return string(b)
}

// germanLocale is a project locale file with two messages; the rest come
// from polypress's own German file.
const germanLocale = `# Two labels this press office words its own way.
[kind_communique]
other = "Presse-Mitteilung der Delegation"

[original]
other = "Urtext: {{.Language}}"
`

// germanStatement is the new project's statement in German.
const germanStatement = `---
id: press
title: "Teilnehmer begrüßen Fortschritte bei der regionalen Zusammenarbeit im Wasserbereich"
kind: communique
issuer: Ihr Büro
date: 2020-06-24
place: Genf
lang: de
---

Dies ist die deutsche Übersetzung der Erklärung Ihres neuen Projekts.
Ersetzen Sie diesen Text durch Ihren; behalten Sie die nummerierten Absätze.

Die Teilnehmer:

1. Begrüßten die seit der letzten Sitzung erzielten Fortschritte.
2. Kamen überein, innerhalb von sechs Monaten erneut zusammenzutreten.
3. Baten das Sekretariat:
    1. über die geleistete Arbeit zu berichten;
    2. einen Zeitplan für die nächsten Schritte vorzuschlagen.
`

// spanishStatement lacks the canonical sub-clause 3.b.
const spanishStatement = `---
id: press
title: "Los participantes celebran los avances de la cooperación regional en materia de agua"
kind: communique
issuer: Su oficina
date: 2020-06-24
place: Ginebra
lang: es
---

Esta es la traducción española de la declaración de su nuevo proyecto.
Sustituya este texto por el suyo; conserve los párrafos numerados.

Los participantes:

1. Celebraron los avances logrados desde la última reunión.
2. Acordaron volver a reunirse en un plazo de seis meses.
3. Pidieron a la secretaría:
    1. que informe sobre la labor realizada.
`

// visibleText is an HTML page's text, tags dropped.
func visibleText(html string) string {
	return strings.Join(strings.Fields(regexp.MustCompile(`(?s)<style.*?</style>|<[^>]*>`).ReplaceAllString(html, " ")), " ")
}

// Done when: "polypress new press && cd press && polypress build" builds.
func TestOutsideNewProjectBuilds(t *testing.T) {
	o := newOutside(t)
	o.project()
	code, stdout, stderr := o.run("build")
	if code != exitOK || stderr != "" {
		t.Fatalf("polypress build: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, loc := range []string{"en", "fr"} {
		for _, f := range []string{"pdf", "epub", "html"} {
			if fi, err := os.Stat(filepath.Join(o.dir, "dist", "press."+loc+"."+f)); err != nil || fi.Size() == 0 {
				t.Errorf("press.%s.%s: %v", loc, f, err)
			}
		}
	}
	if !strings.Contains(o.read(".gitignore"), "/dist/") {
		t.Error(".gitignore does not leave out dist/")
	}
}

// Done when: a locales/de.toml with two keys and a statement.de.md build
// a German edition with those two labels and polypress's own German for
// every other label, with no fallback.
func TestOutsideGermanLocaleFile(t *testing.T) {
	o := newOutside(t)
	o.project()
	o.write("locales/de.toml", germanLocale)
	o.write("statements/press/statement.de.md", germanStatement)
	code, stdout, stderr := o.run("build", "--locales", "de")
	if code != exitOK || stderr != "" || strings.Contains(stdout, "draft") {
		t.Fatalf("polypress build: exit %d\n%s%s", code, stdout, stderr)
	}
	text := visibleText(o.read("dist/press.de.html"))
	for _, want := range []string{
		"Presse-Mitteilung der Delegation", // the project's two labels
		"Urtext: Englisch",
		"Genf, 24. Juni 2020", // the built-in German date line and date style
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the German web edition does not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Kommuniqué") || strings.Contains(text, "Original: ") {
		t.Errorf("the built-in labels the project overrides are still there:\n%s", text)
	}
	// The PDF too, as a reader extracts it.
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", filepath.Join(o.dir, "dist", "press.de.pdf"), "-").Output()
		if err != nil || !strings.Contains(string(out), "Presse-Mitteilung der Delegation") || !strings.Contains(string(out), "24. Juni 2020") {
			t.Errorf("the German PDF: %v\n%s", err, out)
		}
	}
	// status and check read the same layers: de is complete.
	code, stdout, _ = o.run("locales", "status", "--json")
	var rep struct {
		Locales []struct {
			Locale, File string
			Missing      []string
			Inherited    []string
		}
	}
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("status --json: %v", err)
	}
	for _, l := range rep.Locales {
		if l.Locale == "de" && (l.File != "locales/de.toml" || len(l.Missing) != 0 || len(l.Inherited) == 0) {
			t.Errorf("status of de: %+v", l)
		}
	}
}

// Done when: "polypress release --out r" uses the project file.
func TestOutsideReleaseUsesProjectFile(t *testing.T) {
	o := newOutside(t)
	o.project()
	o.write("locales/de.toml", germanLocale)
	o.write("statements/press/statement.de.md", germanStatement)
	o.write("polypress.toml", strings.Replace(o.read("polypress.toml"), `layout = "briefing"`, `layout = "letter"`, 1))
	code, stdout, stderr := o.run("release", "--out", "r")
	if code != exitOK {
		t.Fatalf("polypress release --out r: exit %d\n%s%s", code, stdout, stderr)
	}
	var m release.Manifest
	if err := json.Unmarshal([]byte(o.read("r/manifest.json")), &m); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(germanLocale))
	deDigest := hex.EncodeToString(sum[:])
	locales := map[string]bool{}
	for _, a := range m.Artifacts {
		locales[a.Locale] = true
		if a.Layout != "letter" {
			t.Errorf("%s: layout %q, want the project file's letter", a.Path, a.Layout)
		}
		sources := map[string]string{}
		for _, s := range a.Sources {
			sources[s.Path] = s.SHA256
		}
		if sources["statements/press/statement.md"] == "" || sources["polypress:layouts/letter.toml"] == "" {
			t.Errorf("%s: sources %v", a.Path, sources)
		}
		if a.Locale == "de" && sources["locales/de.toml"] != deDigest {
			t.Errorf("%s: the project's locales/de.toml is not recorded with its digest: %v", a.Path, sources)
		}
		if a.Format == "pdf" && len(a.Fonts) == 0 {
			t.Errorf("%s: no fonts recorded", a.Path)
		}
	}
	if len(m.Artifacts) != 9 || !locales["en"] || !locales["fr"] || !locales["de"] {
		t.Errorf("released %d artifacts in %v", len(m.Artifacts), locales)
	}
	// --final refuses a draft: a translation whose canonical text changed.
	o.write("statements/press/statement.md", strings.Replace(o.read("statements/press/statement.md"), "within six months", "within three months", 1))
	code, _, stderr = o.run("release", "--final", "--out", "r")
	if code != exitInput || !strings.Contains(stderr, "statement.fr.md") {
		t.Errorf("release --final of a stale translation: exit %d\n%s", code, stderr)
	}
}

// Done when: a broken Spanish translation leaves the English and German
// editions built and names the Spanish error where it is.
func TestOutsideBrokenSpanish(t *testing.T) {
	o := newOutside(t)
	o.project()
	o.write("locales/de.toml", germanLocale)
	o.write("statements/press/statement.de.md", germanStatement)
	o.write("statements/press/statement.es.md", spanishStatement)
	code, stdout, stderr := o.run("build")
	if code != exitInput || !regexp.MustCompile(`(?m)^statements/press/statement\.es\.md:\d+:\d+: .*3\.b`).MatchString(stderr) {
		t.Errorf("polypress build: exit %d, want 1 and the Spanish problem\n%s", code, stderr)
	}
	for _, loc := range []string{"en", "de", "fr"} {
		for _, f := range []string{"pdf", "epub", "html"} {
			if _, err := os.Stat(filepath.Join(o.dir, "dist", "press."+loc+"."+f)); err != nil {
				t.Errorf("press.%s.%s was not built: %v\n%s", loc, f, err, stdout)
			}
		}
	}
	if matches, _ := filepath.Glob(filepath.Join(o.dir, "dist", "press.es.*")); len(matches) > 0 {
		t.Errorf("a Spanish edition was written: %v", matches)
	}
	// --locales en never reads past the canonical statement and the
	// English locale: the Spanish translation and a Spanish locale file
	// that could not be read at all (FIFOs) do not matter.
	for _, p := range []string{"statements/press/statement.es.md", "locales/es.toml"} {
		os.Remove(filepath.Join(o.dir, p))
		if err := syscall.Mkfifo(filepath.Join(o.dir, p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, stderr = o.run("build", "--locales", "en")
	if code != exitOK || stderr != "" {
		t.Errorf("build --locales en: exit %d\n%s", code, stderr)
	}
}

// Done when: "polypress watch" serves a page that changes after an edit.
func TestOutsideWatch(t *testing.T) {
	o := newOutside(t)
	o.project()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, o.bin, "watch", "--addr", "127.0.0.1:0")
	cmd.Dir = o.dir
	cmd.Env = append(os.Environ(), "CI=true", "NO_COLOR=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	var base string
	for lines.Scan() {
		if m := regexp.MustCompile(`^serving (http://\S+)/ `).FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
			break
		}
	}
	go io.Copy(io.Discard, stdout)
	if base == "" {
		t.Fatalf("watch did not say where it serves\n%s", stderr.String())
	}
	page := func() string {
		resp, err := http.Get(base + "/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	waitFor := func(what string, ok func(string) bool) string {
		deadline := time.Now().Add(20 * time.Second)
		for {
			p := page()
			if ok(p) {
				return p
			}
			if time.Now().After(deadline) {
				t.Fatalf("the page never showed %s:\n%s\nwatch said:\n%s", what, p, stderr.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	before := waitFor("the first build", func(p string) bool { return strings.Contains(p, "every edition built") })
	if !strings.Contains(before, "Participants Welcome Progress") {
		t.Fatalf("the page does not list the statement:\n%s", before)
	}
	edited := time.Now()
	o.write("statements/press/statement.md", strings.Replace(o.read("statements/press/statement.md"), "Participants Welcome Progress", "Delegates Applaud Progress", 1))
	waitFor("the edited title", func(p string) bool { return strings.Contains(p, "Delegates Applaud Progress") })
	t.Logf("the page changed %v after the edit", time.Since(edited).Round(time.Millisecond))
	// A bad edit: the page says where, and the editions stay served.
	o.write("statements/press/statement.fr.md", strings.Replace(o.read("statements/press/statement.fr.md"), "    2. de proposer un calendrier pour les prochaines étapes.\n", "", 1))
	waitFor("the problem", func(p string) bool { return strings.Contains(p, "statements/press/statement.fr.md:") })
	resp, err := http.Get(base + "/files/press.fr.pdf")
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("the last good French PDF is not served: %v", err)
	} else {
		resp.Body.Close()
	}
	cmd.Process.Signal(os.Interrupt)
	if err := cmd.Wait(); err != nil {
		t.Errorf("watch did not stop cleanly on SIGINT: %v\n%s", err, stderr.String())
	}
}

// Done when: go.mod has no replace directive, so that "go install
// module/cmd/polypress@version" works.
func TestGoModHasNoReplace(t *testing.T) {
	cmd := exec.Command("go", "mod", "edit", "-json")
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var mod struct {
		Replace []any
	}
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	if len(mod.Replace) > 0 {
		t.Errorf("go.mod has replace directives: %v", mod.Replace)
	}
}
