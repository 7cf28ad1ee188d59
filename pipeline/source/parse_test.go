package source

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func parseOK(t *testing.T, src string) *doc.Document {
	t.Helper()
	d, err := Parse("s.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return d
}

// TestGolden parses every statement in testdata/ and compares a dump of the
// Document, positions included, with its .golden file. Run with -update
// after a deliberate change and read the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			d, err := ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(d)
			golden := strings.TrimSuffix(f, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("dump differs from %s (run go test -update and review the diff):\n%s", golden, got)
			}
		})
	}
}

func TestMeta(t *testing.T) {
	d, err := ParseFile("testdata/statement.md")
	if err != nil {
		t.Fatal(err)
	}
	m := d.Meta
	if m.ID != "oic-contact-group-2020" || m.Kind != "communique" || m.Lang != "en" || m.Place != "Jeddah" || m.Reference != "OIC/CG-JK/2020/1" {
		t.Errorf("meta = %+v", m)
	}
	if want := time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC); !m.Date.Equal(want) || m.Date.Location() != time.UTC {
		t.Errorf("Date = %v, want %v", m.Date, want)
	}
	if got, want := m.Pos["title"], (diag.Pos{File: "testdata/statement.md", Line: 3, Col: 1}); got != want {
		t.Errorf("Pos[title] = %v, want %v", got, want)
	}
	src, _ := os.ReadFile("testdata/statement.md")
	sum := sha256.Sum256(src)
	if d.Digest != hex.EncodeToString(sum[:]) {
		t.Errorf("Digest = %s, want the hex SHA-256 of the file", d.Digest)
	}
	if d.Path != "testdata/statement.md" {
		t.Errorf("Path = %q", d.Path)
	}
}

func TestSourceDigest(t *testing.T) {
	hexDigits := strings.Repeat("AB", 32)
	d := parseOK(t, header[:len(header)-4]+"source-digest: sha256:"+hexDigits+"\n---\nx\n")
	if d.Meta.SourceDigest != strings.ToLower(hexDigits) {
		t.Errorf("SourceDigest = %q, want the bare lowercase hex", d.Meta.SourceDigest)
	}
}

func TestOneLineFields(t *testing.T) {
	d := parseOK(t, "---\nid: t\ntitle: >\n  A long\n  title\nsubtitle: |\n  Two\n  lines\ndate: 2020-06-22\nlang: en\n---\nx\n")
	if d.Meta.Title != "A long title" || d.Meta.Subtitle != "Two lines" {
		t.Errorf("Title = %q, Subtitle = %q", d.Meta.Title, d.Meta.Subtitle)
	}
}

// clausesOf flattens the clause tree into "path depth number" lines.
func clausesOf(body []doc.Block) []string {
	var out []string
	doc.Walk(body, func(c *doc.Clause) {
		out = append(out, c.Path)
	})
	return out
}

func TestNumberingAcrossLists(t *testing.T) {
	src := header + `Intro.

The meeting:

1. One.
2. Two.

## Next

Having considered,

7. Three, whatever the Markdown number.
8. Four.

1) Five, in a list with another marker.
`
	d := parseOK(t, src)
	var lists []*doc.ClauseList
	for _, b := range d.Body {
		if cl, ok := b.(*doc.ClauseList); ok {
			lists = append(lists, cl)
		}
	}
	if len(lists) != 3 {
		t.Fatalf("got %d clause lists, want 3:\n%s", len(lists), dump(d))
	}
	var numbers []int
	for _, cl := range lists {
		for _, c := range cl.Clauses {
			numbers = append(numbers, c.Number)
			if c.Depth != 1 {
				t.Errorf("clause %s has depth %d", c.Path, c.Depth)
			}
		}
	}
	if got, want := numbers, []int{1, 2, 3, 4, 5}; !equalInts(got, want) {
		t.Errorf("numbers = %v, want %v", got, want)
	}
	if got := strings.Join(clausesOf(d.Body), " "); got != "1 2 3 4 5" {
		t.Errorf("paths = %s", got)
	}
	if p := lists[1].Clauses[0].Pos; p.Line != 18 || p.Col != 1 {
		t.Errorf("clause 3 at %v, want 18:1", p)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestClauseTree(t *testing.T) {
	src := header + `1. First.
2. Second:
   1. alpha;
   2. beta:
      - one;
      - two;
      - three;
   3. gamma.

   Closing words of clause 2.
3. Third.
   - delta
     1. four

   - epsilon
`
	d := parseOK(t, src)
	got := strings.Join(clausesOf(d.Body), " ")
	want := "1 2 2.a 2.b 2.b.i 2.b.ii 2.b.iii 2.c 3 3.a 3.a.i 3.b"
	if got != want {
		t.Fatalf("paths = %s\nwant    %s", got, want)
	}
	cl := d.Body[0].(*doc.ClauseList)
	c2 := cl.Clauses[1]
	if len(c2.Body) != 1 || len(c2.Subs) != 3 || len(c2.Tail) != 1 {
		t.Errorf("clause 2: %d paras, %d subs, %d tail", len(c2.Body), len(c2.Subs), len(c2.Tail))
	}
	if got := c2.Tail[0].(*doc.Paragraph).Text.Plain(); got != "Closing words of clause 2." {
		t.Errorf("tail = %q", got)
	}
	if got := c2.Tail[0].Position(); got.Line != 16 || got.Col != 4 {
		t.Errorf("tail at %v, want 16:4", got)
	}
	b := c2.Subs[1]
	if b.Depth != 2 || b.Number != 2 || b.Pos.Line != 10 || b.Pos.Col != 4 {
		t.Errorf("2.b = depth %d number %d at %v", b.Depth, b.Number, b.Pos)
	}
	iii := b.Subs[2]
	if iii.Depth != 3 || iii.Number != 3 || iii.Path != "2.b.iii" || iii.Pos.Line != 13 || iii.Pos.Col != 7 {
		t.Errorf("2.b.iii = depth %d number %d path %s at %v", iii.Depth, iii.Number, iii.Path, iii.Pos)
	}
	// A loose sub-list still holds its items as sub-clauses, not as
	// paragraphs after a list.
	c3 := cl.Clauses[2]
	if len(c3.Subs) != 2 || len(c3.Tail) != 0 {
		t.Errorf("clause 3: %d subs, %d tail", len(c3.Subs), len(c3.Tail))
	}
}

func TestSubMarkers(t *testing.T) {
	tests := []struct {
		depth, n int
		want     string
	}{
		{2, 1, "a"}, {2, 26, "z"}, {2, 27, "aa"}, {2, 28, "ab"}, {2, 53, "ba"},
		{3, 1, "i"}, {3, 4, "iv"}, {3, 9, "ix"}, {3, 14, "xiv"}, {3, 40, "xl"}, {3, 1994, "mcmxciv"},
	}
	for _, tt := range tests {
		if got := pathMarker(doc.DefaultCounter(tt.depth), tt.n); got != tt.want {
			t.Errorf("pathMarker(%d, %d) = %q, want %q", tt.depth, tt.n, got, tt.want)
		}
	}
}

func TestLeadIn(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		blocks   string // kinds of the body blocks
		wantLead string
	}{
		{"colon before list", "The meeting:\n\n1. Took note.\n", "list", "The meeting:"},
		{"colon, list without blank line", "The meeting:\n1. Took note.\n", "list", "The meeting:"},
		{"full-width colon", "部长级会议：\n\n1. 注意到。\n", "list", "部长级会议："},
		{"no colon", "Having heard the briefing,\n\n1. Took note.\n", "para list", ""},
		{"colon before a paragraph", "As follows:\n\nText.\n\n1. Took note.\n", "para para list", ""},
		{"colon before a heading", "As follows:\n\n## H\n\n1. Took note.\n", "para heading list", ""},
		{"colon inside emphasis", "*The meeting:*\n\n1. Took note.\n", "list", "The meeting:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseOK(t, header+tt.body)
			var kinds []string
			var lead string
			for _, b := range d.Body {
				switch b := b.(type) {
				case *doc.Paragraph:
					kinds = append(kinds, "para")
				case *doc.Heading:
					kinds = append(kinds, "heading")
				case *doc.ClauseList:
					kinds = append(kinds, "list")
					if b.LeadIn != nil {
						lead = b.LeadIn.Text.Plain()
						if b.Pos != b.LeadIn.Pos {
							t.Errorf("list at %v, lead-in at %v: a list starts with its lead-in", b.Pos, b.LeadIn.Pos)
						}
					}
				}
			}
			if got := strings.Join(kinds, " "); got != tt.blocks {
				t.Errorf("blocks = %s, want %s", got, tt.blocks)
			}
			if lead != tt.wantLead {
				t.Errorf("lead-in = %q, want %q", lead, tt.wantLead)
			}
		})
	}
}

func TestHeadingKeys(t *testing.T) {
	d := parseOK(t, header+"## Intro\n\n## Background {#background}\n\n## Decisions\n\n## *Annex* {#annex-1}\n")
	var got []string
	for _, b := range d.Body {
		h := b.(*doc.Heading)
		mark := ""
		if h.Explicit {
			mark = "!"
		}
		got = append(got, h.Key+mark+"="+h.Text.Plain())
	}
	want := "section-1=Intro background!=Background section-2=Decisions annex-1!=Annex"
	if strings.Join(got, " ") != want {
		t.Errorf("headings = %s\nwant       %s", strings.Join(got, " "), want)
	}
}

func TestSpans(t *testing.T) {
	tests := []struct {
		name string
		body string // one paragraph, body line 1 = file line 7
		want string // dumpSpans output
	}{
		{"styles", "Plain *em* **strong** `code` ***both***.\n", `7:1 "Plain "
7:8 "em" [em]
7:11 " "
7:14 "strong" [strong]
7:22 " "
7:24 "code" [code]
7:29 " "
7:33 "both" [em,strong]
7:40 "."
`},
		{"soft break is a space", "one\ntwo\n", `7:1 "one "
8:1 "two"
`},
		{"hard breaks are spaces", "one  \ntwo\\\nthree\n", `7:1 "one "
8:1 "two "
9:1 "three"
`},
		{"break inside emphasis", "*one\ntwo*\n", `7:2 "one " [em]
8:1 "two" [em]
`},
		{"escapes start a span", `a \*b\* c` + "\n", `7:1 "a "
7:4 "*b"
7:7 "* c"
`},
		// An entity's character stands at its "&", so it may end a span;
		// the text after the ";" starts a new one.
		{"entities end a span", "Jammu &amp; Kashmir &#8212; &#x41;.\n", `7:1 "Jammu &"
7:12 " Kashmir —"
7:28 " A"
7:35 "."
`},
		{"unknown entity stays", "a &nosuch; b\n", `7:1 "a &nosuch; b"
`},
		{"links", "See [the *OIC*](https://www.oic-oci.org/ \"OIC\") and <https://un.org> or <info@oic-oci.org>.\n", `7:1 "See "
7:6 "the " -> https://www.oic-oci.org/
7:11 "OIC" [em] -> https://www.oic-oci.org/
7:48 " and "
7:54 "https://un.org" -> https://un.org
7:69 " or "
7:74 "info@oic-oci.org" -> mailto:info@oic-oci.org
7:91 "."
`},
		{"reference link", "See [the OIC][oic].\n\n[oic]: https://www.oic-oci.org/\n", `7:1 "See "
7:6 "the OIC" -> https://www.oic-oci.org/
7:19 "."
`},
		{"escaped link target", `[x](https://a.org/a\_b)` + "\n", `7:2 "x" -> https://a.org/a_b
`},
		{"code span across lines", "`a\nb`\n", `7:2 "a " [code]
8:1 "b" [code]
`},
		{"code keeps escapes", "`a\\*b &amp;`\n", `7:2 "a\\*b &amp;" [code]
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseOK(t, header+tt.body)
			p, ok := d.Body[0].(*doc.Paragraph)
			if !ok {
				t.Fatalf("first block is %T", d.Body[0])
			}
			var b strings.Builder
			dumpSpans(&b, "", p.Text)
			if b.String() != tt.want {
				t.Errorf("spans:\n%s\nwant:\n%s", b.String(), tt.want)
			}
		})
	}
}

// TestUTF8Columns checks that columns count runes, not bytes, in Arabic
// text, in the body and in a bio.
func TestUTF8Columns(t *testing.T) {
	d, err := ParseFile("testdata/statement.ar.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/statement.ar.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	checked := 0
	check := func(in doc.Inline) {
		for _, s := range in {
			line := []rune(lines[s.Pos.Line-1])
			text := []rune(strings.TrimRight(s.Text, " "))
			if len(text) == 0 {
				continue
			}
			at := s.Pos.Col - 1
			if at+len(text) > len(line) || string(line[at:at+len(text)]) != string(text) {
				t.Errorf("span %q at %d:%d does not match the source line %q", s.Text, s.Pos.Line, s.Pos.Col, string(line))
			}
			checked++
		}
	}
	for _, a := range d.Meta.Authors {
		for _, p := range a.Bio {
			check(p.Text)
		}
	}
	var walk func([]*doc.Paragraph)
	walk = func(ps []*doc.Paragraph) {
		for _, p := range ps {
			check(p.Text)
		}
	}
	for _, b := range d.Body {
		switch b := b.(type) {
		case *doc.Paragraph:
			check(b.Text)
		case *doc.Heading:
			check(b.Text)
		case *doc.Quote:
			walk(b.Paras)
		case *doc.ClauseList:
			if b.LeadIn != nil {
				check(b.LeadIn.Text)
			}
		}
	}
	doc.Walk(d.Body, func(c *doc.Clause) {
		doc.EachInline(c.Body, check)
		doc.EachInline(c.Tail, check)
	})
	if checked < 30 {
		t.Errorf("only %d spans checked", checked)
	}

	// One hand-counted position: "قلقه البالغ" is the 44th character of
	// line 30 (the byte offset is 74).
	c1 := d.Body[3].(*doc.ClauseList).Clauses[0]
	strong := c1.Body[0].(*doc.Paragraph).Text[1]
	if strong.Text != "قلقه البالغ" || strong.Pos.Line != 30 || strong.Pos.Col != 44 {
		t.Errorf("strong span = %q at %v, want \"قلقه البالغ\" at 30:44", strong.Text, strong.Pos)
	}
	if byteCol := strings.Index(lines[29], "قلقه") + 1; byteCol == strong.Pos.Col {
		t.Errorf("column %d is a byte column", byteCol)
	}
	if utf8.RuneCountInString(lines[29][:strings.Index(lines[29], "قلقه")])+1 != 44 {
		t.Errorf("test data changed: recount the column")
	}
}

func TestBioPositions(t *testing.T) {
	tests := []struct {
		name string
		bio  string // the lines after "    bio:" (file line 8 onwards)
		want string // dump of the bio paragraphs
	}{
		{"literal", "|\n      First *para*\n      goes on.\n\n      Second.\n", `bio 9:7
  9:7 "First "
  9:14 "para" [em]
  9:19 " "
  10:7 "goes on."
bio 12:7
  12:7 "Second."
`},
		{"literal, strip", "|-\n      Only one.\n", `bio 9:7
  9:7 "Only one."
`},
		{"folded", ">\n      First line\n      second line.\n\n      Second para.\n", `bio 9:7
  9:7 "First line "
  10:7 "second line."
bio 12:7
  12:7 "Second para."
`},
		{"plain on one line", "Born in *Lahore*.\n", `bio 8:10
  8:10 "Born in "
  8:19 "Lahore" [em]
  8:26 "."
`},
		// A quoted value cannot be traced back character by character
		// (escapes, folding): every position is the value's.
		{"quoted", "\"Born in *Lahore*.\"\n", `bio 8:10
  8:10 "Born in "
  8:10 "Lahore" [em]
  8:10 "."
`},
		{"explicit indentation", "|2\n        Indented.\n", `bio 8:10
  8:10 "Indented."
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := header[:len(header)-4] + "authors:\n  - name: A\n    bio: " + tt.bio + "---\nx\n"
			d := parseOK(t, src)
			var b strings.Builder
			for _, p := range d.Meta.Authors[0].Bio {
				dumpPara(&b, "bio", p)
			}
			if b.String() != tt.want {
				t.Errorf("bio:\n%s\nwant:\n%s", b.String(), tt.want)
			}
		})
	}
}

// TestNormalization checks that a byte order mark and CRLF line ends change
// neither the result nor the positions, only the digest.
func TestNormalization(t *testing.T) {
	plain := header + "Intro *text*.\n\n1. One.\n"
	want := parseOK(t, plain)
	for name, src := range map[string]string{
		"BOM":  "\xef\xbb\xbf" + plain,
		"CRLF": strings.ReplaceAll(plain, "\n", "\r\n"),
	} {
		got := parseOK(t, src)
		if dump(got) != dump(want) {
			t.Errorf("%s:\n%s\nwant:\n%s", name, dump(got), dump(want))
		}
		if got.Digest == want.Digest {
			t.Errorf("%s: digest ignores the file's bytes", name)
		}
	}
}

func TestParseFileMissing(t *testing.T) {
	_, err := ParseFile("testdata/no-such-file.md")
	if err == nil {
		t.Fatal("no error")
	}
	if got, want := err.Error(), "testdata/no-such-file.md: cannot read statement: no such file or directory"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
}
