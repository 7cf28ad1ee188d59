package localize

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/langmatch"
)

// rtlScripts are the ISO 15924 scripts written right to left that CLDR
// languages use.
var rtlScripts = map[string]bool{
	"Arab": true, "Hebr": true, "Syrc": true, "Thaa": true, "Nkoo": true,
	"Adlm": true, "Rohg": true, "Mand": true, "Samr": true, "Yezi": true,
}

// Skeleton returns a new locale file for tag, ready to translate: every
// message of the list with the English source (and its description) as a
// comment above it, exactly the plural keys the language's CLDR rules use,
// each message's source hash, and [_conventions] filled in from what x/text
// and CLDR know — the direction of the language's script, the digits x/text
// prints for it, the CLDR long date pattern — plus markers, letters and
// quotation marks copied from the closest shipped file of the same script,
// to be checked by the translator. The messages are left empty, so that the
// file loads and every message shows as missing until it is translated.
func (c *Catalog) Skeleton(tag string) ([]byte, error) {
	t, err := language.Parse(tag)
	if err != nil || t == language.Und || strings.Contains(tag, "_") {
		return nil, fmt.Errorf("%q is not a BCP 47 language tag (such as de, pt-BR or zh-Hant)", tag)
	}
	if plain := langmatch.Strip(t); plain != t {
		return nil, fmt.Errorf("%q has a BCP 47 extension; make %s and set its conventions inside", tag, plain)
	}
	src := c.files[SourceLocale]
	if src == nil {
		return nil, fmt.Errorf("no %s.toml to take the source messages from", SourceLocale)
	}
	forms, err := cachedPluralForms(t)
	if err != nil {
		return nil, fmt.Errorf("no CLDR plural rules for %s: %v", t, err)
	}

	var b strings.Builder
	name := display.English.Tags().Name(t)
	self := display.Self.Name(t)
	fmt.Fprintf(&b, "# Locale file: %s", name)
	if self != "" && self != name {
		fmt.Fprintf(&b, " (%s)", self)
	}
	b.WriteString(". Schema: see en.toml.\n")
	fmt.Fprintf(&b, "# Written by \"polypress locales init %s\". Translate each message: the English\n", t)
	b.WriteString("# source is in the comment above it. Keep each hash: it records the English\n")
	b.WriteString("# text the translation was made from. Then run \"polypress locales check\".\n")
	fmt.Fprintf(&b, "# CLDR plural categories of %s: %s.\n\n", name, strings.Join(forms, ", "))

	c.writeConventions(&b, t)

	for _, spec := range Messages {
		sm := src.message(spec.ID)
		if sm == nil {
			continue
		}
		b.WriteString("\n")
		if sm.Description != "" {
			fmt.Fprintf(&b, "# %s\n", oneLineComment(sm.Description))
		}
		want := []string{"other"}
		if spec.Plural {
			want = forms
			for _, form := range presentForms(sm) {
				fmt.Fprintf(&b, "# en %s: %s\n", form, oneLineComment(formText(sm, form)))
			}
		} else {
			fmt.Fprintf(&b, "# en: %s\n", oneLineComment(sm.Other))
		}
		fmt.Fprintf(&b, "[%s]\n", spec.ID)
		fmt.Fprintf(&b, "hash = %s\n", tomlString(sourceHash(sm)))
		for _, form := range want {
			fmt.Fprintf(&b, "%s = \"\"\n", form)
		}
	}
	return []byte(b.String()), nil
}

// writeConventions writes the [_conventions] table of a new file for t.
func (c *Catalog) writeConventions(b *strings.Builder, t language.Tag) {
	script, _ := t.Script()
	dir := doc.LTR
	if rtlScripts[script.String()] {
		dir = doc.RTL
	}
	numbering := xtextNumbering(t)
	donor := c.conventionsDonor(t)

	b.WriteString("[_conventions]\n")
	fmt.Fprintf(b, "# CLDR writes %s in the %s script, which runs %s.\n", t, script, map[doc.Direction]string{doc.LTR: "left to right", doc.RTL: "right to left"}[dir])
	fmt.Fprintf(b, "direction = %s\n", tomlString(string(dir)))
	ds, _ := newDigits(numbering)
	fmt.Fprintf(b, "# The digits x/text (CLDR) prints for %s: %s. Where editorial practice uses\n# others, name their CLDR numbering system (en.toml lists them).\n", t, ds.Itoa(1234567890))
	fmt.Fprintf(b, "numbering = %s\n", tomlString(numbering))
	if donor != nil {
		fmt.Fprintf(b, "# Markers, letters and quotation marks copied from %s: check them against\n# the language's editorial practice.\n", donor.path)
		conv := donor.conv
		fmt.Fprintf(b, "clause_number = %s\n", tomlString(conv.ClauseNumber))
		fmt.Fprintf(b, "subclause = %s\n", tomlArray(conv.Subclause))
		fmt.Fprintf(b, "letters = %s\n", tomlLetters(conv.Letters))
		fmt.Fprintf(b, "quotes = %s\n", tomlArray([]string{conv.QuoteOpen, conv.QuoteClose}))
		if conv.InnerQuoteOpen != "" {
			fmt.Fprintf(b, "inner_quotes = %s\n", tomlArray([]string{conv.InnerQuoteOpen, conv.InnerQuoteClose}))
		}
	}
	date := time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC)
	if tr, ok := dateTranslator(t); ok {
		fmt.Fprintf(b, "# CLDR long date of %s: %s\n", t, formatDate(tr, "long", ds, date))
		b.WriteString("date = \"long\"\n")
	} else {
		fmt.Fprintf(b, "# polypress has no CLDR date patterns for %s: date_locale names the closest\n# it has (%s).\n", t, strings.Join(dateLocaleNames(), ", "))
		b.WriteString("date = \"long\"\n")
		b.WriteString("date_locale = \"en-GB\"\n")
	}
}

// xtextNumbering returns the numbering system whose digits x/text prints
// for t: latn for most languages, arabext for fa. x/text gives native
// digits only where CLDR makes them the default.
func xtextNumbering(t language.Tag) string {
	zero := []rune(message.NewPrinter(t).Sprint(0))
	if len(zero) == 1 {
		for _, sys := range numberingSystems() {
			if []rune(numberingDigits[sys])[0] == zero[0] {
				return sys
			}
		}
	}
	return "latn"
}

// conventionsDonor returns the locale file whose markers a new file for t
// starts from: one of the same language, else of the same script, else
// SourceLocale's.
func (c *Catalog) conventionsDonor(t language.Tag) *localeFile {
	script, _ := t.Script()
	var sameScript *localeFile
	for _, name := range c.tags {
		f := c.files[name]
		if langmatch.SameBase(f.tag, t) {
			return f
		}
		if s, _ := f.tag.Script(); s == script && sameScript == nil {
			sameScript = f
		}
	}
	if sameScript != nil {
		return sameScript
	}
	return c.files[SourceLocale]
}

func oneLineComment(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func tomlArray(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = tomlString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// tomlLetters writes letters as en.toml does, a string, when each is one
// character, and as an array otherwise (Arabic "هـ").
func tomlLetters(ls []string) string {
	for _, l := range ls {
		if utf8.RuneCountInString(l) != 1 {
			return tomlArray(ls)
		}
	}
	return tomlString(strings.Join(ls, ""))
}
