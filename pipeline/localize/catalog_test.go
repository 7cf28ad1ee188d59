package localize

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// cldrForms are the plural categories of the shipped languages, copied from
// the CLDR plural rules chart by hand so that PluralForms (which asks
// go-i18n) is checked against an independent source.
var cldrForms = map[string][]string{
	"en":      {"one", "other"},
	"fr":      {"one", "many", "other"},
	"es":      {"one", "many", "other"},
	"ar":      {"zero", "one", "two", "few", "many", "other"},
	"ru":      {"one", "few", "many", "other"},
	"zh-Hans": {"other"},
	"ur":      {"one", "other"},
	"hi":      {"one", "other"},
	"fa":      {"one", "other"},
	"tr":      {"one", "other"},
	"de":      {"one", "other"},
	"it":      {"one", "many", "other"},
	"pt":      {"one", "many", "other"},
	"nl":      {"one", "other"},
}

func TestPluralForms(t *testing.T) {
	for tag, want := range cldrForms {
		got, err := PluralForms(language.MustParse(tag))
		if err != nil {
			t.Errorf("PluralForms(%s): %v", tag, err)
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("PluralForms(%s) = %v, want %v", tag, got, want)
		}
	}
}

// TestShippedLocales holds the shipped locale files to the canonical message
// list: every file is there, checks clean, has every message, and has
// exactly its language's CLDR plural keys on counted messages and only
// "other" elsewhere.
func TestShippedLocales(t *testing.T) {
	c := shipped(t)
	want := []string{"ar", "de", "en", "es", "fa", "fr", "hi", "it", "nl", "pt", "ru", "tr", "ur", "zh-Hans"}
	if got := c.Tags(); !slices.Equal(got, want) {
		t.Fatalf("Tags() = %v, want %v", got, want)
	}
	if d := c.Check(); len(d) > 0 {
		t.Errorf("Check() of the shipped locales:\n%v", d)
	}
	for _, tag := range want {
		f := c.files[tag]
		for _, spec := range Messages {
			m := f.msgs[spec.ID]
			if m == nil {
				t.Errorf("%s: message %q missing", tag, spec.ID)
				continue
			}
			wantForms := []string{"other"}
			if spec.Plural {
				wantForms = cldrForms[tag]
			}
			if got := presentForms(m); !slices.Equal(got, wantForms) {
				t.Errorf("%s: message %q has plural keys %v, want %v", tag, spec.ID, got, wantForms)
			}
			for _, form := range presentForms(m) {
				if strings.TrimSpace(formText(m, form)) == "" {
					t.Errorf("%s: message %q (%s) is blank", tag, spec.ID, form)
				}
			}
		}
		if len(f.msgs) != len(Messages) {
			t.Errorf("%s: %d messages, want %d", tag, len(f.msgs), len(Messages))
		}
		if tag != SourceLocale {
			for _, spec := range Messages {
				if m := f.msgs[spec.ID]; m != nil && m.Hash != sourceHash(c.files[SourceLocale].msgs[spec.ID]) {
					t.Errorf("%s: message %q hash %q does not match en", tag, spec.ID, m.Hash)
				}
			}
		}
	}
}

func TestShippedConventions(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		tag, dir, numbering, open, close string
	}{
		{"en", "ltr", "latn", "“", "”"},
		{"fr", "ltr", "latn", "«\u00a0", "\u00a0»"},
		{"es", "ltr", "latn", "«", "»"},
		{"ru", "ltr", "latn", "«", "»"},
		{"ar", "rtl", "latn", "«", "»"},
		{"ur", "rtl", "latn", "“", "”"},
		{"fa", "rtl", "arabext", "«", "»"},
		{"hi", "ltr", "latn", "“", "”"},
		{"zh-Hans", "ltr", "latn", "“", "”"},
		{"tr", "ltr", "latn", "“", "”"},
	}
	for _, tt := range tests {
		conv, ok := c.Conventions(tt.tag)
		if !ok {
			t.Errorf("Conventions(%s) not found", tt.tag)
			continue
		}
		if string(conv.Dir) != tt.dir || conv.Numbering != tt.numbering || conv.QuoteOpen != tt.open || conv.QuoteClose != tt.close {
			t.Errorf("Conventions(%s) = %s %s %q %q, want %s %s %q %q", tt.tag,
				conv.Dir, conv.Numbering, conv.QuoteOpen, conv.QuoteClose, tt.dir, tt.numbering, tt.open, tt.close)
		}
	}
	if !c.Has("zh-hans") || c.Has("zh-Hant") || c.Has("fr-CA") || c.Has("not a tag") {
		t.Error("Has: wrong answer for zh-hans, zh-Hant, fr-CA or a bad tag")
	}
}

// TestDigitTable checks numberingDigits against x/text's CLDR data for the
// systems x/text prints natively.
func TestDigitTable(t *testing.T) {
	for _, sys := range []string{"arab", "arabext", "deva", "beng", "thai", "latn", "mymr", "tibt"} {
		tag := language.MustParse("en-u-nu-" + sys)
		var want strings.Builder
		for i := 0; i <= 9; i++ {
			want.WriteString(message.NewPrinter(tag).Sprint(number.Decimal(i)))
		}
		if got := numberingDigits[sys]; got != want.String() {
			t.Errorf("numberingDigits[%s] = %q, x/text says %q", sys, got, want.String())
		}
	}
	for sys, ds := range numberingDigits {
		if n := len([]rune(ds)); n != 10 {
			t.Errorf("numberingDigits[%s] has %d digits", sys, n)
		}
	}
}

// minimalEN is a minimal valid source locale for the error tests.
const minimalEN = `[_conventions]
direction = "ltr"
numbering = "latn"
clause_number = "{n}."
subclause = ["({a})", "({i})"]
letters = "abc"
quotes = ["“", "”"]
date = "long"

[contents]
other = "Contents"
`

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // one line of the error
	}{
		{
			"toml syntax, column in runes",
			map[string]string{"en.toml": minimalEN, "fr.toml": "[contents]\nother = \"Table des matières\"\ndescription = \"é\"x\n"},
			`locales/fr.toml:3:18: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead`,
		},
		{
			"misspelt plural key",
			map[string]string{"en.toml": minimalEN, "fr.toml": "[contents]\nothr = \"Table des matières\"\n"},
			`locales/fr.toml:2:1: message "contents": unknown key "othr" (did you mean "other"?)`,
		},
		{
			"value not a string",
			map[string]string{"en.toml": minimalEN, "fr.toml": "[contents]\nother = 3\n"},
			`locales/fr.toml:2:1: message "contents": other must be a string, not an integer`,
		},
		{
			"broken template",
			map[string]string{"en.toml": minimalEN + "\n[page_x_of_y]\nother = \"Page {{.Page} of {{.Total}}\"\n"},
			`locales/en.toml:14:1: message "page_x_of_y" (other): template: page_x_of_y:1: bad character U+007D '}'`,
		},
		{
			"file name not a tag",
			map[string]string{"en.toml": minimalEN, "french.toml": "[contents]\nother = \"x\"\n"},
			`locales/french.toml: file name "french" is not a BCP 47 language tag (want <tag>.toml, e.g. fr.toml)`,
		},
		{
			"file name with an extension",
			map[string]string{"en.toml": minimalEN, "ar-u-nu-latn.toml": "[contents]\nother = \"x\"\n"},
			`locales/ar-u-nu-latn.toml: file name "ar-u-nu-latn" has a BCP 47 extension; name the file ar.toml and set its conventions inside`,
		},
		{
			"duplicate locale",
			map[string]string{"en.toml": minimalEN, "EN.toml": minimalEN},
			`locales/en.toml: locale en is already defined by locales/EN.toml`,
		},
		{
			"bad direction",
			map[string]string{"en.toml": strings.Replace(minimalEN, `direction = "ltr"`, `direction = "left"`, 1)},
			`locales/en.toml:2:1: direction must be "ltr" or "rtl", not "left"`,
		},
		{
			"unknown numbering system",
			map[string]string{"en.toml": strings.Replace(minimalEN, `"latn"`, `"latin"`, 1)},
			`locales/en.toml:3:1: unknown numbering system "latin" (known: arab, arabext, beng, deva, fullwide, gujr, guru, hanidec, khmr, knda, laoo, latn, mlym, mymr, orya, tamldec, telu, thai, tibt)`,
		},
		{
			"marker without placeholder",
			map[string]string{"en.toml": strings.Replace(minimalEN, `"{n}."`, `"n."`, 1)},
			`locales/en.toml:4:1: clause_number: marker "n.": want exactly one of {n}, {a}, {A}, {i}, {I}, found 0`,
		},
		{
			"unknown placeholder",
			map[string]string{"en.toml": strings.Replace(minimalEN, `"({i})"`, `"({r})"`, 1)},
			`locales/en.toml:5:1: subclause: marker "({r})": unknown placeholder {r}; use {n}, {a}, {A}, {i} or {I}`,
		},
		{
			"misspelt convention",
			map[string]string{"en.toml": strings.Replace(minimalEN, `quotes =`, `quote =`, 1)},
			`locales/en.toml:7:1: unknown convention "quote" (did you mean "quotes"?)`,
		},
		{
			"missing convention, no parent",
			map[string]string{"en.toml": minimalEN, "fr.toml": "[_conventions]\ndirection = \"ltr\"\n"},
			`locales/fr.toml:1:2: [_conventions] lacks "numbering" and no parent locale file sets it`,
		},
		{
			"no date patterns",
			map[string]string{"en.toml": minimalEN, "sw.toml": strings.Replace(minimalEN, "[_conventions]", "[_conventions]", 1)},
			`locales/sw.toml:1:2: no CLDR date patterns for sw; set date_locale to one of ar, de, en, en-GB, es, es-419, fa, fr, fr-CA, hi, it, nl, pt, ru, tr, ur, zh-Hans, zh-Hant`,
		},
		{
			"quotes not a pair",
			map[string]string{"en.toml": strings.Replace(minimalEN, `quotes = ["“", "”"]`, `quotes = ["“"]`, 1)},
			`locales/en.toml:7:1: quotes must be [opening, closing], not 1 strings`,
		},
		{
			"empty folder",
			map[string]string{"README.md": "no locales here"},
			`locales: no locale files (<tag>.toml)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(mapFS(tt.files), ".")
			if err == nil {
				t.Fatalf("Load: no error, want %q", tt.want)
			}
			lines := strings.Split(err.Error(), "\n")
			if !slices.Contains(lines, tt.want) {
				t.Errorf("Load error:\n%v\nwant a line:\n%s", err, tt.want)
			}
		})
	}
}

func TestDisplayDir(t *testing.T) {
	files := map[string]string{"en.toml": minimalEN + "\n[draft]\nother = \n"}
	_, err := Load(mapFS(files), ".", DisplayDir("site/locales"))
	if err == nil || !strings.HasPrefix(err.Error(), "site/locales/en.toml:14:9: ") {
		t.Errorf("Load with DisplayDir: %v, want an error at site/locales/en.toml:14:9", err)
	}
}

func TestCheck(t *testing.T) {
	src := shippedFile(t, "en.toml")
	fr := shippedFile(t, "fr.toml")
	fr = withoutMessage(fr, "contents")
	fr = strings.Replace(fr, "[briefing_pack]\n", "[briefing_pakc]\n", 1)
	fr = strings.Replace(fr, `many = "{{.Count}} de déclarations"`+"\n", "", 1)
	fr = strings.Replace(fr, `other = "Page {{.Page}} sur {{.Total}}"`, `other = "Page"`, 1)
	fr = strings.Replace(fr, `other = "Discours"`, `one = "Discours"`+"\n"+`other = "Discours"`, 1)
	enText := strings.Replace(src, `other = "Speech"`, `other = "Address"`, 1)
	c := catalog(t, map[string]string{"en.toml": enText, "fr.toml": fr})
	got := c.Check()
	var lines []string
	for _, d := range got {
		lines = append(lines, string(d.Code)+" "+d.Error())
	}
	want := []string{
		`missing-message locales/fr.toml:1:1: warning: missing translation for "contents" (fr)`,
		`missing-message locales/fr.toml:1:1: warning: missing translation for "briefing_pack" (fr)`,
		// sha1 of en's description and new text, computed outside Go.
		`stale-message locales/fr.toml:46:1: warning: message "kind_speech" was translated from an older en text; review it and update its hash to sha1-d33b01ef35d38df56cf907f220b5d96ade736b25`,
		`plural-forms locales/fr.toml:47:1: warning: message "kind_speech" is not counted; only "other" is used, not one`,
		`message-vars locales/fr.toml:58:1: warning: message "page_x_of_y" (other) drops {{.Page}}`,
		`message-vars locales/fr.toml:58:1: warning: message "page_x_of_y" (other) drops {{.Total}}`,
		`plural-forms locales/fr.toml:80:2: warning: message "statements_in_pack" lacks the plural form many, which fr needs`,
		`unknown-message locales/fr.toml:85:2: warning: unknown message "briefing_pakc" (did you mean "briefing_pack"?)`,
	}
	if !slices.Equal(lines, want) {
		t.Errorf("Check() =\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
