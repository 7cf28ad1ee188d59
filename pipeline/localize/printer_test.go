package localize

import (
	"fmt"
	"github.com/polypress/polypress/pipeline/doc"
	"regexp"
	"strings"
	"testing"
	"time"
)

func printer(t *testing.T, c *Catalog, locale string) *Printer {
	t.Helper()
	p, err := c.Printer(locale, Options{})
	if err != nil {
		t.Fatalf("Printer(%s): %v", locale, err)
	}
	return p
}

func TestClauseLabels(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		locale   string
		depth, n int
		want     string
	}{
		{"en", 1, 12, "12."},
		{"en", 2, 3, "(c)"},
		{"en", 2, 27, "(aa)"},
		{"en", 3, 4, "(iv)"},
		{"en", 3, 14, "(xiv)"},
		{"en", 4, 2, "(B)"},
		{"en", 5, 2, "(B)"}, // deeper levels reuse the last marker
		{"fr", 4, 3, "C)"},
		{"ar", 4, 3, "(3)"},
		{"ar-u-nu-arab", 4, 3, "(٣)"},
		{"fa", 4, 2, "[۲]"},
		{"fr", 1, 3, "3."},
		{"fr", 2, 3, "c)"},
		{"fr", 3, 9, "ix)"},
		{"es", 2, 15, "o)"}, // no ñ: 18 o) is the same sub-paragraph in every language
		{"ru", 2, 3, "c)"},
		{"ar", 1, 12, "12 -"},
		{"ar-u-nu-arab", 1, 12, "١٢ -"},
		{"ar", 2, 1, "(أ)"},
		{"ar", 2, 3, "(ج)"},
		{"ar", 2, 5, "(هـ)"},
		{"ar", 2, 28, "(غ)"},
		{"ar", 3, 2, "‘2’"},
		{"ar-u-nu-arab", 3, 2, "‘٢’"},
		{"ur", 1, 3, "3۔"},
		{"ur-u-nu-arabext", 1, 3, "۳۔"},
		{"ur", 2, 1, "(الف)"},
		{"ur", 2, 5, "(ہ)"},
		{"ur", 3, 10, "(10)"},
		{"fa", 1, 7, "۷."},
		{"fa", 2, 1, "الف)"},
		{"fa", 2, 10, "ی)"},
		{"hi", 2, 2, "(ख)"},
		{"hi", 3, 3, "(iii)"},
		{"zh-Hans", 2, 1, "(a)"},
		{"tr", 2, 4, "ç)"},
		{"tr", 2, 11, "ı)"},
		{"tr", 3, 2, "2)"},
		{"ar-u-nu-latn", 1, 12, "12 -"},
	}
	for _, tt := range tests {
		p := printer(t, c, tt.locale)
		if got := p.ClauseLabel(tt.depth, tt.n); got != tt.want {
			t.Errorf("%s: ClauseLabel(%d, %d) = %q, want %q", tt.locale, tt.depth, tt.n, got, tt.want)
		}
	}
}

// TestMarkers checks the numbering styles a statement may choose, written
// in each locale's way.
func TestMarkers(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		locale string
		style  doc.NumberStyle
		depth  int
		n      int
		want   string
	}{
		{"en", doc.StyleDecimal, 2, 3, "3."},
		{"en", doc.StyleParenDecimal, 2, 3, "(3)"},
		{"en", doc.StyleLower, 3, 3, "(c)"},
		{"en", doc.StyleUpper, 1, 3, "(C)"},
		{"en", doc.StyleRoman, 2, 4, "(iv)"},
		{"en", doc.StyleUpperRoman, 4, 4, "(IV)"},
		{"en", doc.StyleArticle, 1, 11, "Article 11"},
		{"en", "", 4, 1, "(A)"},
		{"fr", doc.StyleParenDecimal, 2, 3, "3)"},
		{"fr", doc.StyleLower, 2, 3, "c)"},
		{"fr", doc.StyleUpperRoman, 3, 2, "II)"},
		{"fr", doc.StyleArticle, 1, 1, "Article 1"},
		{"ar", doc.StyleDecimal, 2, 12, "12 -"},
		{"ar-u-nu-arab", doc.StyleDecimal, 2, 12, "١٢ -"},
		{"ar", doc.StyleLower, 2, 2, "(ب)"},
		{"ar", doc.StyleUpper, 2, 2, "(ب)"}, // Arabic letters have no capitals
		{"ar", doc.StyleRoman, 3, 2, "‘2’"},
		{"ar", doc.StyleParenDecimal, 2, 2, "(2)"},
		{"ar", doc.StyleArticle, 1, 3, "المادة 3"},
		{"ar-u-nu-arab", doc.StyleArticle, 1, 3, "المادة ٣"},
		{"fa", doc.StyleDecimal, 2, 4, "۴."},
		{"zh-Hans", doc.StyleArticle, 1, 5, "第5条"},
	}
	for _, tt := range tests {
		p := printer(t, c, tt.locale)
		if got := p.Marker(tt.style, tt.depth, tt.n); got != tt.want {
			t.Errorf("%s: Marker(%q, %d, %d) = %q, want %q", tt.locale, tt.style, tt.depth, tt.n, got, tt.want)
		}
	}
}

func TestRoman(t *testing.T) {
	tests := map[int]string{1: "I", 4: "IV", 9: "IX", 14: "XIV", 40: "XL", 90: "XC", 400: "CD", 1994: "MCMXCIV", 3999: "MMMCMXCIX", 4000: "4000", 0: "0"}
	ds, _ := newDigits("latn")
	for n, want := range tests {
		if got := roman(n, ds); got != want {
			t.Errorf("roman(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestNumbers(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		locale string
		page   string // PageOf(12, 40)
		number string // Number(1234): no grouping
		count  string // Count(1234): the locale's grouping
	}{
		{"en", "Page 12 of 40", "1234", "1,234"},
		{"fr", "Page 12 sur 40", "1234", "1\u00a0234"},
		{"ar", "الصفحة 12 من 40", "1234", "1,234"},
		{"ar-EG", "الصفحة 12 من 40", "1234", "1,234"},
		{"ar-u-nu-arab", "الصفحة ١٢ من ٤٠", "١٢٣٤", "١٬٢٣٤"},
		{"ar-u-nu-latn", "الصفحة 12 من 40", "1234", "1,234"},
		{"ur", "صفحہ 12 از 40", "1234", "1,234"},
		{"ur-u-nu-arabext", "صفحہ ۱۲ از ۴۰", "۱۲۳۴", "۱٬۲۳۴"},
		{"fa", "صفحهٔ ۱۲ از ۴۰", "۱۲۳۴", "۱٬۲۳۴"},
		{"hi", "पृष्ठ 12 / 40", "1234", "1,234"},
		{"hi-u-nu-deva", "पृष्ठ १२ / ४०", "१२३४", "१,२३४"},
		{"zh-Hans", "第12页，共40页", "1234", "1,234"},
		{"zh-Hans-u-nu-hanidec", "第一二页，共四〇页", "一二三四", "一二三四"},
	}
	for _, tt := range tests {
		p := printer(t, c, tt.locale)
		page := p.Text("page_x_of_y", map[string]string{"Page": p.Number(12), "Total": p.Number(40)})
		if page != tt.page || p.Number(1234) != tt.number || p.Count(1234) != tt.count {
			t.Errorf("%s: page %q number %q count %q, want %q %q %q", tt.locale, page, p.Number(1234), p.Count(1234), tt.page, tt.number, tt.count)
		}
	}
}

func TestDates(t *testing.T) {
	c := shipped(t)
	date := time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC)
	tests := []struct{ locale, want string }{
		{"en", "22 June 2020"},
		{"fr", "22 juin 2020"},
		{"fr-CA", "22 juin 2020"},
		{"es", "22 de junio de 2020"},
		{"ru", "22 июня 2020 г."},
		{"ar", "22 يونيو 2020"},
		{"ar-u-nu-arab", "٢٢ يونيو ٢٠٢٠"},
		{"ur", "22 جون، 2020"},
		{"ur-u-nu-arabext", "۲۲ جون، ۲۰۲۰"},
		{"fa", "۲۲ ژوئن ۲۰۲۰"},
		{"hi", "22 जून 2020"},
		{"zh-Hans", "2020年6月22日"},
		{"tr", "22 Haziran 2020"},
	}
	for _, tt := range tests {
		if got := printer(t, c, tt.locale).Date(date); got != tt.want {
			t.Errorf("%s: Date = %q, want %q", tt.locale, got, tt.want)
		}
	}
	// Arabic month names, one per month, and no Latin digits left.
	ar := printer(t, c, "ar-u-nu-arab")
	months := []string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
	for i, m := range months {
		got := ar.Date(time.Date(2021, time.Month(i+1), 3, 0, 0, 0, 0, time.UTC))
		if got != "٣ "+m+" ٢٠٢١" {
			t.Errorf("ar: month %d: Date = %q, want %q", i+1, got, "٣ "+m+" ٢٠٢١")
		}
	}
}

// formsFile returns a shipped locale file whose statements_in_pack prints
// the plural category go-i18n chose, so the choice can be compared with CLDR.
func formsFile(t *testing.T, name string, forms []string) string {
	src := shippedFile(t, name)
	var b strings.Builder
	b.WriteString("[statements_in_pack]\n")
	for _, f := range forms {
		fmt.Fprintf(&b, "%s = \"{{.Count}}:%s\"\n", f, f)
	}
	re := regexp.MustCompile(`(?ms)^\[statements_in_pack\]\n.*?\n\n`)
	return re.ReplaceAllString(src, b.String()+"\n")
}

// TestPluralCategories checks the category go-i18n chooses for each count
// against the CLDR rules, worked out by hand from the CLDR chart.
func TestPluralCategories(t *testing.T) {
	counts := []int{0, 1, 2, 3, 5, 11, 21, 100, 1000000}
	tests := []struct {
		tag  string
		want []string // category per count
	}{
		{"en", []string{"other", "one", "other", "other", "other", "other", "other", "other", "other"}},
		// i = 0..1 → one; e = 0 and i != 0 and i % 1000000 = 0 → many.
		{"fr", []string{"one", "one", "other", "other", "other", "other", "other", "other", "many"}},
		// n % 100 = 3..10 → few; 11..99 → many; 100 and 1000000 → other.
		{"ar", []string{"zero", "one", "two", "few", "few", "many", "many", "other", "other"}},
		// i % 10 = 1 and i % 100 != 11 → one; 2..4 → few; 0, 5..9, 11..14 → many.
		{"ru", []string{"many", "one", "few", "few", "many", "many", "one", "many", "many"}},
		{"zh-Hans", []string{"other", "other", "other", "other", "other", "other", "other", "other", "other"}},
	}
	files := map[string]string{}
	for _, tt := range tests {
		files[tt.tag+".toml"] = formsFile(t, tt.tag+".toml", cldrForms[tt.tag])
	}
	c := catalog(t, files)
	for _, tt := range tests {
		p := printer(t, c, tt.tag)
		for i, n := range counts {
			got := p.Plural("statements_in_pack", n, nil)
			if want := p.Count(n) + ":" + tt.want[i]; got != want {
				t.Errorf("%s: count %d printed %q, want %q", tt.tag, n, got, want)
			}
		}
	}
}

// TestShippedPlurals checks the shipped wording of counted messages.
func TestShippedPlurals(t *testing.T) {
	c := shipped(t)
	tests := []struct {
		tag   string
		count int
		want  string
	}{
		{"en", 1, "1 statement"},
		{"en", 21, "21 statements"},
		{"en", 1000000, "1,000,000 statements"},
		{"fr", 0, "0 déclaration"},
		{"fr", 1, "1 déclaration"},
		{"fr", 2, "2 déclarations"},
		{"fr", 1000000, "1\u00a0000\u00a0000 de déclarations"},
		{"es", 1000000, "1.000.000 de declaraciones"},
		{"ar", 0, "لا توجد بيانات"},
		{"ar", 1, "بيان واحد"},
		{"ar", 2, "بيانان"},
		{"ar", 3, "3 بيانات"},
		{"ar", 11, "11 بيانًا"},
		{"ar", 100, "100 بيان"},
		{"ar", 1000000, "1,000,000 بيان"},
		{"ar-u-nu-arab", 3, "٣ بيانات"},
		{"ar-u-nu-arab", 1000000, "١٬٠٠٠٬٠٠٠ بيان"},
		{"ru", 1, "1 заявление"},
		{"ru", 3, "3 заявления"},
		{"ru", 5, "5 заявлений"},
		{"ru", 11, "11 заявлений"},
		{"ru", 21, "21 заявление"},
		{"zh-Hans", 3, "3份声明"},
		{"ur", 2, "2 بیانات"},
		{"ur-u-nu-arabext", 2, "۲ بیانات"},
		{"fa", 2, "۲ بیانیه"},
	}
	for _, tt := range tests {
		if got := printer(t, c, tt.tag).Plural("statements_in_pack", tt.count, nil); got != tt.want {
			t.Errorf("%s: statements_in_pack(%d) = %q, want %q", tt.tag, tt.count, got, tt.want)
		}
	}
}

// TestAboutAuthors checks the biographies heading through Localize, which
// chooses its form by grammatical number: CLDR would give Russian 21 "one".
func TestAboutAuthors(t *testing.T) {
	c := shipped(t)
	counts := []int{0, 1, 2, 3, 5, 11, 21, 100}
	tests := []struct {
		tag  string
		want []string
	}{
		{"en", []string{"About the authors", "About the author", "About the authors", "About the authors", "About the authors", "About the authors", "About the authors", "About the authors"}},
		{"fr", []string{"À propos de l’auteur", "À propos de l’auteur", "À propos des auteurs", "À propos des auteurs", "À propos des auteurs", "À propos des auteurs", "À propos des auteurs", "À propos des auteurs"}},
		{"ar", []string{"عن المؤلفين", "عن المؤلف", "عن المؤلفَين", "عن المؤلفين", "عن المؤلفين", "عن المؤلفين", "عن المؤلفين", "عن المؤلفين"}},
		{"ru", []string{"Об авторах", "Об авторе", "Об авторах", "Об авторах", "Об авторах", "Об авторах", "Об авторах", "Об авторах"}},
		{"zh-Hans", []string{"关于作者", "关于作者", "关于作者", "关于作者", "关于作者", "关于作者", "关于作者", "关于作者"}},
	}
	for _, tt := range tests {
		for i, n := range counts {
			canonical := statement()
			canonical.Meta.Authors = canonical.Meta.Authors[:0]
			for range n {
				canonical.Meta.Authors = append(canonical.Meta.Authors, statement().Meta.Authors[0])
			}
			body := canonical
			if tt.tag != "en" {
				body = translation(canonical, tt.tag)
			}
			ed, err := c.Localize(body, canonical, tt.tag, Options{})
			if err != nil {
				t.Fatalf("%s: Localize: %v", tt.tag, err)
			}
			if got := ed.Labels.AboutAuthors; got != tt.want[i] {
				t.Errorf("%s: %d authors: AboutAuthors = %q, want %q", tt.tag, n, got, tt.want[i])
			}
		}
	}
	// Chosen by raw CLDR category, 21 authors would be one author.
	if got := printer(t, c, "ru").plural("about_authors", 21, 21, nil); got != "Об авторе" {
		t.Errorf("ru: Plural(about_authors, 21) = %q; CLDR's category for 21 is one", got)
	}
}
