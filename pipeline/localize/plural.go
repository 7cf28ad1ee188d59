package localize

import (
	"fmt"
	"strconv"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// pluralFormOrder is CLDR's order of plural categories, the order in which
// messages about them list them.
var pluralFormOrder = []string{"zero", "one", "two", "few", "many", "other"}

// pluralSamples are numbers that reach every plural category of every CLDR
// language: integers through 200 cover the rules on n % 10 and n % 100,
// the millions reach French and Spanish "many", and decimals reach the
// categories only fractions take (Russian "other", "1.5 заявления").
var pluralSamples = func() []any {
	var s []any
	for i := 0; i <= 200; i++ {
		s = append(s, i)
	}
	for _, i := range []int{1000, 10000, 100000, 1000000, 1000001, 2000000, 10000000} {
		s = append(s, i)
	}
	for i := 0; i <= 25; i++ {
		for _, f := range []string{".0", ".1", ".5", ".00", ".01", ".25"} {
			s = append(s, strconv.Itoa(i)+f)
		}
	}
	for _, d := range []string{"100.5", "1000000.0", "1e3", "1e6", "1.5e6"} {
		s = append(s, d)
	}
	return s
}()

// PluralForms returns the CLDR plural categories a language uses, in CLDR
// order: [one other] for en, [zero one two few many other] for ar. go-i18n
// keeps its rule table internal, so the categories are found by asking
// go-i18n's own plural rules which category each of a set of sample numbers
// takes; localization then agrees with go-i18n by construction.
func PluralForms(tag language.Tag) ([]string, error) {
	b := i18n.NewBundle(tag)
	probe := &i18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(tag, probe); err != nil {
		return nil, err
	}
	l := i18n.NewLocalizer(b, tag.String())
	seen := map[string]bool{}
	for _, n := range pluralSamples {
		form, err := l.Localize(&i18n.LocalizeConfig{MessageID: "probe", PluralCount: n})
		if err != nil {
			return nil, fmt.Errorf("plural rules of %s: %v", tag, err)
		}
		seen[form] = true
	}
	var forms []string
	for _, f := range pluralFormOrder {
		if seen[f] {
			forms = append(forms, f)
		}
	}
	return forms, nil
}

// pluralForms caches PluralForms by tag for the life of the process: CLDR
// rules do not change while it runs, and probing costs about half a
// millisecond per language.
var pluralForms = struct {
	sync.Mutex
	m map[string][]string
}{m: map[string][]string{}}

// cachedPluralForms is PluralForms, remembered.
func cachedPluralForms(tag language.Tag) ([]string, error) {
	pluralForms.Lock()
	defer pluralForms.Unlock()
	if f, ok := pluralForms.m[tag.String()]; ok {
		return f, nil
	}
	f, err := PluralForms(tag)
	if err != nil {
		return nil, err
	}
	pluralForms.m[tag.String()] = f
	return f, nil
}
