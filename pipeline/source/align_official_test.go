package source

import (
	"strings"
	"testing"
)

// officialCanonical is a canonical statement with footnotes, a table, an
// annex, the end mark and press-release front matter.
const officialCanonical = `---
id: s
title: T
date: 2020-06-22
lang: en
place: Geneva
numbering: [article, "1."]
embargo: 2020-03-02T10:00Z
contact:
  - name: Press Office
    role: Spokesperson
    email: press@example.org
---
Intro.[^1]

1. One.[^2] Two.[^3]

   | A | B |
   |---|---|
   | 1 | 2 |

2. Two.

## Seats {.annex}

1. First.

---

- Note one.
- Note two.

[^1]: Intro note.
[^2]: Note two.
[^3]: Note three.
`

// TestAlignOfficial checks that a translation keeps the footnotes of every
// place, the shape of every table, the annexes, the end mark, the lists of
// the notes to editors and the numbering and embargo of the canonical
// statement, and says where each difference is.
func TestAlignOfficial(t *testing.T) {
	canonical, err := Parse("c.md", []byte(officialCanonical))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		from, to string // a replacement in the canonical text; several separated by "|||"
		want     []string
	}{
		{"same", "", "", nil},
		{"footnote missing in a clause", "Two.[^3]|||[^3]: Note three.\n", "Two.|||", []string{
			`t.md:16:8: footnote 3 of the canonical statement ([^3] at c.md:16:17) is missing after this one: clause 1 has 1 footnote here, 2 in the canonical statement`}},
		{"footnote extra in a clause", "2. Two.|||[^3]: Note three.", "2. Two.[^4]|||[^3]: Note three.\n[^4]: Extra.", []string{
			`t.md:22:8: footnote [^4] has no counterpart in the canonical statement: clause 2 has 1 footnote here, 0 in the canonical statement (c.md)`}},
		{"footnote moved out of the intro", "Intro.[^1]|||[^1]: Intro note.\n", "Intro.|||", []string{
			`t.md:14:1: footnote 1 of the canonical statement ([^1] at c.md:14:7) is missing: the text before the first clause has no footnotes here, 1 in the canonical statement`}},
		{"table with a column less", "   | A | B |\n   |---|---|\n   | 1 | 2 |", "   | A |\n   |---|\n   | 1 |", []string{
			`t.md:18:4: this table has 1 column, the canonical table has 2 (c.md:18:4)`}},
		{"table missing", "   | A | B |\n   |---|---|\n   | 1 | 2 |\n", "", []string{
			`t.md:16:1: the canonical table at c.md:18:4 has no counterpart in clause 1 of this translation`}},
		{"annex missing", "## Seats {.annex}\n\n1. First.\n\n", "", []string{
			`t.md:1:1: the canonical annex I (c.md:24:1) has no counterpart in this translation, which has no annexes`}},
		{"end mark missing", "---\n\n- Note one.\n- Note two.\n", "", []string{
			`t.md:1:1: the canonical statement has an end mark (---) at c.md:28:1, this translation has none; add the line "---" where the text ends`}},
		{"list item missing", "- Note two.\n", "", []string{
			`t.md:30:1: this list has 1 item, the canonical list has 2 (c.md:30:1)`}},
		{"numbering differs", `numbering: [article, "1."]`, `numbering: ["1.", "1."]`, []string{
			`t.md:7:1: numbering ["1." "1."] differs from the canonical statement's ["article" "1."] (c.md:7:1); clauses are numbered alike in every language`}},
		{"embargo differs", "embargo: 2020-03-02T10:00Z", "embargo: 2020-03-02T11:00Z", []string{
			`t.md:8:1: embargo 2020-03-02T11:00:00Z differs from the canonical statement's 2020-03-02T10:00:00Z (c.md:8:1)`}},
		{"date differs", "date: 2020-06-22", "date: 2020-06-23", []string{
			`t.md:4:1: warning: date 2020-06-23 differs from the canonical statement's 2020-06-22 (c.md:4:1); every edition prints the canonical date`}},
		{"contact role missing", "    role: Spokesperson\n", "", []string{
			`t.md:10:5: entry 1 of contact has no role, but the canonical entry has one (c.md:10:5)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := officialCanonical
			froms, tos := strings.Split(tt.from, "|||"), strings.Split(tt.to, "|||")
			for i := range froms {
				src = strings.Replace(src, froms[i], tos[min(i, len(tos)-1)], 1)
			}
			src = strings.Replace(src, "lang: en", "lang: fr", 1)
			tr, err := Parse("t.md", []byte(src))
			if err != nil {
				t.Fatalf("translation does not parse: %v", err)
			}
			var got []string
			for _, d := range Align(canonical, tr) {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
