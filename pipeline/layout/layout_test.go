package layout

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/polypress/polypress/layouts"
)

func TestEmbeddedLayoutsLoad(t *testing.T) {
	for _, name := range Names(layouts.FS) {
		if _, err := Load(layouts.FS, name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

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

// A base layout is found beside the layout that names it, never through
// an absolute path, "..", or a link out of that folder, and never in the
// working directory (issue 18, finding 2).
func TestBaseStaysBesideTheLayout(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "project", "layouts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(root, "outside.toml")
	write := func(path, content string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(outside, "base = \"briefing\"\n[body]\nsize = 99\n")
	write(filepath.Join(dir, "mine.toml"), "base = \"briefing\"\n[body]\nsize = 11\n")
	write(filepath.Join(dir, "child.toml"), "base = \"mine.toml\"\n")
	// A base.toml in the working directory must not be taken for the
	// one beside the layout.
	t.Chdir(root)
	write(filepath.Join(root, "mine.toml"), "base = \"briefing\"\n[body]\nsize = 99\n")
	l, err := Load(layouts.FS, filepath.Join(dir, "child.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if l.Body.Size != 11 {
		t.Errorf("body.size %v: the base was not read from the layout's folder", l.Body.Size)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.toml")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ base, want string }{
		{outside, `child.toml:1:1: base "` + outside + `" is an absolute path: name the base layout relative to this file's folder`},
		{"../../outside.toml", `child.toml:1:1: base "../../outside.toml" leaves this layout's folder`},
		{"link.toml", `child.toml:1:1: base "link.toml": it leads to ` + outside + `, outside ` + dir},
		{"fifo.toml", filepath.Join(dir, "fifo.toml") + `: cannot read layout: it is a FIFO (named pipe), not a regular file`},
	} {
		write(filepath.Join(dir, "child.toml"), "base = \""+tt.base+"\"\n")
		within(t, 5*time.Second, func() {
			_, err := Load(layouts.FS, filepath.Join(dir, "child.toml"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("base %q: %v, want %q", tt.base, err, tt.want)
			}
		})
	}
}

// Numbers that are not finite, or far outside what a page can hold, are
// refused at the key that set them: size = nan once wrote NaN operators
// into the PDF (issue 18, finding 8).
func TestNumbersAreFiniteAndInRange(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ toml, want string }{
		{"[body]\nsize = nan\n", "x.toml:3:1: body.size: nan is not a type size in points from 1 to 200"},
		{"[body]\nleading = inf\n", "x.toml:3:1: body.leading: inf is not a line height (times the type size) from 0.5 to 5"},
		{"\n[title]\n  size = -inf\n", "x.toml:4:3: title.size: -inf is not a type size in points from 1 to 200"},
		{"[heading]\nspace_after = 1e300\n", "x.toml:3:1: heading.space_after: 1e+300 is not a space in points from 0 to 500"},
		{"[page]\nwidth = \"" + strings.Repeat("9", 400) + "mm\"\n", `x.toml:3:10: length "` + strings.Repeat("9", 400) + `mm" is too large`},
		{"[page]\nheight = \"300in\"\n", "x.toml:3:1: page.height: 21600 is not a page height in points from 72 to 14400"},
		{"[cover]\nband = nan\n", "x.toml:3:1: cover.band: nan is not a fraction of the page height from 0.1 to 0.95"},
		{"[cover]\nband = 0\n", "x.toml:3:1: cover.band: 0 is not a fraction of the page height from 0.1 to 0.95"},
		{"[running]\nfooter_offset = \"2000mm\"\n", "x.toml:3:1: running.footer_offset: 5669.291338582677 is not a length in points from 0 to 841.8897637795275"},
		{"[bodi]\nsize = 3\n", `x.toml:2:1: unknown layout key "bodi"`},
	} {
		path := filepath.Join(dir, "x.toml")
		if err := os.WriteFile(path, []byte("base = \"briefing\"\n"+tt.toml), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(layouts.FS, path)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.toml, err, tt.want)
		}
	}
}

// A layout written before parallel editions, without a base, sets no
// [parallel] keys: it gets the briefing layout's, read from that file,
// and a key it does set is kept.
func TestParallelKeysDefaultToBriefing(t *testing.T) {
	data, err := layouts.FS.ReadFile("briefing.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	i := strings.Index(src, "[parallel]")
	j := strings.Index(src[i+1:], "\n[")
	if i < 0 || j < 0 {
		t.Fatal("briefing.toml has no [parallel] table followed by another")
	}
	without := src[:i] + src[i+1+j+1:]
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	brief, err := Load(layouts.FS, "briefing")
	if err != nil {
		t.Fatal(err)
	}
	old, err := Load(layouts.FS, write("old.toml", without))
	if err != nil {
		t.Fatal(err)
	}
	if old.Parallel != brief.Parallel {
		t.Errorf("a layout without [parallel]: %+v, want briefing's %+v", old.Parallel, brief.Parallel)
	}
	some, err := Load(layouts.FS, write("some.toml", without+"\n[parallel]\nrule = 0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if some.Parallel.Rule != 0 || some.Parallel.Gutter != brief.Parallel.Gutter || some.Parallel.LandscapeFrom != brief.Parallel.LandscapeFrom {
		t.Errorf("a layout setting parallel.rule = 0: %+v", some.Parallel)
	}
}
