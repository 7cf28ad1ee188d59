package text

import (
	"slices"

	"github.com/polypress/polypress/pipeline/internal/typesetting/font"
	"github.com/polypress/polypress/pipeline/internal/typesetting/font/opentype/tables"
)

// spaceSeparates reports whether text set in this font may be cut after
// a run of spaces (U+0020) and each piece shaped on its own, with the
// glyphs HarfBuzz gives the whole run: whether "word " can be shaped once
// and its glyphs reused wherever the word and its space recur. It is the
// test Chromium makes before it shapes word by word
// (HarfBuzzFace::HasSpaceInLigaturesOrKerning), made stricter: on every
// lookup of the font, not only those of the enabled features, so that it
// holds for every script and language the font sets.
//
// Only OpenType lookups that read more than one glyph carry anything from
// one glyph to another: pair kerning, ligatures, contextual and chaining
// rules, cursive and mark attachment. Each reads a window of glyphs (a
// chaining rule's backtrack, input and lookahead; a pair's two glyphs). A
// window that holds no space glyph lies inside one word. A window whose
// last glyph is the space ("a glyph before a space", which Nastaliq and
// Devanagari fonts use for word-final forms) lies inside the piece "word
// " as well. Only a window with the space before its last glyph (kerning
// from a space, "a glyph after a space", a ligature through a space)
// reaches from one piece into the next. So the font separates pieces when
// no multi-glyph lookup can match the space glyph, or any glyph a
// single, multiple or alternate substitution can make of it, anywhere
// but at the end of its window (by glyph, coverage or class, class 0
// included), when no such lookup skips the space by its GDEF class, and
// when the font has no legacy kern table and no Apple morx or kerx table
// (whose state machines this test does not read).
//
// Arabic joining, which also reaches across a run's edges, follows the
// characters, not the font: see pieceContext.
func spaceSeparates(f *font.Font) bool {
	if len(f.Kern) > 0 || len(f.Kerx) > 0 || len(f.Morx) > 0 {
		return false
	}
	gid, ok := f.Cmap.Lookup(' ')
	if !ok {
		return false
	}
	a := spaceAnalysis{space: substClosure(f, []tables.GlyphID{tables.GlyphID(gid)})}

	// A space may be skipped by a lookup that ignores its GDEF class. A
	// font without glyph classes has them made up from Unicode, which
	// makes the space a base glyph.
	class := uint16(1)
	if f.GDEF.GlyphClassDef != nil {
		class = 0
		for _, g := range a.space {
			if c, ok := f.GDEF.GlyphClassDef.Class(g); ok && c != 0 {
				class = c
				break
			}
		}
	}
	skipped := func(flag uint16) bool {
		switch class {
		case 1:
			return flag&0x2 != 0 // IgnoreBaseGlyphs
		case 2:
			return flag&0x4 != 0 // IgnoreLigatures
		case 3:
			return true // a mark: mark filtering may skip it too
		}
		return false
	}
	for _, lk := range f.GSUB.Lookups {
		for _, st := range lk.Subtables {
			switch st := st.(type) {
			case tables.SingleSubs, tables.MultipleSubs, tables.AlternateSubs:
				// One glyph in: what the space becomes is in a.space.
			case tables.LigatureSubs:
				if skipped(lk.Flag) || a.ligature(st) {
					return false
				}
			case tables.ContextualSubs:
				if skipped(lk.Flag) || a.context(st.Data) {
					return false
				}
			case tables.ChainedContextualSubs:
				if skipped(lk.Flag) || a.chain(st.Data) {
					return false
				}
			case tables.ReverseChainSingleSubs:
				if skipped(lk.Flag) || a.coverages(st.BacktrackCoverages, false) ||
					a.coverages(append([]tables.Coverage{st.Cov()}, st.LookaheadCoverages...), true) {
					return false
				}
			default:
				return false // unknown: assume the worst
			}
		}
	}
	for _, lk := range f.GPOS.Lookups {
		for _, st := range lk.Subtables {
			switch st := st.(type) {
			case tables.SinglePos:
			case tables.PairPos:
				// The second glyph ends the window: kerning before a
				// space is harmless, kerning after one is not.
				if skipped(lk.Flag) || a.in(st.Cov()) {
					return false
				}
			case tables.CursivePos:
				if skipped(lk.Flag) || a.in(st.Cov()) {
					return false
				}
			case tables.MarkBasePos:
				// A mark ends its window; its base does not.
				if skipped(lk.Flag) || a.in(st.BaseCoverage) {
					return false
				}
			case tables.MarkLigPos:
				if skipped(lk.Flag) || a.in(st.LigatureCoverage) {
					return false
				}
			case tables.MarkMarkPos:
				if skipped(lk.Flag) || a.in(st.Mark2Coverage) {
					return false
				}
			case tables.ContextualPos:
				if skipped(lk.Flag) || a.context(st.Data) {
					return false
				}
			case tables.ChainedContextualPos:
				if skipped(lk.Flag) || a.chain(st.Data) {
					return false
				}
			default:
				return false
			}
		}
	}
	return true
}

// spaceAnalysis finds where lookups can match the space glyphs.
type spaceAnalysis struct {
	space []tables.GlyphID
}

func (a *spaceAnalysis) in(cov tables.Coverage) bool {
	if cov == nil {
		return false
	}
	for _, g := range a.space {
		if _, ok := cov.Index(g); ok {
			return true
		}
	}
	return false
}

// coverages reports whether a space can match a position of a window
// part given by coverages; ends says the part ends the window, where its
// last position may hold a space.
func (a *spaceAnalysis) coverages(covs []tables.Coverage, ends bool) bool {
	for i, c := range covs {
		if a.in(c) && !(ends && i == len(covs)-1) {
			return true
		}
	}
	return false
}

// glyphs is coverages for a part given glyph by glyph, or class by class
// (with the classes a space has in it).
func (a *spaceAnalysis) glyphs(seq, space []uint16, ends bool) bool {
	for i, g := range seq {
		if slices.Contains(space, g) && !(ends && i == len(seq)-1) {
			return true
		}
	}
	return false
}

func (a *spaceAnalysis) ligature(st tables.LigatureSubs) bool {
	for i, set := range st.LigatureSets {
		for _, l := range set.Ligatures {
			// The first glyph ends the window only in a ligature of one.
			if len(l.ComponentGlyphIDs) > 0 && a.firstIs(st.Coverage, i) ||
				a.glyphs(l.ComponentGlyphIDs, a.space, true) {
				return true
			}
		}
	}
	return false
}

// firstIs reports whether the glyph with index idx in cov is a space.
func (a *spaceAnalysis) firstIs(cov tables.Coverage, idx int) bool {
	for _, g := range a.space {
		if i, ok := cov.Index(g); ok && i == idx {
			return true
		}
	}
	return false
}

// classes returns the classes cd gives the space glyphs (0 for a glyph
// it does not list, as for a missing table).
func (a *spaceAnalysis) classes(cd tables.ClassDef) []uint16 {
	var out []uint16
	for _, g := range a.space {
		c := uint16(0)
		if cd != nil {
			c, _ = cd.Class(g)
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// context reports whether a contextual rule (GSUB 5, GPOS 7) can match a
// space before the last glyph of its input.
func (a *spaceAnalysis) context(d interface{ Cov() tables.Coverage }) bool {
	switch d := d.(type) {
	case tables.ContextualSubs1:
		return a.context1((*tables.SequenceContextFormat1)(&d), d.Cov())
	case tables.ContextualPos1:
		return a.context1((*tables.SequenceContextFormat1)(&d), d.Cov())
	case tables.ContextualSubs2:
		return a.context2((*tables.SequenceContextFormat2)(&d), d.Cov())
	case tables.ContextualPos2:
		return a.context2((*tables.SequenceContextFormat2)(&d), d.Cov())
	case tables.ContextualSubs3:
		return a.coverages(d.Coverages, true)
	case tables.ContextualPos3:
		return a.coverages(d.Coverages, true)
	}
	return true
}

func (a *spaceAnalysis) context1(f *tables.SequenceContextFormat1, cov tables.Coverage) bool {
	for i, set := range f.SeqRuleSet {
		for _, r := range set.SeqRule {
			if len(r.InputSequence) > 0 && a.firstIs(cov, i) || a.glyphs(r.InputSequence, a.space, true) {
				return true
			}
		}
	}
	return false
}

func (a *spaceAnalysis) context2(f *tables.SequenceContextFormat2, cov tables.Coverage) bool {
	cs := a.classes(f.ClassDef)
	first := a.in(cov)
	for c, set := range f.ClassSeqRuleSet {
		for _, r := range set.SeqRule {
			if len(r.InputSequence) > 0 && first && slices.Contains(cs, uint16(c)) || a.glyphs(r.InputSequence, cs, true) {
				return true
			}
		}
	}
	return false
}

// chain is context for chaining rules (GSUB 6, GPOS 8), whose window is
// backtrack, input and lookahead: a space may only be the last glyph of
// the lookahead, or of the input when there is no lookahead.
func (a *spaceAnalysis) chain(d interface{ Cov() tables.Coverage }) bool {
	switch d := d.(type) {
	case tables.ChainedContextualSubs1:
		return a.chain1((*tables.ChainedSequenceContextFormat1)(&d), d.Cov())
	case tables.ChainedContextualPos1:
		return a.chain1((*tables.ChainedSequenceContextFormat1)(&d), d.Cov())
	case tables.ChainedContextualSubs2:
		return a.chain2((*tables.ChainedSequenceContextFormat2)(&d), d.Cov())
	case tables.ChainedContextualPos2:
		return a.chain2((*tables.ChainedSequenceContextFormat2)(&d), d.Cov())
	case tables.ChainedContextualSubs3:
		return a.chain3((*tables.ChainedSequenceContextFormat3)(&d))
	case tables.ChainedContextualPos3:
		return a.chain3((*tables.ChainedSequenceContextFormat3)(&d))
	}
	return true
}

func (a *spaceAnalysis) chain1(f *tables.ChainedSequenceContextFormat1, cov tables.Coverage) bool {
	for i, set := range f.ChainedSeqRuleSet {
		for _, r := range set.ChainedSeqRules {
			ahead := len(r.LookaheadSequence) > 0
			if (len(r.InputSequence) > 0 || ahead) && a.firstIs(cov, i) ||
				a.glyphs(r.BacktrackSequence, a.space, false) ||
				a.glyphs(r.InputSequence, a.space, !ahead) ||
				a.glyphs(r.LookaheadSequence, a.space, true) {
				return true
			}
		}
	}
	return false
}

func (a *spaceAnalysis) chain2(f *tables.ChainedSequenceContextFormat2, cov tables.Coverage) bool {
	back, input, look := a.classes(f.BacktrackClassDef), a.classes(f.InputClassDef), a.classes(f.LookaheadClassDef)
	first := a.in(cov)
	for c, set := range f.ChainedClassSeqRuleSet {
		for _, r := range set.ChainedSeqRules {
			ahead := len(r.LookaheadSequence) > 0
			if (len(r.InputSequence) > 0 || ahead) && first && slices.Contains(input, uint16(c)) ||
				a.glyphs(r.BacktrackSequence, back, false) ||
				a.glyphs(r.InputSequence, input, !ahead) ||
				a.glyphs(r.LookaheadSequence, look, true) {
				return true
			}
		}
	}
	return false
}

func (a *spaceAnalysis) chain3(f *tables.ChainedSequenceContextFormat3) bool {
	ahead := len(f.LookaheadCoverages) > 0
	return a.coverages(f.BacktrackCoverages, false) || a.coverages(f.InputCoverages, !ahead) ||
		a.coverages(f.LookaheadCoverages, true)
}

// substClosure returns gs with every glyph that single, multiple and
// alternate substitutions can make of them, however chained.
func substClosure(f *font.Font, gs []tables.GlyphID) []tables.GlyphID {
	add := func(g tables.GlyphID) bool {
		if slices.Contains(gs, g) {
			return false
		}
		gs = append(gs, g)
		return true
	}
	for grew := true; grew; {
		grew = false
		for _, lk := range f.GSUB.Lookups {
			for _, st := range lk.Subtables {
				for i := 0; i < len(gs); i++ {
					g := gs[i]
					switch st := st.(type) {
					case tables.SingleSubs:
						idx, ok := st.Cov().Index(g)
						if !ok {
							continue
						}
						switch d := st.Data.(type) {
						case tables.SingleSubstData1:
							grew = add(tables.GlyphID(int(g)+int(d.DeltaGlyphID))) || grew
						case tables.SingleSubstData2:
							if idx < len(d.SubstituteGlyphIDs) {
								grew = add(d.SubstituteGlyphIDs[idx]) || grew
							}
						}
					case tables.MultipleSubs:
						if idx, ok := st.Coverage.Index(g); ok && idx < len(st.Sequences) {
							for _, o := range st.Sequences[idx].SubstituteGlyphIDs {
								grew = add(o) || grew
							}
						}
					case tables.AlternateSubs:
						if idx, ok := st.Coverage.Index(g); ok && idx < len(st.AlternateSets) {
							for _, o := range st.AlternateSets[idx].AlternateGlyphIDs {
								grew = add(o) || grew
							}
						}
					}
				}
			}
		}
	}
	return gs
}
