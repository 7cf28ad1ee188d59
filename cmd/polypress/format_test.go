package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render"
)

// plainText is a format that exists only in this test: each edition as
// its id, locale and title on one line. Its extension differs from its
// name, and it costs far more than any other format.
type plainText struct{}

func (plainText) Info() render.Info {
	return render.Info{Name: "plain", Ext: "txt", Help: "the title as plain text (a test format)", Cost: 1000}
}

func (plainText) Render(w io.Writer, ed *doc.Edition, _ render.Options) (render.Result, error) {
	_, err := fmt.Fprintf(w, "%s %s %s\n", ed.ID, ed.Locale, ed.Title)
	return render.Result{}, err
}

func (plainText) RenderPack(w io.Writer, pe *doc.PackEdition, _ render.Options) (render.Result, error) {
	_, err := fmt.Fprintf(w, "%s %s %s\n", pe.ID, pe.Locale, pe.Title)
	return render.Result{}, err
}

// A format is added by registering it, and nothing else: the build writes
// it by default and on request, names its files, the help lists it, and a
// sharded release weighs it by its cost.
func TestRegisteredFormatNeedsNoOtherChange(t *testing.T) {
	render.Register(plainText{})
	t.Cleanup(func() { render.Deregister("plain") })
	t.Setenv("SOURCE_DATE_EPOCH", "1593000000")

	t.Run("help", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		run([]string{"build", "--help"}, &stdout, &stderr)
		for _, want := range []string{"  plain  the title as plain text (a test format)\n", "formats: epub, html, pdf, plain (default: all)"} {
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("build --help does not say %q:\n%s", want, stdout.String())
			}
		}
		stdout.Reset()
		run([]string{"help"}, &stdout, &stderr)
		if !strings.Contains(stdout.String(), "(EPUB, HTML, PDF, PLAIN)") {
			t.Errorf("help does not list the format:\n%s", stdout.String())
		}
	})

	t.Run("build", func(t *testing.T) {
		for _, args := range [][]string{{"testdata/good"}, {"--formats", "plain", "testdata/good"}} {
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			if code := run(append([]string{"build", "--out", out}, args...), &stdout, &stderr); code != exitOK {
				t.Fatalf("build %q: exit %d: %s", args, code, stderr.String())
			}
			for _, loc := range []string{"en", "fr"} {
				data, err := os.ReadFile(filepath.Join(out, "good."+loc+".txt"))
				if err != nil || !strings.HasPrefix(string(data), "good "+loc+" ") {
					t.Errorf("build %q: good.%s.txt: %q, %v", args, loc, data, err)
				}
			}
			if entries, _ := os.ReadDir(out); len(args) > 1 && len(entries) != 2 {
				t.Errorf("--formats plain wrote %d files, want 2", len(entries))
			}
		}
	})

	t.Run("release shards", func(t *testing.T) {
		// The two plain-text editions cost the most, so the split puts
		// one in each shard; together the shards hold every edition.
		var all []string
		for _, shard := range []string{"1/2", "2/2"} {
			out := filepath.Join(t.TempDir(), "dist")
			var stdout, stderr bytes.Buffer
			if code := run([]string{"release", "--out", out, "--shard", shard, "testdata/good"}, &stdout, &stderr); code != exitOK {
				t.Fatalf("release --shard %s: exit %d: %s", shard, code, stderr.String())
			}
			data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
			if err != nil {
				t.Fatal(err)
			}
			var m struct {
				Artifacts []struct {
					Path   string `json:"path"`
					Format string `json:"format"`
				} `json:"artifacts"`
			}
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatal(err)
			}
			plain := 0
			for _, a := range m.Artifacts {
				all = append(all, a.Path)
				if a.Format == "plain" {
					plain++
					if !strings.HasSuffix(a.Path, ".txt") {
						t.Errorf("shard %s: plain artifact named %s", shard, a.Path)
					}
				}
			}
			if plain != 1 {
				t.Errorf("shard %s holds %d plain-text editions, want 1", shard, plain)
			}
		}
		slices.Sort(all)
		want := []string{"good.en.epub", "good.en.html", "good.en.pdf", "good.en.txt", "good.fr.epub", "good.fr.html", "good.fr.pdf", "good.fr.txt"}
		if !slices.Equal(all, want) {
			t.Errorf("the shards hold %q, want %q", all, want)
		}
	})
}
