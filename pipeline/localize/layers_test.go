package localize

import (
	"os"
	"strings"
	"testing"

	"github.com/polypress/polypress/locales"
)

// builtIn is the layer of the shipped locale files.
func builtIn(t *testing.T) Layer {
	t.Helper()
	files := map[string]string{}
	for _, tag := range shippedTags {
		files[tag+".toml"] = shippedFile(t, tag+".toml")
	}
	return Layer{FS: mapFS(files), Display: "polypress:locales", BuiltIn: true}
}

func project(files map[string]string) Layer {
	return Layer{FS: mapFS(files), Display: "locales"}
}

// A project's fr.toml with three keys changes three labels; every other
// label and convention is the built-in French one, with no warning.
func TestLayerOverridesKeyByKey(t *testing.T) {
	c, err := LoadLayers([]Layer{builtIn(t), project(map[string]string{"fr.toml": `
[_conventions]
quotes = ["“", "”"]

[kind_communique]
other = "Communiqué de presse"

[contents]
other = "Sommaire"

[draft]
other = "PROJET"
`})})
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Printer("fr", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{
		"kind_communique": "Communiqué de presse", "contents": "Sommaire", "draft": "PROJET",
		"kind_speech": "Discours", "original": "Original\u00a0: {{.Language}}",
	} {
		if id == "original" {
			if got := p.Text(id, map[string]string{"Language": "{{.Language}}"}); got != want {
				t.Errorf("%s = %q, want %q", id, got, want)
			}
			continue
		}
		if got := p.Text(id, nil); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	conv := p.Conventions()
	if conv.QuoteOpen != "“" || conv.Subclause[0] != "{a})" || conv.Typography.Hyphenation != "fr" {
		t.Errorf("conventions %+v: want the project's quotes and the built-in rest", conv)
	}
	if d := p.Diagnostics(); len(d) != 0 {
		t.Errorf("diagnostics: %v", d)
	}
	// The project's file is consulted first, then the built-in one.
	src := p.Sources()
	if len(src) < 2 || src[0].Path != "locales/fr.toml" || src[0].BuiltIn || src[1].Path != "polypress:locales/fr.toml" || !src[1].BuiltIn || len(src[0].SHA256) != 64 {
		t.Errorf("sources %+v", src)
	}
	// Check finds nothing missing in a file that adds to a built-in one.
	for _, d := range c.Check() {
		if strings.HasPrefix(d.Pos.File, "locales/") {
			t.Errorf("check: %v", d)
		}
	}
}

// A locale only the project has inherits along its fallback chain: a
// Swiss German file takes what it lacks from the built-in German one.
func TestLayerNewLocaleInherits(t *testing.T) {
	c, err := LoadLayers([]Layer{builtIn(t), project(map[string]string{"de-CH.toml": "[_conventions]\nquotes = [\"«\", \"»\"]\n\n[draft]\nother = \"ENTWURF (CH)\"\n"})})
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Printer("de-CH", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Text("draft", nil); got != "ENTWURF (CH)" {
		t.Errorf("draft = %q", got)
	}
	if got := p.Text("kind_speech", nil); got != "Rede" {
		t.Errorf("kind_speech = %q, want the built-in German", got)
	}
	if conv := p.Conventions(); conv.QuoteOpen != "«" || conv.Typography.Hyphenation != "de-1996" {
		t.Errorf("conventions %+v", conv)
	}
	if d := p.Diagnostics(); len(d) != 0 {
		t.Errorf("diagnostics: %v", d)
	}
}

// With Only, files outside the requested chains are not read: a broken
// Spanish file does not stop an English catalog.
func TestOnlyReadsTheChain(t *testing.T) {
	proj := project(map[string]string{"es.toml": "this is not [TOML", "en.toml": "[draft]\nother = \"DRAFT COPY\"\n"})
	if _, err := LoadLayers([]Layer{builtIn(t), proj}); err == nil || !strings.Contains(err.Error(), "locales/es.toml:1:") {
		t.Fatalf("without Only: %v", err)
	}
	c, err := LoadLayers([]Layer{builtIn(t), proj}, Only("en"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Tags(), ","); got != "en" {
		t.Errorf("tags %s, want en alone", got)
	}
	p, err := c.Printer("en", Options{})
	if err != nil || p.Text("draft", nil) != "DRAFT COPY" {
		t.Errorf("en: %v", err)
	}
	// fr-CA needs fr and en (the canonical language), nothing else.
	c, err = LoadLayers([]Layer{builtIn(t), proj}, Only("fr-CA", "en"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Tags(), ","); got != "en,fr" {
		t.Errorf("tags %s, want en,fr", got)
	}
}

// With Lenient, a broken file fails the locales that use it and no other.
func TestLenientKeepsFailuresLocal(t *testing.T) {
	proj := project(map[string]string{
		"es.toml":      "[draft]\nother = \"BORRADOR\"\nbad = \n",
		"ca.toml":      "[_conventions]\nquotes = [\"«\"]\n",
		"frensh!.toml": "",
	})
	c, err := LoadLayers([]Layer{builtIn(t), proj}, Lenient())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Printer("en", Options{}); err != nil {
		t.Errorf("en: %v", err)
	}
	if _, err := c.Printer("fr", Options{}); err != nil {
		t.Errorf("fr: %v", err)
	}
	if _, err := c.Printer("es", Options{}); err == nil || !strings.HasPrefix(err.Error(), "locales/es.toml:3:") {
		t.Errorf("es: %v", err)
	}
	if _, err := c.Printer("ca", Options{}); err == nil || !strings.Contains(err.Error(), "locales/ca.toml") {
		t.Errorf("ca: %v", err)
	}
	if p := c.Problems(); len(p) != 1 || !strings.Contains(p[0].Error(), "frensh!") {
		t.Errorf("problems %v", p)
	}
}

func TestLayerFromDisk(t *testing.T) {
	dir := t.TempDir()
	if err := writeFile(dir+"/fr.toml", "[draft]\nother = \"ÉBAUCHE\"\n"); err != nil {
		t.Fatal(err)
	}
	c, err := LoadLayers([]Layer{{FS: locales.FS, Display: "locales", BuiltIn: true}, DirLayer(dir)})
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.Printer("fr", Options{})
	if err != nil || p.Text("draft", nil) != "ÉBAUCHE" || p.Text("contents", nil) != "Table des matières" {
		t.Errorf("fr: %v %q %q", err, p.Text("draft", nil), p.Text("contents", nil))
	}
}

func writeFile(path, text string) error { return os.WriteFile(path, []byte(text), 0o644) }
