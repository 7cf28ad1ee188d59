package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFind finds the samples' statements: each once, though the
// communiqué is also reached through a link; a folder named through a
// link is searched; hidden folders are not.
func TestFind(t *testing.T) {
	got, err := Find([]string{"../../samples"})
	if err != nil {
		t.Fatal(err)
	}
	want := "../../samples/briefing-pack/karavia-velmora-water-2020/statement.md ../../samples/briefing-pack/oic-contact-group-2020/statement.md ../../samples/briefing-pack/scsic-research-network-2020/statement.md ../../samples/river-monitoring-convention-2021/statement.md ../../samples/universal-declaration-of-human-rights/statement.md ../../samples/water-data-agreement-release-2021/statement.md ../../samples/world-scripts/statement.md"
	if strings.Join(got, " ") != want {
		t.Errorf("Find(samples) = %v", got)
	}
	got, err = Find([]string{"../../samples/oic-contact-group-2020", "../../samples/briefing-pack/oic-contact-group-2020/statement.fr.md"})
	if err != nil || len(got) != 2 || got[0] != "../../samples/briefing-pack/oic-contact-group-2020/statement.fr.md" || got[1] != "../../samples/oic-contact-group-2020/statement.md" {
		t.Errorf("Find(link, translation) = %v, %v", got, err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".hidden"), 0o755)
	os.WriteFile(filepath.Join(dir, ".hidden", "statement.md"), []byte("x"), 0o644)
	if got, err := Find([]string{dir}); err != nil || len(got) != 0 {
		t.Errorf("Find(hidden) = %v, %v", got, err)
	}
	if _, err := Find([]string{filepath.Join(dir, "nowhere")}); err == nil || !strings.Contains(err.Error(), "nowhere: no such statement or folder") {
		t.Errorf("Find(nowhere) error = %v", err)
	}
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
