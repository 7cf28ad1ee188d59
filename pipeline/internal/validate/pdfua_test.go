package validate

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// uaDoc is a small tagged PDF, as qpdf's JSON gives it, that passes
// every check: a heading and a paragraph in a Type0 font, a line drawn as
// an artifact, and a link. Each test case changes one thing in it.
type uaDoc map[string]any

func stream(dict map[string]any, data string) map[string]any {
	return map[string]any{"stream": map[string]any{"dict": dict, "data": base64.StdEncoding.EncodeToString([]byte(data))}}
}

func value(v any) map[string]any { return map[string]any{"value": v} }

// ttf makes the tables of a TrueType font the checks read: 1000 units
// to the em and glyph advances.
func ttf(advances ...uint16) string {
	head := make([]byte, 54)
	binary.BigEndian.PutUint16(head[18:], 1000)
	maxp := make([]byte, 6)
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(advances)))
	hhea := make([]byte, 36)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(advances)))
	hmtx := make([]byte, 4*len(advances))
	for i, a := range advances {
		binary.BigEndian.PutUint16(hmtx[4*i:], a)
	}
	tables := []struct {
		tag  string
		data []byte
	}{{"head", head}, {"hhea", hhea}, {"hmtx", hmtx}, {"maxp", maxp}}
	var b bytes.Buffer
	b.Write([]byte{0, 1, 0, 0, 0, byte(len(tables)), 0, 0, 0, 0, 0, 0})
	off := 12 + 16*len(tables)
	for _, t := range tables {
		b.WriteString(t.tag)
		binary.Write(&b, binary.BigEndian, [3]uint32{0, uint32(off), uint32(len(t.data))})
		off += len(t.data)
	}
	for _, t := range tables {
		b.Write(t.data)
	}
	return b.String()
}

const (
	uaContent = `/Artifact BMC 0 0 m 10 0 l S EMC
BT /F1 12 Tf /H1 <</MCID 0>> BDC 1 0 0 1 10 10 Tm <00010002> Tj EMC
/P <</MCID 1>> BDC [<0003> -20 (\000\001)] TJ EMC ET`
	uaToUnicode = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def
2 beginbfchar <0001> <0048> <0002> <0069> endbfchar
1 beginbfrange <0003> <0003> <0021> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
	uaXMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Hi!</rdf:li></rdf:Alt></dc:title>
<pdfuaid:part>1</pdfuaid:part></rdf:Description></rdf:RDF></x:xmpmeta>`
)

func newUADoc() uaDoc {
	return uaDoc{
		"obj:1 0 R": value(map[string]any{"/Type": "/Catalog", "/Pages": "2 0 R", "/Lang": "u:en",
			"/MarkInfo": map[string]any{"/Marked": true}, "/StructTreeRoot": "10 0 R", "/Metadata": "20 0 R",
			"/ViewerPreferences": map[string]any{"/DisplayDocTitle": true}}),
		"obj:2 0 R": value(map[string]any{"/Type": "/Pages", "/Kids": []any{"3 0 R"}, "/Count": 1}),
		"obj:3 0 R": value(map[string]any{"/Type": "/Page", "/Parent": "2 0 R", "/Contents": "4 0 R",
			"/Resources": map[string]any{"/Font": map[string]any{"/F1": "5 0 R"}}, "/StructParents": 0,
			"/Annots": []any{"30 0 R"}, "/Tabs": "/S"}),
		"obj:4 0 R": stream(map[string]any{}, uaContent),
		"obj:5 0 R": value(map[string]any{"/Type": "/Font", "/Subtype": "/Type0", "/BaseFont": "/ABCDEF+Test",
			"/Encoding": "/Identity-H", "/DescendantFonts": []any{"6 0 R"}, "/ToUnicode": "7 0 R"}),
		"obj:6 0 R": value(map[string]any{"/Type": "/Font", "/Subtype": "/CIDFontType2", "/FontDescriptor": "8 0 R",
			"/CIDToGIDMap": "9 0 R", "/W": []any{1, []any{500, 600, 700}}, "/DW": 1000}),
		"obj:7 0 R":  stream(map[string]any{}, uaToUnicode),
		"obj:8 0 R":  value(map[string]any{"/Type": "/FontDescriptor", "/FontFile2": "11 0 R"}),
		"obj:9 0 R":  stream(map[string]any{}, "\x00\x00\x00\x01\x00\x02\x00\x03"),
		"obj:11 0 R": stream(map[string]any{}, ttf(500, 500, 600, 700)),
		"obj:10 0 R": value(map[string]any{"/Type": "/StructTreeRoot", "/K": "12 0 R", "/ParentTree": "13 0 R"}),
		"obj:12 0 R": value(map[string]any{"/Type": "/StructElem", "/S": "/Document", "/P": "10 0 R",
			"/K": []any{"14 0 R", "15 0 R", "16 0 R"}}),
		"obj:14 0 R": value(map[string]any{"/Type": "/StructElem", "/S": "/H1", "/P": "12 0 R", "/Pg": "3 0 R", "/K": 0}),
		"obj:15 0 R": value(map[string]any{"/Type": "/StructElem", "/S": "/P", "/P": "12 0 R", "/Pg": "3 0 R", "/K": []any{1}}),
		"obj:16 0 R": value(map[string]any{"/Type": "/StructElem", "/S": "/Link", "/P": "12 0 R",
			"/K": []any{map[string]any{"/Type": "/OBJR", "/Obj": "30 0 R", "/Pg": "3 0 R"}}}),
		"obj:13 0 R": value(map[string]any{"/Nums": []any{0, []any{"14 0 R", "15 0 R"}, 1, "16 0 R"}}),
		"obj:20 0 R": stream(map[string]any{"/Type": "/Metadata", "/Subtype": "/XML"}, uaXMP),
		"obj:30 0 R": value(map[string]any{"/Type": "/Annot", "/Subtype": "/Link", "/Rect": []any{0, 0, 10, 10},
			"/Contents": "u:Example", "/StructParent": 1}),
		"trailer": value(map[string]any{"/Root": "1 0 R", "/Size": 31}),
	}
}

// obj returns an object's dictionary (a stream's dictionary) to change.
func (d uaDoc) obj(ref string) map[string]any {
	key := "obj:" + ref
	if ref == "trailer" {
		key = ref
	}
	o := d[key].(map[string]any)
	if s, ok := o["stream"].(map[string]any); ok {
		return s["dict"].(map[string]any)
	}
	return o["value"].(map[string]any)
}

func (d uaDoc) setStream(ref, data string) {
	d["obj:"+ref].(map[string]any)["stream"].(map[string]any)["data"] = base64.StdEncoding.EncodeToString([]byte(data))
}

func (d uaDoc) check(t *testing.T) []UAFailure {
	t.Helper()
	b, err := json.Marshal(map[string]any{"qpdf": []any{map[string]any{"jsonversion": 2}, map[string]any(d)}})
	if err != nil {
		t.Fatal(err)
	}
	objs, err := parsePDFObjects(b)
	if err != nil {
		t.Fatal(err)
	}
	return CheckPDFUA(objs)
}

func TestPDFUAPasses(t *testing.T) {
	if fails := newUADoc().check(t); len(fails) > 0 {
		t.Errorf("a valid document fails: %v", fails)
	}
}

// TestPDFUAFails breaks the valid document one way at a time: each must
// fail its checkpoint.
func TestPDFUAFails(t *testing.T) {
	content := func(s string) func(uaDoc) { return func(d uaDoc) { d.setStream("4 0 R", s) } }
	toUnicode := func(entries string) func(uaDoc) {
		return func(d uaDoc) {
			d.setStream("7 0 R", "begincmap 3 beginbfchar "+entries+" endbfchar endcmap")
		}
	}
	elem := func(ref, typ string) func(uaDoc) { return func(d uaDoc) { d.obj(ref)["/S"] = "/" + typ } }
	cases := []struct {
		checkpoint string
		change     func(uaDoc)
	}{
		{"7.1", func(d uaDoc) { delete(d.obj("1 0 R"), "/MarkInfo") }},
		{"7.1", func(d uaDoc) { delete(d.obj("1 0 R"), "/StructTreeRoot") }},
		{"01-007", func(d uaDoc) { d.obj("1 0 R")["/MarkInfo"] = map[string]any{"/Marked": true, "/Suspects": true} }},
		{"06-001", func(d uaDoc) { delete(d.obj("1 0 R"), "/Metadata") }},
		{"06-002", func(d uaDoc) { d.setStream("20 0 R", strings.Replace(uaXMP, "<pdfuaid:part>1", "<pdfuaid:part>2", 1)) }},
		{"06-003", func(d uaDoc) { d.setStream("20 0 R", strings.Replace(uaXMP, ">Hi!<", "><", 1)) }},
		{"07-001", func(d uaDoc) { delete(d.obj("1 0 R"), "/ViewerPreferences") }},
		{"07-002", func(d uaDoc) { d.obj("1 0 R")["/ViewerPreferences"] = map[string]any{"/DisplayDocTitle": false} }},
		{"11-001", func(d uaDoc) { delete(d.obj("1 0 R"), "/Lang") }},
		{"11-001", func(d uaDoc) { d.obj("14 0 R")["/Lang"] = "u:not a language" }},
		{"11-006", func(d uaDoc) { delete(d.obj("1 0 R"), "/Lang") }},
		{"26-001", func(d uaDoc) { d.obj("trailer")["/Encrypt"] = map[string]any{} }},
		{"01-005", content(`BT /F1 12 Tf <0001> Tj ET /H1 <</MCID 0>> BDC EMC /P <</MCID 1>> BDC EMC`)},
		{"01-005", content(`/H1 <</MCID 0>> BDC EMC /P <</MCID 1>> BDC EMC 0 0 10 10 re f`)},
		{"01-005", content(`/H1 <</MCID 0>> BDC /P <</MCID 1>> BDC EMC`)},
		{"01-003", content(`/H1 <</MCID 0>> BDC /Artifact BMC 0 0 m 1 1 l S EMC EMC /P <</MCID 1>> BDC EMC`)},
		{"01-004", content(`/Artifact BMC /H1 <</MCID 0>> BDC EMC EMC /P <</MCID 1>> BDC EMC`)},
		{"14.7.4", content(`/H1 <</MCID 0>> BDC EMC`)},
		{"14.7.4", content(`/H1 <</MCID 0>> BDC EMC /P <</MCID 1>> BDC EMC /P <</MCID 2>> BDC EMC`)},
		{"14.7.4", func(d uaDoc) { d.obj("13 0 R")["/Nums"] = []any{0, []any{"15 0 R", "14 0 R"}, 1, "16 0 R"} }},
		{"14.7.4", func(d uaDoc) { delete(d.obj("3 0 R"), "/StructParents") }},
		{"14.7.4", func(d uaDoc) { d.obj("30 0 R")["/StructParent"] = 0 }},
		{"7.1-S", elem("15 0 R", "Paragraph")},
		{"02-004", func(d uaDoc) { d.obj("10 0 R")["/RoleMap"] = map[string]any{"/P": "/Span"} }},
		{"02-001", func(d uaDoc) {
			d.obj("10 0 R")["/RoleMap"] = map[string]any{"/Para": "/Paragraph"}
			d.obj("15 0 R")["/S"] = "/Para"
		}},
		{"02-003", func(d uaDoc) { d.obj("10 0 R")["/RoleMap"] = map[string]any{"/A": "/B", "/B": "/A"} }},
		{"09-005", elem("12 0 R", "L")},
		{"09-005", elem("15 0 R", "LBody")},
		{"09-006", func(d uaDoc) {
			// A link straight in a TOCI.
			d.obj("12 0 R")["/S"] = "/TOC"
			d.obj("12 0 R")["/K"] = []any{"14 0 R", "15 0 R"}
			d.obj("14 0 R")["/S"] = "/TOCI"
			d.obj("14 0 R")["/K"] = []any{0, "16 0 R"}
			d.obj("15 0 R")["/S"] = "/TOCI"
		}},
		{"09-004", elem("15 0 R", "TD")},
		{"13-004", elem("15 0 R", "Figure")},
		{"14-002", elem("14 0 R", "H2")},
		{"14-003", elem("15 0 R", "H3")},
		{"14-006", func(d uaDoc) { elem("14 0 R", "H")(d); elem("15 0 R", "H")(d) }},
		{"14-007", elem("15 0 R", "H")},
		{"19-003", elem("15 0 R", "Note")},
		{"28-008", func(d uaDoc) { delete(d.obj("3 0 R"), "/Tabs") }},
		{"28-009", func(d uaDoc) { d.obj("3 0 R")["/Tabs"] = "/R" }},
		{"28-012", func(d uaDoc) { delete(d.obj("30 0 R"), "/Contents") }},
		{"28-011", func(d uaDoc) { d.obj("16 0 R")["/K"] = []any{} }},
		{"28-002", func(d uaDoc) { d.obj("30 0 R")["/Subtype"] = "/Text" }},
		{"31-027", func(d uaDoc) { delete(d.obj("5 0 R"), "/ToUnicode") }},
		{"31-009", func(d uaDoc) { delete(d.obj("8 0 R"), "/FontFile2") }},
		{"31-005", func(d uaDoc) { delete(d.obj("6 0 R"), "/CIDToGIDMap") }},
		{"31-004", func(d uaDoc) { d.obj("6 0 R")["/CIDToGIDMap"] = "/Other" }},
		{"10-001", toUnicode(`<0001> <0048> <0003> <0021>`)},
		{"31-028", toUnicode(`<0001> <0000> <0002> <0069> <0003> <0021>`)},
		{"31-029", toUnicode(`<0001> <FEFF0048> <0002> <0069> <0003> <0021>`)},
		{"PUA", toUnicode(`<0001> <E000> <0002> <0069> <0003> <0021>`)},
		{"31-030", func(d uaDoc) { d.setStream("9 0 R", "\x00\x00\x00\x00\x00\x02\x00\x03") }},
		{"31-011", func(d uaDoc) { d.setStream("9 0 R", "\x00\x00\x00\x09\x00\x02\x00\x03") }},
		{"31-016", func(d uaDoc) { d.obj("6 0 R")["/W"] = []any{1, 3, 500} }},
	}
	for _, tc := range cases {
		d := newUADoc()
		tc.change(d)
		fails := d.check(t)
		found := false
		for _, f := range fails {
			found = found || f.Checkpoint == tc.checkpoint
		}
		if !found {
			t.Errorf("%s: the broken document passes (failures: %v)", tc.checkpoint, fails)
		}
	}
}

// TestPDFUAUntagged reads a PDF as fpdf wrote them, untagged, through
// qpdf: it must fail.
func TestPDFUAUntagged(t *testing.T) {
	objs := []string{
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [3 0 R] /Count 1>>",
		"<</Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents 4 0 R>>",
		"<</Length 15>>\nstream\n0 0 10 10 re f\n\nendstream",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	path := filepath.Join(t.TempDir(), "untagged.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range PDFUA(t, path) {
		got[f.Checkpoint] = true
	}
	for _, want := range []string{"7.1", "01-005", "06-001", "07-001", "11-001"} {
		if !got[want] {
			t.Errorf("an untagged PDF passes %s (failures: %v)", want, got)
		}
	}
}

// TestUACheckpointsDocumented keeps docs/accessibility.md and the checks
// in step: every checkpoint checked is in the document's table.
func TestUACheckpointsDocumented(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "accessibility.md"))
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([^`]+)` \\|").FindAllStringSubmatch(string(data), -1) {
		documented[m[1]] = true
	}
	var missing, extra []string
	for id := range UACheckpoints {
		if !documented[id] {
			missing = append(missing, id)
		}
	}
	for id := range documented {
		if _, ok := UACheckpoints[id]; !ok {
			extra = append(extra, id)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 {
		t.Errorf("docs/accessibility.md does not list checkpoints %v", missing)
	}
	if len(extra) > 0 {
		t.Errorf("docs/accessibility.md lists checkpoints no check tests: %v", extra)
	}
}
