package release

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

const samples = "../../samples"

var epoch = time.Unix(1593000000, 0).UTC()

// tree reads every file under dir, by relative path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, a, b map[string]string, what string) {
	t.Helper()
	for name, data := range a {
		if other, ok := b[name]; !ok {
			t.Errorf("%s: %s is missing", what, name)
		} else if other != data {
			t.Errorf("%s: %s differs", what, name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			t.Errorf("%s: %s is extra", what, name)
		}
	}
}

// checkSums recomputes every line of DIR/SHA256SUMS, and runs sha256sum -c
// on it when the tool is installed.
func checkSums(t *testing.T, dir string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, SumsName))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		lines = append(lines, sc.Text())
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q is not \"<hex>  <path>\"", sc.Text())
		}
		file, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := sha256.Sum256(file); hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s: sha256 %x, SHA256SUMS says %s", name, got, sum)
		}
	}
	if _, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command("sha256sum", "--strict", "-c", SumsName)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c: %v\n%s", err, out)
		}
	}
	return lines
}

func release(t *testing.T, opts Options) (*Manifest, string) {
	t.Helper()
	if opts.OutDir == "" {
		opts.OutDir = filepath.Join(t.TempDir(), "dist")
	}
	if opts.Epoch.IsZero() {
		opts.Epoch = epoch
	}
	if opts.Paths == nil {
		opts.Paths = []string{samples}
	}
	m, err := Release(context.Background(), opts)
	if err != nil {
		t.Fatalf("release: %v", err)
	}
	return m, opts.OutDir
}

func TestReleaseSamples(t *testing.T) {
	m, dir := release(t, Options{})
	lines := checkSums(t, dir)
	if len(lines) != len(m.Artifacts) {
		t.Errorf("SHA256SUMS has %d lines for %d artifacts", len(lines), len(m.Artifacts))
	}
	locales := map[string]map[string]bool{}
	for _, e := range m.Artifacts {
		if locales[e.Format] == nil {
			locales[e.Format] = map[string]bool{}
		}
		locales[e.Format][e.Locale] = true
		wantKind := KindStatement
		if e.ID == "oic-briefing-2020" {
			wantKind = KindPack
		}
		if e.ID == "" || e.Kind != wantKind || e.Path != e.ID+"."+e.Locale+"."+e.Format || e.Bytes == 0 ||
			len(e.SHA256) != 64 || e.Version == "" || e.SourceDateEpoch != epoch.Unix() || e.Layout != DefaultLayout {
			t.Errorf("incomplete entry %+v", e)
		}
		if (e.Format == "pdf") != (e.Pages > 0) {
			t.Errorf("%s: %d pages", e.Path, e.Pages)
		}
		var paths []string
		for _, s := range e.Sources {
			paths = append(paths, s.Path)
		}
		if !slices.IsSorted(paths) || !slices.Contains(paths, "polypress:layouts/briefing.toml") || !slices.Contains(paths, "polypress:locales/en.toml") {
			t.Errorf("%s: sources %v", e.Path, paths)
		}
		// A PDF records the fonts that set it, with their digests.
		var fonts []string
		for _, f := range e.Fonts {
			if len(f.SHA256) != 64 {
				t.Errorf("%s: font %s has no digest", e.Path, f.Path)
			}
			fonts = append(fonts, f.Path)
		}
		if (e.Format == "pdf") != (len(fonts) > 0) || e.Path == "world-scripts.en.pdf" && !slices.Contains(fonts, "polypress:fonts/NotoSerif-Regular.ttf") {
			t.Errorf("%s: fonts %v", e.Path, fonts)
		}
		// A format's style sheets are sources too.
		if e.Format == "html" && !(slices.Contains(paths, "polypress:layouts/epub.css") && slices.Contains(paths, "polypress:layouts/html.css")) {
			t.Errorf("%s: sources %v lack the style sheets", e.Path, paths)
		}
		if e.ID == "oic-contact-group-2020" && !slices.Contains(paths, "samples/briefing-pack/oic-contact-group-2020/statement.md") {
			t.Errorf("%s: sources %v lack the canonical statement", e.Path, paths)
		}
		if e.Path == "oic-contact-group-2020.fr.pdf" && !slices.Contains(paths, "samples/briefing-pack/oic-contact-group-2020/statement.fr.md") {
			t.Errorf("%s: sources %v lack its translation", e.Path, paths)
		}
	}
	for _, f := range []string{"pdf", "epub", "html"} {
		if len(locales[f]) < 4 {
			t.Errorf("%s in %d locales, want at least 4", f, len(locales[f]))
		}
	}
	// The pack is built in the locales its manifest lists, from the
	// manifest and every statement bound into it.
	for _, loc := range []string{"en", "fr", "ar"} {
		i := slices.IndexFunc(m.Artifacts, func(e Entry) bool { return e.Path == "oic-briefing-2020."+loc+".pdf" })
		if i < 0 {
			t.Errorf("the briefing pack was not released in %s", loc)
			continue
		}
		var paths []string
		for _, s := range m.Artifacts[i].Sources {
			paths = append(paths, s.Path)
		}
		for _, want := range []string{"samples/briefing-pack/pack.yaml", "samples/briefing-pack/scsic-research-network-2020/statement.md"} {
			if !slices.Contains(paths, want) {
				t.Errorf("pack %s: sources %v lack %s", loc, paths, want)
			}
		}
	}
	// Statements inside the pack folder are released on their own.
	if !slices.ContainsFunc(m.Artifacts, func(e Entry) bool { return e.ID == "karavia-velmora-water-2020" }) {
		t.Error("the pack's statements were not released")
	}
	data, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	if !bytes.HasSuffix(data, []byte("}\n")) {
		t.Error("manifest.json does not end in a newline")
	}
	back, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if enc, _ := back.Encode(); !bytes.Equal(enc, data) {
		t.Error("manifest.json does not survive a read and a write")
	}
}

// Two releases are byte-identical whatever the number of workers and the
// working directory.
func TestReleaseReproducible(t *testing.T) {
	_, one := release(t, Options{Workers: 1})
	abs, err := filepath.Abs(samples)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "dist")
	t.Chdir(t.TempDir())
	_, many := release(t, Options{Workers: 5, OutDir: out, Paths: []string{abs}})
	sameTree(t, tree(t, one), tree(t, many), "1 worker vs 5 from elsewhere")
}

func TestVerify(t *testing.T) {
	release(t, Options{Verify: true, Paths: []string{samples + "/world-scripts"}})
}

// verify names each artifact whose second build differs from the first.
func TestVerifyNamesTheDifference(t *testing.T) {
	m, _ := release(t, Options{Paths: []string{samples + "/world-scripts"}})
	env, items := plannedItems(t, samples+"/world-scripts")
	first := slices.Clone(m.Artifacts)
	first[1].SHA256 = strings.Repeat("0", 64)
	r := &renderer{env: env, epoch: epoch, emit: func(Event) {}, fonts: &fontNames{name: newPlanner(env, Options{}).name}}
	fails := r.verify(context.Background(), items, first)
	if len(fails) != 1 || fails[0].Name != first[1].Path || !strings.Contains(fails[0].Err.Error(), "not reproducible") {
		t.Errorf("verify found %v, want only %s", fails, first[1].Path)
	}
}

func TestShardsMakeTheWholeRelease(t *testing.T) {
	_, wholeDir := release(t, Options{})
	for _, n := range []int{2, 3} {
		var dirs []string
		var lines []string
		for k := 1; k <= n; k++ {
			m, dir := release(t, Options{Shard: Shard{k, n}})
			if m.Shard != strconv.Itoa(k)+"/"+strconv.Itoa(n) {
				t.Errorf("shard manifest says %q", m.Shard)
			}
			lines = append(lines, checkSums(t, dir)...)
			dirs = append(dirs, dir)
		}
		slices.Sort(lines)
		want := checkSums(t, wholeDir)
		slices.Sort(want)
		if !slices.Equal(lines, want) {
			t.Errorf("%d shards' SHA256SUMS lines:\n%s\nwhole release:\n%s", n, strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
		merged := filepath.Join(t.TempDir(), "merged")
		if _, err := Merge(context.Background(), dirs, MergeOptions{OutDir: merged}); err != nil {
			t.Fatal(err)
		}
		sameTree(t, tree(t, wholeDir), tree(t, merged), "merge of "+strconv.Itoa(n)+" shards vs whole release")
	}
}

func TestMergeRefuses(t *testing.T) {
	_, s1 := release(t, Options{Shard: Shard{1, 2}})
	_, s2 := release(t, Options{Shard: Shard{2, 2}})
	_, other := release(t, Options{Shard: Shard{2, 2}, Epoch: epoch.Add(time.Hour)})
	tampered := filepath.Join(t.TempDir(), "tampered")
	if err := os.CopyFS(tampered, os.DirFS(s2)); err != nil {
		t.Fatal(err)
	}
	m, _ := ReadManifest(tampered)
	if err := os.WriteFile(filepath.Join(tampered, m.Artifacts[0].Path), []byte("not the artifact"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		dirs []string
		want string
	}{
		{"missing shard", []string{s1}, "shard 2/2 missing"},
		{"other epoch", []string{s1, other}, "not one release"},
		{"tampered file", []string{s1, tampered}, "its manifest says"},
		{"no manifest", []string{t.TempDir()}, ManifestName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			_, err := Merge(context.Background(), tt.dirs, MergeOptions{OutDir: out})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("merge: %v, want an error containing %q", err, tt.want)
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused merge made %s", out)
			}
		})
	}
}

// A failing statement fails the release after every other artifact was
// built, and leaves the previous release folder as it was.
func TestFailureKeepsThePreviousRelease(t *testing.T) {
	_, dir := release(t, Options{Paths: []string{samples + "/world-scripts"}})
	before := tree(t, dir)
	var done []string
	_, err := Release(context.Background(), Options{
		Paths: []string{"testdata/mixed"}, OutDir: dir, Epoch: epoch,
		Event: func(e Event) {
			if e.Type == "done" {
				done = append(done, e.Name)
			}
		},
	})
	var failed *FailedError
	if !errors.As(err, &failed) || len(failed.Failures) != 1 || failed.Failures[0].Name != "testdata/mixed/broken/statement.md" ||
		!strings.Contains(failed.Failures[0].Error(), `unknown front matter key "titel"`) {
		t.Fatalf("release: %v, want the broken statement's failure", err)
	}
	slices.Sort(done)
	if want := []string{"good.en.epub", "good.en.html", "good.en.pdf", "good.fr.epub", "good.fr.html", "good.fr.pdf"}; !slices.Equal(done, want) {
		t.Errorf("built %v, want %v", done, want)
	}
	sameTree(t, before, tree(t, dir), "previous release after a failed one")
	noSideFolders(t, dir)
}

// A cancelled release (SIGINT, SIGTERM) stops and leaves the previous
// release folder as it was.
func TestCancelKeepsThePreviousRelease(t *testing.T) {
	_, dir := release(t, Options{Paths: []string{samples + "/world-scripts"}})
	before := tree(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := Release(ctx, Options{Paths: []string{samples}, OutDir: dir, Epoch: epoch, Workers: 1,
		Event: func(e Event) {
			if e.Type == "done" {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("release: %v, want it cancelled", err)
	}
	sameTree(t, before, tree(t, dir), "previous release after a cancelled one")
	noSideFolders(t, dir)
}

func noSideFolders(t *testing.T, out string) {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Dir(out))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(out)+".") {
			t.Errorf("left %s beside %s", e.Name(), out)
		}
	}
}

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func TestStaleFoldersAreCleared(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "dist")
	pid := deadPID(t)
	// A release killed between its two renames: the output folder moved
	// aside, its staging folder not yet in place.
	for _, side := range []string{sideName(out, previousTag, pid), sideName(out, stagingTag, pid)} {
		if err := os.MkdirAll(side, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(side, "x"), []byte(side), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A release of a live process (this one, as seen by another) is left
	// alone: use the parent process, which is alive.
	live := sideName(out, stagingTag, os.Getppid())
	if err := os.Mkdir(live, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := recoverStale(out); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, out); got["x"] != sideName(out, previousTag, pid) {
		t.Errorf("the previous release was not put back: %v", got)
	}
	if _, err := os.Stat(sideName(out, stagingTag, pid)); !errors.Is(err, os.ErrNotExist) {
		t.Error("the dead release's staging folder is still there")
	}
	if _, err := os.Stat(live); err != nil {
		t.Error("a live release's staging folder was removed")
	}
}

func TestDiscover(t *testing.T) {
	root := filepath.Join(t.TempDir(), "root")
	for _, f := range []string{"a/statement.md", "a/statement.fr.md", "pack/pack.yaml", "pack/b/statement.md", ".hidden/statement.md", "notes/readme.md"} {
		path := filepath.Join(root, f)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outside := filepath.Join(t.TempDir(), "outside")
	os.MkdirAll(outside, 0o755)
	os.WriteFile(filepath.Join(outside, "statement.md"), nil, 0o644)
	if err := os.Symlink(outside, filepath.Join(root, "link")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	// root twice, and a statement under it by its own path: each input once.
	got, err := Discover([]string{root, root, filepath.Join(root, "a", "statement.md")})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, in := range got {
		names = append(names, in.Kind+" "+in.Name)
	}
	want := []string{"statement root/a/statement.md", "statement root/pack/b/statement.md", "pack root/pack/pack.yaml"}
	if !slices.Equal(names, want) {
		t.Errorf("found %q, want %q", names, want)
	}
	if _, err := Discover([]string{filepath.Join(root, "notes")}); err == nil || !strings.Contains(err.Error(), "no statement.md or pack.yaml") {
		t.Errorf("a folder with nothing to release: %v", err)
	}
}
