package validate

import "testing"

func TestParseBBox(t *testing.T) {
	out := `<!DOCTYPE html><html><head></head><body>
<doc>
  <page width="595.276000" height="841.890000">
    <word xMin="73.700000" yMin="96.420000" xMax="80.300000" yMax="107.000000">1.</word>
    <word xMin="90.000000" yMin="96.420000" xMax="120.000000" yMax="107.000000">L&apos;OCI</word>
  </page>
  <page width="841.890000" height="595.276000">
    <word xMin="10" yMin="20" xMax="30" yMax="40">&amp;</word>
  </page>
</doc></body></html>`
	words, pages, err := parseBBox(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[1].Width != 841.89 {
		t.Errorf("pages %v", pages)
	}
	want := []Word{{1, 73.7, 96.42, 80.3, 107, "1."}, {1, 90, 96.42, 120, 107, "L'OCI"}, {2, 10, 20, 30, 40, "&"}}
	if len(words) != len(want) {
		t.Fatalf("words %v", words)
	}
	for i := range want {
		if words[i] != want[i] {
			t.Errorf("word %d = %v, want %v", i, words[i], want[i])
		}
	}
}

func TestParseSText(t *testing.T) {
	out := `<document name="x.pdf">
<page id="page1" width="595.28" height="841.89">
<block bbox="73.7 165.1 82.7 179.4">
<line bbox="73.701 165.07549 82.65749 179.3765" wmode="0" dir="1 0">
<font name="NotoSerif-Bold" size="10.5">
<char quad="..." x="73.701" y="176.29999" color="#1c1c1c" c="3"/>
<char quad="..." x="79.0" y="176.29999" color="#1c1c1c" c="."/>
</font>
</line>
</block>
</page>
<page id="page2" width="595.28" height="841.89">
<block bbox="0 0 1 1">
<line bbox="311.8 165.1 527.2 179.4" wmode="0" dir="1 0">
<font name="NotoNaskhArabic" size="10.5">
<char quad="..." x="520" y="176.3" color="#1c1c1c" c="&#x663;"/>
<char quad="..." x="515" y="176.3" color="#1c1c1c" c="-"/>
</font>
</line>
</block>
</page>
</document>`
	got := parseSText(out)
	want := []TextLine{
		{Page: 1, XMin: 73.701, YMin: 165.07549, XMax: 82.65749, YMax: 179.3765, Baseline: 176.29999, Text: "3."},
		{Page: 2, XMin: 311.8, YMin: 165.1, XMax: 527.2, YMax: 179.4, Baseline: 176.3, Text: "٣-"},
	}
	if len(got) != len(want) {
		t.Fatalf("lines %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestParseSections(t *testing.T) {
	out := `Document (block)
  Sect (block)
    /Lang "en"
    H1 (block)
      "OIC Contact Group"
    L (block):
      /ListNumbering /Decimal
      LI (block)
        Lbl (block)
          "1."
  Sect (block)
    H1 (block)
      "Le Groupe"
`
	got := parseSections(out)
	if len(got) != 2 || got[0].Type != "Sect" || got[0].Text != "OIC Contact Group\n1.\n" || got[1].Text != "Le Groupe\n" {
		t.Errorf("sections %q", got)
	}
}
