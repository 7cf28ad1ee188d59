package validate

import (
	"reflect"
	"testing"
)

func TestWords(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"The OIC (IOJ&K) met on 5 August.", []string{"the", "oic", "ioj", "k", "met", "on", "5", "august"}},
		{"Jammu-et-Cachemire", []string{"jammu", "et", "cachemire"}},
		{"hyphen-\nation", []string{"hyphenation"}},
		{"soft\u00adhyphen", []string{"softhyphen"}},
		{"line-end hy\ufffephen in PDFium", []string{"line", "end", "hyphen", "in", "pdfium"}},
		{"مسالمت\u200cآمیز", []string{"مسالمت\u200cآمیز"}},
		{"会议重申，", []string{"会", "议", "重", "申"}},
		{"e\u0301te", []string{"éte"}},
		{"\u200c \u200d", nil},
		{"كوفيد\u200f-19", []string{"كوفيد", "19"}},
	}
	for _, c := range cases {
		if got := Words(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRecall(t *testing.T) {
	src := Words("one two three four")
	for _, c := range []struct {
		got  string
		want float64
	}{
		{"one two three four", 1},
		{"header one two x three four footer", 1},
		{"four three two one", 0.25},
		{"one three", 0.5},
		{"", 0},
	} {
		if r := Recall(src, Words(c.got)); r != c.want {
			t.Errorf("Recall(%q) = %v, want %v", c.got, r, c.want)
		}
	}
	if Recall(nil, nil) != 1 {
		t.Error("nothing to find is all found")
	}
}

func TestPrivateUse(t *testing.T) {
	if got := PrivateUse("a\ue002b\ue00a\ue002\U000F0001"); !reflect.DeepEqual(got, []rune{0xE002, 0xE00A, 0xF0001}) {
		t.Errorf("PrivateUse = %U", got)
	}
	if got := PrivateUse("plain text, عربي"); len(got) != 0 {
		t.Errorf("PrivateUse of plain text = %U", got)
	}
}

func TestRoles(t *testing.T) {
	tree := []*StructNode{{Role: "Root", Children: []*StructNode{
		{Role: "Document", Children: []*StructNode{
			{Role: "H1", Children: []*StructNode{{Type: "content", ID: "p1_mc0"}}},
			{Role: "L", Children: []*StructNode{{Role: "LI", Children: []*StructNode{{Role: "Lbl"}, {Role: "LBody"}}}}},
		}},
	}}}
	want := "Root\n Document\n  H1\n  L\n   LI\n    Lbl\n    LBody\n"
	if got := Roles(tree); got != want {
		t.Errorf("Roles =\n%s\nwant\n%s", got, want)
	}
}

func TestParseStructText(t *testing.T) {
	out := `Document
  H1 (block)
    "A title"
  L (block):
     /ListNumbering /Decimal
    LI (block)
      Lbl (block)
        "1."
      LBody (block)
        P (block)
          "First line"
          "second line"
  TOC
    TOCI
      Link (inline)
        "3"
        Object 29 0
`
	want := []StructItem{
		{Path: "Document/H1", Text: "A title"},
		{Path: "Document/L/LI/Lbl", Text: "1."},
		{Path: "Document/L/LI/LBody/P", Text: "First line"},
		{Path: "Document/L/LI/LBody/P", Text: "second line"},
		{Path: "Document/TOC/TOCI/Link", Text: "3"},
		{Path: "Document/TOC/TOCI/Link", Object: true},
	}
	if got := parseStructText(out); !reflect.DeepEqual(got, want) {
		t.Errorf("parseStructText =\n%+v\nwant\n%+v", got, want)
	}
	trees := []*StructNode{{Children: []*StructNode{{Role: "Document", Children: []*StructNode{
		{Role: "H1", Children: []*StructNode{{Type: "content"}}},
		{Role: "TOC", Children: []*StructNode{{Role: "TOCI", Children: []*StructNode{{Role: "Link", Children: []*StructNode{{Type: "content"}, {Type: "object"}}}}}}},
	}}}}}
	if got, want := ContentPaths(trees), []string{"Document/H1", "Document/TOC/TOCI/Link", "Document/TOC/TOCI/Link#"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ContentPaths = %q, want %q", got, want)
	}
}
