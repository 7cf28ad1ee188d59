package source

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// secret is a statement outside every pack and statement folder: its text
// must never reach an edition through a symbolic link.
const secret = "---\nid: secret\ntitle: SECRET OUTSIDE TITLE\ndate: 2020-06-22\nlang: en\n---\nSECRET OUTSIDE TEXT.\n"

const good = "---\nid: s1\ntitle: One\ndate: 2020-06-22\nlang: en\n---\nText.\n"

// within fails the test if f runs longer than d, rather than letting a
// read that blocks hang the whole test run.
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %v: a read blocked", d)
	}
}

// writeFiles writes files (path → content) under dir; a content starting
// with "->" makes a symbolic link to the rest.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		if target, ok := strings.CutPrefix(content, "->"); ok {
			err = os.Symlink(target, path)
		} else {
			err = os.WriteFile(path, []byte(content), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// packErrors parses the manifest of the pack folder (a relative path, as
// a user types it) and returns its error, which must come within 5 s.
func packErrors(t *testing.T, pack string) string {
	t.Helper()
	var err error
	within(t, 5*time.Second, func() { _, err = ParsePack(pack) })
	if err == nil {
		t.Fatal("the pack parsed")
	}
	return err.Error()
}

// A pack's entries stay inside its folder when the pack is named by a
// relative path, as on a command line: the escape check once compared a
// relative folder with an absolute link target and passed every link
// (issue 18, finding 2).
func TestPackEntriesStayInsideRelativePack(t *testing.T) {
	base := t.TempDir()
	t.Chdir(base)
	elsewhere := filepath.Join(base, "elsewhere")
	writeFiles(t, base, map[string]string{
		"elsewhere/statement.md": secret,
		"elsewhere/logo.png":     "\x89PNG\r\n\x1a\n",
		"elsewhere/layout.toml":  "base = \"briefing\"\n",
		"pack/link":              "->" + elsewhere,
		"pack/logo.png":          "->" + filepath.Join(elsewhere, "logo.png"),
		"pack/layout.toml":       "->../elsewhere/layout.toml",
		"pack/pack.yaml":         "id: p\ntitle: P\ndate: 2020-06-30\nlogo: logo.png\nlayout: layout.toml\nstatements:\n  - link\n",
	})
	got := packErrors(t, "pack")
	for _, want := range []string{
		`pack/pack.yaml:4:7: "logo.png" is a symbolic link that leaves the pack's folder (it leads to ` + filepath.Join(elsewhere, "logo.png") + `)`,
		`pack/pack.yaml:5:9: "layout.toml" is a symbolic link that leaves the pack's folder`,
		`pack/pack.yaml:7:5: "link" is a symbolic link that leaves the pack's folder`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("error lacks %q:\n%s", want, got)
		}
	}
}

// The statement.md of a listed folder, and its translations, are checked
// too: they may not be links to files outside the statement's folder.
func TestStatementFilesStayInsideTheirFolder(t *testing.T) {
	base := t.TempDir()
	t.Chdir(base)
	writeFiles(t, base, map[string]string{
		"secret.md":               secret,
		"pack/s1/statement.md":    "->../../secret.md",
		"pack/s2/statement.md":    good,
		"pack/s2/statement.fr.md": "->" + filepath.Join(base, "secret.md"),
		"pack/pack.yaml":          "id: p\ntitle: P\ndate: 2020-06-30\nstatements:\n  - s1\n  - s2\n",
	})
	got := packErrors(t, "pack")
	if want := `pack/pack.yaml:5:5: "s1": it leads to ` + filepath.Join(base, "secret.md") + `, outside ` + filepath.Join(base, "pack/s1"); !strings.Contains(got, want) {
		t.Errorf("error lacks %q:\n%s", want, got)
	}
	if _, _, err := StatementFile("pack/s1"); err == nil || !strings.Contains(err.Error(), "pack/s1/statement.md: cannot read statement: it leads to") {
		t.Errorf("StatementFile of a folder whose statement.md leads out: %v", err)
	}
	trs, err := Translations("pack/s2/statement.md")
	if len(trs) != 0 || err == nil || !strings.Contains(err.Error(), "pack/s2/statement.fr.md: cannot read translation: it leads to "+filepath.Join(base, "secret.md")) {
		t.Errorf("a translation linked from outside: %v, %v", trs, err)
	}
	if _, err := ParseFileIn("pack/s2", "pack/s2/statement.fr.md"); err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("ParseFileIn read a file outside its folder: %v", err)
	}
}

// One statement bound twice, once by its folder and once by its file, is
// an error at the second entry (issue 18, finding 8).
func TestPackBindsAStatementOnce(t *testing.T) {
	base := t.TempDir()
	writeFiles(t, base, map[string]string{
		"pack/s1/statement.md": good,
		"pack/s1/alias.md":     "->statement.md",
		"pack/pack.yaml":       "id: p\ntitle: P\ndate: 2020-06-30\nstatements:\n  - s1\n  - s1/statement.md\n  - ./s1/alias.md\n",
	})
	got := packErrors(t, filepath.Join(base, "pack"))
	for _, want := range []string{
		`pack.yaml:6:5: statement "s1/statement.md" is the same statement as "s1", listed above: list it once`,
		`pack.yaml:7:5: statement "./s1/alias.md" is the same statement as "s1", listed above: list it once`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("error lacks %q:\n%s", want, got)
		}
	}
}

// Special files named by a pack are refused without being opened for
// long: a FIFO would block forever, /dev/zero never ends, and a device
// node inside the folder is no image (issue 18, finding 4).
func TestPackRefusesSpecialFiles(t *testing.T) {
	base := t.TempDir()
	pack := filepath.Join(base, "pack")
	writeFiles(t, base, map[string]string{
		"pack/s1/statement.md": good,
		"pack/zero.png":        "->/dev/zero",
	})
	for _, f := range []string{"fifo.png", "fifo.toml", "s1/statement.fr.md", "fifo.md"} {
		if err := syscall.Mkfifo(filepath.Join(pack, f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	big := filepath.Join(pack, "big.png")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, MaxLogoBytes+1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	manifest := func(logo, layout, statement string) string {
		return "id: p\ntitle: P\ndate: 2020-06-30\nlogo: " + logo + "\nlayout: " + layout + "\nstatements:\n  - " + statement + "\n"
	}
	tests := []struct {
		name, manifest, want string
	}{
		{"logo FIFO", manifest("fifo.png", "briefing", "s1"), `pack.yaml:4:7: "fifo.png": it is a FIFO (named pipe), not a regular file`},
		{"logo /dev/zero", manifest("zero.png", "briefing", "s1"), `pack.yaml:4:7: "zero.png" is a symbolic link that leaves the pack's folder (it leads to /dev/zero)`},
		{"logo too large", manifest("big.png", "briefing", "s1"), `pack.yaml:4:7: logo "big.png": it is 8388609 bytes, more than the 8 MiB allowed`},
		{"layout FIFO", manifest("big.png", "fifo.toml", "s1"), `pack.yaml:5:9: "fifo.toml": it is a FIFO (named pipe), not a regular file`},
		{"statement FIFO", manifest("big.png", "briefing", "fifo.md"), `pack.yaml:7:5: "fifo.md": it is a FIFO (named pipe), not a regular file`},
	}
	if err := syscall.Mknod(filepath.Join(pack, "null.png"), syscall.S_IFCHR|0o644, 1<<8|3); err == nil {
		tests = append(tests, struct{ name, manifest, want string }{
			"logo device", manifest("null.png", "briefing", "s1"), `pack.yaml:4:7: "null.png": it is a character device, not a regular file`})
	} else {
		t.Logf("no device node test: %v (it needs root)", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(pack, "pack.yaml"), []byte(tt.manifest), 0o644); err != nil {
				t.Fatal(err)
			}
			if got := packErrors(t, pack); !strings.Contains(got, tt.want) {
				t.Errorf("error lacks %q:\n%s", tt.want, got)
			}
		})
	}
	t.Run("translation FIFO", func(t *testing.T) {
		within(t, 5*time.Second, func() {
			_, err := ParseFileIn(filepath.Join(pack, "s1"), filepath.Join(pack, "s1", "statement.fr.md"))
			if err == nil || !strings.Contains(err.Error(), "statement.fr.md: cannot read statement: it is a FIFO (named pipe), not a regular file") {
				t.Errorf("a FIFO translation: %v", err)
			}
		})
	})
	t.Run("manifest FIFO", func(t *testing.T) {
		fifo := filepath.Join(base, "fifo.yaml")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := packErrors(t, fifo); !strings.Contains(got, "fifo.yaml: cannot read pack manifest: it is a FIFO (named pipe), not a regular file") {
			t.Errorf("a FIFO manifest: %s", got)
		}
	})
}

// A statement larger than MaxStatementBytes is refused before it is read.
func TestStatementSizeLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "statement.md")
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, 1<<40); err != nil { // 1 TiB, sparse
		t.Fatal(err)
	}
	_, err := ParseFile(path)
	if err == nil || !strings.Contains(err.Error(), "statement.md: cannot read statement: it is 1024 GiB, more than the 8 MiB allowed") {
		t.Errorf("a 1 TiB statement: %v", err)
	}
}
