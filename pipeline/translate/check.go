package translate

import (
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/localize"
)

// Gaps are normal while a translation is under way, as untranslated
// entries are for gettext until a release: a locale file missing messages
// or plural forms, a stale message or segment, an unaligned, unstamped or
// partly untranslated translation. Check reports them as warnings, and as
// errors only when strict (--strict, --final), the gate before a final
// release. What no build can use — a locale file that does not parse, an
// unknown message, a template that drops a field, a statement that does
// not parse — is always an error.

// strictLocaleCodes are the locale file problems that are warnings unless
// strict: the file still builds an edition, a draft one.
var strictLocaleCodes = map[string]bool{
	"missing-message": true,
	"stale-message":   true,
	"plural-forms":    true,
}

// CheckResult is what Check found.
type CheckResult struct {
	// Diagnostics are sorted by position.
	Diagnostics diag.List
	// Locales, Statements and Translations count what was checked.
	Locales, Statements, Translations int
}

// Check holds the locale files of cat (nil when they did not load) and
// the statements of rep to the canonical texts. strict turns every
// warning into an error.
func Check(cat *localize.Catalog, rep *Report, strict bool) CheckResult {
	var res CheckResult
	if cat != nil {
		res.Locales = len(cat.Tags())
		for _, d := range cat.Check() {
			dd := *d
			dd.Severity = diag.Error
			if strictLocaleCodes[d.Code] {
				dd.Severity = diag.Warning
			}
			res.Diagnostics.Add(&dd)
		}
	}
	if rep != nil {
		for i := range rep.Statements {
			s := &rep.Statements[i]
			res.Statements++
			res.Translations += len(s.Translations)
			res.Diagnostics.Append(s.diags)
		}
	}
	if strict {
		for i, d := range res.Diagnostics {
			if d.Severity == diag.Warning {
				dd := *d
				dd.Severity = diag.Error
				res.Diagnostics[i] = &dd
			}
		}
	}
	res.Diagnostics.Sort()
	return res
}
