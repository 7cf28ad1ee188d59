package render

import (
	"io"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
)

// fake is a format that writes nothing, for testing the registry.
type fake struct{ info Info }

func (f fake) Info() Info { return f.info }
func (fake) Render(io.Writer, *doc.Edition, Options) (Result, error) {
	return Result{}, nil
}
func (fake) RenderPack(io.Writer, *doc.PackEdition, Options) (Result, error) {
	return Result{}, nil
}

// register registers formats for the length of a test.
func register(t *testing.T, infos ...Info) {
	t.Helper()
	for _, info := range infos {
		Register(fake{info})
		t.Cleanup(func() { Deregister(info.Name) })
	}
}

func TestRegistry(t *testing.T) {
	register(t,
		Info{Name: "zz", Ext: "z", Help: "last by name", Glyphs: true, Cost: 4},
		Info{Name: "aa", Ext: "txt", Help: "first by name"},
	)
	names := Names()
	if len(names) != 2 || names[0] != "aa" || names[1] != "zz" {
		t.Errorf("Names() = %q, want [aa zz]", names)
	}
	if got := FileName("x-2020", "fr-CA", "aa"); got != "x-2020.fr-CA.txt" {
		t.Errorf("FileName = %q", got)
	}
	if !NeedGlyphs([]string{"aa", "zz"}) || NeedGlyphs([]string{"aa"}) {
		t.Error("NeedGlyphs does not follow Info.Glyphs")
	}
	if Cost("zz") != 4 || Cost("aa") != 1 || Cost("nope") != 1 {
		t.Errorf("Cost: zz %d, aa %d, unknown %d; want 4, 1, 1", Cost("zz"), Cost("aa"), Cost("nope"))
	}
	if got, want := Help("  "), "  aa  first by name\n  zz  last by name\n"; got != want {
		t.Errorf("Help = %q, want %q", got, want)
	}

	all, err := Formats(nil)
	if err != nil || strings.Join(all, ",") != "aa,zz" {
		t.Errorf("Formats(nil) = %q, %v; want every format", all, err)
	}
	some, err := Formats([]string{"zz", "aa", "zz"})
	if err != nil || strings.Join(some, ",") != "zz,aa" {
		t.Errorf("Formats = %q, %v; want the order given, without repeats", some, err)
	}
	if _, err := Formats([]string{"aa", "docx"}); err == nil || err.Error() != `unknown format "docx" (have aa, zz)` {
		t.Errorf("Formats with an unknown format: %v", err)
	}
	if _, err := Get("docx"); err == nil {
		t.Error("Get found an unregistered format")
	}
}

func TestRegisterRefusesBadNames(t *testing.T) {
	register(t, Info{Name: "aa", Ext: "a"})
	for _, info := range []Info{
		{Name: "aa", Ext: "b"},    // taken
		{Name: "", Ext: "b"},      // empty
		{Name: "PDF", Ext: "pdf"}, // upper case
		{Name: "b", Ext: ".b"},    // a dot in the extension
		{Name: "b/c", Ext: "b"},   // a path
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Register(%+v) did not panic", info)
					Deregister(info.Name)
				}
			}()
			Register(fake{info})
		}()
	}
}
