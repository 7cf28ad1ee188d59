package text

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/polypress/polypress/pipeline/internal/typesetting/font"
	"github.com/polypress/polypress/pipeline/internal/typesetting/language"
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
}

func (m *fontmap) SetScript(s language.Script) {
	if s != m.script {
		m.script, m.scriptFace, m.scriptKnown = s, nil, false
	}
}

func (m *fontmap) ResolveFace(r rune) *font.Face {
	if !m.scriptKnown {
		if fam, ok := m.stack.Scripts[m.script.String()]; ok {
			m.scriptFace = m.sh.face(fam, m.bold, m.italic)
		}
		m.scriptKnown = true
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

// Covers reports the font that would set r in this stack and style, or nil
// when none of them has a glyph for it. The glyph preflight uses it to name
// characters no bundled font can show before any layout is done.
func (sh *Shaper) Covers(stack *Stack, r rune, bold, italic bool) *Font {
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
