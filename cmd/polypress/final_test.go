package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
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
