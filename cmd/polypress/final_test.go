package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBuildFallbacksAndFinal builds the sample communiqué: fr-CA takes the
// French body and labels; fa is not served by the Arabic text; a stale
// translation makes a draft, which --final refuses.
func TestBuildFallbacksAndFinal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds editions")
	}
	_, statement := workspace(t)
	out := t.TempDir()

	code, stdout, stderr := runCmd("build", "--out", out, "--formats", "epub", "--locales", "fr-CA", statement)
	if code != exitOK || strings.Contains(stdout, "draft") || stderr != "" {
		t.Fatalf("fr-CA: exit %d\n%s%s", code, stdout, stderr)
	}
	epub, err := os.ReadFile(filepath.Join(out, "oic-contact-group-2020.fr-CA.epub"))
	if err != nil {
		t.Fatal(err)
	}
	if text := unzipText(t, epub); !strings.Contains(text, "Le Groupe de contact") || !strings.Contains(text, `xml:lang="fr`) && !strings.Contains(text, `lang="fr`) {
		t.Error("the fr-CA edition does not carry the French body")
	}

	code, _, stderr = runCmd("build", "--out", out, "--formats", "epub", "--locales", "fa", statement)
	if code != exitInput || !strings.Contains(stderr, "no body text for locale fa") {
		t.Errorf("fa: exit %d: %s", code, stderr)
	}

	// The canonical clause 22 changes after the translations were stamped.
	editFile(t, filepath.Join(statement, "statement.md"), "between India and Pakistan.", "between India and Pakistan, and hoped for more.")
	code, stdout, stderr = runCmd("build", "--out", out, "--formats", "epub", "--locales", "fr", statement)
	if code != exitOK || !strings.Contains(stdout, "draft") || !strings.Contains(stderr, "statement.fr.md") {
		t.Errorf("stale fr: exit %d, want a draft and a warning\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runCmd("build", "--final", "--out", out, "--formats", "epub", "--locales", "fr", statement)
	if code != exitInput || !strings.Contains(stderr, "statement.fr.md") || strings.Contains(stderr, "warning:") {
		t.Errorf("stale fr --final: exit %d, want an error\n%s", code, stderr)
	}
}

// unzipText returns the text of every file of a zip archive, concatenated.
func unzipText(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(&b, r)
		r.Close()
	}
	return b.String()
}

// TestBuildTranslationFile builds a translation named on the command line
// (statement.fr.md): the same edition, to the byte, as the one built from
// its folder, "Original" line included; and the same checks, so a stale
// translation given this way is refused by --final too.
func TestBuildTranslationFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds editions")
	}
	_, statement := workspace(t)
	fromDir, fromFile := t.TempDir(), t.TempDir()
	t.Setenv("SOURCE_DATE_EPOCH", "1593000000")
	if code, _, stderr := runCmd("build", "--out", fromDir, "--formats", "epub", "--locales", "fr", statement); code != exitOK {
		t.Fatalf("folder: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCmd("build", "--out", fromFile, "--formats", "epub", filepath.Join(statement, "statement.fr.md"))
	if code != exitOK || strings.Count(stdout, "wrote ") != 1 {
		t.Fatalf("file: exit %d, want one edition\n%s%s", code, stdout, stderr)
	}
	a, errA := os.ReadFile(filepath.Join(fromDir, "oic-contact-group-2020.fr.epub"))
	b, errB := os.ReadFile(filepath.Join(fromFile, "oic-contact-group-2020.fr.epub"))
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if !bytes.Equal(a, b) {
		t.Error("the edition built from statement.fr.md differs from the one built from its folder")
	}
	if text := unzipText(t, b); !strings.Contains(text, "Original\u00a0: anglais") {
		t.Error(`the edition lacks the line "Original : anglais"`)
	}

	editFile(t, filepath.Join(statement, "statement.md"), "between India and Pakistan.", "between India and Pakistan, and hoped for more.")
	code, _, stderr = runCmd("build", "--final", "--out", fromFile, "--formats", "epub", filepath.Join(statement, "statement.fr.md"))
	if code != exitInput || !strings.Contains(stderr, "statement.fr.md") || !strings.Contains(stderr, "older version") {
		t.Errorf("stale statement.fr.md --final: exit %d, want an error\n%s", code, stderr)
	}
}

// TestBuildUnchangedText builds a French edition in which a clause is the
// English text copied: a warning naming it and a draft; --final refuses.
// A locale file lacking messages falls back with warnings in the same
// way, and --final refuses that too.
func TestBuildUnchangedText(t *testing.T) {
	if testing.Short() {
		t.Skip("builds editions")
	}
	locales, statement := workspace(t)
	out := t.TempDir()
	canon, _ := os.ReadFile(filepath.Join(statement, "statement.md"))
	var clause12 string
	for _, l := range strings.Split(string(canon), "\n") {
		if strings.HasPrefix(l, "12. ") {
			clause12 = l
		}
	}
	b, _ := os.ReadFile(filepath.Join(statement, "statement.fr.md"))
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "12. ") {
			lines[i] = clause12
		}
	}
	os.WriteFile(filepath.Join(statement, "statement.fr.md"), []byte(strings.Join(lines, "\n")), 0o644)
	code, stdout, stderr := runCmd("build", "--locale-dir", locales, "--out", out, "--formats", "epub", "--locales", "fr", statement)
	if code != exitOK || !strings.Contains(stdout, "draft") || !regexp.MustCompile(`statement\.fr\.md:\d+:1: warning: clause 12 is the canonical text unchanged`).MatchString(stderr) {
		t.Errorf("unchanged clause: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runCmd("build", "--final", "--locale-dir", locales, "--out", out, "--formats", "epub", "--locales", "fr", statement)
	if code != exitInput || !regexp.MustCompile(`statement\.fr\.md:\d+:1: clause 12 is the canonical text unchanged`).MatchString(stderr) {
		t.Errorf("unchanged clause, --final: exit %d\n%s", code, stderr)
	}

	// A partial locale file: a language polypress has no file for, whose
	// new file (locales init) lacks every message. (A project's fr.toml
	// that lacks a message takes it from the built-in French file.)
	_, statement = workspace(t)
	fr, _ := os.ReadFile(filepath.Join(statement, "statement.fr.md"))
	os.WriteFile(filepath.Join(statement, "statement.sv.md"), []byte(strings.Replace(string(fr), "lang: fr", "lang: sv", 1)), 0o644)
	if code, _, stderr := runCmd("locales", "init", "--locale-dir", locales, "sv"); code != exitOK {
		t.Fatalf("init sv: %s", stderr)
	}
	code, stdout, stderr = runCmd("build", "--locale-dir", locales, "--out", out, "--formats", "epub", "--locales", "sv", statement)
	if code != exitOK || !strings.Contains(stdout, "draft") || !strings.Contains(stderr, `message "contents" missing in sv`) {
		t.Errorf("partial locale file: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runCmd("build", "--final", "--locale-dir", locales, "--out", out, "--formats", "epub", "--locales", "sv", statement)
	if code != exitInput || !strings.Contains(stderr, `message "contents" missing in sv`) {
		t.Errorf("partial locale file, --final: exit %d\n%s", code, stderr)
	}
}
