package epub

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
)

// The editions below are built by hand, as localization would leave them,
// so that these tests depend on nothing but the doc contract.

func span(text string) doc.Span { return doc.Span{Text: text} }

func styled(text string, st doc.Style) doc.Span { return doc.Span{Text: text, Style: st} }

func link(text, dest string) doc.Span { return doc.Span{Text: text, Link: dest} }

func para(spans ...doc.Span) *doc.Paragraph { return &doc.Paragraph{Text: doc.Inline(spans)} }

func text(s string) *doc.Paragraph { return para(span(s)) }

// clause builds a clause with its paragraphs; subs are attached with with.
func clause(depth, number int, path, label string, paras ...*doc.Paragraph) *doc.Clause {
	c := &doc.Clause{Depth: depth, Number: number, Path: path, Label: label}
	for _, p := range paras {
		c.Body = append(c.Body, p)
	}
	return c
}

func with(c *doc.Clause, subs ...*doc.Clause) *doc.Clause {
	c.Subs = subs
	return c
}

var statementDate = time.Date(2020, 6, 22, 0, 0, 0, 0, time.UTC)

// modified is a fixed build time (SOURCE_DATE_EPOCH=1593000000 would give
// 2020-06-24T12:00:00Z) with an odd second, to show it is kept exactly in
// the metadata although zip dates count in two-second steps.
var modified = time.Date(2020, 6, 24, 12, 0, 1, 0, time.UTC)

func englishLabels() doc.Labels {
	return doc.Labels{
		AboutAuthors: "About the authors",
		Contents:     "Contents",
		Draft:        "Draft",
		Authors:      "Contributors",
		PageOf:       func(p, n int) string { return fmt.Sprintf("Page %d of %d", p, n) },
		Number:       strconv.Itoa,
	}
}

// englishEdition is a canonical edition with everything the body may hold:
// headings, lead-ins, three levels of clauses, continuation and tail
// paragraphs, a quotation, styled text and links of each kind.
func englishEdition() *doc.Edition {
	return &doc.Edition{
		ID:            "oic-contact-group-2020",
		Locale:        "en",
		Lang:          "en",
		Dir:           doc.LTR,
		CanonicalLang: "en",
		Title:         "OIC Contact Group on Jammu and Kashmir Renews Its Call",
		Subtitle:      "Meeting of the Contact Group at the level of Foreign Ministers",
		Kind:          "communique",
		KindLabel:     "Communiqué",
		Issuer:        "Organisation of Islamic Cooperation",
		Place:         "Jeddah",
		Reference:     "OIC/CG-JK/2020/1",
		Date:          statementDate,
		DateLine:      "Jeddah, 22 June 2020",
		Body: []doc.Block{
			para(span("The Contact Group met "), styled("virtually", doc.Emphasis), span(" under the chair of the "),
				link("Secretary General", "https://www.oic-oci.org/"), span(" & heard <statements>.")),
			para(span("Having heard a detailed briefing by the "), styled("Special Representative", doc.Strong),
				span(" (see "), link("the decisions", "#decisions"), span("),")),
			&doc.Heading{Key: "decisions", Explicit: true, Text: doc.Inline{span("Decisions")}},
			&doc.ClauseList{
				LeadIn: text("The Contact Group:"),
				Clauses: []*doc.Clause{
					clause(1, 1, "1", "1.", para(span("Took note of the report "), styled("OIC/CG/1", doc.Code), span(";"))),
					with(clause(1, 2, "2", "2.", text("Demanded that the parties:")),
						with(clause(2, 1, "2.a", "(a)", text("Respect the resolutions, in particular:")),
							clause(3, 1, "2.a.i", "(i)", text("resolution 47 (1948);")),
							clause(3, 2, "2.a.ii", "(ii)", text("resolution 91 (1951);")),
						),
						clause(2, 2, "2.b", "(b)", para(styled("Refrain", doc.Emphasis|doc.Strong), span(" from unilateral steps;"))),
					),
					clause(1, 3, "3", "3.", text("Decided to remain seized of the matter."),
						para(span("It asked the Secretariat to report, "), link("see the archive", "archive/2019.md"), span("."))),
				},
			},
			&doc.Quote{Paras: []*doc.Paragraph{text("“Peace is the only way.”")}},
			&doc.Heading{Key: "follow-up", Text: doc.Inline{span("Follow-up")}},
			&doc.ClauseList{
				LeadIn: text("The Contact Group further:"),
				Clauses: []*doc.Clause{
					clause(1, 4, "4", "4.", text("Agreed to meet again."), text("The date will be set by the Chair.")),
				},
			},
		},
		Authors: []*doc.Author{
			{Name: "Dr Muhammad Tahir Tabassum", Role: "Founder and President, Institute of Peace and Development",
				Bio: []*doc.Paragraph{para(span("Writes on "), styled("conflict resolution", doc.Emphasis), span("."))}},
			{Name: "A. N. Other", Bio: []*doc.Paragraph{text("Second author."), para(link("Profile", "mailto:other@example.org"))}},
		},
		Labels: englishLabels(),
		Conventions: doc.Conventions{
			QuoteOpen: "“", QuoteClose: "”", NumberingSystem: "latn",
		},
	}
}

// arabicEdition is a right-to-left translation with Arabic digits and
// markers, a translated Original line and labels.
func arabicEdition() *doc.Edition {
	arabic := func(n int) string {
		digits := []rune("٠١٢٣٤٥٦٧٨٩")
		var b strings.Builder
		for _, r := range strconv.Itoa(n) {
			b.WriteRune(digits[r-'0'])
		}
		return b.String()
	}
	return &doc.Edition{
		ID:            "oic-contact-group-2020",
		Locale:        "ar",
		Lang:          "ar",
		Dir:           doc.RTL,
		CanonicalLang: "en",
		Title:         "فريق الاتصال التابع لمنظمة التعاون الإسلامي يجدد دعوته",
		Kind:          "communique",
		KindLabel:     "بيان ختامي",
		Issuer:        "منظمة التعاون الإسلامي",
		Place:         "جدة",
		Reference:     "OIC/CG-JK/2020/1",
		Date:          statementDate,
		DateLine:      "جدة، ٢٢ يونيو ٢٠٢٠",
		Original:      "الأصل: بالإنكليزية",
		Body: []doc.Block{
			text("اجتمع فريق الاتصال افتراضيًا."),
			&doc.Heading{Key: "decisions", Explicit: true, Text: doc.Inline{span("القرارات")}},
			&doc.ClauseList{
				LeadIn: text("إن فريق الاتصال:"),
				Clauses: []*doc.Clause{
					clause(1, 1, "1", arabic(1)+".", para(span("أحاط علمًا "), styled("بالتقرير", doc.Emphasis), span("؛"))),
					with(clause(1, 2, "2", arabic(2)+".", text("طالب الأطراف بما يلي:")),
						clause(2, 1, "2.a", "(أ)", text("احترام القرارات؛")),
						clause(2, 2, "2.b", "(ب)", text("الامتناع عن الخطوات الأحادية.")),
					),
				},
			},
		},
		Authors: []*doc.Author{
			{Name: "محمد طاهر تبسم", Role: "المؤسس والرئيس", Bio: []*doc.Paragraph{text("يكتب عن حل النزاعات.")}},
		},
		Labels: doc.Labels{
			AboutAuthors: "نبذة عن الكاتب",
			Contents:     "المحتويات",
			Draft:        "مسودة",
			Number:       arabic,
		},
		Conventions: doc.Conventions{QuoteOpen: "«", QuoteClose: "»", NumberingSystem: "arab"},
	}
}

// draftEdition is a French edition built with fallbacks: it must be marked
// as a draft. It has no authors, so it has no biographies document.
func draftEdition() *doc.Edition {
	return &doc.Edition{
		ID:            "oic-contact-group-2020",
		Locale:        "fr-CA",
		Lang:          "fr",
		Dir:           doc.LTR,
		CanonicalLang: "en",
		Title:         "Le Groupe de contact de l’OCI renouvelle son appel",
		Kind:          "communique",
		KindLabel:     "Communiqué",
		Issuer:        "Organisation de la coopération islamique",
		Date:          statementDate,
		DateLine:      "Djeddah, 22 juin 2020",
		Original:      "Original : anglais",
		Body: []doc.Block{
			&doc.ClauseList{Clauses: []*doc.Clause{
				with(clause(1, 1, "1", "1.", text("Demande aux parties :")),
					clause(2, 1, "1.a", "a)", text("de respecter les résolutions ;"))),
			}},
		},
		Labels: doc.Labels{Contents: "Table des matières", Draft: "Projet", AboutAuthors: "À propos de l’auteur"},
		Draft:  true,
	}
}
