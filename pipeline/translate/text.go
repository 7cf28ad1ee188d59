package translate

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/polypress/polypress/pipeline/source"
)

// count writes "1 segment", "2 segments", "no segments": messages say
// how many in good English, never "clauses 4 changed".
func count(n int, noun string) string {
	switch n {
	case 0:
		return "no " + plural(noun)
	case 1:
		return "1 " + noun
	}
	return fmt.Sprintf("%d %s", n, plural(noun))
}

func plural(noun string) string {
	switch {
	case strings.HasSuffix(noun, "s"), strings.HasSuffix(noun, "sh"), strings.HasSuffix(noun, "ch"):
		return noun + "es"
	case strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "ey"):
		return noun[:len(noun)-1] + "ies"
	}
	return noun + "s"
}

// list joins words as "a", "a and b", "a, b and c".
func list(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// cell writes a count for a table: "-" for none, else "segments (words)".
func cell(c Count) string {
	if c.Segments == 0 {
		return "-"
	}
	return fmt.Sprintf("%d (%d)", c.Segments, c.Words)
}

// diffContext is how many unchanged words a word diff shows around each
// change.
const diffContext = 6

// WriteStatus writes the report as tables a translator reads, with what
// needs work below each: stale segments with a word diff of their
// canonical text ([-old-]{+new+}), unchanged and missing segments, and
// structure problems.
func WriteStatus(w io.Writer, rep *Report) {
	fmt.Fprintf(w, "Locale files (%s; counts are segments (words), a plural form being a segment)\n\n", count(rep.Messages, "message"))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LOCALE\tDONE\tTRANSLATED\tSTALE\tUNSTAMPED\tMISSING\tPLURAL FORMS\tFILE")
	for _, l := range rep.Locales {
		plural := strings.Join(l.PluralForms, " ")
		if len(l.PluralGaps) > 0 {
			plural += fmt.Sprintf(" (%s lacking)", count(len(l.PluralGaps), "message"))
		}
		translated := cell(l.Stats.Translated)
		if len(l.Inherited) > 0 {
			translated += fmt.Sprintf(" +%d from %s", len(l.Inherited), strings.Join(l.Parents, ", "))
		}
		fmt.Fprintf(tw, "%s\t%d%%\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Locale, l.Stats.Percent, translated, cell(l.Stats.Stale), cell(l.Stats.Unstamped), cell(l.Stats.Missing), plural, l.File)
	}
	tw.Flush()
	for _, l := range rep.Locales {
		if len(l.Missing) > 0 {
			fmt.Fprintf(w, "  %s lacks %s: %s\n", l.Locale, count(len(l.Missing), "message"), strings.Join(l.Missing, ", "))
		}
		if len(l.Stale) > 0 {
			fmt.Fprintf(w, "  %s: the English of %s changed since translated: %s\n", l.Locale, count(len(l.Stale), "message"), strings.Join(l.Stale, ", "))
		}
		for _, g := range l.PluralGaps {
			fmt.Fprintf(w, "  %s %s lacks the plural %s %s\n", l.Locale, g.ID, formWord(len(g.Forms)), list(g.Forms))
		}
		if len(l.Unknown) > 0 {
			fmt.Fprintf(w, "  %s has %s no layout prints: %s\n", l.Locale, count(len(l.Unknown), "unknown message"), strings.Join(l.Unknown, ", "))
		}
	}
	fmt.Fprintf(w, "\nStatements (counts are segments (words))\n")
	for _, s := range rep.Statements {
		fmt.Fprintf(w, "\n%s (%s, canonical %s, %s, %s)\n", s.Path, s.ID, s.Lang, count(s.Segments, "segment"), count(s.Words, "word"))
		for _, p := range s.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
		if len(s.Translations) == 0 {
			fmt.Fprintln(w, "  no translations")
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  LANG\tALIGNED\tSOURCE\tDONE\tTRANSLATED\tSTALE\tUNSTAMPED\tUNCHANGED\tMISSING\tFILE")
		for _, t := range s.Translations {
			aligned := "yes"
			if !t.Aligned {
				aligned = fmt.Sprintf("no (%s)", count(len(t.Problems), "problem"))
			}
			fresh := t.State
			if t.State == source.Unknown {
				fresh = "not stamped"
			}
			st := t.Stats
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%d%%\t%s\t%s\t%s\t%s\t%s\t%s\n", t.Lang, aligned, fresh, st.Percent, cell(st.Translated), cell(st.Stale), cell(st.Unstamped), cell(st.Unchanged), cell(st.Missing), t.Path)
		}
		tw.Flush()
		for _, t := range s.Translations {
			writeDetails(w, t)
		}
	}
}

func formWord(n int) string {
	if n == 1 {
		return "form"
	}
	return "forms"
}

// writeDetails writes what needs work in one translation.
func writeDetails(w io.Writer, t TranslationReport) {
	for _, p := range t.Problems {
		fmt.Fprintf(w, "    %s\n", p)
	}
	var stale, unchanged, missing []SegmentReport
	for _, s := range t.Segments {
		switch s.State {
		case StateStale:
			stale = append(stale, s)
		case StateUnchanged:
			unchanged = append(unchanged, s)
		case StateMissing:
			missing = append(missing, s)
		}
	}
	if len(stale) > 0 {
		fmt.Fprintf(w, "  %s: %s changed in the canonical statement since this translation was made:\n", t.Lang, count(len(stale), "segment"))
		for _, s := range stale {
			where := s.Position
			if where == "" {
				where = s.CanonicalPosition
			}
			fmt.Fprintf(w, "    %s (%s):\n", s.Label, where)
			if s.Previous != nil {
				fmt.Fprintf(w, "      %s\n", wordDiff(*s.Previous, s.Text, diffContext))
			} else {
				fmt.Fprintf(w, "      (what it was is not recorded; \"polypress locales stamp\" records it from now on)\n")
			}
		}
	} else if t.State == source.Stale && len(t.Changed) == 0 && t.OutsideClauses && t.Record == "" {
		fmt.Fprintf(w, "  %s: the canonical statement changed outside the clauses since this translation was made\n", t.Lang)
	}
	if len(unchanged) > 0 {
		fmt.Fprintf(w, "  %s: %s the canonical text unchanged:\n", t.Lang, isAre(len(unchanged), "segment"))
		for _, s := range unchanged {
			fmt.Fprintf(w, "    %s (%s)\n", s.Label, s.Position)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "  %s: %s no counterpart:\n", t.Lang, hasHave(len(missing), "segment"))
		for _, s := range missing {
			fmt.Fprintf(w, "    %s (%s)\n", s.Label, s.CanonicalPosition)
		}
	}
}

// isAre writes "1 segment is", "3 segments are".
func isAre(n int, noun string) string {
	if n == 1 {
		return count(n, noun) + " is"
	}
	return count(n, noun) + " are"
}

// hasHave writes "1 segment has", "3 segments have".
func hasHave(n int, noun string) string {
	if n == 1 {
		return count(n, noun) + " has"
	}
	return count(n, noun) + " have"
}
