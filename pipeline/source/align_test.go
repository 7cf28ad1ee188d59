package source

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/diag"
)

// TestAlignTranslations aligns the translations in testdata/ with their
// canonical statement: the French one lacks sub-clause 5.c, the Arabic one
// is complete.
func TestAlignTranslations(t *testing.T) {
	canonical, err := ParseFile("testdata/statement.md")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want string
	}{
		{"testdata/statement.fr.md", "testdata/statement.fr.md:47:4: clause 5.c of the canonical statement (testdata/statement.md:49:4) is missing after this clause 5.b (clause 5 has 2 sub-clauses here, canonical has 3)"},
		{"testdata/statement.ar.md", ""},
	}
	for _, tt := range tests {
		tr, err := ParseFile(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := Align(canonical, tr).Error(); got != tt.want {
			t.Errorf("Align(%s):\n%s\nwant:\n%s", tt.path, got, tt.want)
		}
	}
}

// alignBase is the canonical statement of TestAlign. Its lines:
//
//	 4 subtitle   10 ## Background   14 clause 1   16 clause 2.a   18 clause 2.b.i
//	20 clause 3   22 ## Decisions    24 clause 4
const alignBase = `---
id: s
title: T
subtitle: S
date: 2020-06-22
lang: en
---
Intro.

## Background {#background}

The meeting:

1. One.
2. Two:
   1. a;
   2. b:
      - i;
      - ii.
3. Three.

## Decisions

4. Four.
`

func TestAlign(t *testing.T) {
	tests := []struct {
		name string
		path string   // of the translation; "" is c/statement.fr.md
		edit []string // pairs of old, new applied to alignBase; lang en→fr always
		want []string
	}{
		{"aligned", "", nil, nil},
		{"id", "", []string{"id: s", "id: x"}, []string{
			`c/statement.fr.md:2:1: id "x" differs from the canonical statement's id "s" (c/statement.md:2:1)`}},
		{"lang against file name", "", []string{"lang: fr", "lang: de"}, []string{
			`c/statement.fr.md:6:1: lang "de" does not match the file name statement.fr.md, which says "fr"`}},
		{"file name case", "c/statement.zh-hans.md", []string{"lang: fr", "lang: zh-Hans"}, nil},
		{"same language as canonical", "c/statement.en.md", []string{"lang: fr", "lang: en"}, []string{
			`c/statement.en.md:6:1: lang "en" is the language of the canonical statement (c/statement.md:6:1); a translation must be in another language`}},
		{"missing key", "", []string{"subtitle: S\n", ""}, []string{
			`c/statement.fr.md:1:1: front matter has no "subtitle", but the canonical statement has (c/statement.md:4:1)`}},
		{"extra key", "", []string{"date: 2020-06-22\n", "date: 2020-06-22\nplace: P\n"}, []string{
			`c/statement.fr.md:6:1: front matter key "place" has no counterpart in the canonical statement (c/statement.md:1:1)`}},
		{"source-digest is not compared", "", []string{"date: 2020-06-22\n", "date: 2020-06-22\nsource-digest: sha256:" + strings.Repeat("0", 64) + "\n"}, nil},
		{"heading lost its key", "", []string{"## Background {#background}", "## Contexte"}, []string{
			`c/statement.fr.md:10:1: heading has no key, but the canonical heading has {#background} (c/statement.md:10:1); end this heading with {#background}`}},
		{"heading key differs", "", []string{"{#background}", "{#contexte}"}, []string{
			`c/statement.fr.md:10:1: heading key "contexte" does not match the canonical heading key "background" (c/statement.md:10:1)`}},
		{"heading key added", "", []string{"## Decisions", "## Décisions {#decisions}"}, []string{
			`c/statement.fr.md:22:1: heading key "decisions" has no counterpart: the canonical heading has no {#key} (c/statement.md:22:1); remove {#decisions} here or add it there`}},
		{"heading moved", "", []string{"3. Three.\n\n## Decisions\n\n4. Four.", "## Decisions\n\n3. Three.\n4. Four."}, []string{
			`c/statement.fr.md:20:1: heading "section-1" comes after clause 2 here but after clause 3 in the canonical statement (c/statement.md:22:1)`}},
		{"heading missing", "", []string{"## Decisions\n\n", ""}, []string{
			`c/statement.fr.md:10:1: the canonical heading "section-1" (c/statement.md:22:1) has no counterpart in this translation (1 heading)`}},
		{"heading added", "", []string{"4. Four.\n", "4. Four.\n\n## Annexe\n\nTexte.\n"}, []string{
			`c/statement.fr.md:26:1: heading "section-2" has no counterpart in the canonical statement (2 headings, c/statement.md)`}},
		{"clause added", "", []string{"4. Four.\n", "4. Four.\n5. Five.\n"}, []string{
			`c/statement.fr.md:25:1: clause 5 has no counterpart in the canonical statement: it comes after canonical clause 4 (c/statement.md:24:1), the last (this translation has 5 clauses, the canonical statement 4)`}},
		{"clause missing", "", []string{"\n4. Four.\n", "\nFin.\n"}, []string{
			`c/statement.fr.md:20:1: clause 4 of the canonical statement (c/statement.md:24:1) is missing after this clause 3 (this translation has 3 clauses, the canonical statement 4)`}},
		{"depth 3 sub-clause missing", "", []string{"      - ii.\n", ""}, []string{
			`c/statement.fr.md:18:7: clause 2.b.ii of the canonical statement (c/statement.md:19:7) is missing after this clause 2.b.i (clause 2.b has 1 sub-clause here, canonical has 2)`}},
		{"all sub-clauses missing", "", []string{"2. Two:\n   1. a;\n   2. b:\n      - i;\n      - ii.\n", "2. Two.\n"}, []string{
			`c/statement.fr.md:15:1: clause 2 has no sub-clauses, canonical has 2 (c/statement.md:16:4)`}},
		{"sub-clause added", "", []string{"   2. b:", "   2. b;\n   3. c:"}, []string{
			`c/statement.fr.md:17:4: clause 2.b has no counterpart in the canonical statement: it comes between canonical clauses 2.a (c/statement.md:16:4) and 2.b (c/statement.md:17:4) (clause 2 has 3 sub-clauses here, canonical has 2)`}},
	}
	canonical, err := Parse("c/statement.md", []byte(alignBase))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(alignBase, "lang: en", "lang: fr", 1)
			for i := 0; i+1 < len(tt.edit); i += 2 {
				if !strings.Contains(src, tt.edit[i]) {
					t.Fatalf("edit %q does not apply", tt.edit[i])
				}
				src = strings.Replace(src, tt.edit[i], tt.edit[i+1], 1)
			}
			path := tt.path
			if path == "" {
				path = "c/statement.fr.md"
			}
			tr, err := Parse(path, []byte(src))
			if err != nil {
				t.Fatalf("translation does not parse: %v", err)
			}
			var got []string
			for _, d := range Align(canonical, tr) {
				got = append(got, d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Align:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestAlignAuthors(t *testing.T) {
	canonical, err := Parse("c/statement.md", []byte("---\nid: s\ntitle: T\ndate: 2020-06-22\nlang: en\nauthors:\n  - name: A\n    role: R\n  - name: B\n---\nx\n"))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Parse("c/statement.fr.md", []byte("---\nid: s\ntitle: T\ndate: 2020-06-22\nlang: fr\nauthors:\n  - name: A\n    bio: Née à Lahore.\n---\nx\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		`c/statement.fr.md:6:1: authors lists 1 author, the canonical statement lists 2 (c/statement.md:6:1)`,
		`c/statement.fr.md:7:5: author 1 has no role, but the canonical author has one (c/statement.md:7:5)`,
		`c/statement.fr.md:7:5: author 1 has a bio, but the canonical author has none (c/statement.md:7:5)`,
	}, "\n")
	if got := Align(canonical, tr).Error(); got != want {
		t.Errorf("Align:\n%s\nwant:\n%s", got, want)
	}
}

func TestTranslations(t *testing.T) {
	dir := filepath.Join("testdata", "names")
	got, err := Translations(filepath.Join(dir, "statement.md"))
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("error %v is not a diag.List", err)
	}
	var langs []string
	for _, tr := range got {
		langs = append(langs, tr.Lang+"="+tr.Path)
	}
	want := "fr=testdata/names/statement.fr.md zh-Hans=testdata/names/statement.zh-Hans.md"
	if strings.Join(langs, " ") != want {
		t.Errorf("Translations = %s\nwant           %s", strings.Join(langs, " "), want)
	}
	wantErr := strings.Join([]string{
		`testdata/names/statement.draft.md: the file is named like a translation of statement.md, but "draft" is not a BCP 47 language tag; name translations statement.<lang>.md (such as statement.fr.md), or move the file away`,
		`testdata/names/statement.fr_CA.md: the file is named like a translation of statement.md, but "fr_CA" is not a BCP 47 language tag; name translations statement.<lang>.md (such as statement.fr.md), or move the file away`,
	}, "\n")
	if l.Error() != wantErr {
		t.Errorf("error:\n%s\nwant:\n%s", l.Error(), wantErr)
	}

	// The statements of testdata/ have two clean translations.
	got, err = Translations("testdata/statement.md")
	if err != nil || len(got) != 2 || got[0].Lang != "ar" || got[1].Lang != "fr" {
		t.Errorf("Translations(testdata/statement.md) = %v, %v", got, err)
	}

	if _, err := Translations("testdata/no-such-dir/statement.md"); err == nil {
		t.Error("no error for a missing directory")
	}
	if _, err := Translations("testdata/statement.txt"); err == nil {
		t.Error("no error for a canonical path without .md")
	}
}
