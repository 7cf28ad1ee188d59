package localize

import (
	"crypto/sha1"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/go-playground/locales"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/hyphen"
	"github.com/polypress/polypress/pipeline/internal/confine"
	"github.com/polypress/polypress/pipeline/internal/langmatch"
	"github.com/polypress/polypress/pipeline/internal/tomlerr"
)

// SourceLocale is the locale the message list is written in: the last link
// of every fallback chain, and the file translations' hash keys refer to.
const SourceLocale = "en"

// conventionsKey is the reserved table of a locale file that holds its
// conventions rather than a message.
const conventionsKey = "_conventions"

// Catalog holds the messages and conventions of every locale file in a
// folder. It is built once by Load and is safe for concurrent use.
type Catalog struct {
	dir   string // display folder, "locales"
	files map[string]*localeFile
	tags  []string // sorted keys of files
	// matcher finds the file for a locale among the files' tags, in the
	// order of tags.
	matcher *langmatch.Matcher
	// problems are a Lenient load's problems that belong to no locale.
	problems diag.List
}

// localeFile is one parsed locale file.
type localeFile struct {
	tag  language.Tag
	name string // the tag as a string, "zh-Hans"
	path string // display path, "locales/zh-Hans.toml"
	pos  map[string]diag.Pos
	// lines are the file's lines, to place problems inside message texts.
	lines []string
	msgs  map[string]*i18n.Message
	list  []*i18n.Message // msgs in ID order
	// forms are the CLDR plural categories of the file's language.
	forms []string
	// rawConv holds the [_conventions] keys the file itself sets.
	rawConv map[string]any
	conv    Conventions
	// compiled conventions
	markers []marker // depth 1, 2, 3, ...
	digits  digits
	dates   locales.Translator
	// localizer executes the file's messages with go-i18n: plural
	// selection and templates.
	localizer *i18n.Localizer

	// under is the file for the same tag in an earlier layer (the
	// built-in file a project's file adds to), or nil: this file's
	// messages and conventions override it key by key.
	under *localeFile
	// layer is the index of the layer the file was read from; builtIn is
	// set for polypress's own files.
	layer   int
	builtIn bool
	// digest is the SHA-256 of the file's bytes, for release manifests.
	digest string
	// errs are the file's problems when it was loaded with Lenient: a
	// Printer whose chain holds the file fails with them.
	errs diag.List
}

// message returns the message id as the file gives it, or as the files it
// adds to (under) give it when it has none of its own.
func (f *localeFile) message(id string) *i18n.Message {
	for g := f; g != nil; g = g.under {
		if m := g.msgs[id]; m != nil && m.Other != "" {
			return m
		}
	}
	return nil
}

// Conventions are a locale's typographic conventions, as its locale file's
// [_conventions] table gives them once inheritance from parent locale files
// is applied. en.toml documents each key.
type Conventions struct {
	Dir       doc.Direction
	Numbering string // CLDR numbering system, "arab"
	// TextDigits is set when the digits written in the statement's text
	// are printed in the numbering system's digits too (text_digits =
	// "numbering"), so that the edition shows one digit system.
	TextDigits bool
	// ClauseNumber and Subclause are marker patterns ("{n}.", "({a})").
	ClauseNumber string
	Subclause    []string
	Letters      []string
	// QuoteOpen and QuoteClose are the quotation marks (quotes);
	// InnerQuoteOpen and InnerQuoteClose those of a quotation inside
	// another (inner_quotes, optional: the outer marks by default).
	QuoteOpen       string
	QuoteClose      string
	InnerQuoteOpen  string
	InnerQuoteClose string
	DateStyle       string // full, long, medium or short
	DateLocale      string // BCP 47 tag of the CLDR date patterns
	// Typography is how the locale hyphenates and breaks lines (the
	// optional keys hyphenation … thin_space_after).
	Typography doc.Typography
}

// LoadOption configures Load.
type LoadOption func(*loadConfig)

type loadConfig struct {
	display string
	// only, when set, lists the locales the catalog is for: files no
	// Printer for them would read are not read (see Only).
	only []string
	// lenient keeps a broken file's problems with the file (see Lenient).
	lenient bool
}

// DisplayDir sets the folder name diagnostics print before each file name
// ("locales" gives locales/fr.toml:12:5). By default it is "locales" when dir
// is "." (the embedded locales.FS) and dir otherwise.
func DisplayDir(name string) LoadOption {
	return func(c *loadConfig) { c.display = name }
}

// MaxFileBytes is the largest locale file read; a locale file of every
// message is about 8 KB.
const MaxFileBytes = 1 << 20

// LoadDir reads the locale files of the folder dir on disk, as Load does,
// naming them dir/<tag>.toml in diagnostics. A file may not be a symbolic
// link that leads out of dir.
func LoadDir(dir string) (*Catalog, error) {
	display := filepath.ToSlash(filepath.Clean(dir))
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: display}, "reading locale files: %s", confine.Cause(err))
	}
	defer root.Close()
	return Load(root.FS(), ".", DisplayDir(display))
}

// Load reads every <tag>.toml file in dir of fsys, parsing each once. Files
// with other extensions are ignored; each must be a regular file of at most
// MaxFileBytes. Errors — TOML syntax, unknown keys, templates that break or
// go beyond field references (template.go), incomplete conventions — are
// gathered across all files and returned together as a diag.List; gaps that
// only make editions fall back (a missing message, a missing plural form)
// are reported by Check. Load is LoadLayers with one layer.
func Load(fsys fs.FS, dir string, opts ...LoadOption) (*Catalog, error) {
	if dir == "" {
		dir = "."
	}
	cfg := loadConfig{display: dir}
	if dir == "." {
		cfg.display = "locales"
	}
	for _, o := range opts {
		o(&cfg)
	}
	return LoadLayers([]Layer{{FS: fsys, Dir: dir, Display: cfg.display}}, opts...)
}

// completed returns copies of f's messages with every plural form of its
// language that a message lacks set to its "other" text. go-i18n would
// print "other" for them anyway, but with an error; Printer reports the
// missing forms when it is made, so that any error go-i18n returns while
// printing is a real failure, never an expected one to ignore.
func completed(f *localeFile) []*i18n.Message {
	out := make([]*i18n.Message, len(f.list))
	for i, m := range f.list {
		c := *m
		for _, form := range f.forms {
			if formText(&c, form) != "" {
				continue
			}
			switch form {
			case "zero":
				c.Zero = c.Other
			case "one":
				c.One = c.Other
			case "two":
				c.Two = c.Other
			case "few":
				c.Few = c.Other
			case "many":
				c.Many = c.Other
			}
		}
		out[i] = &c
	}
	return out
}

// Tags returns the tags of the loaded locale files, sorted.
func (c *Catalog) Tags() []string { return append([]string(nil), c.tags...) }

// Has reports whether a locale file exists for exactly tag (in any spelling
// of it: "zh-hans" finds zh-Hans.toml).
func (c *Catalog) Has(tag string) bool {
	t, err := language.Parse(tag)
	if err != nil {
		return false
	}
	_, ok := c.files[t.String()]
	return ok
}

// Conventions returns the conventions of the locale file for exactly tag.
func (c *Catalog) Conventions(tag string) (Conventions, bool) {
	t, err := language.Parse(tag)
	if err != nil {
		return Conventions{}, false
	}
	f, ok := c.files[t.String()]
	if !ok {
		return Conventions{}, false
	}
	conv := f.conv
	conv.Subclause = append([]string(nil), conv.Subclause...)
	conv.Letters = append([]string(nil), conv.Letters...)
	conv.Typography.NoBreakAfter = append([]string(nil), conv.Typography.NoBreakAfter...)
	return conv, true
}

// parseFile parses one locale file. It returns nil when the file cannot be
// used at all.
func parseFile(display, stem string, data []byte) (*localeFile, diag.List) {
	var errs diag.List
	filePos := diag.Pos{File: display}
	tag, err := language.Parse(stem)
	if err != nil {
		errs.Errorf(filePos, "file name %q is not a BCP 47 language tag (want <tag>.toml, e.g. fr.toml)", stem)
		return nil, errs
	}
	// Extensions (-u-nu-latn) belong in requests, not in file names: a
	// file named with one could never be matched.
	if plain := langmatch.Strip(tag); plain != tag {
		errs.Errorf(filePos, "file name %q has a BCP 47 extension; name the file %s.toml and set its conventions inside", stem, plain)
		return nil, errs
	}
	if !utf8.Valid(data) {
		errs.Errorf(filePos, "file is not UTF-8")
		return nil, errs
	}
	src := string(data)
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		errs.Add(tomlerr.Diagnostic(display, src, err))
		return nil, errs
	}
	f := &localeFile{
		tag:   tag,
		name:  tag.String(),
		path:  display,
		pos:   keyPositions(display, src),
		lines: strings.Split(src, "\n"),
		msgs:  map[string]*i18n.Message{},
	}
	forms, err := cachedPluralForms(tag)
	if err != nil {
		errs.Errorf(filePos, "no CLDR plural rules for %s: %v", tag, err)
		return nil, errs
	}
	f.forms = forms

	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var msgs []*i18n.Message
	for _, id := range keys {
		v := raw[id]
		if id == conventionsKey {
			t, ok := v.(map[string]any)
			if !ok {
				errs.Errorf(f.at(id), "%s must be a table", conventionsKey)
				continue
			}
			f.rawConv = t
			continue
		}
		m, mErrs := parseMessage(f, id, v)
		errs.Append(mErrs)
		if m != nil {
			f.msgs[id] = m
			msgs = append(msgs, m)
		}
	}
	if f.rawConv == nil {
		f.rawConv = map[string]any{}
	}
	f.list = msgs
	return f, errs
}

// messageKeys are the keys a message table may hold.
var messageKeys = []string{"description", "hash", "zero", "one", "two", "few", "many", "other"}

// parseMessage builds the go-i18n message for one top-level key. Keys
// go-i18n would ignore silently (a misspelt "othr") are errors here, since
// the translation they hold would be lost.
func parseMessage(f *localeFile, id string, v any) (*i18n.Message, diag.List) {
	var errs diag.List
	m := &i18n.Message{ID: id}
	switch v := v.(type) {
	case string:
		m.Other = v
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s, ok := v[k].(string)
			if !ok {
				errs.Errorf(f.at(id, k), "message %q: %s must be a string, not %s", id, k, tomlType(v[k]))
				continue
			}
			switch k {
			case "description":
				m.Description = s
			case "hash":
				m.Hash = s
			case "zero":
				m.Zero = s
			case "one":
				m.One = s
			case "two":
				m.Two = s
			case "few":
				m.Few = s
			case "many":
				m.Many = s
			case "other":
				m.Other = s
			default:
				msg := fmt.Sprintf("message %q: unknown key %q", id, k)
				if s := diag.Suggest(k, messageKeys); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				errs.Add(diag.Errorf(f.at(id, k), "%s", msg).WithCode(diag.UnknownKey))
				continue
			}
			if isForm(k) {
				errs.Append(f.checkText(id, k, s))
			}
		}
	default:
		errs.Errorf(f.at(id), "message %q must be a table or a string, not %s", id, tomlType(v))
		return nil, errs
	}
	if errs.HasErrors() {
		return nil, errs
	}
	return m, nil
}

// checkText checks the text of one form of message id against the
// template subset (see template.go) and runs it once with every field it
// may use, so that a text that could fail when an edition is built fails
// here instead, where it is written.
func (f *localeFile) checkText(id, form, text string) diag.List {
	var errs diag.List
	keyPos := f.at(id, form)
	var allowed []string
	if spec, ok := messageSpec(id); ok {
		allowed = append([]string{}, spec.allowedVars()...)
	}
	_, problems, err := checkTemplate(id, text, allowed)
	if err != nil {
		errs.Errorf(keyPos, "message %q (%s): %v", id, form, err)
		return errs
	}
	for _, pr := range problems {
		errs.Add(diag.Errorf(textPos(f.lines, keyPos, text, pr.off), "message %q (%s): %s", id, form, pr.msg).WithCode(diag.MessageTemplate))
	}
	if len(problems) > 0 || allowed == nil {
		return errs
	}
	data := map[string]string{}
	for _, v := range allowed {
		data[v] = v
	}
	t, err := template.New(id).Option("missingkey=error").Parse(text)
	if err == nil {
		err = t.Execute(io.Discard, data)
	}
	if err != nil {
		errs.Errorf(keyPos, "message %q (%s): %v", id, form, err)
	}
	return errs
}

func isForm(k string) bool {
	for _, f := range pluralFormOrder {
		if k == f {
			return true
		}
	}
	return false
}

// formText returns the text of one plural form of m.
func formText(m *i18n.Message, form string) string {
	switch form {
	case "zero":
		return m.Zero
	case "one":
		return m.One
	case "two":
		return m.Two
	case "few":
		return m.Few
	case "many":
		return m.Many
	}
	return m.Other
}

// conventionKeys are the keys of [_conventions], in the order en.toml
// documents them.
var conventionKeys = []string{"direction", "numbering", "text_digits", "clause_number", "subclause", "letters", "quotes", "inner_quotes", "date", "date_locale",
	"hyphenation", "hyphen_min", "hyphenate_capitalized", "hyphen_ladder", "no_break_after", "no_line_start", "glue_numbers",
	"thin_space_before", "thin_space_after", "fullwidth_punctuation"}

// ancestors returns the locale files whose conventions and messages f
// inherits, nearest first: fr for fr-CA, zh-Hans then zh for zh-Hans-SG.
func (c *Catalog) ancestors(f *localeFile) []*localeFile {
	var out []*localeFile
	seen := map[string]bool{f.name: true}
	// The files f adds to come first: a project's fr.toml inherits what it
	// does not set from the built-in fr.toml before going to parents.
	for u := f.under; u != nil; u = u.under {
		out = append(out, u)
	}
	add := func(name string) {
		p, ok := c.files[name]
		if !ok || seen[p.name] {
			return
		}
		seen[p.name] = true
		for ; p != nil; p = p.under {
			out = append(out, p)
		}
	}
	for t := langmatch.Strip(f.tag).Parent(); !t.IsRoot(); t = t.Parent() {
		add(t.String())
	}
	// Tag.Parent skips the script of zh-Hans-CN ("zh"); try the base
	// language with its script, then alone, but only where the bare language
	// is written in the same script (sr-Latn must not inherit from sr, which
	// is Cyrillic).
	base, _ := f.tag.Base()
	script, sc := f.tag.Script()
	var extra []string
	if sc != language.No {
		extra = append(extra, base.String()+"-"+script.String())
	}
	if bs, _ := language.Make(base.String()).Script(); sc == language.No || bs == script {
		extra = append(extra, base.String())
	}
	for _, n := range extra {
		add(n)
	}
	return out
}

// resolveConventions fills f.conv from f's own [_conventions] and its
// ancestors', and compiles it.
func (c *Catalog) resolveConventions(f *localeFile) diag.List {
	var errs diag.List
	anc := c.ancestors(f)
	lookup := func(key string) (any, *localeFile) {
		if v, ok := f.rawConv[key]; ok {
			return v, f
		}
		// date_locale is not inherited: an en-US file under an en file
		// that prints British dates wants its own.
		if key == "date_locale" {
			return nil, nil
		}
		for _, a := range anc {
			if v, ok := a.rawConv[key]; ok {
				return v, a
			}
		}
		return nil, nil
	}
	unknown := make([]string, 0)
	for k := range f.rawConv {
		if !contains(conventionKeys, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		msg := fmt.Sprintf("unknown convention %q", k)
		if s := diag.Suggest(k, conventionKeys); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		errs.Add(diag.Errorf(f.at(conventionsKey, k), "%s", msg).WithCode(diag.UnknownKey))
	}
	str := func(key string) (string, diag.Pos, bool) {
		v, from := lookup(key)
		if from == nil {
			if key != "date_locale" {
				errs.Errorf(f.at(conventionsKey), "[%s] lacks %q and no parent locale file sets it", conventionsKey, key)
			}
			return "", diag.Pos{}, false
		}
		s, ok := v.(string)
		if !ok {
			errs.Errorf(from.at(conventionsKey, key), "%s must be a string, not %s", key, tomlType(v))
			return "", diag.Pos{}, false
		}
		return s, from.at(conventionsKey, key), true
	}
	strs := func(key string, allowString bool) ([]string, diag.Pos, bool) {
		v, from := lookup(key)
		if from == nil {
			errs.Errorf(f.at(conventionsKey), "[%s] lacks %q and no parent locale file sets it", conventionsKey, key)
			return nil, diag.Pos{}, false
		}
		pos := from.at(conventionsKey, key)
		if s, ok := v.(string); ok && allowString {
			return splitLetters(s), pos, true
		}
		arr, ok := v.([]any)
		if !ok {
			errs.Errorf(pos, "%s must be an array of strings, not %s", key, tomlType(v))
			return nil, pos, false
		}
		out := make([]string, len(arr))
		for i, e := range arr {
			s, ok := e.(string)
			if !ok || s == "" {
				errs.Errorf(pos, "%s: element %d must be a non-empty string", key, i+1)
				return nil, pos, false
			}
			out[i] = s
		}
		return out, pos, true
	}

	conv := &f.conv
	if s, pos, ok := str("direction"); ok {
		switch doc.Direction(s) {
		case doc.LTR, doc.RTL:
			conv.Dir = doc.Direction(s)
		default:
			errs.Errorf(pos, "direction must be %q or %q, not %q", doc.LTR, doc.RTL, s)
		}
	}
	if s, pos, ok := str("numbering"); ok {
		ds, known := newDigits(s)
		if !known {
			errs.Errorf(pos, "unknown numbering system %q (known: %s)", s, strings.Join(numberingSystems(), ", "))
		}
		conv.Numbering, f.digits = s, ds
	}
	// text_digits is optional: the text's digits stay as written.
	if v, from := lookup("text_digits"); from != nil {
		pos := from.at(conventionsKey, "text_digits")
		switch s, _ := v.(string); s {
		case textDigitsNumbering, textDigitsAsWritten:
			conv.TextDigits = s == textDigitsNumbering
		default:
			if str, isStr := v.(string); isStr {
				errs.Errorf(pos, "text_digits must be %q or %q, not %q", textDigitsNumbering, textDigitsAsWritten, str)
			} else {
				errs.Errorf(pos, "text_digits must be %q or %q, not %s", textDigitsNumbering, textDigitsAsWritten, tomlType(v))
			}
		}
	}
	if s, pos, ok := str("clause_number"); ok {
		m, err := parseMarker(s)
		if err != nil {
			errs.Errorf(pos, "clause_number: %v", err)
		}
		conv.ClauseNumber = s
		f.markers = append(f.markers, m)
	}
	if ps, pos, ok := strs("subclause", false); ok {
		if len(ps) == 0 {
			errs.Errorf(pos, "subclause must give at least the depth-2 marker")
		}
		for _, p := range ps {
			m, err := parseMarker(p)
			if err != nil {
				errs.Errorf(pos, "subclause: %v", err)
			}
			f.markers = append(f.markers, m)
		}
		conv.Subclause = ps
	}
	if ls, pos, ok := strs("letters", true); ok {
		if len(ls) == 0 {
			errs.Errorf(pos, "letters must not be empty")
		}
		conv.Letters = ls
	}
	if qs, pos, ok := strs("quotes", false); ok {
		if len(qs) != 2 {
			errs.Errorf(pos, "quotes must be [opening, closing], not %d strings", len(qs))
		} else {
			conv.QuoteOpen, conv.QuoteClose = qs[0], qs[1]
		}
	}
	// inner_quotes is optional: a quotation inside another takes the
	// outer marks when a locale file does not name others.
	if v, from := lookup("inner_quotes"); from != nil {
		pos := from.at(conventionsKey, "inner_quotes")
		arr, _ := v.([]any)
		var qs []string
		for _, e := range arr {
			if s, ok := e.(string); ok && s != "" {
				qs = append(qs, s)
			}
		}
		if len(arr) != 2 || len(qs) != 2 {
			errs.Errorf(pos, "inner_quotes must be [opening, closing], two non-empty strings")
		} else {
			conv.InnerQuoteOpen, conv.InnerQuoteClose = qs[0], qs[1]
		}
	}
	if s, pos, ok := str("date"); ok {
		if !contains(dateStyles, s) {
			errs.Errorf(pos, "date must be one of %s, not %q", strings.Join(dateStyles, ", "), s)
		}
		conv.DateStyle = s
	}
	dateTag := f.tag
	datePos := f.at(conventionsKey)
	if s, pos, ok := str("date_locale"); ok {
		t, err := language.Parse(s)
		if err != nil {
			errs.Errorf(pos, "date_locale %q is not a BCP 47 tag", s)
		} else {
			dateTag, datePos = t, pos
		}
	}
	conv.DateLocale = langmatch.Strip(dateTag).String()
	if tr, ok := dateTranslator(dateTag); ok {
		f.dates = tr
	} else {
		errs.Errorf(datePos, "no CLDR date patterns for %s; set date_locale to one of %s", dateTag, strings.Join(dateLocaleNames(), ", "))
	}
	errs.Append(resolveTypography(&conv.Typography, lookup))
	return errs
}

// resolveTypography reads the optional line-breaking and hyphenation keys
// of [_conventions] (inherited from parent locale files like the others).
func resolveTypography(t *doc.Typography, lookup func(string) (any, *localeFile)) diag.List {
	var errs diag.List
	t.HyphenLeft, t.HyphenRight, t.HyphenLadder = 2, 3, 2
	get := func(key string) (any, diag.Pos, bool) {
		v, from := lookup(key)
		if from == nil {
			return nil, diag.Pos{}, false
		}
		return v, from.at(conventionsKey, key), true
	}
	str := func(key string) (string, diag.Pos, bool) {
		v, pos, ok := get(key)
		if !ok {
			return "", pos, false
		}
		s, isStr := v.(string)
		if !isStr {
			errs.Errorf(pos, "%s must be a string, not %s", key, tomlType(v))
			return "", pos, false
		}
		return s, pos, true
	}
	boolean := func(key string, into *bool) {
		v, pos, ok := get(key)
		if !ok {
			return
		}
		b, isBool := v.(bool)
		if !isBool {
			errs.Errorf(pos, "%s must be true or false, not %s", key, tomlType(v))
			return
		}
		*into = b
	}
	if s, pos, ok := str("hyphenation"); ok && s != "" {
		if !hyphen.Has(s) {
			msg := fmt.Sprintf("no hyphenation patterns %q in locales/hyphenation", s)
			if sug := diag.Suggest(s, hyphen.Names()); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			}
			errs.Errorf(pos, "%s; have %s, or \"\" for none", msg, strings.Join(hyphen.Names(), ", "))
		} else {
			t.Hyphenation = s
		}
	}
	if v, pos, ok := get("hyphen_min"); ok {
		arr, isArr := v.([]any)
		var ns []int64
		for _, e := range arr {
			if n, isInt := e.(int64); isInt && n >= 1 && n <= 10 {
				ns = append(ns, n)
			}
		}
		if !isArr || len(arr) != 2 || len(ns) != 2 {
			errs.Errorf(pos, "hyphen_min must be [left, right], two whole numbers from 1 to 10")
		} else {
			t.HyphenLeft, t.HyphenRight = int(ns[0]), int(ns[1])
		}
	}
	if v, pos, ok := get("hyphen_ladder"); ok {
		n, isInt := v.(int64)
		if !isInt || n < 0 || n > 100 {
			errs.Errorf(pos, "hyphen_ladder must be a whole number from 0 (no limit) to 100")
		} else {
			t.HyphenLadder = int(n)
		}
	}
	boolean("hyphenate_capitalized", &t.HyphenateCapitalized)
	boolean("glue_numbers", &t.GlueNumbers)
	boolean("fullwidth_punctuation", &t.FullWidthPunctuation)
	if v, pos, ok := get("no_break_after"); ok {
		arr, isArr := v.([]any)
		if !isArr {
			errs.Errorf(pos, "no_break_after must be an array of words, not %s", tomlType(v))
		}
		for i, e := range arr {
			w, isStr := e.(string)
			if !isStr || w == "" || strings.ContainsFunc(w, unicode.IsSpace) {
				errs.Errorf(pos, "no_break_after: element %d must be one word", i+1)
				continue
			}
			t.NoBreakAfter = append(t.NoBreakAfter, w)
		}
	}
	if s, _, ok := str("no_line_start"); ok {
		t.NoLineStart = s
	}
	if s, _, ok := str("thin_space_before"); ok {
		t.ThinSpaceBefore = s
	}
	if s, _, ok := str("thin_space_after"); ok {
		t.ThinSpaceAfter = s
	}
	return errs
}

// at returns the position of a key path of the file, or of the nearest
// enclosing key the scanner found, or of the file.
func (f *localeFile) at(keys ...string) diag.Pos {
	for n := len(keys); n > 0; n-- {
		if p, ok := f.pos[strings.Join(keys[:n], ".")]; ok {
			return p
		}
	}
	return diag.Pos{File: f.path}
}

// missingAt is where a missing message is reported: its key when the file
// has it (with an empty text), else the file's first line, so that CI
// annotators, which need a line, can place it.
func (f *localeFile) missingAt(id string) diag.Pos {
	if p, ok := f.pos[id]; ok {
		return p
	}
	return diag.Pos{File: f.path, Line: 1, Col: 1}
}

// tomlType names the TOML type of a decoded value for messages.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "an array"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case bool:
		return "a boolean"
	}
	return "a date or time"
}

// keyPositions finds where each key of a locale file is written, as
// "table.key" → position. BurntSushi/toml keeps key positions private; the
// locale files are plain tables of strings, so a line scanner is enough for
// pointing a person at the right line. Keys it cannot see (inside inline
// tables) fall back to their table's position.
func keyPositions(file, src string) map[string]diag.Pos {
	pos := map[string]diag.Pos{}
	table := ""
	inMulti := ""
	for i, line := range strings.Split(src, "\n") {
		ln := i + 1
		if inMulti != "" {
			if strings.Contains(line, inMulti) {
				inMulti = ""
			}
			continue
		}
		trimmed := strings.TrimLeft(line, " \t\ufeff")
		indent := utf8.RuneCountInString(line[:len(line)-len(trimmed)])
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		if trimmed[0] == '[' {
			end := strings.IndexByte(trimmed, ']')
			if end < 0 || strings.HasPrefix(trimmed, "[[") {
				continue
			}
			inner := trimmed[1:end]
			lead := len(inner) - len(strings.TrimLeft(inner, " \t"))
			table = unquoteKey(strings.TrimSpace(inner))
			if _, ok := pos[table]; !ok {
				pos[table] = diag.Pos{File: file, Line: ln, Col: indent + 2 + lead}
			}
			continue
		}
		eq := strings.IndexByte(trimmed, '=')
		if eq < 0 {
			continue
		}
		key := unquoteKey(strings.TrimSpace(trimmed[:eq]))
		full := key
		if table != "" {
			full = table + "." + key
		}
		if _, ok := pos[full]; !ok {
			pos[full] = diag.Pos{File: file, Line: ln, Col: indent + 1}
		}
		rest := trimmed[eq+1:]
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(rest, q) == 1 {
				inMulti = q
			}
		}
	}
	return pos
}

func unquoteKey(k string) string {
	if len(k) >= 2 && (k[0] == '"' && k[len(k)-1] == '"' || k[0] == '\'' && k[len(k)-1] == '\'') {
		return k[1 : len(k)-1]
	}
	return k
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sourceHash is the hash `goi18n merge` records in a translation: sha1 of
// the source message's description and "other" text.
func sourceHash(m *i18n.Message) string {
	h := sha1.New()
	h.Write([]byte(m.Description))
	h.Write([]byte(m.Other))
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// Check holds every locale file to the canonical message list and returns
// what it finds, as warnings sorted by position: messages missing (in files
// that have no parent file to inherit from), unknown message IDs, plural keys
// other than the language's CLDR categories, documented template fields a
// message drops, and translations whose hash names an older English text.
// (Fields a message is not given, and every other template construct, are
// errors that Load reports.)
// A complete, current catalog checks clean.
func (c *Catalog) Check() diag.List {
	var out diag.List
	src := c.files[SourceLocale]
	for _, name := range c.tags {
		f := c.files[name]
		hasParent := len(c.ancestors(f)) > 0
		ids := make([]string, 0, len(f.msgs))
		for id := range f.msgs {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			if _, ok := messageSpec(id); !ok {
				msg := fmt.Sprintf("unknown message %q", id)
				if s := diag.Suggest(id, messageIDs()); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				out.Add(diag.Warnf(f.at(id), "%s", msg).WithCode(diag.UnknownMessage))
			}
		}
		for _, spec := range Messages {
			m := f.msgs[spec.ID]
			if m == nil || m.Other == "" {
				if !hasParent {
					out.Add(diag.Warnf(f.missingAt(spec.ID), "missing translation for %q (%s)", spec.ID, f.name).WithCode(diag.MissingMessage))
				}
				// An empty message (a new file's) is missing, not also
				// short of every plural form.
				continue
			}
			out.Append(f.checkForms(spec, m))
			out.Append(f.checkVars(spec, m))
			if src != nil && f != src && m.Hash != "" {
				if sm := src.message(spec.ID); sm != nil && sourceHash(sm) != m.Hash {
					out.Add(diag.Warnf(f.at(spec.ID, "hash"), "message %q was translated from an older %s text; review it and update its hash to %s", spec.ID, SourceLocale, sourceHash(sm)).WithCode(diag.StaleMessage))
				}
			}
		}
	}
	out.Sort()
	return out
}

// presentForms returns the plural keys m sets, in CLDR order.
func presentForms(m *i18n.Message) []string {
	var out []string
	for _, form := range pluralFormOrder {
		if formText(m, form) != "" {
			out = append(out, form)
		}
	}
	return out
}

// checkForms compares the plural keys of m with what its language needs.
func (f *localeFile) checkForms(spec Message, m *i18n.Message) diag.List {
	var out diag.List
	want := []string{"other"}
	if spec.Plural {
		want = f.forms
	}
	var missing, extra []string
	have := presentForms(m)
	for _, w := range want {
		if !contains(have, w) {
			missing = append(missing, w)
		}
	}
	for _, h := range have {
		if !contains(want, h) {
			extra = append(extra, h)
		}
	}
	if spec.Plural && len(missing) > 0 {
		out.Add(diag.Warnf(f.at(spec.ID), "message %q lacks the plural %s, which %s needs", spec.ID, formsPhrase(missing), f.name).WithCode(diag.PluralForms))
	}
	if len(extra) > 0 {
		if spec.Plural {
			out.Add(diag.Warnf(f.at(spec.ID, extra[0]), "message %q has the plural %s, which %s does not use", spec.ID, formsPhrase(extra), f.name).WithCode(diag.PluralForms))
		} else {
			out.Add(diag.Warnf(f.at(spec.ID, extra[0]), "message %q is not counted; only \"other\" is used, not %s", spec.ID, strings.Join(extra, ", ")).WithCode(diag.PluralForms))
		}
	}
	return out
}

// checkVars reports the documented fields a message's "other" text drops.
// Fields it is not given, and anything but fields, were refused by Load.
func (f *localeFile) checkVars(spec Message, m *i18n.Message) diag.List {
	var out diag.List
	fields, _, err := checkTemplate(spec.ID, m.Other, nil)
	if err != nil {
		return nil
	}
	for _, v := range spec.Vars {
		if !contains(fields, v) {
			out.Add(diag.Warnf(f.at(spec.ID, "other"), "message %q (other) drops {{.%s}}", spec.ID, v).WithCode(diag.MessageVars))
		}
	}
	return out
}
