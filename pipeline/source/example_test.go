package source_test

import (
	"fmt"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/source"
)

func ExampleParse() {
	src := []byte(`---
id: example
title: Example
date: 2020-06-22
lang: en
---
The meeting:

1. Took note.
2. Demanded:
   - one thing;
   - another.
`)
	d, err := source.Parse("statement.md", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	doc.Walk(d.Body, func(c *doc.Clause) {
		fmt.Println(c.Path, c.Pos, c.Body[0].(*doc.Paragraph).Text.Plain())
	})
	// Output:
	// 1 statement.md:9:1 Took note.
	// 2 statement.md:10:1 Demanded:
	// 2.a statement.md:11:4 one thing;
	// 2.b statement.md:12:4 another.
}

func ExampleParse_errors() {
	src := []byte("---\nid: example\ntitel: Example\ndate: 2020-06-22\nlang: en\n---\n- not a clause\n")
	_, err := source.Parse("statement.md", src)
	fmt.Println(err)
	// Output:
	// statement.md:1:1: missing required front matter key "title"
	// statement.md:3:1: unknown front matter key "titel"; did you mean "title"?
	// statement.md:7:1: operative clauses must be an ordered list ("1.", "2." ...); bullet points ("-", "*", "+") may only mark sub-clauses inside a clause, or notes to editors after the end mark (---)
}
