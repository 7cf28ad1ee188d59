package diag

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Diagnostic codes are the constants of codes.go: a code written as a
// string where a diagnostic is made would escape the list, and a typo in
// it would go unnoticed by the tools that match on codes.
func TestCodesAreConstants(t *testing.T) {
	literal := regexp.MustCompile(`WithCode\("|\bCode: "|\.Code = "`)
	err := filepath.WalkDir("../..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "typesetting") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if literal.MatchString(line) {
				t.Errorf("%s:%d: a diagnostic code written as a string; add it to pipeline/diag/codes.go", path, i+1)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
