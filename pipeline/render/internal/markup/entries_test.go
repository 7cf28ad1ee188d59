package markup

import (
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
)

func TestClauseEntry(t *testing.T) {
	cl := func(label, text string) *doc.Clause {
		c := &doc.Clause{Depth: 1, Label: label}
		if text != "" {
			c.Body = []doc.Block{&doc.Paragraph{Text: doc.Inline{{Text: text}}}}
		}
		return c
	}
	for _, tt := range []struct {
		c    *doc.Clause
		want string
	}{
		{cl("18.", "Demanded that India:"), "18. Demanded that India"},
		{cl("3.", "Decided to remain seized of the matter."), "3. Decided to remain seized of the matter."},
		{cl("1.", "Took note of the recent developments and expressed deep concern over the worsening human rights situation"),
			"1. Took note of the recent developments and…"},
		{cl("2.", "Welcomed the statement of the UN Secretary-General, of 8 August 2019, affirming that"),
			"2. Welcomed the statement of the UN…"},
		{cl("1 -", "أحاط علماً بالتطورات الأخيرة، وأعرب عن قلقه البالغ إزاء تدهور حالة حقوق الإنسان والوضع الإنساني"),
			"1 - أحاط علماً بالتطورات الأخيرة، وأعرب عن قلقه…"},
		{cl("1.", "注意到最近的事态发展，并对自2019年8月5日印度采取非法和单方面行动以来人权和人道主义局势的恶化深表关切。"),
			"1. 注意到最近的事态发展，并对自2019年8月5日印度采取非法和单方面行动以来人权和人道主义局势的恶…"},
		{cl("Article 11", ""), "Article 11"},
		{cl("", "Only text"), "Only text"},
	} {
		if got := ClauseEntry(tt.c); got != tt.want {
			t.Errorf("ClauseEntry(%q) = %q, want %q", tt.c.Label, got, tt.want)
		}
	}
}
