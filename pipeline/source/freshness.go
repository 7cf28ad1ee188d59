package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

// ClauseDigest is the short digest of one clause's own text.
type ClauseDigest struct {
	Path   string // "18.c"
	Digest string // 8 hexadecimal digits
}

// ClauseDigests returns the digest of every clause of d, in reading order.
// A clause's digest covers its own paragraphs and closing paragraphs, with
// runs of white space folded and link targets included, but not its
// sub-clauses, which have digests of their own: a changed sub-clause (c)
// marks 18.c as changed, not all of clause 18. Eight hexadecimal digits (32
// bits) are plenty to notice an edit to one clause.
func ClauseDigests(d *doc.Document) []ClauseDigest {
	var out []ClauseDigest
	doc.Walk(d.Body, func(c *doc.Clause) {
		h := sha256.New()
		writeBlocks(h, c.Body)
		h.Write([]byte{0})
		writeBlocks(h, c.Tail)
		out = append(out, ClauseDigest{Path: c.Path, Digest: hex.EncodeToString(h.Sum(nil))[:8]})
	})
	return out
}

// writeBlocks writes the text of a clause's paragraphs and tables to h, a
// line each (a table a line per cell), and the text of each footnote after
// its reference. A clause of paragraphs digests as it did before tables and
// footnotes existed, so that existing stamps stay valid.
func writeBlocks(h interface{ Write([]byte) (int, error) }, blocks []doc.Block) {
	doc.EachInline(blocks, func(in doc.Inline) {
		var b strings.Builder
		writeInline(&b, in)
		h.Write([]byte(strings.Join(strings.Fields(b.String()), " ")))
		h.Write([]byte{'\n'})
	})
}

func writeInline(b *strings.Builder, in doc.Inline) {
	for _, s := range in {
		b.WriteString(s.Text)
		if s.Link != "" {
			b.WriteString("<" + s.Link + ">")
		}
		if s.Note != nil {
			b.WriteString("[^")
			for i, p := range s.Note.Paras {
				if i > 0 {
					b.WriteString("\n\n")
				}
				writeInline(b, p.Text)
			}
			b.WriteString("]")
		}
	}
}

// Freshness says whether a translation was made from the current canonical
// text.
type Freshness struct {
	// State is "current" (its source-digest is the canonical file's
	// digest), "stale" (it names another version) or "unknown" (it records
	// none).
	State string `json:"state"`
	// Changed lists the canonical clauses whose text changed, or that were
	// added or removed, since the translation was made, by path in reading
	// order; removed clauses come last. Empty when the translation records
	// no source-clauses to compare with.
	Changed []string `json:"changed_clauses"`
	// OutsideClauses is set when the canonical file changed but no clause
	// did: the title, the introduction, preambular paragraphs, lead-ins,
	// headings or front matter did.
	OutsideClauses bool `json:"outside_clauses"`
	// Comparable is false when a stale translation records no
	// source-clauses, so which clauses changed cannot be told.
	Comparable bool `json:"comparable"`
}

// Freshness states.
const (
	Current = "current"
	Stale   = "stale"
	Unknown = "unknown"
)

// CheckFreshness compares the digests translation recorded (source-digest,
// source-clauses) with canonical as it is now.
func CheckFreshness(canonical, translation *doc.Document) Freshness {
	m := translation.Meta
	switch {
	case m.SourceDigest == "":
		return Freshness{State: Unknown}
	case m.SourceDigest == canonical.Digest:
		return Freshness{State: Current, Comparable: true}
	}
	f := Freshness{State: Stale}
	if m.SourceClauses == nil {
		return f
	}
	f.Comparable = true
	now := map[string]bool{}
	for _, cd := range ClauseDigests(canonical) {
		now[cd.Path] = true
		if m.SourceClauses[cd.Path] != cd.Digest {
			f.Changed = append(f.Changed, cd.Path)
		}
	}
	var removed []string
	for p := range m.SourceClauses {
		if !now[p] {
			removed = append(removed, p)
		}
	}
	sort.Strings(removed)
	f.Changed = append(f.Changed, removed...)
	f.OutsideClauses = len(f.Changed) == 0
	return f
}

// StaleDiagnostics returns a warning for each thing that went stale in
// translation: one per changed clause, at the translation's clause of that
// path and naming the canonical clause, and one at its source-digest when
// the change is outside the clauses or cannot be told. A translation
// recording no digest gets one warning that says how to record it. Each
// says what to do.
func StaleDiagnostics(canonical, translation *doc.Document) diag.List {
	var out diag.List
	f := CheckFreshness(canonical, translation)
	digestPos := keyPos(translation, "source-digest")
	switch f.State {
	case Current:
		return nil
	case Unknown:
		out.Add(diag.Warnf(start(translation), "translation records no source-digest, so whether it is current cannot be told; when it matches %s, run \"polypress locales stamp %s\"", canonical.Path, translation.Path).WithCode("unstamped-translation"))
		return out
	}
	if !f.Comparable {
		out.Add(diag.Warnf(digestPos, "translation was made from an older version of %s; it records no source-clauses to tell which clauses changed: review it, then run \"polypress locales stamp %s\"", canonical.Path, translation.Path).WithCode("stale-translation"))
		return out
	}
	if f.OutsideClauses {
		out.Add(diag.Warnf(digestPos, "translation was made from an older version of %s: no clause changed, but the title, front matter, introduction, headings or lead-ins did; review them, then run \"polypress locales stamp %s\"", canonical.Path, translation.Path).WithCode("stale-translation"))
		return out
	}
	cc, tc := clausesByPath(canonical), clausesByPath(translation)
	for _, path := range f.Changed {
		c, inC := cc[path]
		pos := digestPos
		if t, ok := tc[path]; ok {
			pos = t.Pos
		}
		var msg string
		if inC {
			msg = fmt.Sprintf("clause %s changed in %s (%s) since this translation was made", path, canonical.Path, c.Pos)
		} else {
			msg = fmt.Sprintf("clause %s was removed from %s since this translation was made", path, canonical.Path)
		}
		out.Add(diag.Warnf(pos, "%s; update it, then run \"polypress locales stamp %s\"", msg, translation.Path).WithCode("stale-clause"))
	}
	out.Sort()
	return out
}

func clausesByPath(d *doc.Document) map[string]*doc.Clause {
	out := map[string]*doc.Clause{}
	doc.Walk(d.Body, func(c *doc.Clause) { out[c.Path] = c })
	return out
}

// Stamp returns src, the text of a translation, with its front matter's
// source-digest and source-clauses set to canonical's current digests: it
// records that the translation now matches canonical. Other lines are kept
// as they are; the two keys are written just before the closing "---".
func Stamp(canonical *doc.Document, path string, src []byte) ([]byte, error) {
	return stampKeys(path, src, canonical.Digest, ClauseDigests(canonical))
}

// StampClauses records that a translation was brought up to date with
// canonical except for the clauses in keep: its source-digest stays as
// recorded in translation (the translation as a whole still follows an
// older canonical text), and source-clauses gets canonical's current
// digest for every clause but those in keep, which keep the digest the
// translation recorded (or none). A translation that records no
// source-digest is returned as it is: it has no stamp to update.
func StampClauses(canonical, translation *doc.Document, path string, src []byte, keep map[string]bool) ([]byte, error) {
	if translation.Meta.SourceDigest == "" {
		return src, nil
	}
	var cds []ClauseDigest
	for _, cd := range ClauseDigests(canonical) {
		if keep[cd.Path] {
			old, ok := translation.Meta.SourceClauses[cd.Path]
			if !ok {
				continue
			}
			cd.Digest = old
		}
		cds = append(cds, cd)
	}
	return stampKeys(path, src, translation.Meta.SourceDigest, cds)
}

// stampKeys writes source-digest and source-clauses into the front matter
// of src.
func stampKeys(path string, src []byte, digest string, cds []ClauseDigest) ([]byte, error) {
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	lines := strings.SplitAfter(string(src), "\n")
	if strings.TrimRight(strings.TrimPrefix(lines[0], "\ufeff"), " \t\r\n") != "---" {
		return nil, diag.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "missing front matter: a translation starts with a line \"---\"")
	}
	closing := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\r\n") == "---" {
			closing = i
			break
		}
	}
	if closing < 0 {
		return nil, diag.Errorf(diag.Pos{File: path, Line: 1, Col: 1}, "front matter is not closed")
	}
	var out strings.Builder
	out.WriteString(lines[0])
	skipping := false
	for _, l := range lines[1:closing] {
		if skipping && (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")) {
			continue
		}
		skipping = strings.HasPrefix(l, "source-digest:") || strings.HasPrefix(l, "source-clauses:")
		if !skipping {
			out.WriteString(l)
		}
	}
	fmt.Fprintf(&out, "source-digest: sha256:%s%s", digest, nl)
	if len(cds) > 0 {
		out.WriteString("source-clauses: >-" + nl)
		const perLine = 6
		for i := 0; i < len(cds); i += perLine {
			var entries []string
			for _, cd := range cds[i:min(i+perLine, len(cds))] {
				entries = append(entries, cd.Path+"="+cd.Digest)
			}
			out.WriteString("  " + strings.Join(entries, " ") + nl)
		}
	}
	for _, l := range lines[closing:] {
		out.WriteString(l)
	}
	return []byte(out.String()), nil
}
