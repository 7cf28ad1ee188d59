package localize

import (
	"fmt"
	"sync"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// Options configure Localize and Printer.
type Options struct {
	// CanonicalLang is the language of the canonical statement: messages a
	// locale lacks fall back to it, then to SourceLocale. Localize defaults it
	// to the canonical statement's lang; Printer to SourceLocale.
	CanonicalLang string
	// Strict makes every fallback an error instead of a warning (the CLI's
	// --strict and --final).
	Strict bool
}

// Printer prints the catalog's messages, numbers and dates for one locale.
// Localize uses one to build an Edition; layouts that print more than an
// Edition carries (a briefing pack's cover and contents) use one directly.
// Every fallback is decided when the Printer is made, so printing never
// fails and never returns an empty string; a Printer is safe for concurrent
// use.
type Printer struct {
	locale string // the requested locale, in canonical form
	file   *localeFile
	// chain is where messages are looked for, in order: the locale's file,
	// its parent files, the canonical language's, SourceLocale's.
	chain   []*localeFile
	conv    Conventions
	digits  digits
	sev     diag.Severity
	diags   diag.List // choosing the locale file
	msgFrom map[string]*localeFile
	msgDiag map[string]diag.List

	mu     sync.Mutex
	failed diag.List // printing failures; see Err
}

// Printer resolves locale to a locale file and returns a Printer for it. The
// locale file is the one for exactly locale, else for a parent of it
// (fr-CA → fr), else the best match x/text's matcher finds with at least
// High confidence in the same language (zh-Hans-SG → zh-Hans). A match into
// another language is never taken, whatever its confidence: x/text rates
// ps → en and da → nb High, and fa → ar would put Arabic labels on a Persian
// edition. With no match the canonical language's file is used, with a
// warning. Messages the locale file lacks come from the rest of the chain,
// with a warning each (see Diagnostics).
func (c *Catalog) Printer(locale string, opts Options) (*Printer, error) {
	sev := diag.Warning
	if opts.Strict {
		sev = diag.Error
	}
	req, err := language.Parse(locale)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: c.dir}, "locale %q is not a BCP 47 language tag", locale)
	}
	canon := opts.CanonicalLang
	if canon == "" {
		canon = SourceLocale
	}
	canonTag, err := language.Parse(canon)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: c.dir}, "canonical language %q is not a BCP 47 language tag", canon)
	}
	p := &Printer{
		locale:  req.String(),
		sev:     sev,
		msgFrom: map[string]*localeFile{},
		msgDiag: map[string]diag.List{},
	}
	canonFile := c.match(canonTag)
	srcFile := c.files[SourceLocale]
	f := c.match(req)
	if f == nil {
		for _, alt := range []*localeFile{canonFile, srcFile} {
			if alt != nil {
				f = alt
				break
			}
		}
		if f == nil {
			return nil, diag.Errorf(diag.Pos{File: c.dir}, "no locale file for %s, nor for the canonical language %s or %s", req, canonTag, SourceLocale)
		}
		p.diags.Add(&diag.Diagnostic{Pos: diag.Pos{File: c.dir}, Severity: sev, Code: "missing-locale",
			Msg: fmt.Sprintf("no locale file for %s; using %s", req, f.name)})
	}
	p.file = f
	p.conv = f.conv
	p.digits = f.digits
	// A request such as ar-u-nu-latn asks for other digits than the
	// locale file's.
	if nu := req.TypeForKey("nu"); nu != "" {
		ds, ok := newDigits(nu)
		if ok {
			// Asked for by name, the digits are the edition's: the
			// text's own follow them.
			p.digits = ds
			p.conv.Numbering, p.conv.TextDigits = nu, true
		} else {
			p.diags.Add(&diag.Diagnostic{Pos: diag.Pos{File: c.dir}, Severity: sev, Code: "numbering",
				Msg: fmt.Sprintf("locale %s asks for unknown numbering system %q; using %s", req, nu, f.conv.Numbering)})
		}
	}

	seen := map[*localeFile]bool{}
	add := func(lf *localeFile) {
		if lf == nil || seen[lf] {
			return
		}
		seen[lf] = true
		p.chain = append(p.chain, lf)
	}
	for _, head := range []*localeFile{f, canonFile, srcFile} {
		if head == nil {
			continue
		}
		add(head)
		for _, a := range c.ancestors(head) {
			add(a)
		}
	}

	// A broken file anywhere in the chain (with Lenient) fails this
	// locale, and only the locales whose chains hold it.
	var broken diag.List
	for _, lf := range p.chain {
		broken.Append(lf.errs.Errors())
	}
	if broken.HasErrors() {
		broken.Sort()
		return nil, broken.Err()
	}

	for _, spec := range Messages {
		var from *localeFile
		for _, lf := range p.chain {
			if m := lf.msgs[spec.ID]; m != nil && m.Other != "" {
				from = lf
				break
			}
		}
		var ds diag.List
		if from == nil {
			ds.Add(diag.Errorf(diag.Pos{File: f.path}, "message %q missing in %s and in every locale file it falls back to", spec.ID, f.name).WithCode("missing-message"))
			p.msgDiag[spec.ID] = ds
			continue
		}
		p.msgFrom[spec.ID] = from
		if !sameLanguage(from.tag, f.tag) {
			ds.Add(&diag.Diagnostic{Pos: diag.Pos{File: f.path}, Severity: sev, Code: "missing-message",
				Msg: fmt.Sprintf("message %q missing in %s; using %s", spec.ID, f.name, from.name)})
		}
		if spec.Plural {
			var missing []string
			have := presentForms(from.msgs[spec.ID])
			for _, form := range from.forms {
				if !contains(have, form) {
					missing = append(missing, form)
				}
			}
			if len(missing) > 0 {
				ds.Add(&diag.Diagnostic{Pos: from.at(spec.ID), Severity: sev, Code: "plural-forms",
					Msg: fmt.Sprintf("message %q in %s lacks the plural %s; using \"other\" instead", spec.ID, from.name, formsPhrase(missing))})
			}
		}
		if len(ds) > 0 {
			p.msgDiag[spec.ID] = ds
		}
	}
	return p, nil
}

// match finds the locale file for tag (see Catalog.Printer), or nil.
func (c *Catalog) match(tag language.Tag) *localeFile {
	t := stripExtensions(tag)
	if f, ok := c.files[t.String()]; ok {
		return f
	}
	for p := t.Parent(); !p.IsRoot(); p = p.Parent() {
		if f, ok := c.files[p.String()]; ok {
			return f
		}
	}
	if c.matcher == nil {
		return nil
	}
	_, i, conf := c.matcher.Match(t)
	if conf == language.Exact || conf == language.High && sameBase(t, c.matchTags[i]) {
		return c.files[c.tags[i]]
	}
	return nil
}

func sameBase(a, b language.Tag) bool {
	ab, _ := a.Base()
	bb, _ := b.Base()
	return ab == bb
}

// sameLanguage reports whether a and b are the same language in the same
// script (fr-CA and fr are; zh-Hans and zh-Hant are not).
func sameLanguage(a, b language.Tag) bool {
	as, _ := a.Script()
	bs, _ := b.Script()
	return sameBase(a, b) && as == bs
}

// Locale returns the locale the Printer was asked for ("fr-CA").
func (p *Printer) Locale() string { return p.locale }

// Lang returns the tag of the locale file the Printer prints from ("fr").
func (p *Printer) Lang() string { return p.file.name }

// Conventions returns the locale's conventions.
func (p *Printer) Conventions() Conventions {
	conv := p.conv
	conv.Subclause = append([]string(nil), conv.Subclause...)
	conv.Letters = append([]string(nil), conv.Letters...)
	conv.Typography.NoBreakAfter = append([]string(nil), conv.Typography.NoBreakAfter...)
	return conv
}

// Diagnostics returns what choosing the locale file met, and the fallbacks of
// the messages ids (of every message when ids is empty), in that order.
// Warnings become errors with Options.Strict. A message no locale file of
// the chain has is always an error.
func (p *Printer) Diagnostics(ids ...string) diag.List {
	out := append(diag.List(nil), p.diags...)
	if len(ids) == 0 {
		for _, m := range Messages {
			out = append(out, p.msgDiag[m.ID]...)
		}
		return out
	}
	for _, id := range ids {
		out = append(out, p.msgDiag[id]...)
	}
	return out
}

// Text prints message id with the template fields data. An ID outside
// Messages, a programming error, prints as the ID itself.
func (p *Printer) Text(id string, data map[string]string) string {
	return p.execute(id, nil, data)
}

// Plural prints a counted message: its plural form is chosen by count under
// the CLDR rules of the language it comes from, and {{.Count}} is count in
// the locale's digits and grouping. For a NoNumeral message the form follows
// grammatical number instead (see headingCount).
func (p *Printer) Plural(id string, count int, data map[string]string) string {
	selector := count
	if spec, ok := messageSpec(id); ok && spec.NoNumeral {
		selector = headingCount(count)
	}
	return p.plural(id, selector, count, data)
}

// plural prints id with the form chosen by selector and {{.Count}} showing
// shown.
func (p *Printer) plural(id string, selector, shown int, data map[string]string) string {
	d := make(map[string]string, len(data)+1)
	for k, v := range data {
		d[k] = v
	}
	d["Count"] = p.Count(shown)
	return p.execute(id, selector, d)
}

// execute prints message id from the locale file chosen for it. Load has
// checked every text against the template subset and run it with all its
// fields, so printing cannot fail; if it ever does, the failure is kept
// (see Err) and the ID is printed, rather than quietly taking the text of
// another locale file.
func (p *Printer) execute(id string, count any, data map[string]string) string {
	from := p.msgFrom[id]
	if from == nil {
		return id
	}
	if data == nil {
		data = map[string]string{}
	}
	if spec, ok := messageSpec(id); ok {
		for _, v := range spec.Vars {
			if _, ok := data[v]; !ok {
				p.fail(diag.Errorf(from.at(id), "message %q was printed without its field {{.%s}}", id, v))
				return id
			}
		}
	}
	out, err := from.localizer.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil {
		p.fail(diag.Errorf(from.at(id), "message %q: %v", id, err))
		return id
	}
	return out
}

// fail keeps a failure to print a message.
func (p *Printer) fail(d *diag.Diagnostic) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.failed = append(p.failed, d)
}

// Err returns the failures met while printing, or nil. Localize and
// LocalizePack return them; a layout that prints messages itself (page
// numbers) checks it when it is done.
func (p *Printer) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append(diag.List(nil), p.failed...).Err()
}

// Number writes n in the locale's digits without grouping, as clause and
// page numbers are written ("١٢", "1234.").
func (p *Printer) Number(n int) string { return p.digits.Itoa(n) }

// Count writes n in the locale's digits with its grouping, as counts in
// running text are written ("1 000 000", "١٬٠٠٠").
func (p *Printer) Count(n int) string { return groupedCount(p.file.tag, p.digits, n) }

// Date writes the calendar date of t in the locale's date style and digits
// ("22 juin 2020", "٢٢ يونيو ٢٠٢٠").
func (p *Printer) Date(t time.Time) string {
	return formatDate(p.file.dates, p.conv.DateStyle, p.digits, t)
}

// ClauseLabel returns the marker of the n-th clause at depth (1 for
// operative clauses, 2 to 4 for sub-clauses; deeper levels reuse the
// deepest pattern) in the locale's default style for that depth.
func (p *Printer) ClauseLabel(depth, n int) string {
	return p.defaultMarker(depth).format(n, p.digits, p.conv.Letters)
}

func (p *Printer) defaultMarker(depth int) marker {
	ms := p.file.markers
	return ms[max(0, min(depth-1, len(ms)-1))]
}

// Marker returns the marker of the n-th clause at depth in a numbering
// style the statement chose ("" for the locale's default at that depth).
// The style names the counter; the locale writes it in its own way: "(a)"
// is the locale's pattern of second-level clauses ("a)" in French, "(أ)"
// in Arabic), "(i)" that of the third level, "1." that of clauses, "(1)"
// the second-level pattern counting in digits, and the capital styles
// capitalise letters and roman numerals where the script has capitals. An
// article is labelled by the "article" message ("Article 11").
func (p *Printer) Marker(style doc.NumberStyle, depth, n int) string {
	if style == doc.StyleArticle {
		return p.Text("article", map[string]string{"Number": p.Number(n)})
	}
	return p.styleMarker(style, depth).format(n, p.digits, p.conv.Letters)
}

// styleMarker is the marker pattern of a style in this locale.
func (p *Printer) styleMarker(style doc.NumberStyle, depth int) marker {
	m := p.defaultMarker(depth)
	switch style {
	case doc.StyleDecimal:
		m = p.defaultMarker(1)
	case doc.StyleParenDecimal:
		m = p.defaultMarker(2)
		m.kind = 'n'
	case doc.StyleLower, doc.StyleUpper:
		m = p.defaultMarker(2)
		if style == doc.StyleUpper && m.kind == 'a' {
			m.kind = 'A'
		}
	case doc.StyleRoman, doc.StyleUpperRoman:
		m = p.defaultMarker(3)
		switch {
		case style == doc.StyleUpperRoman && m.kind == 'i':
			m.kind = 'I'
		case style == doc.StyleRoman && m.kind == 'I':
			m.kind = 'i'
		}
	}
	return m
}

// referenceLabel is how a clause at depth is named inside a reference
// ("paragraph 18 (c) (ii)"): the number alone for a top-level clause, the
// marker for the others, where a marker of the form "1." is written as
// "(1)" would be, since "18 1." reads as two sentences.
func (p *Printer) referenceLabel(style doc.NumberStyle, depth, n int) string {
	if depth == 1 {
		return p.Number(n)
	}
	m := p.styleMarker(style, depth)
	if style == doc.StyleDecimal || (style == "" && m == p.defaultMarker(1)) {
		m = p.styleMarker(doc.StyleParenDecimal, depth)
	}
	return m.format(n, p.digits, p.conv.Letters)
}

// LanguageName returns the name of the language tag in the locale's
// language ("anglais" in French), or tag itself when CLDR has no name.
func (p *Printer) LanguageName(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if n := display.Tags(p.file.tag).Name(t); n != "" {
		return n
	}
	return tag
}

// docConventions returns the conventions an Edition carries.
func (p *Printer) docConventions() doc.Conventions {
	return doc.Conventions{
		QuoteOpen:       p.conv.QuoteOpen,
		QuoteClose:      p.conv.QuoteClose,
		NumberingSystem: p.conv.Numbering,
		Typography:      p.Conventions().Typography,
	}
}
