package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommandLine(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "usage: measure compare|targets"},
		{[]string{"time"}, 2, `unknown command "time"`},
		{[]string{"compare", "-peers", "typst,latex"}, 2, `unknown peer "latex"`},
		{[]string{"compare", "-rounds", "0"}, 2, "usage: measure compare"},
		{[]string{"targets", "extra"}, 2, "usage: measure targets"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != tt.code || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("measure %q: exit %d, stderr %q; want %d and %q", tt.args, code, stderr.String(), tt.code, tt.want)
		}
	}
}

func TestMakeSamplesReadsTheMakefile(t *testing.T) {
	got, err := makeSamples("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no samples")
	}
	for _, p := range got {
		if _, err := os.Stat(filepath.Join("../..", p)); err != nil {
			t.Errorf("make sample builds %s: %v", p, err)
		}
	}
	bad := filepath.Join(t.TempDir(), "Makefile")
	os.WriteFile(bad, []byte("all:\n\ttrue\n"), 0o644)
	if _, err := makeSamples(bad); err == nil || !strings.Contains(err.Error(), "SAMPLES") {
		t.Errorf("a Makefile without SAMPLES: %v", err)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{7: "7", 999: "999", 2000: "2,000", 20000: "20,000", 1234567: "1,234,567"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
