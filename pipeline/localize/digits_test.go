package localize

import (
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
)

func TestDigitsText(t *testing.T) {
	arab, _ := newDigits("arab")
	arabext, _ := newDigits("arabext")
	latn, _ := newDigits("latn")
	deva, _ := newDigits("deva")
	tests := []struct {
		ds       digits
		in, want string
	}{
		{arab, "في 22 يونيو 2020", "في ٢٢ يونيو ٢٠٢٠"},
		{arab, "نحو 1.2 مليون شخص", "نحو ١٫٢ مليون شخص"},
		{arab, "1,000,000 و1,5", "١٬٠٠٠٬٠٠٠ و١,٥"},
		{arab, "بتاريخ 29.06.2020،", "بتاريخ ٢٩.٠٦.٢٠٢٠،"},
		{arab, "كوفيد-19 (COVID-19) والقرار A/RES/74/1", "كوفيد-١٩ (COVID-19) والقرار A/RES/74/1"},
		{arab, "من الساعة 06:00 إلى 20:00", "من الساعة ٠٦:٠٠ إلى ٢٠:٠٠"},
		{arab, "انظر https://example.org/2020 و www.un.org", "انظر https://example.org/2020 و www.un.org"},
		{arab, "بلا أرقام", "بلا أرقام"},
		{arabext, "۲ تا 6 مارچ 2020", "۲ تا ۶ مارچ ۲۰۲۰"},
		{latn, "٢٢ يونيو ۲۰۲۰ و 5", "22 يونيو 2020 و 5"},
		{deva, "5 अगस्त 2019", "५ अगस्त २०१९"},
		{arab, "\u00a0 12\u00a0000 ", "\u00a0 ١٢\u00a0٠٠٠ "},
	}
	for _, tt := range tests {
		if got := tt.ds.text(tt.in); got != tt.want {
			t.Errorf("%s: text(%q) = %q, want %q", tt.ds.system, tt.in, got, tt.want)
		}
	}
}

// digitSystems lists the digit systems the characters of s belong to.
func digitSystems(s string) []string {
	var out []string
	for _, sys := range []string{"latn", "arab", "arabext"} {
		if strings.ContainsAny(s, numberingDigits[sys]) {
			out = append(out, sys)
		}
	}
	return out
}

// TestOneDigitSystem: an Arabic edition shows one digit system, the
// numbering system's, in what polypress prints (date line, clause labels,
// page numbers) and in the text, when the locale says so (text_digits =
// "numbering", from a locale file layered over the built-in one, or asked
// for with -u-nu-); the text's Latin words and code keep their digits. As
// shipped, Arabic prints Western digits throughout.
func TestOneDigitSystem(t *testing.T) {
	canonical := statement()
	body := translation(canonical, "ar")
	body.Meta.Title = "اجتماع 22 يونيو 2020"
	body.Meta.Place = "جدة"
	body.Body = append([]doc.Block{&doc.Paragraph{Text: doc.Inline{
		{Text: "أودت جائحة كوفيد-19 (COVID-19) منذ 2020 بنحو 1.2 مليون "},
		{Text: "v2.1", Style: doc.Code},
		{Text: " 5 août", Lang: "fr"},
	}}}, body.Body...)
	files := map[string]string{"ar.toml": "[_conventions]\nnumbering = \"arab\"\ntext_digits = \"numbering\"\n"}
	pc, err := LoadLayers([]Layer{builtIn(t), project(files)})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		c      *Catalog
		locale string
		want   string // the one digit system
		text   string // the first paragraph
	}{
		{"built-in", shipped(t), "ar", "latn", "أودت جائحة كوفيد-19 (COVID-19) منذ 2020 بنحو 1.2 مليون v2.1 5 août"},
		{"project file", pc, "ar", "arab", "أودت جائحة كوفيد-١٩ (COVID-19) منذ ٢٠٢٠ بنحو ١٫٢ مليون v2.1 5 août"},
		{"requested", shipped(t), "ar-u-nu-arab", "arab", "أودت جائحة كوفيد-١٩ (COVID-19) منذ ٢٠٢٠ بنحو ١٫٢ مليون v2.1 5 août"},
	} {
		ed, err := tc.c.Localize(body, canonical, tc.locale, Options{})
		if err != nil {
			t.Fatal(err)
		}
		printed := []string{ed.Title, ed.DateLine, ed.Labels.PageOf(3, 12), ed.Labels.Number(7)}
		doc.Walk(ed.Body, func(cl *doc.Clause) { printed = append(printed, cl.Label) })
		for _, s := range printed {
			if sys := digitSystems(s); len(sys) > 0 && (len(sys) > 1 || sys[0] != tc.want) {
				t.Errorf("%s: %q has %v digits, want %s only", tc.name, s, sys, tc.want)
			}
		}
		if got := ed.Body[0].(*doc.Paragraph).Text.Plain(); got != tc.text {
			t.Errorf("%s: text %q, want %q", tc.name, got, tc.text)
		}
		if ed.Reference != canonical.Meta.Reference {
			t.Errorf("%s: the document symbol %q changed to %q", tc.name, canonical.Meta.Reference, ed.Reference)
		}
		if ed.Draft {
			t.Errorf("%s: draft: %v", tc.name, ed.Diagnostics)
		}
	}
	if _, err := LoadLayers([]Layer{builtIn(t), project(map[string]string{"ar.toml": "[_conventions]\ntext_digits = true\n"})}); err == nil ||
		!strings.Contains(err.Error(), `text_digits must be "numbering" or "as-written", not a boolean`) {
		t.Errorf("text_digits = true: %v", err)
	}
}
