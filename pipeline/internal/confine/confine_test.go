package confine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

// within runs f and fails the test if it takes longer than d, instead of
// letting a hanging read block the whole test run.
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
		t.Fatalf("still running after %v", d)
	}
}

func TestReadFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero.png")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want string
	}{
		{fifo, "a FIFO (named pipe), not a regular file"},
		{zero, "a character device, not a regular file"},
		{dir, "a folder, not a regular file"},
		{big, "is 2 KiB, more than the 1 KiB allowed"},
	} {
		within(t, 5*time.Second, func() {
			_, err := ReadFile(tt.path, 1024)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadFile(%s): %v, want %q", tt.path, err, tt.want)
			}
		})
	}
	data, err := ReadFile(big, 2048)
	if err != nil || len(data) != 2048 {
		t.Errorf("a file at the limit: %d bytes, %v", len(data), err)
	}
}

func TestReadFS(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	within(t, 5*time.Second, func() {
		var nr *NotRegularError
		if _, err := ReadFS(os.DirFS(dir), "fifo.toml", 1024); !errors.As(err, &nr) {
			t.Errorf("a FIFO: %v", err)
		}
	})
	fsys := fstest.MapFS{"a": {Data: []byte("12345")}}
	if _, err := ReadFS(fsys, "a", 4); !errors.As(err, new(*TooLargeError)) {
		t.Errorf("5 bytes, limit 4: %v", err)
	}
	if data, err := ReadFS(fsys, "a", 5); err != nil || string(data) != "12345" {
		t.Errorf("5 bytes, limit 5: %q %v", data, err)
	}
}

// Within compares absolute, resolved paths: a relative root is not a
// different folder from its absolute form.
func TestWithin(t *testing.T) {
	base := t.TempDir()
	t.Chdir(base)
	for _, d := range []string{"pack/s1", "elsewhere"} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile("elsewhere/secret.md", []byte("SECRET"), 0o644)
	os.WriteFile("pack/s1/statement.md", []byte("x"), 0o644)
	os.Symlink(filepath.Join(base, "elsewhere"), "pack/link")
	os.Symlink("../../elsewhere/secret.md", "pack/s1/statement.fr.md")
	os.Symlink("statement.md", "pack/s1/alias.md")

	if _, err := Within("pack", "pack/link"); !errors.As(err, new(*OutsideError)) {
		t.Errorf("a link out of a relative root: %v", err)
	}
	if _, err := Within("pack/s1", "pack/s1/statement.fr.md"); !errors.As(err, new(*OutsideError)) {
		t.Errorf("a relative link out: %v", err)
	}
	real, err := Within("pack", "pack/s1/alias.md")
	if err != nil || real != filepath.Join(base, "pack/s1/statement.md") {
		t.Errorf("a link inside: %q %v", real, err)
	}
	if _, err := Within("pack", "pack/nothing"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
	if !Inside("/a/b", "/a/b") || !Inside("/a/b", "/a/b/c") || Inside("/a/b", "/a/bc") || Inside("/a/b", "/a") {
		t.Error("Inside")
	}
}
