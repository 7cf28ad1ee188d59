package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		// stderr must match this pattern
		stderr string
		// files the build must write (nothing when empty)
		writes []string
	}{
		{"no command", nil, exitUsage, `Usage:`, nil},
		{"unknown command", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`, nil},
		{"unknown flag", []string{"build", "--colour", "testdata/good"}, exitUsage, `flag provided but not defined`, nil},
		{"no path", []string{"build", "--project", "none"}, exitUsage, `no statement given`, nil},
		{"help", []string{"help"}, exitOK, ``, nil},
		{"build help", []string{"build", "--help"}, exitOK, `^$`, nil},
		{"good", []string{"build", "testdata/good"}, exitOK, ``, []string{"good.en.pdf", "good.en.epub", "good.en.html", "good.fr.pdf", "good.fr.epub", "good.fr.html"}},
		{"one locale one format", []string{"build", "--locales", "fr", "--formats", "pdf", "testdata/good"}, exitOK, ``, []string{"good.fr.pdf"}},
		{"locale with no body", []string{"build", "--locales", "de", "testdata/good"}, exitInput, `no body text for locale de`, nil},
		{"unknown format", []string{"build", "--formats", "docx", "testdata/good"}, exitUsage, `--formats: unknown format "docx" \(have `, nil},
		{"missing path", []string{"build", "testdata/nowhere"}, exitInput, `testdata/nowhere`, nil},
		{"broken front matter", []string{"build", "testdata/broken-front-matter"}, exitInput,
			`testdata/broken-front-matter/statement\.md:4:1: .*unknown front matter key "titel"; did you mean "title"\?`, nil},
		{"raw html", []string{"build", "testdata/raw-html"}, exitInput, `testdata/raw-html/statement\.md:8:\d+: .*raw HTML`, nil},
		// A translation that does not align fails its editions alone.
		{"misaligned translation", []string{"build", "testdata/misaligned"}, exitInput,
			`testdata/misaligned/statement\.fr\.md:\d+:\d+: .*testdata/misaligned/statement\.md:\d+`, []string{"misaligned.en.pdf", "misaligned.en.epub", "misaligned.en.html"}},
		{"misaligned translation not asked for", []string{"build", "--locales", "en", "testdata/misaligned"}, exitOK, `^$`, []string{"misaligned.en.pdf", "misaligned.en.epub", "misaligned.en.html"}},
		{"translation given", []string{"build", "testdata/good/statement.fr.md"}, exitOK, ``, []string{"good.fr.pdf", "good.fr.epub", "good.fr.html"}},
		{"misaligned translation given", []string{"build", "testdata/misaligned/statement.fr.md"}, exitInput,
			`testdata/misaligned/statement\.fr\.md:\d+:\d+: .*testdata/misaligned/statement\.md:\d+`, nil},
		{"translation without its statement", []string{"build", "testdata/orphan/statement.fr.md"}, exitInput,
			`testdata/orphan/statement\.fr\.md: the file is named like a translation \(into "fr"\), but there is no statement\.md beside it`, nil},
		{"bad layout", []string{"build", "--layout", "tabloid", "testdata/good"}, exitUsage, `--layout: unknown layout "tabloid"`, nil},
		{"bad locale", []string{"build", "--locales", "xx-invalid--", "testdata/good"}, exitUsage, `--locales: "xx-invalid--" is not a BCP 47 language tag`, nil},
		{"bad format", []string{"build", "--formats", "html,docx", "testdata/good"}, exitUsage, `--formats: unknown format "docx"`, nil},
		{"bad diagnostics", []string{"build", "--diagnostics", "xml", "testdata/good"}, exitUsage, `invalid value "xml" for flag -diagnostics`, nil},
		{"flags after the path", []string{"build", "testdata/good", "--locales", "fr", "--formats", "pdf"}, exitOK, ``, []string{"good.fr.pdf"}},
		{"-- ends the flags", []string{"build", "--locales", "en", "--formats", "html", "--", "testdata/good"}, exitOK, ``, []string{"good.en.html"}},
		// ⵣ is on line 13, column 56; no bundled font has Tifinagh.
		{"character no font covers", []string{"build", "testdata/tifinagh"}, exitInput,
			`testdata/tifinagh/statement\.md:13:56: U\+2D63 TIFINAGH LETTER YAZ "ⵣ" has no glyph in any font for locale en \(tried NotoSerif, `, nil},
		{"missing glyphs allowed", []string{"build", "--allow-missing-glyphs", "testdata/tifinagh"}, exitOK,
			`statement\.md:13:56: warning: U\+2D63 .*the PDF shows U\+FFFD REPLACEMENT CHARACTER in its place`, []string{"tifinagh.en.pdf", "tifinagh.en.epub", "tifinagh.en.html"}},
		// A web page is set in the reader's fonts: no glyph preflight.
		{"web page needs no glyphs", []string{"build", "--formats", "html", "testdata/tifinagh"}, exitOK, `^$`, []string{"tifinagh.en.html"}},
		// Emoji have no glyph either: an error naming them, never a panic.
		{"emoji", []string{"build", "testdata/emoji"}, exitInput, `statement\.md:13:27: U\+1F44B WAVING HAND SIGN`, nil},
		{"emoji allowed", []string{"build", "--allow-missing-glyphs", "testdata/emoji"}, exitOK, `warning: U\+1F1F8`, []string{"emoji.en.pdf", "emoji.en.epub", "emoji.en.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			args := tt.args
			if len(args) > 0 && args[0] == "build" && !contains(args, "--help") {
				args = append([]string{"build", "--out", out}, args[1:]...)
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tt.code, stderr.String())
			}
			if !regexp.MustCompile(tt.stderr).MatchString(stderr.String()) {
				t.Errorf("stderr does not match %q:\n%s", tt.stderr, stderr.String())
			}
			entries, _ := os.ReadDir(out)
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			if len(got) != len(tt.writes) {
				t.Errorf("wrote %v, want %v", got, tt.writes)
			}
			for _, w := range tt.writes {
				if _, err := os.Stat(filepath.Join(out, w)); err != nil {
					t.Errorf("did not write %s", w)
				}
			}
		})
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// A failed build must not touch the files of an earlier good build.
func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--out", out, "testdata/good"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("good build: exit %d: %s", code, stderr.String())
	}
	before, _ := os.ReadFile(filepath.Join(out, "good.en.pdf"))
	stderr.Reset()
	code := run([]string{"build", "--out", out, "testdata/good", "testdata/raw-html"}, &stdout, &stderr)
	if code != exitInput {
		t.Fatalf("exit %d, want %d", code, exitInput)
	}
	after, _ := os.ReadFile(filepath.Join(out, "good.en.pdf"))
	if !bytes.Equal(before, after) {
		t.Error("a failed build changed an earlier good file")
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("stray temporary file %s", e.Name())
		}
	}
}

func TestVersion(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"version"}, &stdout, &stderr); code != exitOK || !strings.HasPrefix(stdout.String(), "polypress ") {
		t.Errorf("version: exit %d, %q", code, stdout.String())
	}
}
