package translate

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

// unitBlock returns the <trans-unit> element with the given id in an
// exported document.
func unitBlock(t *testing.T, data, id string) string {
	t.Helper()
	start := strings.Index(data, `<trans-unit id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no unit %q", id)
	}
	end := strings.Index(data[start:], "</trans-unit>") + len("</trans-unit>")
	return data[start : start+end]
}

// setTarget gives unit id a target, approved or not, as a translation
// tool does.
func setTarget(t *testing.T, data, id, target string, approve bool) string {
	t.Helper()
	block := unitBlock(t, data, id)
	nb := regexp.MustCompile(`(?s)<target[^>]*?(/>|>.*?</target>)`).ReplaceAllLiteralString(block, `<target state="translated">`+target+`</target>`)
	nb = strings.Replace(nb, ` approved="yes"`, "", 1)
	if approve {
		nb = strings.Replace(nb, `xml:space="preserve"`, `xml:space="preserve" approved="yes"`, 1)
	} else {
		nb = strings.Replace(nb, `state="translated"`, `state="needs-review-translation"`, 1)
	}
	return strings.Replace(data, block, nb, 1)
}

// diffLines lists the lines of b that are not in a, by line number.
func diffLines(a, b string) []string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	in := map[string]int{}
	for _, l := range la {
		in[l]++
	}
	var out []string
	for i, l := range lb {
		if in[l] > 0 {
			in[l]--
			continue
		}
		out = append(out, fmt.Sprintf("%d: %s", i+1, l))
	}
	return out
}

// TestImportTranslations brings a stale French translation up to date
// through XLIFF, as a translator in a CAT tool would: the stale clause
// retranslated and approved, a clause given emphasis and a link, the title
// and a bio paragraph changed. Only those lines and the stamp change; the
// translation is then current, and exporting and importing again changes
// nothing.
func TestImportTranslations(t *testing.T) {
	exchangeWorkspace(t)
	const fr = "oic-contact-group-2020/statement.fr.md"
	edit(t, "oic-contact-group-2020/statement.md", "between India and Pakistan.", "between India and Pakistan, and hoped for more.")
	before, _ := os.ReadFile(fr)
	_, data := export(t, "fr", "oic-contact-group-2020")
	x := string(data)
	if !strings.Contains(unitBlock(t, x, "clause/22"), `state="needs-review-translation"`) || !strings.Contains(unitBlock(t, x, "clause/22"), "Previous source: Welcomed the efforts") {
		t.Fatalf("clause 22 is not exported for review with its previous source:\n%s", unitBlock(t, x, "clause/22"))
	}
	x = setTarget(t, x, "clause/22", "S’est félicitée des efforts déployés par certains États membres de l’OCI pour apaiser la situation entre l’Inde et le Pakistan, et a souhaité qu’ils se poursuivent.", true)
	x = setTarget(t, x, "clause/12", `S’est déclarée <g id="1" ctype="italic">vivement</g> préoccupée par les violations du cessez-le-feu (voir <g id="2" ctype="link" pp:href="https://example.org/loc">le rapport</g>).`, true)
	x = setTarget(t, x, "meta/title", "Le Groupe de contact de l’OCI : un engagement renouvelé", true)
	x = setTarget(t, x, "author/1/bio#2", "Ambassadeur de l’UNIHW, il est aussi journaliste.", true)
	res, err := Import("fr.xlf", []byte(x))
	if err != nil {
		t.Fatalf("import: %s", errLines(err))
	}
	if strings.Join(res.Written, " ") != "oic-contact-group-2020/.polypress/statement.fr.sources.json "+fr {
		t.Errorf("written: %v", res.Written)
	}
	after, _ := os.ReadFile(fr)
	// Besides these, only source-clauses lines change (clause 22's digest).
	var changed []string
	for _, c := range diffLines(string(before), string(after)) {
		if !regexp.MustCompile(`^\d+:   [0-9a-z.]+=[0-9a-f]{8}( [0-9a-z.]+=[0-9a-f]{8})*$`).MatchString(c) {
			changed = append(changed, c)
		}
	}
	wantChanged := []string{
		`3: title: "Le Groupe de contact de l’OCI : un engagement renouvelé"`,
		`16:       Ambassadeur de l’UNIHW, il est aussi journaliste.`,
		`17: source-digest: sha256:` + mustParse(t, "oic-contact-group-2020/statement.md").Digest,
		`43: 12. S’est déclarée *vivement* préoccupée par les violations du cessez-le-feu (voir [le rapport](https://example.org/loc)).`,
		`65: 22. S’est félicitée des efforts déployés par certains États membres de l’OCI pour apaiser la situation entre l’Inde et le Pakistan, et a souhaité qu’ils se poursuivent.`,
	}
	if strings.Join(changed, "\n") != strings.Join(wantChanged, "\n") {
		t.Errorf("changed lines:\n%s\nwant:\n%s\n(and source-clauses lines)", strings.Join(changed, "\n"), strings.Join(wantChanged, "\n"))
	}
	rep, err := Status(nil, []string{"oic-contact-group-2020"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range rep.Statements[0].Translations {
		if tr.Lang == "fr" && (tr.State != source.Current || tr.Stats.Percent != 100) {
			t.Errorf("fr after import: %s, %+v", tr.State, tr.Stats)
		}
	}
	snap := snapshot(t)
	_, again := export(t, "fr", "oic-contact-group-2020")
	if _, err := Import("fr.xlf", again); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, snap, snapshot(t))
}

// TestImportNewTranslation makes a Swedish translation from nothing: some
// units approved, one translated but not approved, the rest left empty.
// The file is made from the canonical statement, with lang sv and Swedish
// where translated; not every translated unit being approved, it is not
// stamped; the Swedish locale file is made from the init skeleton.
func TestImportNewTranslation(t *testing.T) {
	exchangeWorkspace(t)
	_, data := export(t, "sv", "scsic-research-network-2020")
	x := string(data)
	x = setTarget(t, x, "heading/background", "Bakgrund", true)
	x = setTarget(t, x, "clause/2", "Beslutade att inrätta ett gemensamt <g id=\"1\" ctype=\"bold\">forskningsnätverk</g> för pandemiberedskap.", true)
	x = setTarget(t, x, "clause/4#2", "Kontaktpunkterna bör vara erfarna forskare.", false)
	x = setTarget(t, x, "page_x_of_y", `Sida <ph id="1" ctype="x-go-template">{{.Page}}</ph> av <ph id="2" ctype="x-go-template">{{.Total}}</ph>`, true)
	x = setTarget(t, x, "statements_in_pack[one]", `<ph id="1" ctype="x-go-template">{{.Count}}</ph> uttalande`, true)
	res, err := Import("sv.xlf", []byte(x))
	if err != nil {
		t.Fatalf("import: %s", errLines(err))
	}
	if got := strings.Join(res.Written, " "); got != "locales/sv.toml scsic-research-network-2020/statement.sv.md" {
		t.Errorf("written: %s", got)
	}
	sv, _ := os.ReadFile("scsic-research-network-2020/statement.sv.md")
	for _, want := range []string{"\nlang: sv\n", "\n## Bakgrund {#background}\n", "\n2. Beslutade att inrätta ett gemensamt **forskningsnätverk** för pandemiberedskap.\n", "\n   Kontaktpunkterna bör vara erfarna forskare.\n"} {
		if !strings.Contains(string(sv), want) {
			t.Errorf("statement.sv.md has no %q:\n%s", want, sv)
		}
	}
	if strings.Contains(string(sv), "source-digest") {
		t.Error("statement.sv.md is stamped, though a translated unit is not approved")
	}
	toml, _ := os.ReadFile("locales/sv.toml")
	for _, want := range []string{"[page_x_of_y]\nhash = \"sha1-", "other = \"Sida {{.Page}} av {{.Total}}\"\n", "one = \"{{.Count}} uttalande\"\nother = \"\"\n"} {
		if !strings.Contains(string(toml), want) {
			t.Errorf("sv.toml has no %q", want)
		}
	}
	// Status: Swedish is under way, as it should be.
	cat, err := OpenCatalog("locales")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Status(cat, []string{"scsic-research-network-2020"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range rep.Statements[0].Translations {
		if tr.Lang == "sv" && (tr.State != source.Unknown || tr.Stats.Unstamped.Segments != 3 || tr.Stats.Unchanged.Segments != 21) {
			t.Errorf("sv: %s %+v", tr.State, tr.Stats)
		}
	}
	if res := Check(cat, rep, false); res.Diagnostics.HasErrors() {
		t.Errorf("check (not strict) fails a translation under way:\n%v", res.Diagnostics)
	}
}

// TestImportErrors feeds import XLIFF files a translator might send back
// wrong: each problem is an error at its file:line:col in the XLIFF, and
// no file is written.
func TestImportErrors(t *testing.T) {
	exchangeWorkspace(t)
	_, data := export(t, "fr", "oic-contact-group-2020")
	orig := string(data)
	snap := snapshot(t)
	tests := []struct {
		name string
		edit func(string) string
		// want matches an error; mark is text whose line the error is on.
		want, mark string
	}{
		{"not well-formed", func(x string) string { return strings.Replace(x, "</source>", "</sourc>", 1) },
			`not well-formed XML: element <source> closed by </sourc>`, "</sourc>"},
		{"unknown unit", func(x string) string { return strings.Replace(x, `id="clause/3"`, `id="clause/99"`, 1) },
			`unit "clause/99" is not in oic-contact-group-2020/statement\.fr\.md as it is now`, `id="clause/99"`},
		{"missing unit", func(x string) string { return strings.Replace(x, unitBlock(t, x, "clause/7"), "", 1) },
			`1 unit of oic-contact-group-2020/statement\.fr\.md is missing from this <file>: clause/7`, `original="oic-contact-group-2020/statement.fr.md"`},
		{"source changed", func(x string) string {
			return strings.Replace(x, "Rejected the newly-notified", "Rejected the recently notified", 1)
		}, `the source of unit "clause/7" is not clause 7 as the canonical statement has it now`, "Rejected the recently notified"},
		{"target language", func(x string) string {
			return strings.Replace(x, `original="oic-contact-group-2020/statement.fr.md" source-language="en" target-language="fr"`, `original="oic-contact-group-2020/statement.fr.md" source-language="en" target-language="de"`, 1)
		}, `target-language "de" does not match oic-contact-group-2020/statement\.fr\.md, which is in "fr"`, `target-language="de"`},
		{"markup a statement cannot hold", func(x string) string {
			return setTarget(t, x, "clause/5", `A salué la <g id="9" ctype="underlined">visite</g>.`, true)
		}, `<g id="9" ctype="underlined"> has no counterpart in a statement`, `ctype="underlined"`},
		{"link without address", func(x string) string {
			return setTarget(t, x, "clause/5", `A salué la <g id="9" ctype="link">visite</g>.`, true)
		}, `<g id="9" ctype="link"> has no pp:href`, `ctype="link">visite`},
		{"markup in plain text", func(x string) string {
			return setTarget(t, x, "meta/place", `<g id="1" ctype="bold">Djeddah</g>`, true)
		}, `the place is plain text: it cannot hold <g>`, `ctype="bold">Djeddah`},
		{"paragraph break in one paragraph", func(x string) string {
			return setTarget(t, x, "author/1/bio#1", `Un.<x id="p1" ctype="x-paragraph"/>Deux.`, true)
		}, `paragraph 1 of the bio of author 1 is one paragraph: its target cannot hold a paragraph break`, `Un.<x id="p1"`},
		{"emphasis Markdown cannot write there", func(x string) string {
			return setTarget(t, x, "clause/5", `A salué <g id="9" ctype="bold">la visite.</g>Fin`, true)
		}, `Markdown cannot hold these styles here`, `la visite.</g>Fin`},
		{"original outside the folder", func(x string) string {
			return strings.Replace(x, `original="oic-contact-group-2020/statement.fr.md"`, `original="../oic/statement.fr.md"`, 1)
		}, `original "\.\./oic/statement\.fr\.md" leaves the folder import runs in`, `original="../oic`},
		{"absolute original", func(x string) string {
			return strings.Replace(x, `original="locales/fr.toml"`, `original="/etc/fr.toml"`, 1)
		}, `original "/etc/fr\.toml" is an absolute path`, `original="/etc`},
		{"unknown datatype", func(x string) string {
			return strings.Replace(x, `datatype="x-polypress-locale"`, `datatype="plaintext"`, 1)
		}, `datatype "plaintext": polypress imports the files it exports`, `datatype="plaintext"`},
		{"broken template", func(x string) string {
			return setTarget(t, x, "contents", `Sommaire {{.Page`, true)
		}, `the translation is not a valid message template`, `Sommaire {{.Page`},
		{"field the message is not given", func(x string) string {
			return setTarget(t, x, "contents", `Sommaire {{.Pages}}`, true)
		}, `the translation uses \{\{\.Pages\}\}, which message "contents" is not given`, `Sommaire {{.Pages}}`},
		{"field dropped", func(x string) string {
			return setTarget(t, x, "page_x_of_y", `Page <ph id="1" ctype="x-go-template">{{.Page}}</ph>`, true)
		}, `the translation would make locales/fr\.toml fail to load: message "page_x_of_y" \(other\) drops \{\{\.Total\}\}`, `Page <ph id="1" ctype="x-go-template">{{.Page}}</ph></target>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Every case also carries a good change, which must not be
			// written either: all or nothing.
			x := setTarget(t, orig, "clause/1", "Un texte nouveau.", true)
			x = tt.edit(x)
			_, err := Import("fr.xlf", []byte(x))
			if err == nil {
				t.Fatal("import succeeded")
			}
			line := strings.Count(x[:strings.Index(x, tt.mark)], "\n") + 1
			re := regexp.MustCompile(`(?m)^fr\.xlf:` + fmt.Sprint(line) + `:\d+: ` + tt.want)
			if !re.MatchString(errLines(err)) {
				t.Errorf("errors:\n%s\nwant one at line %d matching %q", errLines(err), line, tt.want)
			}
			sameSnapshot(t, snap, snapshot(t))
		})
	}
	if _, err := os.Stat(filepath.Join("oic-contact-group-2020", "statement.fr.md")); err != nil {
		t.Fatal(err)
	}
}

func mustParse(t *testing.T, path string) *doc.Document {
	t.Helper()
	d, err := source.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
