package epub_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"log"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/render/epub"
)

func ExampleRender() {
	ed := &doc.Edition{
		ID:        "example",
		Locale:    "en",
		Lang:      "en",
		Dir:       doc.LTR,
		Title:     "Statement on an Example",
		KindLabel: "Press release",
		Issuer:    "Example Institute",
		Body: []doc.Block{
			&doc.ClauseList{Clauses: []*doc.Clause{{
				Depth: 1, Number: 1, Path: "1", Label: "1.",
				Body: []doc.Block{&doc.Paragraph{Text: doc.Inline{{Text: "Welcomes the example."}}}},
			}}},
		},
		Labels: doc.Labels{Contents: "Contents"},
	}
	var b bytes.Buffer
	err := epub.Render(&b, ed, epub.Options{
		CSS:      []byte("body { margin: 0 }\n"),
		Modified: time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC),
	})
	if err != nil {
		log.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range zr.File {
		fmt.Println(f.Name)
	}
	// Output:
	// mimetype
	// META-INF/container.xml
	// EPUB/package.opf
	// EPUB/nav.xhtml
	// EPUB/css/epub.css
	// EPUB/text/statement.xhtml
}

func ExampleRenderPack() {
	statement := func(id, title string) *doc.Edition {
		return &doc.Edition{
			ID: id, Locale: "en", Lang: "en", Dir: doc.LTR, Title: title,
			Body: []doc.Block{&doc.Paragraph{Text: doc.Inline{{Text: "The Institute met."}}}},
		}
	}
	pe := &doc.PackEdition{
		ID:        "example-pack",
		Locale:    "en",
		Lang:      "en",
		Dir:       doc.LTR,
		Title:     "Briefing Pack on Examples",
		KindLabel: "Briefing pack",
		Issuer:    "Example Institute",
		Statements: []*doc.Edition{
			statement("first", "First Statement"),
			statement("second", "Second Statement"),
		},
		Contributors: []*doc.Author{{Name: "A. Writer", Role: "Director"}},
		Labels:       doc.Labels{Contents: "Contents", Authors: "Contributors"},
	}
	var b bytes.Buffer
	err := epub.RenderPack(&b, pe, epub.Options{Modified: time.Date(2024, 5, 1, 9, 30, 0, 0, time.UTC)})
	if err != nil {
		log.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range zr.File {
		fmt.Println(f.Name)
	}
	// Output:
	// mimetype
	// META-INF/container.xml
	// EPUB/package.opf
	// EPUB/nav.xhtml
	// EPUB/text/cover.xhtml
	// EPUB/text/statement-1.xhtml
	// EPUB/text/statement-2.xhtml
	// EPUB/text/contributors.xhtml
}
