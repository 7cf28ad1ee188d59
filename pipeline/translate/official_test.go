package translate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/source"
	"github.com/polypress/polypress/pipeline/xliff"
)

// officialStatement has every block that holds text to translate: a
// footnote, a table in a clause and one between paragraphs, an annex, the
// notes to editors with a list, a contact and a signatory.
const officialStatement = `---
id: conv
title: Convention on Examples
date: 2020-06-22
place: Geneva
lang: en
numbering: [article, "1."]
contact:
  - name: Press Office
    role: Spokesperson
    email: press@example.org
signatories:
  - name: A. Minister
    title: Minister for Foreign Affairs
    on-behalf-of: the Government of Examplia
---
The Parties,[^1]

1. Each Party shall report, as [article 2](#clause-2) says.

   | Party | Share |
   |:------|------:|
   | Examplia | 10 per cent |

   Reports are public.

2.
   1. Every report is public.
   2. No report is secret.

| Year | Reports |
|------|---------|
| 2020 | 12 |

## Allocation of seats {.annex}

1. The seats are shared.

---

- The Convention was adopted in 2020.
- It has two articles.

[^1]: As listed in the register.
`

// TestImportOfficial exports a new French translation of a statement with
// every kind of block, translates each unit, imports it and checks the
// translation: it parses, aligns with the canonical statement, and holds
// each translated text where its canonical text stands. Importing the
// export of the result again changes nothing.
func TestImportOfficial(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("conv", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("conv/statement.md", []byte(officialStatement), 0o644); err != nil {
		t.Fatal(err)
	}
	d, _, err := Export(nil, ExportOptions{Locale: "fr", Paths: []string{"conv"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range d.Files {
		for _, u := range f.Units {
			ids = append(ids, u.ID)
			c := frenchOf(u.Source)
			u.Target, u.State, u.Approved = &c, "translated", "yes"
		}
	}
	for _, want := range []string{"meta/title", "contact/1/role", "signatory/1/title", "signatory/1/on-behalf-of", "text/start",
		"clause/1", "clause/1/table-1/r0c1", "clause/1/table-1/r1c2", "clause/1/after-table-1", "clause/2.1", "clause/2.2",
		"table/clause-2/r0c2", "table/clause-2/r1c1", "heading/annex-1", "clause/I.1", "list/notes/1", "list/notes/2", "footnote/1"} {
		if !contains(ids, want) {
			t.Errorf("no unit %s; units: %s", want, strings.Join(ids, " "))
		}
	}
	data, err := MarshalXLIFF(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `<ph id="1" ctype="x-footnote">[^1]</ph>`) {
		t.Errorf("the footnote reference is not a placeholder:\n%s", data)
	}
	if _, err := Import("fr.xlf", data); err != nil {
		t.Fatalf("import: %v", err)
	}
	path := filepath.Join("conv", "statement.fr.md")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	canonical, err := source.ParseFile("conv/statement.md")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := source.ParseFile(path)
	if err != nil {
		t.Fatalf("the translation does not parse: %v\n%s", err, got)
	}
	if probs := source.Align(canonical, tr); len(probs) > 0 {
		t.Errorf("the translation does not align: %v\n%s", probs, got)
	}
	for _, want := range []string{
		"    role: FR Spokesperson\n",
		"    title: FR Minister for Foreign Affairs\n",
		"    on-behalf-of: FR the Government of Examplia\n",
		"FR The Parties,[^1]\n",
		"   | FR Party | FR Share |\n",
		"   | FR Examplia | FR 10 per cent |\n",
		"   FR Reports are public.\n",
		"| FR 2020 | FR 12 |\n",
		"## FR Allocation of seats {.annex}\n",
		"- FR The Convention was adopted in 2020.\n",
		"[^1]: FR As listed in the register.\n",
		"[article 2](#clause-2)",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("translation lacks %q:\n%s", want, got)
		}
	}
	again, _, err := Export(nil, ExportOptions{Locale: "fr", Paths: []string{"conv"}})
	if err != nil {
		t.Fatal(err)
	}
	data, err = MarshalXLIFF(again)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import("fr.xlf", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) > 0 {
		t.Errorf("importing the export again wrote %v", res.Written)
	}
}

// frenchOf "translates" content: "FR " before its first text.
func frenchOf(c xliff.Content) xliff.Content {
	out := append(xliff.Content(nil), c...)
	done := false
	var walk func(xliff.Content) xliff.Content
	walk = func(c xliff.Content) xliff.Content {
		out := append(xliff.Content(nil), c...)
		for i := range out {
			if done {
				break
			}
			switch out[i].Kind {
			case xliff.Text:
				out[i].Text = "FR " + out[i].Text
				done = true
			case xliff.G:
				out[i].Children = walk(out[i].Children)
			}
		}
		return out
	}
	return walk(out)
}
