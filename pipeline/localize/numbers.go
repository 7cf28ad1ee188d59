package localize

import (
	"fmt"
	"github.com/polypress/polypress/pipeline/doc"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// numberingDigits gives the digits zero to nine of the CLDR numbering
// systems (numberingSystems.xml) a locale file may name. A table rather than
// x/text: x/text prints native digits only for some systems (it has no
// hanidec), and clause and page numbers must not be grouped or given
// decimals ("١٢", never "١٢٫٠" or "١٬٢٣٤.").
var numberingDigits = map[string]string{
	"latn":     "0123456789",
	"arab":     "٠١٢٣٤٥٦٧٨٩",
	"arabext":  "۰۱۲۳۴۵۶۷۸۹",
	"deva":     "०१२३४५६७८९",
	"beng":     "০১২৩৪৫৬৭৮৯",
	"guru":     "੦੧੨੩੪੫੬੭੮੯",
	"gujr":     "૦૧૨૩૪૫૬૭૮૯",
	"orya":     "୦୧୨୩୪୫୬୭୮୯",
	"tamldec":  "௦௧௨௩௪௫௬௭௮௯",
	"telu":     "౦౧౨౩౪౫౬౭౮౯",
	"knda":     "೦೧೨೩೪೫೬೭೮೯",
	"mlym":     "൦൧൨൩൪൫൬൭൮൯",
	"thai":     "๐๑๒๓๔๕๖๗๘๙",
	"laoo":     "໐໑໒໓໔໕໖໗໘໙",
	"tibt":     "༠༡༢༣༤༥༦༧༨༩",
	"mymr":     "၀၁၂၃၄၅၆၇၈၉",
	"khmr":     "០១២៣៤៥៦៧៨៩",
	"hanidec":  "〇一二三四五六七八九",
	"fullwide": "０１２３４５６７８９",
}

// numberingSystems returns the known numbering systems, sorted, for messages.
func numberingSystems() []string {
	out := make([]string, 0, len(numberingDigits))
	for k := range numberingDigits {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// digits writes numbers in one numbering system.
type digits struct {
	system string
	d      [10]rune
}

func newDigits(system string) (digits, bool) {
	s, ok := numberingDigits[system]
	if !ok {
		return digits{}, false
	}
	var ds digits
	ds.system = system
	i := 0
	for _, r := range s {
		ds.d[i] = r
		i++
	}
	return ds, true
}

// Itoa writes n without grouping.
func (ds digits) Itoa(n int) string { return ds.convert(strconv.Itoa(n)) }

// convert replaces the ASCII digits of s; everything else is kept.
func (ds digits) convert(s string) string {
	if ds.system == "latn" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(ds.d[r-'0'])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// groupedCount writes a count with the locale's grouping ("1 000 000",
// "١٬٠٠٠٬٠٠٠", "10,00,000") through x/text, which knows CLDR's separators
// and Indian grouping. Where x/text lacks the numbering system it falls back
// to ungrouped digits rather than print Latin ones.
func groupedCount(tag language.Tag, ds digits, n int) string {
	t, err := tag.SetTypeForKey("nu", ds.system)
	if err != nil {
		return ds.Itoa(n)
	}
	s := message.NewPrinter(t).Sprint(number.Decimal(n))
	for _, r := range s {
		if r >= '0' && r <= '9' && ds.system != "latn" {
			return ds.Itoa(n)
		}
	}
	return s
}

// marker is a compiled clause marker pattern such as "({a})": a prefix, one
// placeholder and a suffix.
type marker struct {
	prefix, suffix string
	kind           byte // 'n', 'a', 'A', 'i' or 'I'
}

// parseMarker compiles a marker pattern. It must hold exactly one of {n},
// {a}, {i}, {I}.
func parseMarker(p string) (marker, error) {
	var m marker
	found := 0
	for i := 0; i < len(p); i++ {
		if p[i] != '{' {
			continue
		}
		end := strings.IndexByte(p[i:], '}')
		if end < 0 {
			return m, fmt.Errorf("marker %q: unclosed {", p)
		}
		ph := p[i+1 : i+end]
		switch ph {
		case "n", "a", "A", "i", "I":
		default:
			return m, fmt.Errorf("marker %q: unknown placeholder {%s}; use {n}, {a}, {A}, {i} or {I}", p, ph)
		}
		found++
		m.prefix, m.suffix, m.kind = p[:i], p[i+end+1:], ph[0]
		i += end
	}
	if found != 1 {
		return m, fmt.Errorf("marker %q: want exactly one of {n}, {a}, {A}, {i}, {I}, found %d", p, found)
	}
	return m, nil
}

// format writes the marker for the n-th item (1-based).
func (m marker) format(n int, ds digits, letters []string) string {
	var v string
	switch m.kind {
	case 'n':
		v = ds.Itoa(n)
	case 'a':
		v = letter(n, letters)
	case 'A':
		v = strings.ToUpper(letter(n, letters))
	case 'i':
		v = strings.ToLower(roman(n, ds))
	case 'I':
		v = roman(n, ds)
	}
	return m.prefix + v + m.suffix
}

// letter returns the n-th letter marker. Past the end of the alphabet the
// letters double, then triple (aa, bb, ...), as the UN editorial manual does
// after (z).
func letter(n int, letters []string) string {
	if n < 1 || len(letters) == 0 {
		return ""
	}
	i := (n - 1) % len(letters)
	return strings.Repeat(letters[i], (n-1)/len(letters)+1)
}

// roman returns n in upper-case roman numerals; numbers roman numerals cannot
// write (below 1, above 3999) come out in the locale's digits.
func roman(n int, ds digits) string {
	if r := doc.Roman(n); r != "" {
		return strings.ToUpper(r)
	}
	return ds.Itoa(n)
}

// splitLetters turns a letters string into one letter per character.
func splitLetters(s string) []string {
	out := make([]string, 0, utf8.RuneCountInString(s))
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}
