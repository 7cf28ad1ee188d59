package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFind finds the samples' statements and pack: each once, though the
// communiqué is also reached through a link; a folder named through a
// link is searched; hidden folders are not, and a folder with nothing to
// find is an error.
func TestFind(t *testing.T) {
	got, err := Find([]string{"../../samples"})
	if err != nil {
		t.Fatal(err)
	}
	want := "statement ../../samples/briefing-pack/karavia-velmora-water-2020/statement.md statement ../../samples/briefing-pack/oic-contact-group-2020/statement.md pack ../../samples/briefing-pack/pack.yaml statement ../../samples/briefing-pack/scsic-research-network-2020/statement.md statement ../../samples/river-monitoring-convention-2021/statement.md statement ../../samples/universal-declaration-of-human-rights/statement.md statement ../../samples/water-data-agreement-release-2021/statement.md statement ../../samples/world-scripts/statement.md"
	if s := inputs(got); s != want {
		t.Errorf("Find(samples) = %s", s)
	}
	got, err = Find([]string{"../../samples/oic-contact-group-2020", "../../samples/briefing-pack/oic-contact-group-2020/statement.fr.md"})
	if want := "statement ../../samples/briefing-pack/oic-contact-group-2020/statement.fr.md statement ../../samples/oic-contact-group-2020/statement.md"; err != nil || inputs(got) != want {
		t.Errorf("Find(link, translation) = %s, %v", inputs(got), err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".hidden"), 0o755)
	os.WriteFile(filepath.Join(dir, ".hidden", "statement.md"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "ci.yaml"), []byte("x"), 0o644)
	if got, err := Find([]string{dir}); err != nil || len(got) != 0 {
		t.Errorf("Find(hidden) = %s, %v", inputs(got), err)
	}
	if got, err := FindSome([]string{dir}); err == nil || len(got) != 0 || !strings.Contains(err.Error(), dir+": no statement.md or pack.yaml in this folder or below") {
		t.Errorf("FindSome(hidden) = %s, %v", inputs(got), err)
	}
	// A YAML file named on its own is a pack manifest.
	if got, err := Find([]string{filepath.Join(dir, "ci.yaml")}); err != nil || inputs(got) != "pack "+filepath.Join(dir, "ci.yaml") {
		t.Errorf("Find(ci.yaml) = %s, %v", inputs(got), err)
	}
	if _, err := Find([]string{filepath.Join(dir, "nowhere")}); err == nil || !strings.Contains(err.Error(), "nowhere: no such statement or folder") {
		t.Errorf("Find(nowhere) error = %v", err)
	}
}

func inputs(l []Input) string {
	var b []string
	for _, in := range l {
		b = append(b, string(in.Kind)+" "+in.Path)
	}
	return strings.Join(b, " ")
}

// TestLoadTranslation loads a translation named on its own: the canonical
// statement beside it, with that one translation, aligned.
func TestLoadTranslation(t *testing.T) {
	st, err := Load("../../samples/oic-contact-group-2020/statement.fr.md")
	if err != nil {
		t.Fatal(err)
	}
	if st.Named != "fr" || len(st.Translations) != 1 || st.Canonical == nil || st.Err() != nil || st.Translations[0].Alignment == nil {
		t.Errorf("Load(statement.fr.md): named %q, %d translations, err %v", st.Named, len(st.Translations), st.Err())
	}
}
