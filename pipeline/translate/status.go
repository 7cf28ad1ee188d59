package translate

import (
	"fmt"

	"github.com/polypress/polypress/locales"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/source"
)

// ReportVersion is the version of Report's JSON form, documented in
// docs/translating.md.
const ReportVersion = 2

// Segment states: what a translator still has to do with one segment. A
// segment is in exactly one state; the first that applies wins, in this
// order: missing, unchanged, stale or unstamped, translated.
const (
	// StateTranslated is a segment translated from the canonical text as
	// it is now.
	StateTranslated = "translated"
	// StateStale is a segment whose canonical text changed since it was
	// translated.
	StateStale = "stale"
	// StateUnstamped is a segment of a translation that records no
	// source-digest, so whether it is current cannot be told.
	StateUnstamped = "unstamped"
	// StateUnchanged is a segment that is the canonical text unchanged.
	StateUnchanged = "unchanged"
	// StateMissing is a segment the translation does not have.
	StateMissing = "missing"
)

// Count is a number of segments and of the canonical (source) words in
// them, counted as pocount counts.
type Count struct {
	Segments int `json:"segments"`
	Words    int `json:"words"`
}

func (c *Count) add(words int) {
	c.Segments++
	c.Words += words
}

// Stats are the counts of a translation or a locale file, as msgfmt
// --statistics and pocount give them. Translated counts as pocount's
// "translated", Stale and Unstamped as its "fuzzy", Unchanged and
// Missing as its "untranslated".
type Stats struct {
	Total      Count `json:"total"`
	Translated Count `json:"translated"`
	Stale      Count `json:"stale"`
	Unstamped  Count `json:"unstamped"`
	Unchanged  Count `json:"unchanged"`
	Missing    Count `json:"missing"`
	// Inherited counts the messages of a regional locale file that its
	// parent file gives (not segments of this file).
	Inherited int `json:"inherited"`
	// Percent is the share of segments translated, rounded down: 100
	// only when nothing is left to do.
	Percent int `json:"percent"`
}

func (s *Stats) add(state string, words int) {
	s.Total.add(words)
	switch state {
	case StateTranslated:
		s.Translated.add(words)
	case StateStale:
		s.Stale.add(words)
	case StateUnstamped:
		s.Unstamped.add(words)
	case StateUnchanged:
		s.Unchanged.add(words)
	case StateMissing:
		s.Missing.add(words)
	}
	s.Percent = 100
	if s.Total.Segments > 0 {
		s.Percent = 100 * s.Translated.Segments / s.Total.Segments
	}
}

// Report is what "locales status" shows: every locale file and every
// statement's translations. Its JSON form (ReportVersion) is documented
// in docs/translating.md; lists are never null.
type Report struct {
	Version    int               `json:"version"`
	Messages   int               `json:"messages"`
	Locales    []LocaleReport    `json:"locales"`
	Statements []StatementReport `json:"statements"`
}

// LocaleReport is the status of one locale file.
type LocaleReport struct {
	localize.LocaleStatus
	Stats Stats `json:"stats"`
}

// StatementReport is one canonical statement and its translations.
type StatementReport struct {
	ID   string `json:"id"`
	Path string `json:"path"`
	Lang string `json:"lang"`
	// Problems are the canonical file's own errors.
	Problems []string `json:"problems"`
	// Segments and Words are the canonical statement's size.
	Segments     int                 `json:"segments"`
	Words        int                 `json:"words"`
	Translations []TranslationReport `json:"translations"`

	diags diag.List
}

// TranslationReport is the status of one translation.
type TranslationReport struct {
	Lang string `json:"lang"`
	Path string `json:"path"`
	// Aligned is false when the translation does not parse or its
	// structure differs from the canonical statement's; Problems says
	// how, one "file:line:col: message" each.
	Aligned  bool     `json:"aligned"`
	Problems []string `json:"problems"`
	source.Freshness
	// StaleDetails are the positioned messages check prints about
	// staleness.
	StaleDetails []string `json:"stale_details"`
	// Record is the file recording what the translation was made from,
	// or "" when there is none (or it belongs to another stamp).
	Record string `json:"record"`
	Stats  Stats  `json:"stats"`
	// Segments lists the segments that need work (stale, unstamped
	// excepted, unchanged and missing), in reading order.
	Segments []SegmentReport `json:"segments"`
}

// SegmentReport is one segment that needs work.
type SegmentReport struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	State string `json:"state"`
	// Position is where the segment is in the translation ("" when it is
	// missing); CanonicalPosition where it is in the canonical statement.
	Position          string `json:"position"`
	CanonicalPosition string `json:"canonical_position"`
	// Text is the canonical text now; Previous, for a stale segment, the
	// canonical text the translation was made from, when recorded.
	Text     string  `json:"text"`
	Previous *string `json:"previous,omitempty"`
	// Translation is the translation's text, when it has the segment.
	Translation string `json:"translation,omitempty"`
}

// OpenCatalog reads the locale files of dir, or the built-in ones when dir
// is "".
func OpenCatalog(dir string) (*localize.Catalog, error) {
	if dir == "" {
		return localize.Load(locales.FS, ".")
	}
	return localize.LoadDir(dir)
}

// Status reports on every locale file of cat and every statement under
// paths (statement files, translations, or folders searched for
// statement.md).
func Status(cat *localize.Catalog, paths []string) (*Report, error) {
	rep := &Report{Version: ReportVersion, Messages: len(localize.Messages), Locales: []LocaleReport{}, Statements: []StatementReport{}}
	if cat != nil {
		for _, ls := range cat.Status() {
			lr := LocaleReport{LocaleStatus: ls}
			units, err := cat.Units(ls.Locale)
			if err != nil {
				return nil, err
			}
			lr.Stats = localeStats(units)
			rep.Locales = append(rep.Locales, lr)
		}
	}
	files, err := source.Find(paths)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		sr, err := statementStatus(f)
		if err != nil {
			return nil, err
		}
		rep.Statements = append(rep.Statements, sr)
	}
	return rep, nil
}

// localeStats counts the units of a locale file.
func localeStats(lu localize.LocaleUnits) Stats {
	var st Stats
	for _, u := range lu.Units {
		st.add(unitState(u.State), countWords(u.Source))
	}
	if len(lu.Units) == 0 {
		st.Percent = 100
	}
	st.Inherited = len(lu.Inherited)
	return st
}

// unitState maps a locale unit's state to a segment state.
func unitState(s string) string {
	switch s {
	case localize.UnitTranslated:
		return StateTranslated
	case localize.UnitStale:
		return StateStale
	case localize.UnitUnstamped:
		return StateUnstamped
	}
	return StateMissing
}

// statementStatus loads one statement and assesses each translation.
func statementStatus(file string) (StatementReport, error) {
	st, err := source.Load(file)
	if err != nil {
		return StatementReport{}, err
	}
	sr := StatementReport{Path: st.Path, Problems: lines(st.Problems), Translations: []TranslationReport{}}
	sr.diags.Append(st.Problems)
	if st.Canonical == nil {
		return sr, nil
	}
	sr.ID, sr.Lang = st.Canonical.Meta.ID, st.Canonical.Meta.Lang
	for _, s := range NewPair(st.Canonical, nil, nil).Segments {
		sr.Segments++
		sr.Words += countWords(plainOf(s))
	}
	for _, tr := range st.Translations {
		a := Assess(st.Canonical, tr)
		sr.diags.Append(a.Diagnostics)
		sr.Translations = append(sr.Translations, a.Report)
	}
	return sr, nil
}

// lines prints each diagnostic as "file:line:col: message", without its
// severity: the list it goes in says what it is.
func lines(l diag.List) []string {
	out := make([]string, 0, len(l))
	for _, d := range l {
		dd := *d
		dd.Severity = diag.Error
		out = append(out, dd.Error())
	}
	return out
}

// plainOf is the plain text of a segment, paragraphs separated by a
// blank line: what pocount counts the words of.
func plainOf(s *Segment) string {
	out := ""
	for i, p := range s.Paras {
		if i > 0 {
			out += "\n\n"
		}
		out += plainText(normalize(p))
	}
	return out
}

// Assessment is one translation compared with its canonical statement.
type Assessment struct {
	Pair   *Pair
	Report TranslationReport
	// States gives each canonical segment's state, by ID.
	States map[string]string
	// Previous gives a stale segment's recorded canonical text, by ID.
	Previous map[string]string
	// Record is the translation's record, when it belongs to its stamp.
	Record *Record
	// Diagnostics are every problem found, alignment problems as
	// warnings (check decides how severe each is).
	Diagnostics diag.List
}

// Assess compares translation tr with canonical, segment by segment.
func Assess(canonical *doc.Document, tr *source.Translated) *Assessment {
	r := TranslationReport{Lang: tr.Lang, Path: tr.Path, Problems: []string{}, StaleDetails: []string{}, Segments: []SegmentReport{}}
	a := &Assessment{States: map[string]string{}, Previous: map[string]string{}}
	if tr.Doc == nil {
		a.Diagnostics.Append(tr.Problems)
		r.Problems = lines(tr.Problems)
		r.Freshness = source.Freshness{State: source.Unknown, Changed: []string{}}
		a.Pair = NewPair(canonical, nil, nil)
		for _, s := range a.Pair.Segments {
			a.States[s.ID] = StateMissing
			r.Stats.add(StateMissing, countWords(plainOf(s)))
		}
		a.Report = r
		return a
	}
	al := tr.Alignment
	r.Aligned = len(al.Problems) == 0
	r.Problems = lines(al.Problems)
	// Alignment is held to in every build, but "check" without --strict
	// only reports it: a translation may be catching up.
	for _, d := range al.Problems {
		w := *d
		w.Severity = diag.Warning
		if w.Code == "" {
			w.Code = "unaligned"
		}
		a.Diagnostics.Add(&w)
	}
	r.Freshness = source.CheckFreshness(canonical, tr.Doc)
	if r.Changed == nil {
		r.Changed = []string{}
	}
	rec, err := readRecord(tr.Path)
	if err != nil {
		a.Diagnostics.Append(diag.Flatten(err))
	}
	if rec != nil && tr.Doc.Meta.SourceDigest != "" && rec.SourceDigest == "sha256:"+tr.Doc.Meta.SourceDigest {
		a.Record = rec
		r.Record = RecordPath(tr.Path)
	}
	recorded := a.Record.texts()
	pair := NewPair(canonical, tr.Doc, al)
	a.Pair = pair
	changed := map[string]bool{}
	for _, c := range r.Changed {
		changed[c] = true
	}
	var stale diag.List
	for _, s := range pair.Segments {
		t := pair.Counterparts[s.ID]
		now := segmentText(s)
		words := countWords(plainOf(s))
		state := StateTranslated
		switch {
		case t == nil:
			state = StateMissing
		case unchanged(now, segmentText(t)) && !exempt(s):
			state = StateUnchanged
		case r.State == source.Current:
		case r.State == source.Unknown:
			state = StateUnstamped
		case a.Record != nil:
			if prev, ok := recorded[s.ID]; !ok || prev != now {
				state = StateStale
				if ok {
					a.Previous[s.ID] = prev
				}
			}
		case s.Clause != "":
			if !r.Comparable || changed[s.Clause] {
				state = StateStale
			}
		case !r.Comparable || r.OutsideClauses:
			state = StateStale
		}
		a.States[s.ID] = state
		r.Stats.add(state, words)
		sr := SegmentReport{ID: s.ID, Label: s.Label, State: state, CanonicalPosition: s.Pos.String(), Text: now}
		if t != nil {
			sr.Position, sr.Translation = t.Pos.String(), segmentText(t)
		}
		switch state {
		case StateStale:
			if prev, ok := a.Previous[s.ID]; ok {
				sr.Previous = &prev
			}
			if a.Record != nil {
				stale.Add(staleDiagnostic(s, t, canonical.Path, tr.Path))
			}
		case StateUnchanged:
			a.Diagnostics.Add(unchangedDiagnostic(s, t, tr.Path))
		case StateMissing:
			if s.isText() {
				a.Diagnostics.Add(diag.Warnf(diag.Pos{File: tr.Path, Line: 1, Col: 1}, "%s of the canonical statement (%s) has no counterpart in this translation; translate it", s.Label, s.Pos).WithCode("missing-text"))
			}
		}
		if state != StateTranslated && state != StateUnstamped {
			r.Segments = append(r.Segments, sr)
		}
	}
	if a.Record == nil || r.State == source.Unknown {
		// Without a record, staleness is known clause by clause only.
		stale = source.StaleDiagnostics(canonical, tr.Doc)
	}
	stale.Sort()
	r.StaleDetails = lines(stale)
	a.Diagnostics.Append(stale)
	a.Diagnostics.Sort()
	a.Report = r
	return a
}

// staleDiagnostic is the warning for a segment whose canonical text
// changed since the translation was made.
func staleDiagnostic(s, t *Segment, canonPath, trPath string) *diag.Diagnostic {
	pos := diag.Pos{File: trPath, Line: 1, Col: 1}
	if t != nil && t.Pos.IsValid() {
		pos = t.Pos
	}
	return diag.Warnf(pos, "%s changed in %s (%s) since this translation was made; update it, then run \"polypress locales stamp %s\"", s.Label, canonPath, s.Pos, trPath).WithCode("stale-segment")
}

// Diagnostics returns what a statement's status found, for check.
func (s *StatementReport) Diagnostics() diag.List { return s.diags }

// String gives counts for messages: "2 segments (31 words)".
func (c Count) String() string {
	return fmt.Sprintf("%s (%s)", count(c.Segments, "segment"), count(c.Words, "word"))
}
