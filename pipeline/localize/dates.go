package localize

import (
	"sort"
	"strings"
	"time"

	"github.com/go-playground/locales"
	"github.com/go-playground/locales/ar"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/es"
	"github.com/go-playground/locales/es_419"
	"github.com/go-playground/locales/fa"
	"github.com/go-playground/locales/fr"
	"github.com/go-playground/locales/fr_CA"
	"github.com/go-playground/locales/hi"
	"github.com/go-playground/locales/it"
	"github.com/go-playground/locales/nl"
	"github.com/go-playground/locales/pt"
	"github.com/go-playground/locales/ru"
	"github.com/go-playground/locales/tr"
	"github.com/go-playground/locales/ur"
	"github.com/go-playground/locales/zh_Hans"
	"github.com/go-playground/locales/zh_Hant"
	"golang.org/x/text/language"
)

// dateLocales are the CLDR date patterns polypress can print, by
// go-playground locale name. go-playground has one package per locale and
// no registry, so each locale polypress supports is listed here; a
// date_locale outside the list is a load error naming the list.
var dateLocales = map[string]func() locales.Translator{
	"ar":      ar.New,
	"de":      de.New,
	"en":      en.New,
	"en_GB":   en_GB.New,
	"es":      es.New,
	"es_419":  es_419.New,
	"fa":      fa.New,
	"fr":      fr.New,
	"fr_CA":   fr_CA.New,
	"hi":      hi.New,
	"it":      it.New,
	"nl":      nl.New,
	"pt":      pt.New,
	"ru":      ru.New,
	"tr":      tr.New,
	"ur":      ur.New,
	"zh_Hans": zh_Hans.New,
	"zh_Hant": zh_Hant.New,
}

// dateStyles are the values of the date convention.
var dateStyles = []string{"full", "long", "medium", "short"}

// dateLocaleNames returns the keys of dateLocales as BCP 47 tags, sorted.
func dateLocaleNames() []string {
	out := make([]string, 0, len(dateLocales))
	for k := range dateLocales {
		out = append(out, strings.ReplaceAll(k, "_", "-"))
	}
	sort.Strings(out)
	return out
}

// dateTranslator finds the closest date patterns for tag: the tag itself,
// then language-region, language-script and language alone. ok is false when
// not even the language is known.
func dateTranslator(tag language.Tag) (locales.Translator, bool) {
	base, _ := tag.Base()
	script, sc := tag.Script()
	region, rc := tag.Region()
	var cands []string
	if sc == language.Exact && rc == language.Exact {
		cands = append(cands, base.String()+"_"+script.String()+"_"+region.String())
	}
	if rc == language.Exact {
		cands = append(cands, base.String()+"_"+region.String())
	}
	// The script is tried even when only guessed: CLDR keeps the patterns
	// of a bare "zh" under zh_Hans.
	if sc != language.No {
		cands = append(cands, base.String()+"_"+script.String())
	}
	cands = append(cands, base.String())
	for _, c := range cands {
		if f, ok := dateLocales[c]; ok {
			return f(), true
		}
	}
	return nil, false
}

// formatDate writes t in style with tr's patterns, then in ds's digits
// (go-playground writes ASCII digits in every locale).
func formatDate(tr locales.Translator, style string, ds digits, t time.Time) string {
	var s string
	switch style {
	case "full":
		s = tr.FmtDateFull(t)
	case "medium":
		s = tr.FmtDateMedium(t)
	case "short":
		s = tr.FmtDateShort(t)
	default:
		s = tr.FmtDateLong(t)
	}
	return ds.convert(s)
}
