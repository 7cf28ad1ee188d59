package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"press": "press", "Press Office 2026": "press-office-2026", "--": "statement", "Ünïcode_x": "n-code-x"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every kind gives a statement and a translation that parse and align.
func TestNewEveryKindAligns(t *testing.T) {
	if got := strings.Join(Kinds(), ","); got != strings.Join(sorted(doc.Kinds), ",") {
		t.Errorf("kinds %s, want every statement kind", got)
	}
	for _, kind := range doc.Kinds {
		dir := filepath.Join(t.TempDir(), "Press Office")
		files, err := New(dir, Options{Kind: kind, Date: time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if len(files) != 6 || files[0] != "polypress.toml" {
			t.Errorf("%s: wrote %v", kind, files)
		}
		st, err := source.Load(filepath.Join(dir, "statements", "press-office"))
		if err != nil || st.Err() != nil {
			t.Fatalf("%s: %v %v", kind, err, st.Err())
		}
		if st.Canonical.Meta.Kind != kind || st.Canonical.Meta.ID != "press-office" || len(st.Translations) != 1 {
			t.Errorf("%s: %+v", kind, st.Canonical.Meta)
		}
	}
}

func TestNewRefuses(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644)
	var ue *UsageError
	if _, err := New(dir, Options{}); !errors.As(err, &ue) {
		t.Errorf("a folder with files: %v", err)
	}
	if _, err := New(filepath.Join(dir, "keep.txt"), Options{}); !errors.As(err, &ue) {
		t.Errorf("a file: %v", err)
	}
	if _, err := New(filepath.Join(dir, "x"), Options{Kind: "memo"}); !errors.As(err, &ue) || !strings.Contains(err.Error(), "the kinds are communique") {
		t.Errorf("an unknown kind: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
		t.Error("a refused project left a folder")
	}
}

func sorted(s []string) []string {
	return slices.Sorted(slices.Values(s))
}
