package source

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
)

// fm is header without its closing line, for cases that add front matter
// keys: body line n is file line 6+n+(keys added).
const fm = "---\nid: t\ntitle: T\ndate: 2020-06-22\nlang: en\n"

// officialErrorTests are the bad inputs of official documents and press
// releases: each is an error at its position with the fix.
var officialErrorTests = []struct {
	name string
	src  string
	want []string
}{
	// Footnotes.
	{"footnote without definition", header + "Text[^1] and more.\n", []string{
		`7:5: footnote reference [^1] has no definition; add a line "[^1]: text of the note" to the body, or write "\[^" for the characters`}},
	{"footnote never referenced", header + "Text.\n\n[^a]: A note.\n", []string{
		`9:1: footnote [^a] is never referenced; put [^a] in the text where it belongs, or delete the footnote`}},
	{"footnote referenced twice", header + "One[^1] and two[^1].\n\n[^1]: Note.\n", []string{
		`7:16: footnote [^1] is already referenced at line 7, column 4; a footnote belongs to one place: define another footnote for this one`}},
	{"footnote defined twice", header + "One[^1].\n\n[^1]: Note.\n\n[^1]: Again.\n", []string{
		`11:1: footnote [^1] is already defined at line 9; give each footnote its own label`}},
	{"footnote in a heading", header + "## Head[^1]\n\nText.\n\n[^1]: Note.\n", []string{
		`7:8: footnotes are not allowed in a heading; put the reference [^1] in the text`,
		`11:1: footnote [^1] is never referenced; put [^1] in the text where it belongs, or delete the footnote`}},
	{"footnote with a list", header + "One[^1].\n\n[^1]: Note.\n\n    - item\n", []string{
		`11:5: lists are not allowed in a footnote; write paragraphs`}},
	{"empty footnote", header + "One[^1].\n\n[^1]:\n", []string{
		`9:1: footnote [^1] is empty; write its text after "[^1]: "`}},

	// Tables.
	{"ragged rows", header + "| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n", []string{
		`9:1: this table row has 1 cell, the header row has 2; give every row as many cells as the header (write an empty cell as "| |")`,
		`10:1: this table row has 3 cells, the header row has 2; give every row as many cells as the header (write an empty cell as "| |")`}},

	// Lists and numbering.
	{"numbering style", fm + "numbering: [\"1.\", \"(b)\"]\n---\n1. x\n", []string{
		`6:19: numbering: level 2: unknown style "(b)"; the styles are "1.", "(1)", "(a)", "(A)", "(i)", "(I)" and "article"; did you mean "(1)"?`}},
	{"numbering too deep", fm + "numbering: [\"1.\", \"(a)\", \"(i)\", \"(A)\", \"(I)\"]\n---\n1. x\n", []string{
		`6:40: numbering names 5 levels; clauses have at most 4`}},
	{"numbering article below", fm + "numbering: [\"1.\", article]\n---\n1. x\n", []string{
		`6:19: numbering: only level 1 can be numbered as articles`}},
	{"numbering not a list", fm + "numbering: article\n---\n1. x\n", []string{
		`6:1: numbering must be a list of styles, one per level from the clauses down, such as [article, "1.", "(a)", "(i)"]; the styles are "1.", "(1)", "(a)", "(A)", "(i)", "(I)" and "article"`}},

	// Annexes and the end mark.
	{"heading after an annex", header + "1. One.\n\n## Seats {.annex}\n\n1. First.\n\n## Back\n\nText.\n", []string{
		`13:1: a section heading cannot follow annex I: everything after the first annex belongs to an annex; make this heading an annex (end it with {.annex}) or move it and its text before the annexes`}},
	{"empty annex", header + "1. One.\n\n## Seats {.annex}\n\n## Votes {.annex}\n\nText.\n", []string{
		`9:1: annex I is empty; write its text under its heading`}},
	{"annex after the end mark", header + "Text.\n\n---\n\n## Seats {.annex}\n\nMore.\n", []string{
		`11:1: annexes come before the end mark (---): move this annex above it`}},
	{"heading after the end mark", header + "Text.\n\n---\n\n## Notes\n", []string{
		`11:1: headings are not allowed after the end mark (---): the notes to editors get their heading from the locale; write their text as paragraphs and lists`}},
	{"two end marks", header + "Text.\n\n---\n\nNote.\n\n***\n", []string{
		`13:1: a statement has one end mark (---); after it come only the notes to editors, so delete this separator line`}},
	{"nested list in notes", header + "Text.\n\n---\n\n- one\n  - deeper\n", []string{
		`12:3: lists in the notes to editors are one level deep; write this item's points as sentences, or as items of the list`}},

	// Press-release front matter.
	{"embargo without zone", fm + "embargo: 2020-03-02T10:00\n---\nx\n", []string{
		`6:10: embargo "2020-03-02T10:00" is not a date and time with a zone; write it as YYYY-MM-DDThh:mm followed by Z for GMT/UTC or by the offset, such as 2020-03-02T10:00Z or 2020-03-02T10:00+01:00`}},
	{"embargo not a date", fm + "embargo: tomorrow\n---\nx\n", []string{
		`6:10: embargo "tomorrow" is not a date and time with a zone; write it as YYYY-MM-DDThh:mm followed by Z for GMT/UTC or by the offset, such as 2020-03-02T10:00Z or 2020-03-02T10:00+01:00`}},
	{"logo not an image", fm + "logo: logo.gif\n---\nx\n", []string{
		`6:7: logo "logo.gif": use a PNG or JPEG file (ending in .png, .jpg or .jpeg)`}},
	{"logo outside", fm + "logo: ../logo.png\n---\nx\n", []string{
		`6:7: logo "../logo.png" must be a file in the statement's folder or below it, written relative to it (such as logo.png)`}},
	{"contact email", fm + "contact:\n  - name: Press office\n    email: press at example.org\n    phone: call us\n---\nx\n", []string{
		`8:12: contact email "press at example.org" is not an email address; write the address alone, such as press@example.org`,
		`9:12: contact phone "call us" is not a telephone number; write digits, spaces and + ( ) - . / only, such as +41 22 917 12 34`}},
	{"contact email with a name", fm + "contact:\n  - name: Press office\n    email: Press <press@example.org>\n---\nx\n", []string{
		`8:12: contact email "Press <press@example.org>" is not an email address; write the address alone, such as press@example.org`}},
	{"contact without name", fm + "contact:\n  - email: press@example.org\n---\nx\n", []string{
		`7:5: an entry of contact has no "name"`}},
	{"signatories without place", fm + "signatories:\n  - name: A. Minister\n    titel: Minister\n---\nx\n", []string{
		`6:1: signatories sign "Done at" a place: add the front matter key "place" (such as "place: Jeddah")`,
		`8:5: unknown signatories key "titel"; did you mean "title"?`}},

	// Markdown that would otherwise be printed as typed.
	{"strikethrough", header + "Text ~~gone~~ here.\n", []string{
		`7:6: struck-through text (~~text~~) is not supported in statements: editions would print it as plain text; delete the text, or write "\~" for a tilde`}},
	{"task box", header + "Text.\n\n---\n\n- [ ] call back\n", []string{
		`11:3: task list boxes ("[ ]", "[x]") are not supported in statements; delete the box, or write "\[ ]" for brackets`}},
	{"undefined reference link", header + "See [the charter][un] and [it][].\n", []string{
		`7:17: "][un]" ends a reference link, but no line "[un]: https://…" defines that label; add the definition, or write "\]" for the bracket`,
		`7:30: "][]" ends a reference link, but no line "[]: https://…" defines that label; add the definition, or write "\]" for the bracket`}},
}

func init() {
	parseErrorTests = append(parseErrorTests, officialErrorTests...)
}

// TestOfficialParse checks what the blocks of official documents and
// press releases parse into, positions included.
func TestOfficialParse(t *testing.T) {
	src := fm + `numbering: [article, "1.", "(a)", "(i)"]
embargo: 2020-03-02T10:00+01:00
place: Geneva
contact:
  - name: Press Office
    role: Spokesperson
    phone: +41 22 917 12 34
    email: press@example.org
signatories:
  - name: A. Minister
    title: Minister for Foreign Affairs
    on-behalf-of: the Government of Examplia
---

Preamble with a note.[^pre]

1. All human beings are born free, as [article 2](#clause-2) says.
2.
   1. Everyone is entitled to all the rights.[^rights]
   2. Furthermore:
      1. no distinction;
      2. none at all:
         1. deep one.

| Region | Seats |
|:-------|------:|
| Africa | 13 |
| Asia   | 13 |

## Allocation {.annex}

1. The seats are:

   | A | B |
   |---|---|
   | 1 | 2 |

   Closing text.

---

- Background one.
- Background two.

[^pre]: The preamble's note.
[^rights]: See [the text](https://example.org/).
`
	d := parseOK(t, src)
	got := dump(d)
	for _, want := range []string{
		`numbering ["article" "1." "(a)" "(i)"]`,
		`embargo 2020-03-02T10:00:00+01:00`,
		`contact 10:5 name="Press Office" role="Spokesperson" phone="+41 22 917 12 34" email="press@example.org"`,
		`signatory 15:5 name="A. Minister" title="Minister for Foreign Affairs" for="the Government of Examplia"`,
		"      clause 2.2.a 26:7 depth=3 number=1",
		"        clause 2.2.b.i 28:10 depth=4 number=1",
		"table 30:1 align=[1 2]",
		"annex 1 35:1 key=annex-1 explicit=false",
		"    clause I.1 37:1 depth=1 number=1",
		"      table 39:4 align=[0 0]",
		"      para 43:4",
		"end 45:1",
		"  list 47:1 ordered=false",
		"footnote 1 [^pre] 50:1 ref 20:22",
		"footnote 2 [^rights] 51:1 ref 24:46",
		`      22:40 "article 2" -> #clause-2`,
	} {
		if !strings.Contains(got, want+"\n") {
			t.Errorf("dump lacks %q:\n%s", want, got)
		}
	}
	var paths []string
	doc.Walk(d.Body, func(c *doc.Clause) { paths = append(paths, c.Path+":"+string(c.Style)) })
	if want := "1:article 2:article 2.1:1. 2.2:1. 2.2.a:(a) 2.2.b:(a) 2.2.b.i:(i) I.1:article"; strings.Join(paths, " ") != want {
		t.Errorf("paths = %s\nwant    %s", strings.Join(paths, " "), want)
	}
	// Clause 2 consists of numbered paragraphs only.
	if c := d.Body[1].(*doc.ClauseList).Clauses[1]; len(c.Body) != 0 || len(c.Subs) != 2 {
		t.Errorf("clause 2 has %d blocks and %d paragraphs, want 0 and 2", len(c.Body), len(c.Subs))
	}
}

// TestCheckLogo checks the logo file a statement names.
func TestCheckLogo(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	good := b.Bytes()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.png", good)
	write("cut.png", good[:len(good)-20])
	write("text.png", []byte("not an image"))
	write("jpeg.png", []byte("\xff\xd8\xff\xe0 not really"))
	write("big.png", append(append([]byte{}, good...), make([]byte, 6<<20)...))
	outside := filepath.Join(t.TempDir(), "out.png")
	if err := os.WriteFile(outside, good, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link.png")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ logo, want string }{
		{"good.png", ""},
		{"missing.png", "logo missing.png: no such file beside the statement (no such file or directory)"},
		{"cut.png", "logo cut.png: the PNG image is damaged (png: invalid format: unexpected EOF); save it again"},
		{"text.png", "logo text.png: not a PNG or JPEG image; save the logo as PNG or JPEG"},
		{"jpeg.png", "logo jpeg.png: the file is a JPEG image but its name ends in .png; rename it"},
		{"big.png", "logo big.png: it is 6291532 bytes, more than the 5 MiB allowed; save the logo smaller"},
		{"link.png", "logo link.png: it leads to " + outside + ", outside " + dir + "; copy the image into the statement's folder"},
	} {
		path := filepath.Join(dir, "statement.md")
		write("statement.md", []byte(fm+"logo: "+tt.logo+"\n---\nText.\n"))
		_, err := ParseFile(path)
		got := ""
		if err != nil {
			got = strings.TrimPrefix(err.Error(), path+":6:7: ")
		}
		if got != tt.want {
			t.Errorf("logo %s: got %q, want %q", tt.logo, got, tt.want)
		}
	}
}
