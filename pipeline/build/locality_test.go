package build

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// goodCopy copies the good test statement (English, with a French
// translation) into a new folder and returns it.
func goodCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "good")
	if err := os.CopyFS(dir, os.DirFS(goodStatement)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func put(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func names(res *Result) []string {
	var out []string
	if res == nil {
		return nil
	}
	for _, a := range res.Artifacts {
		out = append(out, filepath.Base(a.Path))
	}
	sort.Strings(out)
	return out
}

// spanish is the good statement in Spanish, without sub-clause 2.b.
const spanish = `---
id: good
title: Una breve declaración
kind: press-release
issuer: Oficina de prueba
date: 2024-01-15
lang: es
---

Un párrafo introductorio.

La reunión:

1. Acordó el primer punto.
2. Acordó el segundo punto, que tiene partes:
    1. la primera parte.
`

// A translation that does not align fails its own editions; every other
// edition is written, and the error says where the problem is.
func TestBrokenTranslationFailsAlone(t *testing.T) {
	dir := goodCopy(t)
	put(t, filepath.Join(dir, "statement.es.md"), spanish)
	out := t.TempDir()
	res, err := Build(Config{Paths: []string{dir}, OutDir: out, Formats: []string{"html"}})
	if err == nil || !regexp.MustCompile(`good/statement\.es\.md:\d+:\d+: `).MatchString(err.Error()) {
		t.Fatalf("Build: %v", err)
	}
	if got := strings.Join(names(res), " "); got != "good.en.html good.fr.html" {
		t.Errorf("wrote %s", got)
	}
	if got := strings.Join(files(t, out), " "); got != "good.en.html good.fr.html" {
		t.Errorf("the output folder holds %s", got)
	}
	if len(res.Failed) == 0 || res.Failed.Error() != err.Error() {
		t.Errorf("Result.Failed %v", res.Failed)
	}
}

// With Locales en, nothing but the canonical statement and the locale
// files English editions use is read: a translation and a locale file
// that cannot be read at all (FIFOs) do not matter.
func TestOneLocaleReadsOnlyWhatItNeeds(t *testing.T) {
	dir := goodCopy(t)
	locales := t.TempDir()
	for _, p := range []string{filepath.Join(dir, "statement.es.md"), filepath.Join(locales, "es.toml")} {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put(t, filepath.Join(locales, "fr.toml"), "this is [not TOML\n")
	res, err := Build(Config{Paths: []string{dir}, OutDir: t.TempDir(), Formats: []string{"html"}, Locales: []string{"en"}, LocaleDir: locales})
	if err != nil || strings.Join(names(res), " ") != "good.en.html" {
		t.Errorf("Build --locales en: %v, wrote %v", err, names(res))
	}
	// Every locale: the French file fails the French edition, and the
	// Spanish FIFO the Spanish one; English is built.
	os.Remove(filepath.Join(dir, "statement.es.md"))
	res, err = Build(Config{Paths: []string{dir}, OutDir: t.TempDir(), Formats: []string{"html"}, LocaleDir: locales})
	if err == nil || !strings.Contains(err.Error(), filepath.ToSlash(filepath.Join(locales, "fr.toml"))+":1:") || strings.Join(names(res), " ") != "good.en.html" {
		t.Errorf("Build with a broken fr.toml: %v, wrote %v", err, names(res))
	}
}

// Final refuses a draft edition, alone.
func TestFinalRefusesDrafts(t *testing.T) {
	dir := goodCopy(t)
	locales := t.TempDir()
	// A new locale file that gives one message: the rest fall back.
	put(t, filepath.Join(locales, "sv.toml"), "[_conventions]\ndirection = \"ltr\"\nnumbering = \"latn\"\nclause_number = \"{n}.\"\nsubclause = [\"{a})\"]\nletters = \"abc\"\nquotes = [\"”\", \"”\"]\ndate = \"long\"\ndate_locale = \"en-GB\"\n\n[draft]\nother = \"UTKAST\"\n")
	fr, _ := os.ReadFile(filepath.Join(dir, "statement.fr.md"))
	put(t, filepath.Join(dir, "statement.sv.md"), strings.Replace(string(fr), "lang: fr", "lang: sv", 1))
	cfg := Config{Paths: []string{dir}, OutDir: t.TempDir(), Formats: []string{"html"}, LocaleDir: locales}
	res, err := Build(cfg)
	if err != nil || len(res.Artifacts) != 3 {
		t.Fatalf("Build: %v %v", err, names(res))
	}
	for _, a := range res.Artifacts {
		if a.Draft != (a.Locale == "sv") {
			t.Errorf("%s: draft %v", a.Path, a.Draft)
		}
	}
	cfg.Final = true
	res, err = Build(cfg)
	if err == nil || !strings.Contains(err.Error(), `message "contents" missing in sv`) || strings.Join(names(res), " ") != "good.en.html good.fr.html" {
		t.Errorf("Build --final: %v, wrote %v", err, names(res))
	}
}

// A folder that is not a statement or a pack is searched for them, as a
// release searches it.
func TestBuildSearchesFolders(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"a", "nested/b"} {
		good, _ := os.ReadFile(filepath.Join(goodStatement, "statement.md"))
		put(t, filepath.Join(root, name, "statement.md"), strings.Replace(string(good), "id: good", "id: "+filepath.Base(name), 1))
	}
	put(t, filepath.Join(root, ".hidden", "statement.md"), "not a statement")
	res, err := Build(Config{Paths: []string{root, filepath.Join(root, "a")}, OutDir: t.TempDir(), Formats: []string{"html"}})
	if err != nil || strings.Join(names(res), " ") != "a.en.html b.en.html" {
		t.Errorf("Build: %v, wrote %v", err, names(res))
	}
	if _, err := Build(Config{Paths: []string{t.TempDir()}, OutDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "no statement.md or pack.yaml in this folder or below") {
		t.Errorf("an empty folder: %v", err)
	}
}

// hebrewLayout is the briefing layout with no Hebrew font anywhere.
func hebrewLayout(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../layouts/briefing.toml")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "Hebr ") {
			continue
		}
		lines = append(lines, strings.ReplaceAll(l, `, "NotoSansHebrew"`, ""))
	}
	path := filepath.Join(t.TempDir(), "nohebrew.toml")
	put(t, path, strings.Join(lines, "\n"))
	return path
}

// Fonts of a --fonts folder join the stacks by the scripts they cover: no
// layout has to name them. The glyph preflight names the fonts that have
// a missing character.
func TestFontsJoinByScript(t *testing.T) {
	dir := goodCopy(t)
	os.Remove(filepath.Join(dir, "statement.fr.md"))
	good, _ := os.ReadFile(filepath.Join(dir, "statement.md"))
	put(t, filepath.Join(dir, "statement.md"), strings.Replace(string(good), "An introductory paragraph.", "An introductory paragraph: שלום.", 1))
	lay := hebrewLayout(t)
	font, err := os.ReadFile("../../fonts/NotoSansHebrew-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Paths: []string{dir}, OutDir: t.TempDir(), Formats: []string{"pdf"}, Layout: lay, Epoch: time.Unix(1593000000, 0)}

	// Without it: the font polypress carries is named.
	_, err = Build(cfg)
	if err == nil || !strings.Contains(err.Error(), `U+05E9 HEBREW LETTER SHIN "ש" has no glyph`) || !strings.Contains(err.Error(), "the font NotoSansHebrew has it, but the layout does not use it") {
		t.Fatalf("without the font: %v", err)
	}
	// In a subfolder of --fonts: the file is named.
	fonts := t.TempDir()
	put(t, filepath.Join(fonts, "hebrew", "NotoSansHebrew-Regular.ttf"), string(font))
	cfg.FontDirs = []string{fonts}
	_, err = Build(cfg)
	if err == nil || !strings.Contains(err.Error(), filepath.ToSlash(filepath.Join(fonts, "hebrew", "NotoSansHebrew-Regular.ttf"))+" has it: add its folder with --fonts") {
		t.Fatalf("the font in a subfolder: %v", err)
	}
	// In the folder: it sets the Hebrew, with no layout naming it.
	cfg.FontDirs = []string{filepath.Join(fonts, "hebrew")}
	res, err := Build(cfg)
	if err != nil {
		t.Fatalf("with --fonts: %v", err)
	}
	used := map[string]bool{}
	for _, f := range res.Artifacts[0].Fonts {
		used[f.Name] = true
	}
	if !used["NotoSansHebrew-Regular"] {
		t.Errorf("the PDF embeds %v", used)
	}
}

// A translation that gives another date than the canonical statement's
// says something no edition prints: a warning at the translation's date
// line with the edition it serves, an error with Strict, and the other
// editions are built either way.
func TestTranslationDateDiffers(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"statement.md", "statement.fr.md"} {
		b, err := os.ReadFile(filepath.Join(goodStatement, name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "statement.fr.md" {
			b = []byte(strings.Replace(string(b), "date: 2024-01-15", "date: 2024-01-16", 1))
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const want = "statement.fr.md:6:1: warning: date 2024-01-16 differs from the canonical statement's 2024-01-15"
	res, err := Build(Config{Paths: []string{dir}, Formats: []string{"html"}, OutDir: filepath.Join(t.TempDir(), "out"), Epoch: time.Unix(1593000000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Warnings.Error(); !strings.Contains(got, want) {
		t.Errorf("warnings: %q, want one containing %q", got, want)
	}
	res, err = Build(Config{Paths: []string{dir}, Formats: []string{"html"}, Strict: true, OutDir: filepath.Join(t.TempDir(), "out"), Epoch: time.Unix(1593000000, 0)})
	if err == nil || !strings.Contains(err.Error(), "statement.fr.md:6:1: date 2024-01-16 differs") {
		t.Errorf("strict build: %v, want the date as an error", err)
	}
	if res == nil || len(res.Artifacts) != 1 || res.Artifacts[0].Locale != "en" {
		t.Errorf("strict build wrote %+v, want the English edition alone", res)
	}
}
