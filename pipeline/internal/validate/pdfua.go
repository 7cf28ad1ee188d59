package validate

import (
	"encoding/binary"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/language"
)

// UAFailure is a PDF/UA-1 rule a PDF breaks: the Matterhorn Protocol 1.1
// checkpoint (or, for rules the protocol leaves to ISO 14289-1 or ISO
// 32000-1 alone, the clause) and what was found.
type UAFailure struct {
	Checkpoint string
	Detail     string
}

func (f UAFailure) String() string { return f.Checkpoint + ": " + f.Detail }

// UACheckpoints lists the checkpoints PDFUA checks, with what each
// checks. docs/accessibility.md describes them; a test keeps the two in
// step.
var UACheckpoints = map[string]string{
	"01-003": "no artifact inside tagged content",
	"01-004": "no tagged content inside an artifact",
	"01-005": "every painting operator is in tagged content or an artifact",
	"01-007": "MarkInfo has no Suspects true",
	"02-001": "every role mapping ends at a standard structure type",
	"02-003": "no circular role mapping",
	"02-004": "no standard structure type remapped",
	"06-001": "the catalog has an XMP metadata stream",
	"06-002": "the XMP says pdfuaid:part 1",
	"06-003": "the XMP has a dc:title",
	"07-001": "ViewerPreferences has DisplayDocTitle",
	"07-002": "DisplayDocTitle is true",
	"09-004": "tables nest as ISO 32000-1 table 337 says",
	"09-005": "lists nest as ISO 32000-1 table 336 says",
	"09-006": "contents (TOC) nest as ISO 32000-1 table 333 says",
	"10-001": "every character code shown maps to Unicode through ToUnicode",
	"11-001": "the language of page content can be determined (catalog Lang, or Lang on the elements)",
	"11-002": "the language of Alt and ActualText can be determined",
	"11-003": "the language of outline entries can be determined",
	"11-004": "the language of annotation Contents can be determined",
	"11-006": "the language of the metadata can be determined",
	"13-004": "every Figure has Alt or ActualText",
	"14-002": "the first heading is H1",
	"14-003": "no heading level is skipped going down",
	"14-006": "no element holds more than one H",
	"14-007": "H and H1..H6 are not mixed",
	"19-003": "every Note has an ID",
	"19-004": "Note IDs are unique",
	"20-001": "no optional content (the writer makes none)",
	"21-001": "no embedded files (the writer makes none)",
	"26-001": "not encrypted",
	"28-002": "no annotation but links (and widgets, printer marks)",
	"28-004": "every annotation has Contents",
	"28-008": "a page with annotations has Tabs",
	"28-009": "Tabs is S",
	"28-011": "every link annotation is the object of an OBJR in a Link element",
	"28-012": "every link annotation has Contents",
	"30-001": "no reference XObject",
	"31-004": "a CIDFontType2 has a CIDToGIDMap stream or Identity",
	"31-005": "a CIDFontType2 has a CIDToGIDMap",
	"31-009": "every font used is embedded",
	"31-011": "every glyph shown is in the embedded font program",
	"31-016": "every glyph's width in the font dictionary is its advance in the font program",
	"31-027": "every font has a ToUnicode CMap",
	"31-028": "no ToUnicode value is U+0000",
	"31-029": "no ToUnicode value is U+FEFF or U+FFFE",
	"31-030": "no text shows the .notdef glyph",
	"7.1":    "MarkInfo Marked true and a StructTreeRoot (ISO 14289-1, 7.1)",
	"7.1-S":  "every structure type is a standard one or role-mapped to one (ISO 14289-1, 7.1)",
	"14.7.4": "marked content and the structure tree agree: each MCID of a page belongs to one element, the ParentTree says which, and every element's MCID is on its page (ISO 32000-1, 14.7.4)",
	"PUA":    "no ToUnicode value is a private-use character (this project's rule: a private-use character is not text)",
}

// standardTypes are ISO 32000-1's standard structure types (14.8.4).
var standardTypes = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
		NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP
		Figure Formula Form`) {
		standardTypes[s] = true
	}
}

// PDFUA checks path against the rules of PDF/UA-1 that a program can
// check (UACheckpoints) and returns what fails. Rules that need a person
// (is the alternative text right, is the reading order the logical one)
// are not here; docs/accessibility.md says which.
func PDFUA(t testing.TB, path string) []UAFailure {
	t.Helper()
	return CheckPDFUA(ReadPDFObjects(t, path))
}

// uaCheck holds what the checks share.
type uaCheck struct {
	d        *PDFObjects
	fails    []UAFailure
	count    map[string]int
	roleMap  map[string]string
	lang     bool // the catalog has a Lang
	fontUsed map[string]map[uint16]bool
	// mcid[page][mcid] is the element whose content it is, from the tree.
	mcid map[string]map[int]string
	// objr is the element holding each OBJR's object.
	objr map[string]string
}

// fail records a failure; past five of a checkpoint it only counts them.
func (c *uaCheck) fail(id, format string, args ...any) {
	c.count[id]++
	if c.count[id] <= 5 {
		c.fails = append(c.fails, UAFailure{id, fmt.Sprintf(format, args...)})
	} else if c.count[id] == 6 {
		c.fails = append(c.fails, UAFailure{id, "more of the same"})
	}
}

// CheckPDFUA is PDFUA on objects already read.
func CheckPDFUA(d *PDFObjects) []UAFailure {
	c := &uaCheck{d: d, count: map[string]int{}, roleMap: map[string]string{},
		fontUsed: map[string]map[uint16]bool{}, mcid: map[string]map[int]string{}, objr: map[string]string{}}
	cat := d.catalog()
	if cat == nil {
		c.fail("7.1", "no document catalog")
		return c.fails
	}
	c.catalog(cat)
	c.structure(cat)
	for _, page := range d.pages() {
		c.page(page)
	}
	c.fonts()
	sort.SliceStable(c.fails, func(i, j int) bool { return c.fails[i].Checkpoint < c.fails[j].Checkpoint })
	return c.fails
}

var (
	xmpPart  = regexp.MustCompile(`pdfuaid:part(?:="\s*1\s*"|>\s*1\s*<)`)
	xmpTitle = regexp.MustCompile(`(?s)<dc:title>.*?<rdf:li[^>]*>\s*[^<\s][^<]*</rdf:li>.*?</dc:title>`)
)

func (c *uaCheck) catalog(cat map[string]any) {
	d := c.d
	if mi := d.dict(cat["/MarkInfo"]); mi == nil || d.resolve(mi["/Marked"]) != true {
		c.fail("7.1", "MarkInfo is not << /Marked true >>")
	} else if d.resolve(mi["/Suspects"]) == true {
		c.fail("01-007", "MarkInfo has /Suspects true")
	}
	if d.dict(cat["/StructTreeRoot"]) == nil {
		c.fail("7.1", "no StructTreeRoot")
	}
	if m := d.stream(cat["/Metadata"]); m == nil {
		c.fail("06-001", "no XMP metadata stream in the catalog")
	} else {
		x := string(m.data)
		if !xmpPart.MatchString(x) {
			c.fail("06-002", "the XMP has no pdfuaid:part 1")
		}
		if !xmpTitle.MatchString(x) {
			c.fail("06-003", "the XMP has no dc:title")
		}
	}
	if vp := d.dict(cat["/ViewerPreferences"]); vp == nil || vp["/DisplayDocTitle"] == nil {
		c.fail("07-001", "no /DisplayDocTitle in /ViewerPreferences")
	} else if d.resolve(vp["/DisplayDocTitle"]) != true {
		c.fail("07-002", "/DisplayDocTitle is not true")
	}
	if l, ok := d.text(cat["/Lang"]); ok && l != "" {
		if _, err := language.Parse(l); err != nil {
			c.fail("11-001", "catalog /Lang %q: %v", l, err)
		} else {
			c.lang = true
		}
	}
	if !c.lang {
		// Without a document language, nothing's language can be
		// determined but that of elements with their own Lang, which
		// the structure walk checks.
		for _, id := range []string{"11-001", "11-003", "11-004", "11-006"} {
			c.fail(id, "no /Lang in the catalog")
		}
	}
	if cat["/OCProperties"] != nil {
		c.fail("20-001", "the document has optional content; its configurations are not checked")
	}
	if names := d.dict(cat["/Names"]); names != nil {
		if ef := d.dict(names["/EmbeddedFiles"]); len(d.array(ef["/Names"])) > 0 || len(d.array(ef["/Kids"])) > 0 {
			c.fail("21-001", "the document has embedded files; their specifications are not checked")
		}
	}
	if c.d.trailer["/Encrypt"] != nil {
		c.fail("26-001", "the document is encrypted")
	}
}

// structure walks the structure tree: types, nesting, headings, figures,
// languages, and which content and annotations each element holds.
func (c *uaCheck) structure(cat map[string]any) {
	d := c.d
	root := d.dict(cat["/StructTreeRoot"])
	if root == nil {
		return
	}
	for k, v := range d.dict(root["/RoleMap"]) {
		c.roleMap[strings.TrimPrefix(k, "/")] = d.name(v)
	}
	for from, to := range c.roleMap {
		if standardTypes[from] {
			c.fail("02-004", "standard type %s is role-mapped to %s", from, to)
			continue
		}
		seen := map[string]bool{from: true}
		for t := to; ; t = c.roleMap[t] {
			if standardTypes[t] {
				break
			}
			if seen[t] {
				c.fail("02-003", "role mapping of %s is circular", from)
				break
			}
			seen[t] = true
			if _, ok := c.roleMap[t]; !ok {
				c.fail("02-001", "role mapping of %s ends at %s, not a standard type", from, t)
				break
			}
		}
	}
	var headings []string
	visited := map[string]bool{}
	var walk func(v any, parentType string, pg any, lang bool, depth int)
	walk = func(v any, parentType string, pg any, lang bool, depth int) {
		if depth > 100 {
			c.fail("7.1", "structure tree deeper than 100")
			return
		}
		ref, isR := isRef(v)
		if isR {
			if visited[ref] {
				c.fail("7.1", "structure element %s reached twice", ref)
				return
			}
			visited[ref] = true
		}
		e := d.dict(v)
		if e == nil {
			return
		}
		raw := d.name(e["/S"])
		typ := c.standard(raw)
		if typ == "" {
			c.fail("7.1-S", "structure type %q is neither standard nor role-mapped to one", raw)
		}
		if p := e["/Pg"]; p != nil {
			pg = p
		}
		if l, ok := d.text(e["/Lang"]); ok {
			if _, err := language.Parse(l); err != nil || l == "" {
				c.fail("11-001", "%s element's /Lang %q is no language tag", raw, l)
			} else {
				lang = true
			}
		}
		if _, ok := e["/Alt"]; ok && !lang {
			c.fail("11-002", "%s element's Alt has no language", raw)
		}
		if _, ok := e["/ActualText"]; ok && !lang {
			c.fail("11-002", "%s element's ActualText has no language", raw)
		}
		if typ == "Figure" {
			alt, _ := d.text(e["/Alt"])
			at, _ := d.text(e["/ActualText"])
			if strings.TrimSpace(alt) == "" && strings.TrimSpace(at) == "" {
				c.fail("13-004", "a Figure has no Alt or ActualText")
			}
		}
		if typ == "Note" {
			if id, ok := d.text(e["/ID"]); !ok || id == "" {
				c.fail("19-003", "a Note has no ID")
			} else if c.count["note:"+id]++; c.count["note:"+id] == 2 {
				c.fail("19-004", "Note ID %q is used twice", id)
			}
		}
		if len(typ) == 2 && typ[0] == 'H' && typ[1] >= '1' && typ[1] <= '6' || typ == "H" {
			headings = append(headings, typ)
		}
		var kidTypes []string
		kids := e["/K"]
		list := d.array(kids)
		if list == nil && kids != nil {
			list = []any{kids}
		}
		hs := 0
		for _, k := range list {
			if n, ok := d.integer(k); ok {
				c.content(pg, n, ref, raw, lang)
				continue
			}
			kd := d.dict(k)
			if kd == nil {
				continue
			}
			switch d.name(kd["/Type"]) {
			case "MCR":
				kpg := pg
				if p := kd["/Pg"]; p != nil {
					kpg = p
				}
				if n, ok := d.integer(kd["/MCID"]); ok {
					c.content(kpg, n, ref, raw, lang)
				}
				continue
			case "OBJR":
				if o, ok := isRef(kd["/Obj"]); ok {
					c.objr[o] = ref
					if !lang {
						if a := d.dict(o); a != nil && a["/Contents"] != nil {
							c.fail("11-004", "an annotation's Contents has no language")
						}
					}
				}
				continue
			}
			kt := c.standard(d.name(kd["/S"]))
			kidTypes = append(kidTypes, kt)
			if kt == "H" {
				hs++
			}
			walk(k, typ, pg, lang, depth+1)
		}
		if hs > 1 {
			c.fail("14-006", "a %s holds %d H elements", raw, hs)
		}
		c.nesting(typ, parentType, kidTypes)
	}
	topLang := c.lang
	kids := root["/K"]
	list := d.array(kids)
	if list == nil && kids != nil {
		list = []any{kids}
	}
	for _, k := range list {
		walk(k, "", nil, topLang, 0)
	}
	c.headings(headings)
	c.parentTree(root)
}

// standard returns the standard type a structure type is or maps to.
func (c *uaCheck) standard(s string) string {
	for range 32 {
		if standardTypes[s] {
			return s
		}
		t, ok := c.roleMap[s]
		if !ok {
			return ""
		}
		s = t
	}
	return ""
}

// nesting checks lists, contents and tables against ISO 32000-1's tables
// 336, 333 and 337.
func (c *uaCheck) nesting(typ, parent string, kids []string) {
	allowed := func(id string, set ...string) {
		for _, k := range kids {
			ok := false
			for _, s := range set {
				ok = ok || k == s
			}
			if !ok {
				c.fail(id, "%s holds %s; only %s may be there", typ, k, strings.Join(set, ", "))
			}
		}
	}
	switch typ {
	case "L":
		allowed("09-005", "LI", "L", "Caption")
	case "LI":
		allowed("09-005", "Lbl", "LBody")
	case "TOC":
		allowed("09-006", "TOCI", "TOC", "Caption")
	case "TOCI":
		allowed("09-006", "Lbl", "Reference", "NonStruct", "P", "TOC")
	case "Table":
		allowed("09-004", "TR", "THead", "TBody", "TFoot", "Caption")
	case "THead", "TBody", "TFoot":
		allowed("09-004", "TR")
	case "TR":
		allowed("09-004", "TH", "TD")
	}
	need := map[string][]string{
		"LI": {"L"}, "Lbl": {"LI", "TOCI", "BibEntry", "Note"}, "LBody": {"LI"},
		"TOCI": {"TOC"}, "TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"},
		"THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"},
	}
	if ps, ok := need[typ]; ok {
		found := false
		for _, p := range ps {
			found = found || p == parent
		}
		if !found {
			id := "09-005"
			switch typ {
			case "TOCI":
				id = "09-006"
			case "TR", "TH", "TD", "THead", "TBody", "TFoot":
				id = "09-004"
			}
			c.fail(id, "%s is in %q; it belongs in %s", typ, parent, strings.Join(ps, " or "))
		}
	}
}

func (c *uaCheck) headings(hs []string) {
	numbered, plain := false, false
	last := 0
	for i, h := range hs {
		if h == "H" {
			plain = true
			continue
		}
		numbered = true
		n := int(h[1] - '0')
		if i == 0 && n != 1 {
			c.fail("14-002", "the first heading is %s", h)
		}
		if last > 0 && n > last+1 {
			c.fail("14-003", "%s follows H%d", h, last)
		}
		last = n
	}
	if numbered && plain {
		c.fail("14-007", "both H and numbered headings")
	}
}

// content records that element el holds MCID n of page pg.
func (c *uaCheck) content(pg any, n int, el, typ string, lang bool) {
	page, ok := isRef(pg)
	if !ok {
		c.fail("14.7.4", "%s element holds MCID %d but no page says where", typ, n)
		return
	}
	if c.mcid[page] == nil {
		c.mcid[page] = map[int]string{}
	}
	if other, dup := c.mcid[page][n]; dup {
		c.fail("14.7.4", "MCID %d of page %s is in two elements (%s, %s)", n, page, other, el)
	}
	c.mcid[page][n] = el
	if !lang {
		c.fail("11-001", "the language of %s element's content can't be determined", typ)
	}
}

// parentTree checks that the ParentTree says what the tree says.
func (c *uaCheck) parentTree(root map[string]any) {
	d := c.d
	pt := d.numberTree(root["/ParentTree"])
	for _, page := range d.pages() {
		pd := d.dict(page)
		mc := c.mcid[page]
		key, ok := d.integer(pd["/StructParents"])
		if !ok {
			if len(mc) > 0 {
				c.fail("14.7.4", "page %s has tagged content but no /StructParents", page)
			}
			continue
		}
		arr := d.array(pt[key])
		for n, el := range mc {
			if n >= len(arr) {
				c.fail("14.7.4", "ParentTree has no entry for MCID %d of page %s", n, page)
				continue
			}
			if r, _ := isRef(arr[n]); r != el {
				c.fail("14.7.4", "ParentTree gives %q for MCID %d of page %s; the tree has %s", r, n, page, el)
			}
		}
	}
}

// page checks a page's content and annotations.
func (c *uaCheck) page(page string) {
	d := c.d
	pd := d.dict(page)
	annots := d.array(pd["/Annots"])
	if len(annots) > 0 {
		switch tabs := d.name(pd["/Tabs"]); tabs {
		case "S":
		case "":
			c.fail("28-008", "page %s has annotations but no /Tabs", page)
		default:
			c.fail("28-009", "page %s has /Tabs /%s", page, tabs)
		}
	}
	pt := d.numberTree(d.dict(d.catalog()["/StructTreeRoot"])["/ParentTree"])
	for i, a := range annots {
		ad := d.dict(a)
		ref, ok := isRef(a)
		if !ok {
			ref = fmt.Sprintf("%d of page %s", i+1, page)
		}
		sub := d.name(ad["/Subtype"])
		switch sub {
		case "Widget", "PrinterMark":
			continue
		case "Link":
		default:
			c.fail("28-002", "page %s has a %s annotation", page, sub)
			continue
		}
		if s, ok := d.text(ad["/Contents"]); !ok || strings.TrimSpace(s) == "" {
			c.fail("28-012", "a link annotation on page %s has no Contents", page)
		}
		el, ok := c.objr[ref]
		if !ok || c.standard(d.name(d.dict(el)["/S"])) != "Link" {
			c.fail("28-011", "link annotation %s is not in a Link element", ref)
			continue
		}
		key, ok := d.integer(ad["/StructParent"])
		if r, _ := isRef(pt[key]); !ok || r != el {
			c.fail("14.7.4", "link annotation %s's /StructParent does not lead to its Link element", ref)
		}
	}
	res := d.dict(d.inherited(page, "/Resources"))
	c.scan(page, d.contents(page), res, 0)
}

// scan reads a content stream: marked content, painting operators, the
// fonts and codes of text, and XObjects.
func (c *uaCheck) scan(page string, content []byte, res map[string]any, depth int) {
	d := c.d
	ops, err := parseContent(content)
	if err != nil {
		c.fail("01-005", "page %s: content does not parse: %v", page, err)
	}
	type mark struct {
		artifact bool
		mcid     int // -1 when none
	}
	var stack []mark
	inArtifact := func() bool {
		for _, m := range stack {
			if m.artifact {
				return true
			}
		}
		return false
	}
	inTagged := func() bool {
		for _, m := range stack {
			if m.mcid >= 0 {
				return true
			}
		}
		return false
	}
	fonts := d.dict(res["/Font"])
	xobjects := d.dict(res["/XObject"])
	font := ""
	seen := map[int]bool{}
	painted := func(op string) {
		if !inArtifact() && !inTagged() {
			c.fail("01-005", "page %s: %s outside tagged content and artifacts", page, op)
		}
	}
	for _, op := range ops {
		switch op.op {
		case "BMC", "BDC":
			m := mark{mcid: -1}
			if len(op.args) > 0 {
				m.artifact = op.args[0] == pdfName("Artifact")
			}
			if op.op == "BDC" && len(op.args) > 1 {
				props, _ := op.args[1].(map[string]any)
				if n, ok := op.args[1].(pdfName); ok {
					props = d.dict(d.dict(res["/Properties"])["/"+string(n)])
				}
				if v, ok := props["MCID"].(float64); ok {
					m.mcid = int(v)
				} else if v, ok := d.integer(props["/MCID"]); ok {
					m.mcid = v
				}
			}
			if m.artifact && inTagged() {
				c.fail("01-003", "page %s: an artifact inside tagged content", page)
			}
			if m.mcid >= 0 {
				if inArtifact() {
					c.fail("01-004", "page %s: MCID %d inside an artifact", page, m.mcid)
				}
				if inTagged() {
					c.fail("14.7.4", "page %s: MCID %d inside MCID content", page, m.mcid)
				}
				if seen[m.mcid] {
					c.fail("14.7.4", "page %s: MCID %d marks two sequences", page, m.mcid)
				}
				seen[m.mcid] = true
				if _, ok := c.mcid[page][m.mcid]; !ok && depth == 0 {
					c.fail("14.7.4", "page %s: MCID %d belongs to no structure element", page, m.mcid)
				}
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) == 0 {
				c.fail("01-005", "page %s: EMC without BMC or BDC", page)
				continue
			}
			stack = stack[:len(stack)-1]
		case "Tf":
			if len(op.args) > 0 {
				if n, ok := op.args[0].(pdfName); ok {
					font, _ = isRef(fonts["/"+string(n)])
					if font == "" {
						c.fail("31-009", "page %s: font /%s is not in the page's resources", page, n)
					}
				}
			}
		case "Tj", "'", "\"", "TJ":
			painted(op.op)
			c.shown(font, op.args)
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI":
			painted(op.op)
		case "Do":
			painted(op.op)
			if len(op.args) == 0 {
				continue
			}
			n, _ := op.args[0].(pdfName)
			x := d.stream(xobjects["/"+string(n)])
			if x == nil {
				continue
			}
			if x.dict["/Ref"] != nil {
				c.fail("30-001", "page %s: reference XObject /%s", page, n)
			}
			if d.name(x.dict["/Subtype"]) == "Form" && depth < 8 {
				fres := d.dict(x.dict["/Resources"])
				if fres == nil {
					fres = res
				}
				c.scan(page, x.data, fres, depth+1)
			}
		}
	}
	if len(stack) > 0 {
		c.fail("01-005", "page %s: %d marked-content sequences left open", page, len(stack))
	}
	if depth == 0 {
		for n := range c.mcid[page] {
			if !seen[n] {
				c.fail("14.7.4", "page %s: the structure tree has MCID %d, the content none", page, n)
			}
		}
	}
}

// shown records the codes a text-showing operator shows in font.
func (c *uaCheck) shown(font string, args []any) {
	if font == "" {
		return
	}
	used := c.fontUsed[font]
	if used == nil {
		used = map[uint16]bool{}
		c.fontUsed[font] = used
	}
	var add func(v any)
	add = func(v any) {
		switch v := v.(type) {
		case []byte:
			// Two-byte codes: every font the checks accept is Identity-H;
			// the fonts check flags the others.
			for i := 0; i+1 < len(v); i += 2 {
				used[binary.BigEndian.Uint16(v[i:])] = true
			}
		case []any:
			for _, x := range v {
				add(x)
			}
		}
	}
	for _, a := range args {
		add(a)
	}
}

// fonts checks each font text was shown in: embedded, Identity-H with a
// CIDToGIDMap, ToUnicode for every code, widths as in the font program,
// no .notdef.
func (c *uaCheck) fonts() {
	d := c.d
	refs := make([]string, 0, len(c.fontUsed))
	for f := range c.fontUsed {
		refs = append(refs, f)
	}
	sort.Strings(refs)
	for _, ref := range refs {
		used := c.fontUsed[ref]
		f := d.dict(ref)
		base := d.name(f["/BaseFont"])
		if d.name(f["/Subtype"]) != "Type0" || d.name(f["/Encoding"]) != "Identity-H" {
			c.fail("31-009", "font %s is not a Type0 font with Identity-H: not checked", base)
			continue
		}
		desc := d.array(f["/DescendantFonts"])
		if len(desc) != 1 {
			c.fail("31-009", "font %s has no descendant font", base)
			continue
		}
		cf := d.dict(desc[0])
		var glyphs *ttMetrics
		if fd := d.dict(cf["/FontDescriptor"]); fd == nil {
			c.fail("31-009", "font %s has no font descriptor", base)
		} else if ff := d.stream(fd["/FontFile2"]); ff == nil {
			c.fail("31-009", "font %s is not embedded (no FontFile2)", base)
		} else if m, err := parseTTMetrics(ff.data); err != nil {
			c.fail("31-011", "font %s: embedded font program: %v", base, err)
		} else {
			glyphs = m
		}
		var cidToGID []byte
		identity := false
		switch v := d.resolve(cf["/CIDToGIDMap"]).(type) {
		case nil:
			c.fail("31-005", "font %s has no CIDToGIDMap", base)
		case *pdfStream:
			cidToGID = v.data
		default:
			if d.name(v) == "Identity" {
				identity = true
			} else {
				c.fail("31-004", "font %s: CIDToGIDMap is neither a stream nor Identity", base)
			}
		}
		widths := c.widths(cf)
		dw := 1000.0
		if v, ok := d.number(cf["/DW"]); ok {
			dw = v
		}
		toUni := map[uint16][]rune{}
		if tu := d.stream(f["/ToUnicode"]); tu == nil {
			c.fail("31-027", "font %s has no ToUnicode", base)
		} else {
			toUni = parseToUnicode(tu.data)
		}
		for code, rs := range toUni {
			for _, r := range rs {
				switch {
				case r == 0:
					c.fail("31-028", "font %s maps code %04X to U+0000", base, code)
				case r == 0xfeff || r == 0xfffe:
					c.fail("31-029", "font %s maps code %04X to U+%04X", base, code, r)
				case unicode.Is(unicode.Co, r):
					c.fail("PUA", "font %s maps code %04X to private-use U+%04X", base, code, r)
				}
			}
		}
		codes := make([]int, 0, len(used))
		for code := range used {
			codes = append(codes, int(code))
		}
		sort.Ints(codes)
		for _, ci := range codes {
			code := uint16(ci)
			if _, ok := toUni[code]; !ok {
				c.fail("10-001", "font %s: code %04X has no ToUnicode entry", base, code)
			}
			gid := int(code)
			if !identity && cidToGID != nil {
				if 2*gid+1 >= len(cidToGID) {
					gid = 0
				} else {
					gid = int(binary.BigEndian.Uint16(cidToGID[2*gid:]))
				}
			}
			if gid == 0 {
				c.fail("31-030", "font %s: code %04X shows .notdef", base, code)
				continue
			}
			if glyphs == nil {
				continue
			}
			if gid >= glyphs.numGlyphs {
				c.fail("31-011", "font %s: code %04X shows glyph %d; the font has %d", base, code, gid, glyphs.numGlyphs)
				continue
			}
			w, ok := widths[code]
			if !ok {
				w = dw
			}
			if fw := glyphs.advance(gid); abs(fw-w) > 1 {
				c.fail("31-016", "font %s: glyph %d is %.3f wide in W, %.3f in the font", base, gid, w, fw)
			}
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// widths reads a CIDFont's W array.
func (c *uaCheck) widths(cf map[string]any) map[uint16]float64 {
	d := c.d
	out := map[uint16]float64{}
	w := d.array(cf["/W"])
	for i := 0; i < len(w); {
		first, ok := d.integer(w[i])
		if !ok || i+1 >= len(w) {
			break
		}
		if list := d.array(w[i+1]); list != nil {
			for k, v := range list {
				f, _ := d.number(v)
				out[uint16(first+k)] = f
			}
			i += 2
			continue
		}
		last, ok1 := d.integer(w[i+1])
		if i+2 >= len(w) || !ok1 {
			break
		}
		f, _ := d.number(w[i+2])
		for k := first; k <= last && k-first < 1<<16; k++ {
			out[uint16(k)] = f
		}
		i += 3
	}
	return out
}

// parseToUnicode reads a ToUnicode CMap's bfchar and bfrange entries
// with two-byte codes.
func parseToUnicode(data []byte) map[uint16][]rune {
	out := map[uint16][]rune{}
	ops, _ := parseContent(data)
	code := func(v any) (uint16, bool) {
		b, ok := v.([]byte)
		if !ok || len(b) != 2 {
			return 0, false
		}
		return binary.BigEndian.Uint16(b), true
	}
	utf16be := func(v any) []rune {
		b, _ := v.([]byte)
		if len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff {
			// A byte order mark in a CMap value is a character (31-029).
			return []rune{0xfeff}
		}
		return []rune(decodeTextString(append([]byte{0xfe, 0xff}, b...)))
	}
	for _, op := range ops {
		switch op.op {
		case "endbfchar":
			for i := 0; i+1 < len(op.args); i += 2 {
				if k, ok := code(op.args[i]); ok {
					out[k] = utf16be(op.args[i+1])
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(op.args); i += 3 {
				lo, ok1 := code(op.args[i])
				hi, ok2 := code(op.args[i+1])
				if !ok1 || !ok2 || hi < lo {
					continue
				}
				if list, ok := op.args[i+2].([]any); ok {
					for k := 0; k <= int(hi-lo) && k < len(list); k++ {
						out[lo+uint16(k)] = utf16be(list[k])
					}
					continue
				}
				start := utf16be(op.args[i+2])
				for k := 0; k <= int(hi-lo); k++ {
					rs := append([]rune(nil), start...)
					if len(rs) > 0 {
						rs[len(rs)-1] += rune(k)
					}
					out[lo+uint16(k)] = rs
				}
			}
		}
	}
	return out
}

// ttMetrics is what the checks need of a TrueType font program.
type ttMetrics struct {
	numGlyphs  int
	unitsPerEm int
	advances   []uint16
}

// advance returns a glyph's advance in thousandths of an em.
func (m *ttMetrics) advance(gid int) float64 {
	if len(m.advances) == 0 {
		return 0
	}
	a := m.advances[len(m.advances)-1]
	if gid < len(m.advances) {
		a = m.advances[gid]
	}
	return float64(a) * 1000 / float64(m.unitsPerEm)
}

// parseTTMetrics reads the head, maxp, hhea and hmtx tables.
func parseTTMetrics(b []byte) (*ttMetrics, error) {
	if len(b) < 12 {
		return nil, fmt.Errorf("too short")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	tables := map[string][]byte{}
	for i := range n {
		o := 12 + 16*i
		if o+16 > len(b) {
			return nil, fmt.Errorf("table directory cut short")
		}
		off := int(binary.BigEndian.Uint32(b[o+8:]))
		l := int(binary.BigEndian.Uint32(b[o+12:]))
		if off < 0 || l < 0 || off+l > len(b) {
			return nil, fmt.Errorf("table %q out of the file", b[o:o+4])
		}
		tables[string(b[o:o+4])] = b[off : off+l]
	}
	head, maxp, hhea, hmtx := tables["head"], tables["maxp"], tables["hhea"], tables["hmtx"]
	if len(head) < 54 || len(maxp) < 6 || len(hhea) < 36 {
		return nil, fmt.Errorf("head, maxp or hhea missing or short")
	}
	m := &ttMetrics{
		unitsPerEm: int(binary.BigEndian.Uint16(head[18:])),
		numGlyphs:  int(binary.BigEndian.Uint16(maxp[4:])),
	}
	if m.unitsPerEm == 0 {
		return nil, fmt.Errorf("unitsPerEm 0")
	}
	nh := int(binary.BigEndian.Uint16(hhea[34:]))
	if nh == 0 || 4*nh > len(hmtx) {
		return nil, fmt.Errorf("hmtx shorter than hhea says")
	}
	m.advances = make([]uint16, nh)
	for i := range nh {
		m.advances[i] = binary.BigEndian.Uint16(hmtx[4*i:])
	}
	return m, nil
}
