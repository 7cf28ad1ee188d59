package xliff

import (
	"reflect"
	"strings"
	"testing"

	"github.com/polypress/polypress/pipeline/diag"
)

func sample() *Document {
	g := &Group{ID: "n", Restype: "x-gettext-plurals"}
	return &Document{Files: []*File{{
		Original: "a/statement.fr.md", SourceLang: "en", TargetLang: "fr", Datatype: "x-test",
		Notes: []Note{{From: "polypress", Text: "a <note> & more"}},
		Units: []*Unit{
			{ID: "clause/1", Approved: "yes", State: "translated",
				Source: Content{{Kind: Text, Text: "Took "}, {Kind: G, ID: "1", Ctype: "italic", Children: Content{{Kind: Text, Text: "note"}}}, {Kind: Text, Text: " of "}, {Kind: G, ID: "2", Ctype: "link", Href: "https://x.org/?a=1&b=\"2\"", Children: Content{{Kind: Text, Text: "it"}}}},
				Target: &Content{{Kind: Text, Text: "A pris "}, {Kind: G, ID: "1", Ctype: "italic", Children: Content{{Kind: Text, Text: "note"}}}, {Kind: X, ID: "p1", Ctype: "x-paragraph"}, {Kind: Text, Text: "x < y\ttab"}},
				Notes:  []Note{{From: "polypress", Text: "clause 1"}}},
			{ID: "n[one]", Group: g, Source: Content{{Kind: Ph, ID: "1", Ctype: "x-go-template", Text: "{{.Count}}"}, {Kind: Text, Text: " item"}}, Target: &Content{}, State: "new"},
			{ID: "n[other]", Group: g, Source: Content{{Kind: Text, Text: "items"}}},
		},
	}}}
}

// strip clears positions, which Marshal does not write.
func strip(d *Document) {
	var c func(Content)
	c = func(cs Content) {
		for i := range cs {
			cs[i].Pos = diag.Pos{}
			c(cs[i].Children)
		}
	}
	for _, f := range d.Files {
		f.Pos = diag.Pos{}
		for _, u := range f.Units {
			u.Pos, u.SourcePos, u.TargetPos = diag.Pos{}, diag.Pos{}, diag.Pos{}
			if u.Group != nil {
				u.Group.Pos = diag.Pos{}
			}
			c(u.Source)
			if u.Target != nil {
				c(*u.Target)
			}
		}
	}
}

func TestRoundTrip(t *testing.T) {
	want := sample()
	data, err := Marshal(want, Tool{ID: "polypress", Name: "polypress"})
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Marshal(sample(), Tool{ID: "polypress", Name: "polypress"})
	if string(again) != string(data) {
		t.Error("Marshal is not deterministic")
	}
	got, err := Parse("t.xlf", data)
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, data)
	}
	if u := got.Files[0].Units[0]; u.Pos.Line != 9 || u.SourcePos.Line != 10 || u.TargetPos.Line != 11 {
		t.Errorf("positions: unit %v, source %v, target %v\n%s", u.Pos, u.SourcePos, u.TargetPos, data)
	}
	strip(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n%#v\nwant\n%#v\n%s", got.Files[0].Units[0], want.Files[0].Units[0], data)
	}
}

func TestMarshalRefusesControls(t *testing.T) {
	d := sample()
	d.Files[0].Units[0].Source = Content{{Kind: Text, Text: "bell\x07"}}
	if _, err := Marshal(d, Tool{}); err == nil || !strings.Contains(err.Error(), "unit clause/1: character U+0007") {
		t.Errorf("err = %v", err)
	}
}

// TestReadsWhatToolsWrite reads XLIFF as tools write it: no namespace,
// segmentation marks, alternative translations, comments.
func TestReadsWhatToolsWrite(t *testing.T) {
	src := `<?xml version="1.0" encoding="UTF-8"?>
<!-- made by a tool -->
<xliff version="1.2">
 <file original="f" source-language="en" target-language="de" datatype="plaintext">
  <body>
   <trans-unit id="a">
    <source>One. Two.</source>
    <seg-source><mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two.</mrk></seg-source>
    <target state="final"><mrk mtype="seg" mid="1">Eins.</mrk> <mrk mtype="seg" mid="2">Zwei.</mrk></target>
    <alt-trans><target>Ein.</target></alt-trans>
   </trans-unit>
  </body>
 </file>
</xliff>`
	d, err := Parse("t.xlf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	u := d.Files[0].Units[0]
	if u.Target == nil || u.Target.PlainText() != "Eins. Zwei." || u.State != "final" || u.Source.PlainText() != "One. Two." {
		t.Errorf("unit: %+v target %+v", u, u.Target)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"not XML", "hello", "t.xlf:1:1: no <xliff> element"},
		{"unclosed", "<xliff version=\"1.2\">\n  <file original=\"f\">\n    <body>\n  </file>", "t.xlf:4:3: not well-formed XML: element <body> closed by </file>"},
		{"bad entity", "<xliff version=\"1.2\"><file>&nbsp;</file></xliff>", "t.xlf:1:34: not well-formed XML: invalid character entity &nbsp;"},
		{"version", "<xliff version=\"2.0\"></xliff>", `t.xlf:1:1: XLIFF version "2.0": polypress reads XLIFF 1.2`},
		{"not inline", "<xliff version=\"1.2\"><file><body><trans-unit id=\"a\"><source>x <b>y</b></source></trans-unit></body></file></xliff>", "t.xlf:1:63: <b> is not XLIFF 1.2 inline markup"},
		{"latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><xliff/>\xe9", "t.xlf:1:52: the file is not valid UTF-8"},
	}
	for _, tt := range tests {
		_, err := Parse("t.xlf", []byte(tt.src))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %s", tt.name, err, tt.want)
		}
	}
}

// FuzzParse reads any bytes: an error with a position, or a document;
// never a panic.
func FuzzParse(f *testing.F) {
	data, _ := Marshal(sample(), Tool{ID: "p", Name: "p"})
	f.Add(data)
	f.Add([]byte(`<xliff version="1.2"><file><body><group><trans-unit id="x"><source><g id="1"><ph>a</ph></g></source></trans-unit></group></body></file></xliff>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Parse("f.xlf", b)
		if err != nil {
			for _, e := range diag.Flatten(err) {
				if e.Pos.File != "f.xlf" || e.Pos.Line < 1 {
					t.Errorf("error without a position: %v", e)
				}
			}
			return
		}
		if _, err := Marshal(d, Tool{}); err != nil && !strings.Contains(err.Error(), "cannot be written") && !strings.Contains(err.Error(), "UTF-8") {
			t.Errorf("Marshal of a parsed document: %v", err)
		}
	})
}
