package translate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

const samples = "../../samples/briefing-pack"

// copySample copies a sample statement's folder (records included) into
// a temporary folder and returns the copy.
func copySample(t *testing.T, name string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), name)
	src := filepath.Join(samples, name)
	err := filepath.Walk(src, func(path string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSegmentIDs lists the segments of a sample with headings, a clause of
// two paragraphs, sub-clauses and authors: the IDs are what records and
// XLIFF files refer to, so they must not change by accident.
func TestSegmentIDs(t *testing.T) {
	d, err := source.ParseFile(filepath.Join(samples, "scsic-research-network-2020", "statement.md"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range NewPair(d, nil, nil).Segments {
		got = append(got, s.ID+" "+s.Pos.String()[strings.LastIndex(s.Pos.String(), "/")+1:])
	}
	want := []string{
		"meta/title statement.md:4:1", "meta/subtitle statement.md:5:1", "meta/issuer statement.md:7:1", "meta/place statement.md:9:1",
		"author/1/role statement.md:13:5", "author/1/bio statement.md:16:7",
		"author/2/role statement.md:17:5", "author/2/bio statement.md:20:7",
		"text/start statement.md:23:1",
		"heading/background statement.md:25:1", "text/heading-background statement.md:27:1",
		"heading/decisions statement.md:29:1", "text/heading-decisions statement.md:31:1",
		"clause/1 statement.md:33:1", "clause/2 statement.md:34:1", "clause/3 statement.md:35:1",
		"clause/3.a statement.md:37:4", "clause/3.b statement.md:38:4", "clause/3.c statement.md:39:4",
		"clause/4#1 statement.md:41:1", "clause/4#2 statement.md:43:4",
		"clause/5 statement.md:45:1", "clause/6 statement.md:46:1", "clause/7 statement.md:47:1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("segments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// parsePara parses one line of Markdown as a statement's only paragraph.
func parsePara(t *testing.T, md string) []run {
	t.Helper()
	src := "---\nid: x\ntitle: x\ndate: 2020-01-01\nlang: en\n---\n\n" + md + "\n"
	d, err := source.Parse("x.md", []byte(src))
	if err != nil {
		t.Fatalf("%q does not parse: %v", md, err)
	}
	if len(d.Body) != 1 {
		t.Fatalf("%q is %d blocks", md, len(d.Body))
	}
	p, ok := d.Body[0].(*doc.Paragraph)
	if !ok {
		t.Fatalf("%q is a %T", md, d.Body[0])
	}
	return normalize(p.Text)
}

// TestMarkdownRoundTrip writes every paragraph of the samples as Markdown
// and reads it back: the same text, styles and links.
func TestMarkdownRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(samples, "*", "statement*.md"))
	if err != nil || len(files) == 0 {
		t.Fatal(err)
	}
	for _, f := range files {
		d, err := source.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range NewPair(d, nil, nil).Segments {
			if s.Plain() {
				continue
			}
			for _, p := range s.Paras {
				want := normalize(p)
				md := markdown(want)
				if got := parsePara(t, md); !equalRuns(got, want) {
					t.Errorf("%s %s: %q reads back as %+v, want %+v", f, s.ID, md, got, want)
				}
			}
		}
	}
	for _, tt := range []struct {
		runs []run
		md   string
	}{
		{[]run{{Text: "# not a heading *or* emphasis"}}, `\# not a heading \*or\* emphasis`},
		{[]run{{Text: "1. not a list"}}, `1\. not a list`},
		{[]run{{Text: "a "}, {Text: "b", Style: doc.Emphasis}, {Text: " c "}, {Text: "d", Style: doc.Strong | doc.Emphasis}}, `a *b* c ***d***`},
		{[]run{{Text: "see "}, {Text: "the report", Link: "https://example.org/a_b"}, {Text: "."}}, `see [the report](https://example.org/a_b).`},
		{[]run{{Text: "x `y` z", Style: doc.Code}}, "``x `y` z``"},
		{[]run{{Text: "AT&T &amp; <b>"}}, `AT&T \&amp; \<b>`},
	} {
		if got := markdown(tt.runs); got != tt.md {
			t.Errorf("markdown(%+v) = %q, want %q", tt.runs, got, tt.md)
		}
		if got := parsePara(t, tt.md); !equalRuns(got, tt.runs) {
			t.Errorf("%q reads back as %+v, want %+v", tt.md, got, tt.runs)
		}
	}
}

// FuzzMarkdown writes text in styles as Markdown and reads it back.
// Plain text must always come back as it was: escaping never fails. Styled
// text may meet CommonMark's flanking rules (a "**" between a backtick and
// a letter closes nothing); writeMarkdown must then say so, never write
// something that reads back otherwise.
func FuzzMarkdown(f *testing.F) {
	f.Add("plain", "*emph*", "https://example.org", uint8(3))
	f.Add("# 1. [x](y) <a>", "_b_ `c` \\d", "", uint8(6))
	f.Add("1) x", "&amp; &#35;", "mailto:a@b.c", uint8(1))
	f.Add("0", "0", "", uint8(0x0e))
	f.Fuzz(func(t *testing.T, a, b, link string, styles uint8) {
		if link != "" && !strings.HasPrefix(link, "https://x.org/") && !strings.HasPrefix(link, "mailto:x@") {
			return
		}
		for _, r := range a + b + link {
			if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r == 0xfffd || r == '\u2028' || r == '\u2029' {
				return
			}
		}
		if strings.ContainsAny(link, " \t\n\\<>`") {
			return
		}
		in := doc.Inline{
			{Text: a, Style: doc.Style(styles & 7)},
			{Text: b, Style: doc.Style(styles>>3) & 7, Link: link},
		}
		want := normalize(in)
		if len(want) == 0 {
			return
		}
		md, err := writeMarkdown(want)
		plain := len(want) == 1 && want[0].Style == 0 && want[0].Link == ""
		if err != nil {
			if plain {
				t.Errorf("plain text %q cannot be written: %v", plainText(want), err)
			}
			return
		}
		if got, err := readMarkdown(md); err != nil || !equalRuns(got, want) {
			t.Errorf("%q reads back as %+v (%v), want %+v", md, got, err, want)
		}
	})
}

func TestUnchanged(t *testing.T) {
	long := "Requested the Secretariat of the Committee to prepare, in consultation with the focal points, a three-year work plan and budget for the Network."
	tests := []struct {
		c, t string
		want bool
	}{
		{"Background", "Background", true},
		{"Background", "Contexte", false},
		{long, long, true},
		{long, strings.Replace(long, "three-year", "five-year", 1), true},
		{long, "A prié le Secrétariat du Comité d’établir, en consultation avec les points focaux, un plan de travail triennal et un budget pour le Réseau.", false},
		{"Took note of the report.", "Took note of the reports.", false}, // short: only identical counts
	}
	for _, tt := range tests {
		if got := unchanged(tt.c, tt.t); got != tt.want {
			t.Errorf("unchanged(%q, %q) = %v, want %v", tt.c, tt.t, got, tt.want)
		}
	}
	ex := []struct {
		kind, text string
		want       bool
	}{
		{KindMeta, "Jeddah", true},
		{KindMeta, "Islamabad (virtual session)", false},
		{KindMeta, "SCSIC/PR/2020/07", true},
		{KindText, "https://example.org/report of 22 June 2020", false},
		{KindText, "https://example.org/report 2020-06-22", true},
		{KindHeading, "Background", false},
		{KindRole, "Dr Omar Siddiqui", true},
	}
	for _, e := range ex {
		s := &Segment{Kind: e.kind, Paras: []doc.Inline{{{Text: e.text}}}}
		if got := exempt(s); got != e.want {
			t.Errorf("exempt(%s %q) = %v, want %v", e.kind, e.text, got, e.want)
		}
	}
}

func TestWordDiff(t *testing.T) {
	a := "Welcomed the efforts made by some OIC Member States to calm the situation between India and Pakistan."
	b := "Welcomed the efforts made by some OIC Member States to calm the situation between India and Pakistan, and hoped for more."
	if got, want := wordDiff(a, b, 3), "… between India and [-Pakistan.-] {+Pakistan, and hoped for more.+}"; got != want {
		t.Errorf("wordDiff = %q, want %q", got, want)
	}
	if got, want := wordDiff("one two three four five six seven eight nine ten eleven", "one two THREE four five six seven eight nine TEN eleven", 2), "one two [-three-] {+THREE+} four five … eight nine [-ten-] {+TEN+} eleven"; got != want {
		t.Errorf("wordDiff = %q, want %q", got, want)
	}
}

func TestCountWords(t *testing.T) {
	// Counted by pocount (translate-toolkit 3.8.4) as 11, 2 and 4.
	for text, want := range map[string]int{
		"Took note of the U.N. report of 5 August 2019 {{.Page}} end.": 11,
		"{{.Count}} statements":        2,
		"Page {{.Page}} of {{.Total}}": 4,
	} {
		if got := countWords(text); got != want {
			t.Errorf("countWords(%q) = %d, want %d", text, got, want)
		}
	}
}

// TestStatusStaleDiff changes two canonical clauses after the sample's
// translations were stamped: status names them, with a word diff in the
// table and both texts in the JSON, and counts them stale.
func TestStatusStaleDiff(t *testing.T) {
	dir := copySample(t, "oic-contact-group-2020")
	edit(t, filepath.Join(dir, "statement.md"), "between India and Pakistan.", "between India and Pakistan, and hoped for more.")
	edit(t, filepath.Join(dir, "statement.md"), "4. Also welcomed", "4. Further welcomed")
	rep, err := Status(nil, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Statements) != 1 || len(rep.Statements[0].Translations) != 3 {
		t.Fatalf("status: %+v", rep.Statements)
	}
	for _, tr := range rep.Statements[0].Translations {
		st := tr.Stats
		if tr.State != source.Stale || st.Stale.Segments != 2 || st.Translated.Segments != st.Total.Segments-2 || st.Percent != 100*(st.Total.Segments-2)/st.Total.Segments {
			t.Errorf("%s: state %s, stats %+v", tr.Lang, tr.State, st)
		}
		if len(tr.Segments) != 2 || tr.Segments[0].ID != "clause/4" || tr.Segments[1].ID != "clause/22" {
			t.Fatalf("%s: segments %+v", tr.Lang, tr.Segments)
		}
		s := tr.Segments[1]
		if s.Previous == nil || !strings.HasSuffix(*s.Previous, "India and Pakistan.") || !strings.HasSuffix(s.Text, "hoped for more.") {
			t.Errorf("%s: clause 22 texts: %+v", tr.Lang, s)
		}
	}
	var b strings.Builder
	WriteStatus(&b, rep)
	out := b.String()
	for _, want := range []string{
		"fr: 2 segments changed in the canonical statement since this translation was made:",
		"[-Also-] {+Further+} welcomed the Open Discussion of the …",
		"… calm the situation between India and [-Pakistan.-] {+Pakistan, and hoped for more.+}",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status has no %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "clauses 4") || regexp.MustCompile(`\b1 (segments|words|clauses)`).MatchString(out) {
		t.Errorf("status has bad grammar:\n%s", out)
	}
	js, err := json.Marshal(rep)
	if err != nil || !strings.Contains(string(js), `"previous":"Also welcomed the Open Discussion`) {
		t.Errorf("JSON lacks the previous text: %v", err)
	}
}

// TestStatusUnchanged copies canonical text into a French translation: a
// clause, and the title. Each is counted unchanged and warned about.
func TestStatusUnchanged(t *testing.T) {
	dir := copySample(t, "scsic-research-network-2020")
	fr := filepath.Join(dir, "statement.fr.md")
	canon, _ := os.ReadFile(filepath.Join(dir, "statement.md"))
	var clause5 string
	for _, l := range strings.Split(string(canon), "\n") {
		if strings.HasPrefix(l, "5. ") {
			clause5 = l
		}
	}
	b, _ := os.ReadFile(fr)
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "5. ") {
			lines[i] = clause5
		}
		if strings.HasPrefix(l, "title: ") {
			lines[i] = "title: Science Committee Launches a Joint Research Network on Pandemic Preparedness"
		}
	}
	os.WriteFile(fr, []byte(strings.Join(lines, "\n")), 0o644)
	rep, err := Status(nil, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var frRep *TranslationReport
	for i, tr := range rep.Statements[0].Translations {
		if tr.Lang == "fr" {
			frRep = &rep.Statements[0].Translations[i]
		}
	}
	if frRep == nil || frRep.Stats.Unchanged.Segments != 2 {
		t.Fatalf("fr: %+v", frRep)
	}
	res := Check(nil, rep, false)
	var msgs []string
	for _, d := range res.Diagnostics {
		if d.Code == "unchanged-text" {
			msgs = append(msgs, d.Error())
		}
	}
	if len(msgs) != 2 || !strings.Contains(msgs[0], "statement.fr.md:4:1: warning: the title is the canonical text unchanged") || !strings.Contains(msgs[1], "clause 5 is the canonical text unchanged") {
		t.Errorf("check:\n%s", strings.Join(msgs, "\n"))
	}
	if !Check(nil, rep, true).Diagnostics.HasErrors() {
		t.Error("strict check passes unchanged text")
	}
}
