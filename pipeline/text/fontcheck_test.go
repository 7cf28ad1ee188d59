package text

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/polypress/polypress/fonts"
)

// Every bundled font passes the check that fonts from --fonts must pass.
func TestBundledFontsAreSound(t *testing.T) {
	entries, err := fs.ReadDir(fonts.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".ttf") {
			continue
		}
		data, _ := fonts.FS.ReadFile(e.Name())
		if err := checkFont(data); err != nil {
			t.Errorf("%s: %v", e.Name(), err)
		}
	}
}

// table returns the offset and length of a table of font data.
func table(t *testing.T, data []byte, tag string) (int, int) {
	t.Helper()
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		if string(rec[:4]) == tag {
			return int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		}
	}
	t.Fatalf("no %s table", tag)
	return 0, 0
}

// firstComposite returns the glyph index and offset in data of the first
// composite glyph of a font with long loca offsets, or -1.
func firstComposite(t *testing.T, data []byte) (int, int) {
	t.Helper()
	locaOff, _ := table(t, data, "loca")
	glyfOff, _ := table(t, data, "glyf")
	headOff, _ := table(t, data, "head")
	maxpOff, _ := table(t, data, "maxp")
	long := binary.BigEndian.Uint16(data[headOff+50:]) == 1
	n := int(binary.BigEndian.Uint16(data[maxpOff+4:]))
	at := func(i int) int {
		if long {
			return int(binary.BigEndian.Uint32(data[locaOff+4*i:]))
		}
		return 2 * int(binary.BigEndian.Uint16(data[locaOff+2*i:]))
	}
	for i := range n {
		if at(i+1) > at(i) && int16(binary.BigEndian.Uint16(data[glyfOff+at(i):])) < 0 {
			return i, glyfOff + at(i)
		}
	}
	return -1, 0
}

// A corrupt, truncated, empty or foreign font is refused when it is added,
// with the reason, before the PDF writer sees it: fpdf panicked in
// GenerateCutFont on a corrupt loca (issue 18, finding 5).
func TestAddRefusesBrokenFonts(t *testing.T) {
	good, err := fonts.FS.ReadFile("NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	edit := func(f func(d []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	put16 := func(d []byte, off int, v uint16) { binary.BigEndian.PutUint16(d[off:], v) }
	put32 := func(d []byte, off int, v uint32) { binary.BigEndian.PutUint32(d[off:], v) }
	headOff, _ := table(t, good, "head")
	locaOff, _ := table(t, good, "loca")
	_, glyfLen := table(t, good, "glyf")
	long := binary.BigEndian.Uint16(good[headOff+50:]) == 1
	setLoca := func(d []byte, i int, v uint32) {
		if long {
			put32(d, locaOff+4*i, v)
		} else {
			put16(d, locaOff+2*i, uint16(v/2))
		}
	}
	comp, compOff := firstComposite(t, good)
	if comp < 0 {
		t.Fatal("NotoSans has no composite glyph to break")
	}
	cmapOff, _ := table(t, good, "cmap")

	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "the file is 0 bytes, too short to be a font"},
		{"CFF", append([]byte("OTTO"), good[4:]...), "it has CFF (PostScript) outlines"},
		{"collection", append([]byte("ttcf"), good[4:]...), "it is a font collection (.ttc)"},
		{"text", []byte("this is not a font at all"), "not a TrueType font"},
		{"truncated", good[:len(good)/2], "runs past the end of the file"},
		{"loca past glyf", edit(func(d []byte) []byte { setLoca(d, 5, uint32(glyfLen+400)); return d }), "its loca table is corrupt: glyph 4 spans bytes"},
		{"loca backwards", edit(func(d []byte) []byte { setLoca(d, 5, 0); return d }), "its loca table is corrupt: glyph 4 spans bytes 84 to 0"},
		{"no loca format", edit(func(d []byte) []byte { put16(d, headOff+50, 7); return d }), "its indexToLocFormat is 7"},
		{"component out of range", edit(func(d []byte) []byte { put16(d, compOff+12, 0xFFF0); return d }), "uses glyph 65520, but the font has"},
		{"component cycle", edit(func(d []byte) []byte { put16(d, compOff+12, uint16(comp)); return d }), "contains itself"},
		{"cmap to no glyph", edit(func(d []byte) []byte {
			// Point every cmap subtable's record at a format 12 table
			// mapping "A" to a glyph the font lacks, written over the
			// start of the cmap's first subtable.
			n := int(binary.BigEndian.Uint16(d[cmapOff+2:]))
			sub := cmapOff + 4 + 8*n
			for i := range n {
				put32(d, cmapOff+4+8*i+4, uint32(sub-cmapOff))
			}
			copy(d[sub:], []byte{0, 12, 0, 0, 0, 0, 0, 28, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 'A', 0, 0, 0, 'A', 0, 0, 0xFF, 0xFF})
			return d
		}), "U+0041 to U+0041 map to glyphs up to 65535, but the font has"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("Add panicked: %v", p)
					}
				}()
				err = NewLibrary().Add("Broken-Regular", tt.data)
			}()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Add: %v, want %q", err, tt.want)
			}
		})
	}
}

// A real collection and a CFF font from the system are refused too.
func TestAddRefusesSystemCollections(t *testing.T) {
	matches, _ := filepath.Glob("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
	if len(matches) == 0 {
		t.Skip("fonts-noto-cjk is not installed")
	}
	lib := NewLibrary()
	err := lib.AddFS(os.DirFS(filepath.Dir(matches[0])), "cjk")
	if err == nil || !strings.Contains(err.Error(), "font cjk/NotoSans") || !strings.Contains(err.Error(), "font collection (.ttc)") {
		t.Errorf("AddFS of the Noto CJK collections: %v", err)
	}
}

// A font folder is read without blocking on a FIFO or reading a device,
// and a refused font is named by its file.
func TestAddFSRefusesSpecialFiles(t *testing.T) {
	for _, tt := range []struct {
		name string
		make func(path string) error
		want string
	}{
		{"fifo", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "font dir/X-Regular.ttf: it is a FIFO (named pipe), not a regular file"},
		{"zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "font dir/X-Regular.ttf: it is a character device, not a regular file"},
		{"empty", func(p string) error { return os.WriteFile(p, nil, 0o644) }, "font dir/X-Regular.ttf: refused: the file is 0 bytes, too short to be a font"},
		{"huge", func(p string) error {
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				return err
			}
			return os.Truncate(p, 1<<40)
		}, "font dir/X-Regular.ttf: it is 1024 GiB, more than the 64 MiB allowed"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := tt.make(filepath.Join(dir, "X-Regular.ttf")); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- NewLibrary().AddFS(os.DirFS(dir), "dir") }()
			select {
			case err := <-done:
				if err == nil || err.Error() != tt.want {
					t.Errorf("AddFS: %v, want %q", err, tt.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("AddFS blocked")
			}
		})
	}
}
