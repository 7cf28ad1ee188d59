package source

import (
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/doc"
)

const langFront = "---\nid: x\ntitle: T\nkind: communique\nissuer: I\ndate: 2020-06-22\nlang: en\n---\n\n"

func TestLanguageSpans(t *testing.T) {
	d, err := Parse("s.md", []byte(langFront+"In Urdu it is [اسلامی *تعاون*]{lang=ur} and \\[x]{lang=fr}, [a] b, `[c]{lang=de}` and [Genf]{lang=\"de\"}.\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := d.Body[0].(*doc.Paragraph)
	var got []string
	for _, s := range p.Text {
		got = append(got, s.Lang+":"+s.Text)
	}
	want := ":In Urdu it is |ur:اسلامی |ur:تعاون|: and |:[x]{lang=fr}, [a] b, |:[c]{lang=de}|: and |de:Genf|:."
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("spans\n%s\nwant\n%s", g, want)
	}
	if p.Text[1].Style != 0 || p.Text[2].Style != doc.Emphasis || p.Text[1].Pos.Col != 16 {
		t.Errorf("span styles or positions lost: %+v", p.Text[1:3])
	}
}

func TestLanguageSpanErrors(t *testing.T) {
	_, err := Parse("s.md", []byte(langFront+"A [word]{lang=x!y} here.\n"))
	if err == nil || !strings.Contains(err.Error(), `s.md:10:8: lang "x!y" of a language span is not a BCP 47`) {
		t.Errorf("got %v", err)
	}
}
