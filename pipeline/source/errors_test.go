package source

import (
	"errors"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/diag"
)

// header is a minimal valid front matter of six lines: body line n of a
// test source is file line 6+n.
const header = "---\nid: t\ntitle: T\ndate: 2020-06-22\nlang: en\n---\n"

// Messages that many cases share.
const (
	rawHTML     = `raw HTML is not allowed in statements; use Markdown (*emphasis*, **strong**, [text](https://…)) instead`
	linkMsg     = `is not a web or mail address; links must start with "https://", "http://" or "mailto:", or name a clause (#clause-5) or heading (#key) of the statement`
	notYAML     = "front matter is not valid YAML: "
	letterMsg   = `starts a line but is not a Markdown list marker, so the line is read as part of the paragraph above; write sub-clauses as "1." or "-" items indented under their clause (they are lettered automatically)`
	emptyKeyMsg = "is empty; give it a value or delete the line"
)

// parseErrorTests lists inputs with every message Parse must give for them,
// in order. FuzzParse starts from these inputs too.
var parseErrorTests = []struct {
	name string
	src  string
	want []string // full messages, "s.md:" prefix left out
}{
	// Front matter.
	{"no front matter", "Text.\n", []string{
		`1:1: missing front matter: a statement starts with a line "---", then the keys id, title, date and lang, then another line "---"`}},
	{"unclosed front matter", "---\nid: t\ntitle: T\n\nText.\n", []string{
		`1:1: front matter is not closed: add a line "---" after its last key`}},
	{"YAML document end", "---\nid: t\n...\nText.\n", []string{
		`3:1: front matter must end with a line "---", not "..."`}},
	{"unknown key, suggestion", "---\nid: t\ntitle: T\ntitel: T\ndate: 2020-06-22\nlang: en\n---\nx\n", []string{
		`4:1: unknown front matter key "titel"; did you mean "title"?`}},
	{"unknown key, no suggestion", header[:len(header)-4] + "colour: red\n---\nx\n", []string{
		`6:1: unknown front matter key "colour"; the keys are id, title, subtitle, kind, issuer, date, place, reference, lang, source-digest, source-clauses, authors, numbering, logo, logo-alt, embargo, contact and signatories`}},
	{"missing required keys", "---\nid: t\n---\nx\n", []string{
		`1:1: missing required front matter key "title"`,
		`1:1: missing required front matter key "date" (YYYY-MM-DD)`,
		`1:1: missing required front matter key "lang" (a BCP 47 language tag such as en, fr or zh-Hans)`}},
	{"empty front matter", "---\n---\nx\n", []string{
		`1:1: missing required front matter key "id" (lowercase letters, digits and "-"; it names the output files)`,
		`1:1: missing required front matter key "title"`,
		`1:1: missing required front matter key "date" (YYYY-MM-DD)`,
		`1:1: missing required front matter key "lang" (a BCP 47 language tag such as en, fr or zh-Hans)`}},
	{"not a mapping", "---\n- id\n---\nx\n", []string{
		`2:1: front matter must be "key: value" lines`}},
	{"YAML unclosed flow", "---\nid: t\ntitle: [unclosed\ndate: 2020-06-22\n---\nx\n", []string{
		`3:1: ` + notYAML + `did not find expected ',' or ']'`}},
	{"YAML tab", "---\nid: t\n\ttitle: T\n---\nx\n", []string{
		`3:2: ` + notYAML + `found a tab character that violates indentation`}},
	{"YAML error on first line", "---\ntitle: a: b\n---\nx\n", []string{
		`2:1: ` + notYAML + `mapping values are not allowed in this context`}},
	{"YAML unterminated quote", "---\nid: t\ntitle: \"T\ndate: 2020-06-22\n---\nx\n", []string{
		`3:1: ` + notYAML + `found unexpected end of stream`}},
	{"duplicate key", "---\nid: t\nid: u\ntitle: T\ndate: 2020-06-22\nlang: en\n---\nx\n", []string{
		`3:1: front matter key "id" is given twice`}},
	{"non-scalar key", "---\n[a]: b\nid: t\ntitle: T\ndate: 2020-06-22\nlang: en\n---\nx\n", []string{
		`2:1: front matter keys must be plain words`}},
	{"bad id", "---\nid: Bad Id\ntitle: T\ndate: 2020-06-22\nlang: en\n---\nx\n", []string{
		`2:5: id "Bad Id" may hold only lowercase letters a-z, digits 0-9 and "-"`}},
	{"bad date format", "---\nid: t\ntitle: T\ndate: 22/06/2020\nlang: en\n---\nx\n", []string{
		`4:7: date "22/06/2020" is not a calendar date written YYYY-MM-DD (ISO 8601), such as 2020-06-22`}},
	{"impossible date", "---\nid: t\ntitle: T\ndate: 2020-02-30\nlang: en\n---\nx\n", []string{
		`4:7: date "2020-02-30" is not a calendar date written YYYY-MM-DD (ISO 8601), such as 2020-06-22`}},
	{"date with time", "---\nid: t\ntitle: T\ndate: 2020-06-22T10:00:00Z\nlang: en\n---\nx\n", []string{
		`4:7: date "2020-06-22T10:00:00Z" is not a calendar date written YYYY-MM-DD (ISO 8601), such as 2020-06-22`}},
	{"lang with underscore", "---\nid: t\ntitle: T\ndate: 2020-06-22\nlang: en_US\n---\nx\n", []string{
		`5:7: lang "en_US" is not a BCP 47 language tag; write "en-US"`}},
	{"unknown lang", "---\nid: t\ntitle: T\ndate: 2020-06-22\nlang: xx\n---\nx\n", []string{
		`5:7: lang "xx" is not a valid BCP 47 language tag (such as en, fr or zh-Hans): subtag "xx" is well-formed but unknown`}},
	{"malformed lang", "---\nid: t\ntitle: T\ndate: 2020-06-22\nlang: english\n---\nx\n", []string{
		`5:7: lang "english" is not a valid BCP 47 language tag (such as en, fr or zh-Hans): tag is not well-formed`}},
	{"und lang", "---\nid: t\ntitle: T\ndate: 2020-06-22\nlang: und\n---\nx\n", []string{
		`5:7: lang "und" does not name a language`}},
	{"unknown kind", header[:len(header)-4] + "kind: comunique\n---\nx\n", []string{
		`6:7: kind "comunique" is not one of communique, press-release, joint-statement, declaration, resolution and speech; did you mean "communique"?`}},
	{"bad source digest", header[:len(header)-4] + "source-digest: abc\n---\nx\n", []string{
		`6:16: source-digest "abc" must be "sha256:" followed by 64 hexadecimal digits`}},
	{"empty optional key", header[:len(header)-4] + "subtitle:\n---\nx\n", []string{
		`6:1: front matter key "subtitle" ` + emptyKeyMsg}},
	{"empty required key", "---\nid: t\ntitle: \"  \"\ndate: 2020-06-22\nlang: en\n---\nx\n", []string{
		`3:1: front matter key "title" ` + emptyKeyMsg}},
	{"list value", "---\nid: t\ntitle: [a, b]\ndate: 2020-06-22\nlang: en\n---\nx\n", []string{
		`3:8: front matter key "title" must have a single value, not a list or mapping`}},
	{"alias", "---\nid: &x t\ntitle: *x\ndate: 2020-06-22\nlang: en\n---\nx\n", []string{
		`3:8: YAML aliases (*name) are not supported in front matter; write the value of "title" out`}},
	{"authors not a list", header[:len(header)-4] + "authors: Jane\n---\nx\n", []string{
		`6:10: authors must be a list of entries, each starting with "- name:"`}},
	{"authors empty", header[:len(header)-4] + "authors: []\n---\nx\n", []string{
		`6:1: authors is an empty list; list the authors or delete the line`}},
	{"author problems", header[:len(header)-4] + "authors:\n  - name: A\n    rol: x\n  - role: y\n  - just text\n---\nx\n", []string{
		`8:5: unknown author key "rol"; did you mean "role"?`,
		`9:5: author has no "name"`,
		`10:5: each author must be an entry with "name:" and optionally "role:" and "bio:"`}},
	{"bio with heading and list", header[:len(header)-4] + "authors:\n  - name: A\n    bio: |\n      ## Head\n\n      - item\n---\nx\n", []string{
		`9:7: headings must stand on their own at the top level of the statement, not in an author's bio`,
		`11:7: lists are not allowed in an author's bio; write paragraphs`}},
	{"bio with raw HTML", header[:len(header)-4] + "authors:\n  - name: A\n    bio: Born in <b>Lahore</b>.\n---\nx\n", []string{
		`8:18: ` + rawHTML,
		`8:27: ` + rawHTML}},
	{"invalid UTF-8", "---\nid: t\ntitle: \xff\n", []string{
		`3:8: the file is not valid UTF-8 text; save it with UTF-8 encoding`}},
	// Control characters, each at its own position (issue 18, finding 8):
	// NUL used to print as U+FFFD, and YAML reported control characters at
	// the start of the front matter.
	{"NUL in the body", header + "Text with a \x00 NUL.\n\n1. Clause \x00.\n", []string{
		`7:13: control character U+0000 (NUL) is not allowed in a statement; delete it (most editors do not show it)`,
		`9:11: control character U+0000 (NUL) is not allowed in a statement; delete it (most editors do not show it)`}},
	{"control byte in front matter", "---\nid: t\ntitle: T\nplace: Gen\x01eva\ndate: 2020-06-22\nlang: en\n---\nx\n", []string{
		`4:11: control character U+0001 is not allowed in a statement; delete it (most editors do not show it)`}},
	{"C1 control after Arabic", header + "نص\u0085 x\x7f\n", []string{
		`7:3: control character U+0085 is not allowed in a statement; delete it (most editors do not show it)`,
		`7:6: control character U+007F is not allowed in a statement; delete it (most editors do not show it)`}},
	{"id too long", "---\nid: " + strings.Repeat("a", 300) + "\ntitle: T\ndate: 2020-06-22\nlang: en\n---\nx\n", []string{
		`2:5: id is 300 characters long; keep it to 100 at most (it names the output files)`}},
	{"no body", header, []string{
		`6:1: the statement has no text after its front matter`}},

	// Headings.
	{"level 1 heading", header + "# Title\n", []string{
		`7:1: "# " headings are not allowed: the title comes from the front matter; use "## " for section headings`}},
	{"level 3 heading", header + "Text.\n\n### Sub\n", []string{
		`9:1: "### " headings are not allowed: statements have one heading level; use "## "`}},
	{"setext heading", header + "Text\n---\n", []string{
		`7:1: underlined headings are not allowed; write "## Heading" (a line of "---" or "===" right under a line of text turns that text into a heading)`}},
	{"empty heading", header + "##\n", []string{
		`7:1: empty heading`}},
	{"uppercase key", header + "## Bad {#Bad}\n", []string{
		`7:1: heading key "Bad" may hold only lowercase letters a-z, digits 0-9 and "-"`}},
	{"class attribute", header + "## Other {.cls}\n", []string{
		`7:1: only a key and the class .annex may follow a heading, as in {#key} or {#key .annex}; ".cls" is not supported`}},
	{"unreadable key", header + "## Broken {#a b}\n", []string{
		`7:1: cannot read the heading key in "{#a b}"; write it as {#key} with lowercase letters, digits and "-"`}},
	{"duplicate key", header + "## One {#x}\n\n## Two {#x}\n", []string{
		`9:1: heading key "x" is already used at line 7`}},
	{"explicit key takes an automatic one", header + "## One {#section-1}\n\n## Two\n", []string{
		`9:1: heading key "section-1" is already used at line 7`}},

	// Lists and clauses.
	{"bullet list at top", header + "Text.\n\n- a\n- b\n", []string{
		`9:1: operative clauses must be an ordered list ("1.", "2." ...); bullet points ("-", "*", "+") may only mark sub-clauses inside a clause, or notes to editors after the end mark (---)`}},
	{"depth 5", header + "1. one\n   - a\n     - i\n       - A\n         - deep\n", []string{
		`11:10: sub-clauses may be nested only 4 levels deep (as in 18.c.ii.a); clause 1.a.i.a holds a deeper list`}},
	{"empty clause", header + "1.\n2. Two.\n", []string{
		`7:1: clause 1 is empty`}},
	{"sub-clauses after tail", header + "1. Text\n   - a\n\n   Middle.\n\n   - b\n", []string{
		`12:4: clause 1 has more sub-clauses after a paragraph; a clause holds its paragraphs, then its sub-clauses, then closing paragraphs`}},
	{"heading in clause", header + "1. Text\n   ## H\n", []string{
		`8:4: headings must stand on their own at the top level of the statement, not inside a clause`}},
	{"quote in clause", header + "1. Text\n   > q\n", []string{
		`8:4: block quotes are allowed only at the top level of the statement, not inside a clause`}},
	{"letters as markers", header + "1. Demanded that India:\n   a. rescind;\n   b. halt.\n", []string{
		`8:4: "a." ` + letterMsg}},
	{"parenthesised letters", header + "Text with\n(a) one and\n(b) two.\n", []string{
		`8:1: "(a)" ` + letterMsg}},
	{"roman markers", header + "1. Text:\n   - halt:\n     i) one\n     ii) two\n", []string{
		`9:6: "i)" ` + letterMsg}},
	{"list not starting at 1", header + "The meeting:\n5. Took note.\n", []string{
		`8:1: "5." starts a line but is read as part of the paragraph above: a numbered list that does not start at 1 needs a blank line before it`}},
	{"native digits", header + "١. أخذ علماً بالتطورات\n", []string{
		`7:1: "١." starts a line but is not a Markdown list marker; number clauses with the digits 0-9 ("1.", "2." ...), which editions print in the language's own digits`}},

	// Quotes.
	{"list in quote", header + "> - x\n", []string{
		`7:3: lists are not allowed inside a block quote; write paragraphs`}},
	{"nested quote", header + "> > x\n", []string{
		`7:3: block quotes are allowed only at the top level of the statement, not inside a block quote`}},
	{"empty quote", header + ">\n", []string{
		`7:1: empty block quote`}},

	// Other blocks.
	{"HTML block", header + "<div>x</div>\n", []string{`7:1: ` + rawHTML}},
	{"HTML comment", header + "<!-- note -->\n", []string{
		`7:1: raw HTML is not allowed in statements, HTML comments included; delete the comment`}},
	{"fenced code", header + "```\ncode\n```\n", []string{
		"7:1: code blocks (``` or ~~~ fences) are not allowed in statements"}},
	{"indented code", header + "Para.\n\n    indented\n", []string{
		`9:5: text indented by four or more spaces is read as a code block, which statements do not allow; remove the indentation (continuation lines of a clause are indented only as far as the clause's text)`}},
	{"thematic break in a clause", header + "1. Para.\n\n   ***\n", []string{
		`9:4: a separator line (---, *** or ___) is the end mark of a statement and stands at its top level, not inside a clause`}},
	{"table in a quote", header + "> | a | b |\n> |---|---|\n> | 1 | 2 |\n", []string{
		`7:3: tables are not allowed inside a block quote; put the table in a clause or between paragraphs`}},

	// Inlines.
	{"inline HTML", header + "Some <b>bold</b>.\n", []string{`7:6: ` + rawHTML, `7:13: ` + rawHTML}},
	{"image", header + "See ![logo](x.png).\n", []string{`7:5: images are not supported in statements`}},
	{"relative link", header + "See [x](/path).\n", []string{`7:5: link target "/path" ` + linkMsg}},
	{"anchor to nothing", header + "See [x](#nowhere) and [y](#clause-3).\n\n1. One.\n2. Two.\n", []string{
		`7:5: link to #nowhere: the statement has no heading or annex with the key "nowhere"; link to a clause as #clause-5, or to a heading by its {#key}`,
		`7:23: link to #clause-3: the statement has no clause 3 (its clauses are 1 to 2); write #clause- and the clause's path with "-", as in #clause-18-c`}},
	{"empty link", header + "See [x]().\n", []string{`7:5: link target "" ` + linkMsg}},
	{"ftp autolink", header + "See <ftp://x.y>.\n", []string{`7:5: link target "ftp://x.y" ` + linkMsg}},
	{"javascript link", header + "See [x](javascript:alert(1)).\n", []string{`7:5: link target "javascript:alert(1)" ` + linkMsg}},

	// Several problems are all reported, in order.
	{"several", "---\nid: t\ntitel: T\ndate: 2020-06-22\nlang: en\n---\n# T\n\n- a\n", []string{
		`1:1: missing required front matter key "title"`,
		`3:1: unknown front matter key "titel"; did you mean "title"?`,
		`7:1: "# " headings are not allowed: the title comes from the front matter; use "## " for section headings`,
		`9:1: operative clauses must be an ordered list ("1.", "2." ...); bullet points ("-", "*", "+") may only mark sub-clauses inside a clause, or notes to editors after the end mark (---)`}},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range parseErrorTests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("s.md", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded, want errors:\n%s\ndocument:\n%s", strings.Join(tt.want, "\n"), dump(d))
			}
			if d != nil {
				t.Errorf("Parse returned a document with its error")
			}
			var l diag.List
			if !errors.As(err, &l) {
				t.Fatalf("error is %T, want diag.List", err)
			}
			var got []string
			for _, d := range l {
				got = append(got, strings.TrimPrefix(d.Error(), "s.md:"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
