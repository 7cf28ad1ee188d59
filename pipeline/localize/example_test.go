package localize_test

import (
	"fmt"
	"time"

	"github.com/polypress/polypress/locales"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/localize"
)

func ExampleCatalog_Localize() {
	cat, err := localize.Load(locales.FS, ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	canonical := &doc.Document{
		Path: "statement.md",
		Meta: doc.Meta{ID: "cg-2020", Title: "Contact Group", Kind: "communique", Lang: "en",
			Date: time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC), Place: "Jeddah"},
		Body: []doc.Block{&doc.ClauseList{Clauses: []*doc.Clause{
			{Depth: 1, Number: 1, Path: "1", Subs: []*doc.Clause{
				{Depth: 2, Number: 1, Path: "1.a"},
				{Depth: 2, Number: 2, Path: "1.b"},
				{Depth: 2, Number: 3, Path: "1.c"},
			}},
		}}},
	}
	body := *canonical
	body.Path, body.Meta.Lang, body.Meta.Title, body.Meta.Place = "statement.ar.md", "ar", "فريق الاتصال", "جدة"

	ed, err := cat.Localize(&body, canonical, "ar", localize.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ed.Dir, ed.KindLabel)
	fmt.Println(ed.DateLine)
	fmt.Println(ed.Original)
	fmt.Println(ed.Labels.PageOf(12, 40))
	doc.Walk(ed.Body, func(c *doc.Clause) { fmt.Println(c.Path, c.Label) })
	// Output:
	// rtl بلاغ
	// جدة، 22 يونيو 2020
	// الأصل: الإنجليزية
	// الصفحة 12 من 40
	// 1 1 -
	// 1.a (أ)
	// 1.b (ب)
	// 1.c (ج)
}

func ExampleCatalog_Printer() {
	cat, err := localize.Load(locales.FS, ".")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, locale := range []string{"en", "fr", "ru", "ar"} {
		p, err := cat.Printer(locale, localize.Options{})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(p.Text("briefing_pack", nil), "·", p.Plural("statements_in_pack", 21, nil))
	}
	// Output:
	// Briefing pack · 21 statements
	// Dossier d’information · 21 déclarations
	// Информационный пакет · 21 заявление
	// ملف إحاطة · 21 بيانًا
}
