package text

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/polypress/polypress/pipeline/internal/typesetting/font"
	"github.com/polypress/polypress/pipeline/internal/typesetting/language"
	xlanguage "golang.org/x/text/language"
)

// Stack says which font families set which scripts for one text role (body
// text, headings) in one locale. It is data, read from the layout files, so
// that a locale can choose Nastaliq for Urdu without any code knowing.
type Stack struct {
	// Scripts maps an ISO 15924 script code ("Arab", "Latn", "Hani") to
	// the family tried first for characters of that script.
	Scripts map[string]string
	// Fallback lists the families tried, in order, for characters the
	// script's family lacks (digits and parentheses inside Arabic, say).
	Fallback []string
	// Langs changes Scripts for text in a given language (a span marked
	// [text]{lang=ur}): base language ("ur") → script → family, so that
	// Urdu inside an English sentence is set in Nastaliq, not Naskh.
	Langs map[string]map[string]string
	// Scale sizes a family where it sets text inside a paragraph whose
	// primary font is another, by family name.
	Scale map[string]Scale

	orderOnce sync.Once
	order     []string // fallbacks then script families; see tryOrder
}

// Families returns every family the stack names, script families first in
// script-name order, then the fallbacks; each once.
func (s *Stack) Families() []string {
	seen := map[string]bool{}
	var out []string
	keys := make([]string, 0, len(s.Scripts))
	for k := range s.Scripts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if f := s.Scripts[k]; !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	for _, f := range s.Fallback {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	langs := make([]string, 0, len(s.Langs))
	for l := range s.Langs {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		scripts := make([]string, 0, len(s.Langs[l]))
		for k := range s.Langs[l] {
			scripts = append(scripts, k)
		}
		sort.Strings(scripts)
		for _, k := range scripts {
			if f := s.Langs[l][k]; !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// Check reports families that the library does not have, and parses the
// faces of the first fallback family: layout gives characters no font
// covers to that family, so it must be usable. Other fonts are parsed when
// first needed; one that then fails to parse counts as lacking every
// character.
func (s *Stack) Check(lib *Library) error {
	var missing []string
	for _, f := range s.Families() {
		if lib.Face(f, false, false) == nil {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("unknown font families %s (have %s)", strings.Join(missing, ", "), strings.Join(lib.Names(), ", "))
	}
	if len(s.Fallback) == 0 {
		return fmt.Errorf("no fallback font family")
	}
	last := lib.families[s.Fallback[0]]
	if len(last) == 0 {
		last = []*Font{lib.fonts[s.Fallback[0]]}
	}
	for _, f := range last {
		if _, err := f.parse(); err != nil {
			return err
		}
	}
	return nil
}

// Scale is how a family is sized inside another family's paragraph: by
// Factor, or so that its Metric ("x-height" or "cap-height", from the
// fonts' OS/2 tables) matches the paragraph's primary font.
type Scale struct {
	Factor float64
	Metric string
}

// factor returns the size factor for fnt in a paragraph whose primary font
// is primary.
func (s Scale) factor(fnt, primary *Font) float64 {
	if s.Factor > 0 {
		return s.Factor
	}
	pm, fm := primary.os2Metric(s.Metric), fnt.os2Metric(s.Metric)
	if pm <= 0 || fm <= 0 {
		return 1
	}
	return pm / fm
}

// os2Metric reads sxHeight or sCapHeight of the font's OS/2 table (version
// 2 and later), in em; 0 when the font has none.
func (f *Font) os2Metric(metric string) float64 {
	d := f.Data
	if len(d) < 12 {
		return 0
	}
	n := int(d[4])<<8 | int(d[5])
	var os2, head int
	for i := 0; i < n && 12+16*i+16 <= len(d); i++ {
		rec := d[12+16*i:]
		off := int(rec[8])<<24 | int(rec[9])<<16 | int(rec[10])<<8 | int(rec[11])
		switch string(rec[:4]) {
		case "OS/2":
			os2 = off
		case "head":
			head = off
		}
	}
	if os2 == 0 || head == 0 || os2+90 > len(d) || head+20 > len(d) {
		return 0
	}
	if version := int(d[os2])<<8 | int(d[os2+1]); version < 2 {
		return 0
	}
	at := os2 + 86
	if metric == "cap-height" {
		at = os2 + 88
	}
	v := int16(uint16(d[at])<<8 | uint16(d[at+1]))
	upem := int(d[head+18])<<8 | int(d[head+19])
	if v <= 0 || upem == 0 {
		return 0
	}
	return float64(v) / float64(upem)
}

// fontmap resolves a face for each rune of one style, implementing
// shaping.FontmapScript so that the segmenter tells it the script of
// Common characters (digits, punctuation) from their surroundings.
type fontmap struct {
	sh     *Shaper
	stack  *Stack
	bold   bool
	italic bool
	// lang is the primary language of the text (a span's, else the
	// paragraph's), for the stack's per-language families.
	lang   language.Language
	script language.Script
	// scriptFace is the face the stack gives script, looked up once per
	// script rather than once per rune; scriptKnown says it was.
	scriptFace  *font.Face
	scriptKnown bool
	// missing is set when a rune no font covers was met; the rune is still
	// given a face so that shaping never fails.
	missing bool
	// ascii is the shaper's table of faces for ASCII in this stack, style,
	// language and script; nil until needed.
	ascii *[0x80]*font.Face
}

func (m *fontmap) SetScript(s language.Script) {
	if s != m.script {
		m.script, m.scriptFace, m.scriptKnown, m.ascii = s, nil, false, nil
	}
}

func (m *fontmap) ResolveFace(r rune) *font.Face {
	if r < 0 || r >= 0x80 {
		return m.resolve(r)
	}
	// ASCII: remembered per stack, style, language and script by the
	// shaper, as nearly every character asks.
	if m.ascii == nil {
		k := faceKey{stack: m.stack, bold: m.bold, italic: m.italic, lang: m.lang, script: m.script}
		if m.ascii = m.sh.asciiFaces[k]; m.ascii == nil {
			m.ascii = new([0x80]*font.Face)
			m.sh.asciiFaces[k] = m.ascii
		}
	}
	if f := m.ascii[r]; f != nil {
		return f
	}
	missing := m.missing
	m.missing = false
	f := m.resolve(r)
	if !m.missing {
		m.ascii[r] = f
	}
	m.missing = m.missing || missing
	return f
}

// faceKey is what decides the face for a character, with the character.
type faceKey struct {
	stack        *Stack
	bold, italic bool
	lang         language.Language
	script       language.Script
}

func (m *fontmap) resolve(r rune) *font.Face {
	if !m.scriptKnown {
		fam, ok := m.stack.Langs[string(m.lang)][m.script.String()]
		if !ok {
			fam, ok = m.stack.Scripts[m.script.String()]
		}
		if ok {
			m.scriptFace = m.sh.face(fam, m.bold, m.italic)
		}
		m.scriptKnown = true
	}
	// A language may take the punctuation all scripts share (quotation
	// marks, dashes, the ellipsis; not ASCII) from its own family, when
	// that family has it: the layout names it for the script Zyyy
	// (Common).
	if r > 0x7f {
		if fam, ok := m.stack.Langs[string(m.lang)]["Zyyy"]; ok && language.LookupScript(r) == language.Common {
			if f := m.sh.face(fam, m.bold, m.italic); f != nil {
				if _, ok := f.NominalGlyph(r); ok {
					return f
				}
			}
		}
	}
	if f := m.scriptFace; f != nil {
		if _, ok := f.NominalGlyph(r); ok {
			return f
		}
	}
	// Then the fallbacks, then the other scripts' families: an Arabic
	// comma in an English sentence is found in the Arabic font.
	for _, fam := range m.stack.tryOrder() {
		if f := m.sh.face(fam, m.bold, m.italic); f != nil {
			if _, ok := f.NominalGlyph(r); ok {
				return f
			}
		}
	}
	m.missing = true
	return m.sh.face(m.stack.Fallback[0], m.bold, m.italic)
}

// primary returns the paragraph's primary font: the face its first span's
// stack gives the main script of the paragraph's language (Latn for en,
// Arab for ur, Hani for zh), in that span's weight and slant; else the
// stack's first fallback. Line extents and fallback scaling follow it.
func (sh *Shaper) primary(p *Paragraph) *Font {
	if len(p.Spans) == 0 || p.Spans[0].Style.Stack == nil {
		return nil
	}
	st := p.Spans[0].Style
	stack := st.Stack
	// Parsing the language tag costs more than the rest: once per tag.
	l, ok := sh.langs[p.Lang]
	if !ok {
		l = langScript{script: "Latn", base: string(baseLang(p.Lang))}
		if p.Lang != "" {
			if sc, _ := xlanguage.Make(p.Lang).Script(); sc.String() != "Zzzz" {
				l.script = sc.String()
			}
		}
		switch l.script {
		case "Hans", "Hant", "Jpan", "Kore":
			l.script = "Hani"
		}
		sh.langs[p.Lang] = l
	}
	script, base := l.script, l.base
	fam, ok := stack.Langs[base][script]
	if !ok {
		fam, ok = stack.Scripts[script]
	}
	if !ok && len(stack.Fallback) > 0 {
		fam = stack.Fallback[0]
	}
	if f := sh.face(fam, st.Bold, st.Italic); f != nil {
		return sh.fonts[f]
	}
	return nil
}

// Covers reports the font that would set r in this stack and style, or nil
// when none of them has a glyph for it. The glyph preflight uses it to name
// characters no bundled font can show before any layout is done.
func (sh *Shaper) Covers(stack *Stack, r rune, bold, italic bool) *Font {
	// The preflight asks for every character of an edition: remember the
	// answers, for ASCII in a table per stack and style, the last used
	// first.
	if r < 0x80 {
		t := sh.lastASCII
		if t == nil || t.stack != stack || t.bold != bold || t.italic != italic {
			k := coversKey{stack: stack, bold: bold, italic: italic}
			if t = sh.ascii[k]; t == nil {
				t = &asciiCovers{stack: stack, bold: bold, italic: italic}
				sh.ascii[k] = t
			}
			sh.lastASCII = t
		}
		if !t.known[r] {
			t.font[r], t.known[r] = sh.covers1(stack, r, bold, italic), true
		}
		return t.font[r]
	}
	k := coversKey{stack: stack, r: r, bold: bold, italic: italic}
	if f, ok := sh.covers[k]; ok {
		return f
	}
	f := sh.covers1(stack, r, bold, italic)
	sh.covers[k] = f
	return f
}

// langScript is what primary reads from a language tag: its main script
// (Hani for all of Chinese, Japanese and Korean) and its base language.
type langScript struct {
	script, base string
}

type coversKey struct {
	stack        *Stack
	r            rune
	bold, italic bool
}

// asciiCovers holds Covers's answers for ASCII in one stack and style.
type asciiCovers struct {
	stack        *Stack
	bold, italic bool
	font         [0x80]*Font
	known        [0x80]bool
}

func (sh *Shaper) covers1(stack *Stack, r rune, bold, italic bool) *Font {
	script := language.LookupScript(r).String()
	try := func(fam string) *Font {
		f := sh.face(fam, bold, italic)
		if f == nil {
			return nil
		}
		if _, ok := f.NominalGlyph(r); ok {
			return sh.fonts[f]
		}
		return nil
	}
	if fam, ok := stack.Scripts[script]; ok {
		if f := try(fam); f != nil {
			return f
		}
	}
	for _, fam := range stack.tryOrder() {
		if f := try(fam); f != nil {
			return f
		}
	}
	return nil
}

// Tried returns the families tried for r, in order, for messages that
// name the fonts a character was looked for in.
func (s *Stack) Tried(r rune) []string {
	var out []string
	if fam, ok := s.Scripts[language.LookupScript(r).String()]; ok {
		out = append(out, fam)
	}
	for _, fam := range s.tryOrder() {
		if !slices.Contains(out, fam) {
			out = append(out, fam)
		}
	}
	return out
}

// tryOrder is the order families are tried in after the script's own: the
// fallbacks, then every script family.
func (s *Stack) tryOrder() []string {
	s.orderOnce.Do(func() {
		fams := append([]string(nil), s.Fallback...)
		for _, f := range s.Families() {
			if !slices.Contains(fams, f) {
				fams = append(fams, f)
			}
		}
		s.order = fams
	})
	return s.order
}
