package localize

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// labels collects the clause labels of an edition body, depth first.
func labels(body []doc.Block) []string {
	var out []string
	doc.Walk(body, func(c *doc.Clause) { out = append(out, c.Path+"="+c.Label) })
	return out
}

func TestLocalizeFrench(t *testing.T) {
	c := shipped(t)
	canonical := statement()
	body := translation(canonical, "fr")
	body.Meta.Place = "Djeddah"
	ed, err := c.Localize(body, canonical, "fr", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"ID", ed.ID, "oic-contact-group-2020"},
		{"Locale", ed.Locale, "fr"},
		{"Lang", ed.Lang, "fr"},
		{"Dir", string(ed.Dir), "ltr"},
		{"CanonicalLang", ed.CanonicalLang, "en"},
		{"Title", ed.Title, "[fr] OIC Contact Group Renews Call"},
		{"Kind", ed.Kind, "communique"},
		{"KindLabel", ed.KindLabel, "Communiqué"},
		{"Issuer", ed.Issuer, "Organisation of Islamic Cooperation"},
		{"Place", ed.Place, "Djeddah"},
		{"Reference", ed.Reference, "OIC/CG-JK/2020/1"},
		{"DateLine", ed.DateLine, "Djeddah, le 22 juin 2020"},
		{"Original", ed.Original, "Original\u00a0: anglais"},
		{"AboutAuthors", ed.Labels.AboutAuthors, "À propos des auteurs"},
		{"Contents", ed.Labels.Contents, "Table des matières"},
		{"Draft", ed.Labels.Draft, "PROJET"},
		{"Authors", ed.Labels.Authors, "Contributeurs"},
		{"PageOf", ed.Labels.PageOf(3, 7), "Page 3 sur 7"},
		{"Number", ed.Labels.Number(18), "18"},
		{"QuoteOpen", ed.Conventions.QuoteOpen, "«\u00a0"},
		{"NumberingSystem", ed.Conventions.NumberingSystem, "latn"},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s = %q, want %q", ck.name, ck.got, ck.want)
		}
	}
	if ed.Draft || len(ed.Diagnostics) > 0 {
		t.Errorf("Draft = %v, Diagnostics = %v; want a clean edition", ed.Draft, ed.Diagnostics)
	}
	if !ed.Date.Equal(canonical.Meta.Date) || ed.Source != body || ed.Canonical != canonical {
		t.Error("Date, Source or Canonical not carried over")
	}
	want := []string{"1=1.", "2=2.", "2.a=a)", "2.b=b)", "2.c=c)", "2.c.i=i)", "2.c.ii=ii)", "3=3."}
	if got := labels(ed.Body); !slices.Equal(got, want) {
		t.Errorf("clause labels = %v, want %v", got, want)
	}
	if len(ed.Authors) != 2 || ed.Authors[1].Name != "Dr B" || ed.Authors[1].Bio[0].Text.Plain() != "Bio B." {
		t.Errorf("Authors not copied: %+v", ed.Authors)
	}
}

func TestLocalizeArabic(t *testing.T) {
	c := shipped(t)
	canonical := statement()
	body := translation(canonical, "ar")
	body.Meta.Place = "جدة"
	body.Meta.Issuer = "منظمة التعاون الإسلامي"
	ed, err := c.Localize(body, canonical, "ar", Options{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"Dir", string(ed.Dir), "rtl"},
		{"KindLabel", ed.KindLabel, "بلاغ"},
		{"DateLine", ed.DateLine, "جدة، 22 يونيو 2020"},
		{"Original", ed.Original, "الأصل: الإنجليزية"},
		{"AboutAuthors", ed.Labels.AboutAuthors, "عن المؤلفَين"},
		{"PageOf", ed.Labels.PageOf(12, 40), "الصفحة 12 من 40"},
		{"Number", ed.Labels.Number(1234), "1234"},
		{"NumberingSystem", ed.Conventions.NumberingSystem, "latn"},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s = %q, want %q", ck.name, ck.got, ck.want)
		}
	}
	want := []string{"1=1 -", "2=2 -", "2.a=(أ)", "2.b=(ب)", "2.c=(ج)", "2.c.i=‘1’", "2.c.ii=‘2’", "3=3 -"}
	if got := labels(ed.Body); !slices.Equal(got, want) {
		t.Errorf("clause labels = %v, want %v", got, want)
	}
}

// TestLocalizeCanonical: the canonical edition has no Original line and
// English markers.
func TestLocalizeCanonical(t *testing.T) {
	c := shipped(t)
	canonical := statement()
	ed, err := c.Localize(canonical, canonical, "en", Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if ed.Original != "" || ed.DateLine != "Jeddah, 22 June 2020" || ed.KindLabel != "Communiqué" || ed.Draft {
		t.Errorf("Original %q, DateLine %q, KindLabel %q, Draft %v", ed.Original, ed.DateLine, ed.KindLabel, ed.Draft)
	}
	want := []string{"1=1.", "2=2.", "2.a=(a)", "2.b=(b)", "2.c=(c)", "2.c.i=(i)", "2.c.ii=(ii)", "3=3."}
	if got := labels(ed.Body); !slices.Equal(got, want) {
		t.Errorf("clause labels = %v, want %v", got, want)
	}
}

// TestDeepCopy: localizing leaves both documents as they were.
func TestDeepCopy(t *testing.T) {
	c := shipped(t)
	canonical := statement()
	body := translation(canonical, "fr")
	ed, err := c.Localize(body, canonical, "fr", Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc.Walk(canonical.Body, func(cl *doc.Clause) {
		if cl.Label != "" {
			t.Errorf("canonical clause %s got label %q", cl.Path, cl.Label)
		}
	})
	if ed.Body[0] == canonical.Body[0] || ed.Authors[0] == canonical.Meta.Authors[0] {
		t.Error("edition shares blocks or authors with the document")
	}
	ed.Body[0].(*doc.Paragraph).Text[0].Text = "changed"
	ed.Authors[0].Bio[0].Text[0].Text = "changed"
	if canonical.Body[0].(*doc.Paragraph).Text.Plain() != "Intro paragraph." || canonical.Meta.Authors[0].Bio[0].Text.Plain() != "Bio A." {
		t.Error("changing the edition changed the document")
	}
}

// frPartial is the shipped French file without its "contents" message.
func frPartial(t *testing.T) string {
	fr := withoutMessage(shippedFile(t, "fr.toml"), "contents")
	if strings.Contains(fr, "[contents]") {
		t.Fatal("withoutMessage left [contents] in fr.toml")
	}
	return fr
}

// TestFallbackChain follows fr-CA → fr → en.
func TestFallbackChain(t *testing.T) {
	en := shippedFile(t, "en.toml")
	canonical := statement()

	// fr-CA resolves to fr silently; the message fr lacks comes from en
	// with a warning, and the edition is a draft.
	c := catalog(t, map[string]string{"en.toml": en, "fr.toml": frPartial(t)})
	ed, err := c.Localize(translation(canonical, "fr"), canonical, "fr-CA", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ed.Locale != "fr-CA" || ed.Lang != "fr" || ed.Labels.Contents != "Contents" || ed.Labels.Draft != "PROJET" || !ed.Draft {
		t.Errorf("Locale %q Lang %q Contents %q Draft label %q Draft %v", ed.Locale, ed.Lang, ed.Labels.Contents, ed.Labels.Draft, ed.Draft)
	}
	want := `locales/fr.toml: warning: message "contents" missing in fr; using en`
	if got := ed.Diagnostics.Error(); got != want {
		t.Errorf("Diagnostics:\n%s\nwant\n%s", got, want)
	}
	if codes(ed.Diagnostics) != "missing-message" {
		t.Errorf("codes = %s", codes(ed.Diagnostics))
	}

	// With Strict the fallback is an error.
	_, err = c.Localize(translation(canonical, "fr"), canonical, "fr-CA", Options{Strict: true})
	if err == nil || err.Error() != `locales/fr.toml: message "contents" missing in fr; using en` {
		t.Errorf("strict: err = %v", err)
	}
	var d *diag.Diagnostic
	if !errors.As(err, &d) || d.Code != "missing-message" {
		t.Errorf("strict: error is not a missing-message diagnostic: %v", err)
	}

	// A fr-CA file inherits what it lacks from fr — conventions and
	// messages — without warnings: it is the same language.
	frCA := "[_conventions]\nquotes = [\"«\", \"»\"]\n\n[draft]\nother = \"ÉBAUCHE\"\n"
	c = catalog(t, map[string]string{"en.toml": en, "fr.toml": shippedFile(t, "fr.toml"), "fr-CA.toml": frCA})
	ed, err = c.Localize(translation(canonical, "fr"), canonical, "fr-CA", Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if ed.Lang != "fr-CA" || ed.Labels.Draft != "ÉBAUCHE" || ed.Labels.Contents != "Table des matières" ||
		ed.Conventions.QuoteOpen != "«" || labels(ed.Body)[2] != "2.a=a)" || ed.DateLine != "Jeddah, le 22 juin 2020" {
		t.Errorf("fr-CA: Lang %q Draft %q Contents %q quote %q labels %v DateLine %q",
			ed.Lang, ed.Labels.Draft, ed.Labels.Contents, ed.Conventions.QuoteOpen, labels(ed.Body), ed.DateLine)
	}
	if d := c.Check(); len(d) > 0 {
		t.Errorf("Check with a partial fr-CA file: %v", d)
	}

	// Without any French file, fr-CA falls back to the canonical language.
	c = catalog(t, map[string]string{"en.toml": en})
	ed, err = c.Localize(translation(canonical, "fr"), canonical, "fr-CA", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ed.Lang != "en" || ed.Labels.Contents != "Contents" || !ed.Draft {
		t.Errorf("no fr: Lang %q Contents %q Draft %v", ed.Lang, ed.Labels.Contents, ed.Draft)
	}
	if codes(ed.Diagnostics) != "missing-locale,body-language" ||
		ed.Diagnostics[0].Error() != "locales: warning: no locale file for fr-CA; using en" ||
		ed.Diagnostics[1].Error() != "statement.fr.md:10:1: warning: the fr-CA edition shows a body written in fr" {
		t.Errorf("no fr: Diagnostics:\n%v", ed.Diagnostics)
	}
}

// TestFallbackToCanonicalLanguage: a message falls back to the canonical
// statement's language before en.
func TestFallbackToCanonicalLanguage(t *testing.T) {
	c := catalog(t, map[string]string{
		"en.toml": shippedFile(t, "en.toml"),
		"fr.toml": shippedFile(t, "fr.toml"),
		"es.toml": withoutMessage(shippedFile(t, "es.toml"), "contents"),
	})
	canonical := statement()
	canonical.Meta.Lang = "fr"
	ed, err := c.Localize(translation(canonical, "es"), canonical, "es", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ed.Labels.Contents != "Table des matières" || ed.Original != "Original: francés" {
		t.Errorf("Contents %q Original %q", ed.Labels.Contents, ed.Original)
	}
	if got := ed.Diagnostics.Error(); got != `locales/es.toml: warning: message "contents" missing in es; using fr` {
		t.Errorf("Diagnostics: %s", got)
	}
}

// TestNoCrossLanguageMatch: a locale without a file never silently takes
// another language's file, however close x/text rates it.
func TestNoCrossLanguageMatch(t *testing.T) {
	c := catalog(t, map[string]string{
		"en.toml":      shippedFile(t, "en.toml"),
		"ar.toml":      shippedFile(t, "ar.toml"),
		"ur.toml":      shippedFile(t, "ur.toml"),
		"zh-Hans.toml": shippedFile(t, "zh-Hans.toml"),
	})
	tests := []struct {
		locale, lang string
		fallback     bool
	}{
		{"fa", "en", true},    // x/text: fa → ar, confidence No
		{"fa-IR", "en", true}, //
		{"ps", "en", true},    // x/text: ps → en, confidence High, but another language
		{"zh-TW", "en", true}, // Traditional Chinese is not Simplified
		{"zh-Hant", "en", true},
		{"ar-EG", "ar", false},
		{"ar-u-nu-latn", "ar", false},
		{"ur-IN", "ur", false},
		{"zh", "zh-Hans", false},
		{"zh-CN", "zh-Hans", false},
		{"zh-Hans-SG", "zh-Hans", false},
		{"en-GB", "en", false},
	}
	for _, tt := range tests {
		p, err := c.Printer(tt.locale, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.locale, err)
		}
		d := p.Diagnostics()
		if p.Lang() != tt.lang || (len(d) > 0) != tt.fallback {
			t.Errorf("%s: Lang %q, diagnostics %v; want %q, fallback %v", tt.locale, p.Lang(), d, tt.lang, tt.fallback)
		}
		if tt.fallback && (len(d) != 1 || d[0].Code != "missing-locale") {
			t.Errorf("%s: diagnostics %v, want one missing-locale warning", tt.locale, d)
		}
	}
	if _, err := c.Printer("fa", Options{Strict: true}); err != nil {
		t.Errorf("Printer(fa, strict) = %v; the Printer reports, Localize refuses", err)
	}
	_, err := c.Localize(translation(statement(), "fa"), statement(), "fa", Options{Strict: true})
	if err == nil || !strings.Contains(err.Error(), "locales: no locale file for fa; using en") {
		t.Errorf("Localize(fa, strict) = %v", err)
	}
}

func TestLocalizeWarnings(t *testing.T) {
	c := shipped(t)
	canonical := statement()
	canonical.Digest = "new"
	body := translation(canonical, "fr")
	body.Meta.SourceDigest = "old"
	body.Meta.Subtitle = ""
	body.Meta.Authors = nil
	body.Meta.Pos["subtitle"] = pos(body.Path, 4, 1)
	ed, err := c.Localize(body, canonical, "fr", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`statement.fr.md:4:1: warning: front matter key "subtitle" missing in the translation; using the canonical text`,
		`statement.fr.md:11:1: warning: translation was made from an older version of statement.md`,
		`statement.fr.md: warning: front matter key "authors" missing in the translation; using the canonical text`,
	}
	slices.Sort(want)
	var got []string
	for _, d := range ed.Diagnostics {
		got = append(got, d.Error())
	}
	slices.Sort(got)
	if !slices.Equal(got, want) || !ed.Draft {
		t.Errorf("Diagnostics:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ed.Subtitle != canonical.Meta.Subtitle || len(ed.Authors) != 2 {
		t.Errorf("Subtitle %q, %d authors: canonical values not used", ed.Subtitle, len(ed.Authors))
	}

	_, err = c.Localize(body, canonical, "fr", Options{Strict: true})
	if l := diag.Flatten(err); len(l) != 3 {
		t.Errorf("strict: %d errors, want 3: %v", len(l), err)
	}
}

func TestLocalizeErrors(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		name   string
		edit   func(d *doc.Document)
		locale string
		want   string
	}{
		{"bad locale", func(*doc.Document) {}, "fr_FR!", `locales: locale "fr_FR!" is not a BCP 47 language tag`},
		{"unknown kind", func(d *doc.Document) {
			d.Meta.Kind = "memo"
			d.Meta.Pos["kind"] = pos(d.Path, 5, 7)
		}, "en", `statement.md:5:7: unknown statement kind "memo" (kinds: communique, press-release, joint-statement, declaration, resolution, speech)`},
		{"no date", func(d *doc.Document) { d.Meta.Date = time.Time{} }, "en", `statement.md: the canonical statement has no date`},
		{"clause without number", func(d *doc.Document) {
			d.Body[2].(*doc.ClauseList).Clauses[2].Number = 0
		}, "en", `statement.md:35:1: clause "3" has no number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := statement()
			tt.edit(d)
			_, err := c.Localize(d, d, tt.locale, Options{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %s", err, tt.want)
			}
		})
	}
	if _, err := c.Localize(nil, statement(), "en", Options{}); err == nil {
		t.Error("Localize(nil body): no error")
	}
}

// TestConcurrentLocalize: one Catalog serves editions built in parallel (run
// with -race).
func TestConcurrentLocalize(t *testing.T) {
	c := shipped(t)
	canonical := statement()
	tags := c.Tags()
	want := map[string]string{}
	for _, tag := range tags {
		ed, err := c.Localize(translation(canonical, tag), canonical, tag, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want[tag] = ed.DateLine + ed.Labels.PageOf(2, 9) + strings.Join(labels(ed.Body), " ")
	}
	errs := make(chan string, len(tags)*4)
	done := make(chan bool)
	for range 4 {
		for _, tag := range tags {
			go func() {
				defer func() { done <- true }()
				ed, err := c.Localize(translation(canonical, tag), canonical, tag, Options{})
				if err != nil {
					errs <- err.Error()
					return
				}
				if got := ed.DateLine + ed.Labels.PageOf(2, 9) + strings.Join(labels(ed.Body), " "); got != want[tag] {
					errs <- tag + ": " + got
				}
			}()
		}
	}
	for range len(tags) * 4 {
		<-done
	}
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
