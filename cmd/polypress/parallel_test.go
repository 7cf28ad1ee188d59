package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/release"
)

// TestParallelExitCodes: --parallel as issue 17 asks — a bad request is a
// wrong command line (exit 2) that names the reason, before anything is
// written; a translation that does not align is bad input (exit 1) at its
// position.
func TestParallelExitCodes(t *testing.T) {
	for _, tt := range []struct {
		name   string
		args   []string
		code   int
		stderr string
		writes []string
	}{
		{"one language", []string{"--parallel", "en", "testdata/good"}, exitUsage,
			`^polypress build: --parallel: "en" names one language: a parallel edition needs two or three languages, such as en,fr\n`, nil},
		{"the same language twice", []string{"--parallel", "fr,fr", "testdata/good"}, exitUsage, `--parallel: "fr,fr" names fr twice`, nil},
		{"more than three", []string{"--parallel", "en,fr,ar,ur", "testdata/good"}, exitUsage, `--parallel: "en,fr,ar,ur" names 4 languages: a parallel edition sets at most 3 side by side`, nil},
		{"no translation", []string{"--parallel", "en,de", "testdata/good"}, exitUsage,
			`^polypress build: --parallel: testdata/good/statement\.md: parallel en-de: the statement has no text in de \(it exists in en, fr\); add testdata/good/statement\.de\.md, or leave de out of the set\n`, nil},
		{"a pack", []string{"--parallel", "en,fr", "../../samples/briefing-pack"}, exitUsage,
			`--parallel: \.\./\.\./samples/briefing-pack/pack\.yaml: a briefing pack has no parallel editions`, nil},
		{"misaligned", []string{"--locales", "en", "--parallel", "en,fr", "--formats", "html", "testdata/misaligned"}, exitInput,
			`testdata/misaligned/statement\.fr\.md:\d+:\d+: .*\n(.*\n)*.*the parallel edition en-fr cannot be built`, []string{"misaligned.en.html"}},
		{"good", []string{"--locales", "en", "--formats", "pdf,html", "--parallel", "en,fr", "--parallel", "fr,en", "testdata/good"}, exitOK, `^$`,
			[]string{"good.en.pdf", "good.en.html", "good.en-fr.pdf", "good.en-fr.html", "good.fr-en.pdf", "good.fr-en.html"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"build", "--project", "none", "--quiet", "--out", out}, tt.args...), &stdout, &stderr)
			if code != tt.code || !regexp.MustCompile(tt.stderr).MatchString(stderr.String()) {
				t.Errorf("exit %d (want %d)\n%s\nwant %s", code, tt.code, stderr.String(), tt.stderr)
			}
			entries, _ := os.ReadDir(out)
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			sort.Strings(got)
			want := append([]string(nil), tt.writes...)
			sort.Strings(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("wrote %v, want %v", got, want)
			}
		})
	}
}

// TestParallelProjectFile: the project file's parallel key asks for
// parallel editions; a bad one is bad input at its position (exit 1); a
// set the statement lacks a language for, asked for by the file, is bad
// input too.
func TestParallelProjectFile(t *testing.T) {
	inProject(t, "")
	good, _ := os.ReadFile("polypress.toml")
	defer writeFile(t, "polypress.toml", string(good))
	writeFile(t, "polypress.toml", string(good)+"parallel = [\"en,fr\"]\n")
	code, _, stderr := runCmd("build", "--formats", "html", "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join("dist", "press.en-fr.html")); err != nil {
		t.Errorf("no parallel edition: %v", err)
	}
	code, stdout, _ := runCmd("config")
	if !regexp.MustCompile(`(?m)^parallel\s+en,fr\s+polypress\.toml:\d+:1$`).MatchString(stdout) {
		t.Errorf("config does not show the parallel setting:\n%s", stdout)
	}
	writeFile(t, "polypress.toml", string(good)+"parallel = [\"en\"]\n")
	code, _, stderr = runCmd("build", "--formats", "html", "--quiet")
	if code != exitInput || !regexp.MustCompile(`^polypress\.toml:\d+:1: parallel: "en" names one language`).MatchString(stderr) {
		t.Errorf("exit %d: %s", code, stderr)
	}
	writeFile(t, "polypress.toml", string(good)+"parallel = [\"en,de\"]\n")
	code, _, stderr = runCmd("build", "--formats", "html", "--quiet")
	if code != exitInput || !strings.Contains(stderr, "the statement has no text in de") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	// The flag overrides the file.
	code, _, stderr = runCmd("build", "--formats", "html", "--quiet", "--parallel", "fr,en")
	if code != exitOK {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestParallelRelease: a release with --parallel makes the parallel
// editions beside the others, each in the manifest with its locales and
// sources (the canonical statement and the translation) and in
// SHA256SUMS; two shards together make the same release.
func TestParallelRelease(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1593000000")
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	args := []string{"--project", "none", "--quiet", "--formats", "pdf,html", "--locales", "en", "--parallel", "en,fr", "testdata/good"}
	if code, _, stderr := runCmd(append([]string{"release", "--out", whole}, args...)...); code != exitOK {
		t.Fatalf("release: exit %d: %s", code, stderr)
	}
	m, err := release.ReadManifest(whole)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, e := range m.Artifacts {
		if len(e.Parallel) == 0 {
			continue
		}
		found = append(found, e.Path)
		var srcs []string
		for _, s := range e.Sources {
			srcs = append(srcs, s.Path)
		}
		if e.Locale != "en-fr" || strings.Join(e.Parallel, ",") != "en,fr" || e.Kind != "statement" ||
			!strings.Contains(strings.Join(srcs, " "), "good/statement.md") || !strings.Contains(strings.Join(srcs, " "), "good/statement.fr.md") ||
			!strings.Contains(strings.Join(srcs, " "), "polypress:locales/fr.toml") {
			data, _ := json.Marshal(e)
			t.Errorf("manifest entry %s", data)
		}
	}
	if strings.Join(found, " ") != "good.en-fr.html good.en-fr.pdf" {
		t.Errorf("parallel editions in the manifest: %v", found)
	}
	sums, _ := os.ReadFile(filepath.Join(whole, "SHA256SUMS"))
	if !regexp.MustCompile(`(?m)^[0-9a-f]{64}  good\.en-fr\.pdf$`).Match(sums) {
		t.Errorf("SHA256SUMS:\n%s", sums)
	}
	var shards []string
	for _, k := range []string{"1/2", "2/2"} {
		out := filepath.Join(dir, "shard"+k[:1])
		if code, _, stderr := runCmd(append([]string{"release", "--out", out, "--shard", k}, args...)...); code != exitOK {
			t.Fatalf("shard %s: exit %d: %s", k, code, stderr)
		}
		shards = append(shards, out)
	}
	merged := filepath.Join(dir, "merged")
	if code, _, stderr := runCmd(append([]string{"release", "merge", "--quiet", "--out", merged}, shards...)...); code != exitOK {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	a, _ := os.ReadFile(filepath.Join(whole, "manifest.json"))
	b, _ := os.ReadFile(filepath.Join(merged, "manifest.json"))
	if !bytes.Equal(a, b) {
		t.Error("the merged shards' manifest differs from the whole release's")
	}
}
