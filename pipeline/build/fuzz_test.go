package build

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/diag"
)

// The whole build, fuzzed: bytes become the files of a statement or a
// briefing pack in a temporary folder, which is built in every format.
// Whatever the bytes, the build must not panic (its recover would turn a
// panic into an "internal error"); its errors must each name the file they
// are about; and the files it writes (those of the editions that built,
// even when others failed) must be exactly those it reports, and be what
// they say: a PDF from %PDF- to %%EOF, an EPUB whose first entry
// is its stored mimetype, a web page, each with the size and digest the
// build reports. The seeds, and the inputs that once failed (in
// testdata/fuzz), run with every "go test".

// fuzzEnv is the environment of every fuzzed build: fonts, locale files
// and layout are loaded once.
var fuzzEnv = sync.OnceValues(func() (*Env, error) { return NewEnv(Config{}) })

func readSeed(f *testing.F, path string) []byte {
	f.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return data
}

func FuzzBuildStatement(f *testing.F) {
	good := readSeed(f, filepath.Join(goodStatement, "statement.md"))
	goodFR := readSeed(f, filepath.Join(goodStatement, "statement.fr.md"))
	f.Add(good, goodFR)
	f.Add(good, []byte(nil))
	f.Add(goodFR, good)
	f.Add(readSeed(f, "../../cmd/polypress/testdata/emoji/statement.md"), []byte(nil))
	f.Add(readSeed(f, "../../cmd/polypress/testdata/misaligned/statement.md"), readSeed(f, "../../cmd/polypress/testdata/misaligned/statement.fr.md"))
	f.Add(readSeed(f, "../../samples/briefing-pack/scsic-research-network-2020/statement.md"), []byte(nil))
	f.Add([]byte("---\nid: x\ntitle: T\ndate: 2020-01-01\nlang: ar\n---\n\nنص.\n\n1. بند.\n"), []byte(nil))
	f.Add([]byte("---\nid: x\ntitle: T\ndate: 2020-01-01\nlang: en\n---\n\n## Heading {#h}\n\nLead:\n\n1. One\n    1. a\n        1. i\n"), []byte(nil))
	f.Fuzz(func(t *testing.T, canonical, translation []byte) {
		dir := t.TempDir()
		files := map[string][]byte{"s/statement.md": canonical}
		var par [][]string
		if len(translation) > 0 {
			files["s/statement.fr.md"] = translation
			// With an English statement and its French translation,
			// the parallel edition too: rows paired from both
			// bodies, set side by side in every format.
			if bytes.Contains(canonical, []byte("lang: en")) {
				par = [][]string{{"en", "fr"}}
			}
		}
		fuzzBuild(t, dir, files, filepath.Join(dir, "s"), par)
	})
}

func FuzzBuildPack(f *testing.F) {
	good := readSeed(f, filepath.Join(goodStatement, "statement.md"))
	logo := readSeed(f, "../../samples/briefing-pack/logo.png")
	const manifest = "id: p\ntitle:\n  en: A pack\n  fr: Un dossier\nsubtitle: Two statements\ndate: 2024-01-15\nissuer: Test Office\nlogo: logo.png\nlocales: [en, fr]\nstatements:\n  - s1\n  - s2\n"
	f.Add([]byte(manifest), logo, good)
	f.Add([]byte(strings.Replace(manifest, "logo.png", "logo.svg", 1)), []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="8"><path d="M0 0L24 8"/><rect width="4" height="4"/></svg>`), good)
	f.Add([]byte(strings.Replace(manifest, "logo.png", "logo.jpg", 1)), logo, good)
	f.Add([]byte(strings.Replace(manifest, "logo: logo.png\n", "layout: letter\n", 1)), logo, good)
	f.Add([]byte(strings.Replace(manifest, "logo: logo.png\n", "layout: house.toml\n", 1)), logo, good)
	f.Add([]byte(manifest), logo[:len(logo)/2], good)
	f.Add([]byte("id: p\ntitle: P\ndate: 2024-01-15\nstatements:\n  - s1\n  - s1/statement.md\n"), []byte(nil), good)
	f.Fuzz(func(t *testing.T, manifest, logo, statement []byte) {
		dir := t.TempDir()
		files := map[string][]byte{
			"p/pack.yaml":       manifest,
			"p/s1/statement.md": statement,
			"p/s2/statement.md": good,
			"p/house.toml":      []byte("base = \"briefing\"\n[body]\nsize = 11\n"),
		}
		// The logo under every name a manifest may give it.
		for _, name := range []string{"logo.png", "logo.jpg", "logo.svg"} {
			files["p/"+name] = logo
		}
		fuzzBuild(t, dir, files, filepath.Join(dir, "p"), nil)
	})
}

// fuzzBuild writes files into dir, builds path in every format (and the
// parallel editions par) into dir/out, and checks the outcome (see above).
func fuzzBuild(t *testing.T, dir string, files map[string][]byte, path string, par [][]string) {
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env, err := fuzzEnv()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	res, err := env.Build(Config{Paths: []string{path}, OutDir: out, Parallel: par, Epoch: time.Unix(1593000000, 0).UTC()})
	if err != nil {
		if strings.Contains(err.Error(), "internal error") {
			t.Fatalf("a panic: %v", err)
		}
		for _, d := range diag.Flatten(err) {
			if !d.Pos.IsValid() {
				t.Errorf("an error that names no file: %v", d)
			}
		}
	}
	// The editions that build are written even when others fail: the
	// files in the output folder are exactly the artifacts reported.
	var artifacts []Artifact
	if res != nil {
		artifacts = res.Artifacts
	}
	if err == nil && len(artifacts) == 0 {
		t.Fatal("a build that succeeded wrote nothing")
	}
	entries, rerr := os.ReadDir(out)
	if rerr != nil && len(artifacts) > 0 {
		t.Fatal(rerr)
	}
	if len(entries) != len(artifacts) {
		t.Errorf("%d files in the output folder for %d artifacts", len(entries), len(artifacts))
	}
	if err == nil && len(par) > 0 && !slices.ContainsFunc(artifacts, func(a Artifact) bool { return len(a.Parallel) > 0 }) {
		t.Error("a build that succeeded wrote no parallel edition")
	}
	for _, a := range artifacts {
		data, err := os.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != a.Bytes || hex.EncodeToString(sum[:]) != a.SHA256 {
			t.Errorf("%s: %d bytes, not the %d reported, or another digest", a.Path, len(data), a.Bytes)
		}
		switch a.Format {
		case "pdf":
			if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) || a.Pages < 1 {
				t.Errorf("%s is not a whole PDF (%d pages)", a.Path, a.Pages)
			}
		case "epub":
			z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil || len(z.File) == 0 || z.File[0].Name != "mimetype" || z.File[0].Method != zip.Store {
				t.Errorf("%s is not an EPUB container: %v", a.Path, err)
			}
		case "html":
			if !bytes.HasPrefix(data, []byte("<!DOCTYPE html>")) || !bytes.Contains(data, []byte("</html>")) {
				t.Errorf("%s is not a web page", a.Path)
			}
		}
	}
}
