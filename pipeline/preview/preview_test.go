package preview

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/build"
	"github.com/polypress/polypress/pipeline/scaffold"
)

// project makes a new project and returns its folder.
func project(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "press")
	if _, err := scaffold.New(dir, scaffold.Options{Date: time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// serve runs a Server for the project in dir and returns its address.
func serve(t *testing.T, dir string, logs chan<- Build) string {
	t.Helper()
	cfg := build.Config{
		Paths:     []string{filepath.Join(dir, "statements")},
		OutDir:    filepath.Join(dir, "dist"),
		LocaleDir: filepath.Join(dir, "locales"),
		Formats:   []string{"pdf", "html"},
		Epoch:     time.Unix(1593000000, 0),
	}
	s := New(Options{Config: cfg, Watch: []string{filepath.Join(dir, "statements"), filepath.Join(dir, "locales"), filepath.Join(dir, "polypress.toml")},
		Log: func(b Build) {
			if logs != nil {
				logs <- b
			}
		}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func statusOf(t *testing.T, base string) status {
	t.Helper()
	_, body := get(t, base+"/status.json")
	var st status
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatalf("status.json: %v\n%s", err, body)
	}
	return st
}

// next waits for the build after generation gen.
func next(t *testing.T, logs <-chan Build, gen int) Build {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case b := <-logs:
			if b.Generation > gen {
				return b
			}
		case <-timeout:
			t.Fatalf("no build after generation %d", gen)
		}
	}
}

func edit(t *testing.T, path, old, new string) {
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

// The page lists every edition and reloads after a rebuild, which an edit
// starts; a bad edit shows its problem and keeps the last good files; the
// files served are the build's, and nothing is written outside dist/.
func TestPreviewRebuildsAndServes(t *testing.T) {
	dir := project(t)
	logs := make(chan Build, 16)
	base := serve(t, dir, logs)
	first := next(t, logs, 0)
	if !first.OK() || len(first.Artifacts) != 4 {
		t.Fatalf("first build: %+v", first)
	}
	code, page := get(t, base+"/")
	if code != 200 || !strings.Contains(page, "Participants Welcome Progress on Regional Water Cooperation") || !strings.Contains(page, `href="/view/press/fr"`) || !strings.Contains(page, "every edition built") {
		t.Fatalf("index: %d\n%s", code, page)
	}
	if !strings.Contains(page, `new EventSource("/events")`) {
		t.Error("the page does not reload itself")
	}
	code, view := get(t, base+"/view/press/fr")
	if code != 200 || !strings.Contains(view, `src="/files/press.fr.pdf"`) || !strings.Contains(view, `src="/files/press.fr.html"`) {
		t.Errorf("view: %d\n%s", code, view)
	}
	code, pdf := get(t, base+"/files/press.en.pdf")
	if code != 200 || !strings.HasPrefix(pdf, "%PDF-") {
		t.Errorf("the PDF: %d", code)
	}
	for _, bad := range []string{"/files/..%2Fpolypress.toml", "/files/polypress.toml", "/files/nothing.pdf", "/view/press/de"} {
		if code, _ := get(t, base+bad); code != 404 {
			t.Errorf("%s: %d, want 404", bad, code)
		}
	}

	// An edit: the page changes once the rebuild is done.
	events, err := http.Get(base + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer events.Body.Close()
	start := time.Now()
	edit(t, filepath.Join(dir, "statements", "press", "statement.md"), "Participants Welcome Progress", "Delegates Welcome Progress")
	b := next(t, logs, first.Generation)
	t.Logf("rebuilt one statement (2 locales, PDF and HTML) in %v, %v after the edit", b.Took.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	_, page = get(t, base+"/")
	if !strings.Contains(page, "Delegates Welcome Progress") || strings.Contains(page, "Participants Welcome Progress") {
		t.Errorf("the page did not change after the edit:\n%s", page)
	}
	if _, html := get(t, base+"/files/press.en.html"); !strings.Contains(html, "Delegates Welcome Progress") {
		t.Error("the web edition served is not the new one")
	}
	buf := make([]byte, 512)
	n, _ := events.Body.Read(buf)
	if !strings.Contains(string(buf[:n]), "event: hello") {
		t.Errorf("events: %q", buf[:n])
	}

	// A bad edit: the French translation loses a sub-clause. The page says
	// where; the French files of the last good build are still served.
	goodFR, _ := os.ReadFile(filepath.Join(dir, "dist", "press.fr.pdf"))
	edit(t, filepath.Join(dir, "statements", "press", "statement.fr.md"), "    2. de proposer un calendrier pour les prochaines étapes.\n", "")
	b = next(t, logs, b.Generation)
	if b.OK() {
		t.Fatal("a build with a broken translation is OK")
	}
	st := statusOf(t, base)
	found := false
	for _, d := range st.Diagnostics {
		if strings.HasSuffix(d.File, "statement.fr.md") && d.Line > 0 && d.Severity == "error" {
			found = true
		}
	}
	if !found || st.OK {
		t.Errorf("status does not place the problem: %+v", st)
	}
	_, page = get(t, base+"/")
	if !strings.Contains(page, "statement.fr.md:") || !strings.Contains(page, "last good build") {
		t.Errorf("the page does not show the problem:\n%s", page)
	}
	if code, pdf := get(t, base+"/files/press.fr.pdf"); code != 200 || pdf != string(goodFR) {
		t.Error("the last good French PDF is not served")
	}
	if len(st.Editions) != 2 {
		t.Errorf("editions %+v", st.Editions)
	}

	// A bad locale file (TOML syntax) fails the editions that use it.
	if err := os.WriteFile(filepath.Join(dir, "locales", "en.toml"), []byte("[draft\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b = next(t, logs, b.Generation)
	if b.OK() || !strings.Contains(b.Problems.Error(), "locales/en.toml:1:") {
		t.Errorf("a broken en.toml: %v", b.Problems)
	}
	// Fixed, everything builds again.
	os.Remove(filepath.Join(dir, "locales", "en.toml"))
	edit(t, filepath.Join(dir, "statements", "press", "statement.fr.md"), "    1. de rendre compte des travaux accomplis ;\n", "    1. de rendre compte des travaux accomplis ;\n    2. de proposer un calendrier.\n")
	b = next(t, logs, b.Generation)
	for !b.OK() {
		b = next(t, logs, b.Generation) // the two changes may make two builds
	}

	// Nothing was written outside dist/ (the stamp record and the files
	// the test wrote are all there was).
	var outside []string
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() || strings.HasPrefix(rel, "dist"+string(filepath.Separator)) {
			return nil
		}
		outside = append(outside, rel)
		return nil
	})
	want := []string{".gitignore", "locales/README.md", "polypress.toml", "statements/press/.polypress/statement.fr.sources.json", "statements/press/statement.fr.md", "statements/press/statement.md"}
	if strings.Join(outside, ",") != strings.Join(want, ",") {
		t.Errorf("files outside dist/: %v", outside)
	}
}

// A rebuild of one sample statement (four languages, PDF and web page)
// after an edit is quick: the fonts are parsed once, for the first build.
func TestPreviewRebuildTime(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the sample communiqué")
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "oic"), os.DirFS("../../samples/briefing-pack/oic-contact-group-2020")); err != nil {
		t.Fatal(err)
	}
	s := New(Options{Config: build.Config{Paths: []string{filepath.Join(dir, "oic")}, OutDir: filepath.Join(dir, "dist"), Formats: []string{"pdf", "html"}}})
	if b := s.Rebuild(); !b.OK() {
		t.Fatal(b.Problems, b.Err)
	}
	var best, bestCPU time.Duration
	for i := range 3 {
		edit(t, filepath.Join(dir, "oic", "statement.md"), "The OIC Secretary General", fmt.Sprintf("The OIC Secretary General (%d)", i))
		cpu := cpuTime()
		b := s.Rebuild()
		cpu = cpuTime() - cpu
		if len(b.Artifacts) != 8 {
			t.Fatalf("rebuild %d: %d files, %v", i, len(b.Artifacts), b.Problems)
		}
		if best == 0 || b.Took < best {
			best = b.Took
		}
		if bestCPU == 0 || cpu < bestCPU {
			bestCPU = cpu
		}
	}
	t.Logf("rebuild of the sample communiqué (en, fr, ar, ur; PDF and HTML): %v wall, %v of CPU, at best of 3", best.Round(time.Millisecond), bestCPU.Round(time.Millisecond))
	// The target is 0.5 s on this project's idle 2-core machine. The
	// bound is on CPU time, which other work on a shared machine does
	// not stretch as it stretches wall time.
	if bestCPU > 500*time.Millisecond {
		t.Errorf("a rebuild took %v of CPU time", bestCPU)
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// A change to the project file is read again; a bad one is shown, and
// the last good files stay served until it is fixed.
func TestPreviewRereadsSettings(t *testing.T) {
	dir := project(t)
	logs := make(chan Build, 16)
	cfg := build.Config{Paths: []string{filepath.Join(dir, "statements")}, OutDir: filepath.Join(dir, "dist"), Formats: []string{"html"}}
	s := New(Options{Config: cfg, Watch: []string{filepath.Join(dir, "statements"), filepath.Join(dir, "polypress.toml")},
		Log: func(b Build) { logs <- b },
		Configure: func() (build.Config, error) {
			b, err := os.ReadFile(filepath.Join(dir, "polypress.toml"))
			if err != nil {
				return build.Config{}, err
			}
			if strings.Contains(string(b), "oops") {
				return build.Config{}, fmt.Errorf("polypress.toml:1:1: oops")
			}
			next := cfg
			if strings.Contains(string(b), "locales = [\"fr\"]") {
				next.Locales = []string{"fr"}
			}
			return next, nil
		}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	defer func() { cancel(); <-done }()
	b := next(t, logs, 0)
	toml := filepath.Join(dir, "polypress.toml")
	good, _ := os.ReadFile(toml)
	os.WriteFile(toml, append(append([]byte(nil), good...), "oops\n"...), 0o644)
	b = next(t, logs, b.Generation)
	if b.Err == nil || !strings.Contains(b.Err.Error(), "oops") {
		t.Fatalf("a bad project file: %+v", b)
	}
	if _, page := get(t, "http://"+ln.Addr().String()+"/"); !strings.Contains(page, "oops") || !strings.Contains(page, "/view/press/en") {
		t.Errorf("the page does not show the problem and the last good editions:\n%s", page)
	}
	os.WriteFile(toml, []byte(strings.Replace(string(good), "locales = []", "locales = [\"fr\"]", 1)), 0o644)
	b = next(t, logs, b.Generation)
	if !b.OK() || len(b.Artifacts) != 1 || b.Artifacts[0].Locale != "fr" {
		t.Errorf("the new settings: %+v", b)
	}
}
