package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestReplaceAndCreate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.toml")
	if err := Create(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := Create(path, []byte("two")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over an existing file: %v, want fs.ErrExist", err)
	}
	if err := Replace(path, []byte("three")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "three" {
		t.Errorf("file holds %q, want %q", got, "three")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1: temporary files were left", len(entries))
	}
}

// Commit replaces all the files or none: when one rename fails, the files
// already replaced get their old contents back, the new ones are removed,
// and no temporary or kept file is left.
func TestCommitIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "a.pdf")
	os.WriteFile(old, []byte("old a"), 0o644)
	blocked := filepath.Join(dir, "c.epub")
	os.MkdirAll(filepath.Join(blocked, "x"), 0o755) // a folder that holds something: rename fails
	var moves []Move
	for _, name := range []string{"a.pdf", "b.pdf", "c.epub"} {
		tmp, err := Temp(filepath.Join(dir, name), []byte("new "+name))
		if err != nil {
			t.Fatal(err)
		}
		moves = append(moves, Move{Temp: tmp, Path: filepath.Join(dir, name)})
	}
	if err := Commit(moves); err == nil {
		t.Fatal("Commit over a folder succeeded")
	}
	if got, _ := os.ReadFile(old); string(got) != "old a" {
		t.Errorf("a.pdf holds %q after a failed commit, want its old content", got)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 2 || names[0] != "a.pdf" || names[1] != "c.epub" {
		t.Errorf("folder holds %v after a failed commit, want [a.pdf c.epub]", names)
	}

	os.RemoveAll(blocked)
	moves = moves[:0]
	for _, name := range []string{"a.pdf", "b.pdf"} {
		tmp, _ := Temp(filepath.Join(dir, name), []byte("new "+name))
		moves = append(moves, Move{Temp: tmp, Path: filepath.Join(dir, name)})
	}
	if err := Commit(moves); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.pdf", "b.pdf"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != "new "+name {
			t.Errorf("%s holds %q", name, got)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d files after a commit, want 2: kept or temporary files were left", len(entries))
	}
}
