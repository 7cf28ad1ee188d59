// Package layout reads page layouts: the data (page size, margins, type
// sizes, colours, font stacks) that the PDF renderer follows. Layouts are
// TOML files in layouts/, embedded in the binary, or a file the user names.
package layout

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net/url"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/internal/confine"
	"github.com/polypress/polypress/pipeline/internal/tomlerr"
	"github.com/polypress/polypress/pipeline/text"
)

// Length is a distance in points, written in a layout as "25mm", "12pt",
// "1in" or a bare number of points.
type Length float64

// UnmarshalText parses a length with its unit.
func (l *Length) UnmarshalText(b []byte) error {
	v, err := ParseLength(string(b))
	*l = Length(v)
	return err
}

var lengthRE = regexp.MustCompile(`^\s*([0-9]*\.?[0-9]+)\s*(mm|cm|pt|in|)\s*$`)

// ParseLength parses "3mm", "0.5in", "12pt" or "12" (points) into points.
func ParseLength(s string) (float64, error) {
	m := lengthRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("length %q: want a number with a unit mm, cm, pt or in", s)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("length %q is too large", s)
	}
	switch m[2] {
	case "mm":
		v *= 72 / 25.4
	case "cm":
		v *= 720 / 25.4
	case "in":
		v *= 72
	}
	return v, nil
}

// Color is an RGB colour written "#rrggbb".
type Color uint32

// UnmarshalText parses "#rrggbb".
func (c *Color) UnmarshalText(b []byte) error {
	s := string(b)
	if len(s) != 7 || s[0] != '#' {
		return fmt.Errorf("colour %q: want #rrggbb", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return fmt.Errorf("colour %q: want #rrggbb", s)
	}
	*c = Color(v)
	return nil
}

// RGB returns the components in 0..1.
func (c Color) RGB() (r, g, b float64) {
	return float64(c>>16&0xff) / 255, float64(c>>8&0xff) / 255, float64(c&0xff) / 255
}

// Layout is one page layout.
type Layout struct {
	Name string `toml:"name"`
	Base string `toml:"base"`
	Page struct {
		Width  Length `toml:"width"`
		Height Length `toml:"height"`
	} `toml:"page"`
	Margins struct {
		Top    Length `toml:"top"`
		Bottom Length `toml:"bottom"`
		Start  Length `toml:"start"`
		End    Length `toml:"end"`
	} `toml:"margins"`
	// The typographic numbers below are documented in
	// layouts/briefing.toml, which gives every one of them; sizes and
	// spaces are in points unless the key says "times" something.
	Body struct {
		Size            float64 `toml:"size"`
		Leading         float64 `toml:"leading"`
		ParagraphSpace  float64 `toml:"paragraph_space"`
		ClauseIndent    Length  `toml:"clause_indent"`
		SubclauseIndent Length  `toml:"subclause_indent"`
		SubclauseSpace  float64 `toml:"subclause_space"`
		ArticleSpace    float64 `toml:"article_space"`
		Extent          float64 `toml:"extent"`
		// MarkerGap is the least space between a clause marker and its
		// text, as a multiple of the size: a clause level's indent
		// widens to its widest marker and this gap (or the font's word
		// space, when wider).
		MarkerGap float64 `toml:"marker_gap"`
		// JustifyFrom is the narrowest column, in ems of the size, whose
		// text is justified; a narrower one (a parallel edition's) is set
		// flush with its start edge, as justified text in a narrow
		// measure opens loose lines and rivers. 0: always justified.
		JustifyFrom float64 `toml:"justify_from"`
	} `toml:"body"`
	Title struct {
		Size            float64 `toml:"size"`
		Leading         float64 `toml:"leading"`
		KindSize        float64 `toml:"kind_size"`
		SubtitleSize    float64 `toml:"subtitle_size"`
		MetaSize        float64 `toml:"meta_size"`
		MetaLeading     float64 `toml:"meta_leading"`
		SubtitleLeading float64 `toml:"subtitle_leading"`
		IssuerSpace     float64 `toml:"issuer_space"`
		SubtitleSpace   float64 `toml:"subtitle_space"`
		RuleSpaceBefore float64 `toml:"rule_space_before"`
		RuleWeight      float64 `toml:"rule_weight"`
		RuleSpaceAfter  float64 `toml:"rule_space_after"`
		EmbargoSize     float64 `toml:"embargo_size"`
	} `toml:"title"`
	Heading struct {
		Size        float64 `toml:"size"`
		Leading     float64 `toml:"leading"`
		SpaceBefore float64 `toml:"space_before"`
		SpaceAfter  float64 `toml:"space_after"`
	} `toml:"heading"`
	// Authors is the section about the authors (a statement's) or the
	// contributors (a pack's), after a short rule.
	Authors struct {
		SpaceBefore    float64 `toml:"space_before"`
		RuleWeight     float64 `toml:"rule_weight"`
		RuleLength     float64 `toml:"rule_length"`
		RuleSpaceAfter float64 `toml:"rule_space_after"`
		HeadingSpace   float64 `toml:"heading_space"`
		RoleSize       float64 `toml:"role_size"`
		BioSpace       float64 `toml:"bio_space"`
	} `toml:"authors"`
	Running struct {
		Size         float64 `toml:"size"`
		FooterOffset Length  `toml:"footer_offset"`
		HeaderOffset Length  `toml:"header_offset"`
		RuleGap      float64 `toml:"rule_gap"`
		RuleWeight   float64 `toml:"rule_weight"`
	} `toml:"running"`
	// Keep holds the keep rules' numbers.
	Keep struct {
		// AuthorLines is how many lines of an author's biography stay
		// with the name and role, and the fewest a biography leaves on
		// either page when it breaks.
		AuthorLines int `toml:"author_lines"`
		// HyphenAtPageEnd lets a page end on a line broken by a hyphen.
		// When false (the default), such a line keeps with the next, so
		// that a reader does not turn the page in the middle of a word;
		// the break moves up to the line before, within the widow and
		// orphan rules.
		HyphenAtPageEnd bool `toml:"hyphen_at_page_end"`
	} `toml:"keep"`
	// Cover is the look of a pack's cover: a band of colour across the
	// top (a fraction of the page height, bled off the edges) holding the
	// title.
	Cover struct {
		Band            float64 `toml:"band"`
		TitleSize       float64 `toml:"title_size"`
		Color           Color   `toml:"color"`
		Ink             Color   `toml:"ink"`
		KindSize        float64 `toml:"kind_size"`
		KindLeading     float64 `toml:"kind_leading"`
		TitleSpace      float64 `toml:"title_space"`
		TitleLeading    float64 `toml:"title_leading"`
		SubtitleSpace   float64 `toml:"subtitle_space"`
		SubtitleSize    float64 `toml:"subtitle_size"`
		SubtitleLeading float64 `toml:"subtitle_leading"`
		TextSpace       float64 `toml:"text_space"`
		BandSpace       float64 `toml:"band_space"`
		MetaSize        float64 `toml:"meta_size"`
		MetaLeading     float64 `toml:"meta_leading"`
		DateSpace       float64 `toml:"date_space"`
		ListLeading     float64 `toml:"list_leading"`
		ListSpace       float64 `toml:"list_space"`
	} `toml:"cover"`
	// Logo is a cover's logo and a statement's (its letterhead).
	Logo struct {
		Height float64 `toml:"height"`
		Space  float64 `toml:"space"`
	} `toml:"logo"`
	// Contents is a pack's table of contents.
	Contents struct {
		HeadingSpace float64 `toml:"heading_space"`
		NumberSize   float64 `toml:"number_size"`
		NumberGap    float64 `toml:"number_gap"`
		TitleSize    float64 `toml:"title_size"`
		MetaLeading  float64 `toml:"meta_leading"`
		EntrySpace   float64 `toml:"entry_space"`
	} `toml:"contents"`
	// Footnotes are set at the foot of the page of their reference, under
	// a short rule.
	Footnotes struct {
		RefSize    float64 `toml:"ref_size"`
		RefRise    float64 `toml:"ref_rise"`
		Size       float64 `toml:"size"`
		Hang       float64 `toml:"hang"`
		Gap        float64 `toml:"gap"`
		RuleLength float64 `toml:"rule_length"`
		RuleWeight float64 `toml:"rule_weight"`
	} `toml:"footnotes"`
	Tables struct {
		Size             float64 `toml:"size"`
		Leading          float64 `toml:"leading"`
		PadX             float64 `toml:"pad_x"`
		PadY             float64 `toml:"pad_y"`
		RuleWeight       float64 `toml:"rule_weight"`
		HeaderRuleWeight float64 `toml:"header_rule_weight"`
	} `toml:"tables"`
	// Lists are the lists of the notes to editors.
	Lists struct {
		Space float64 `toml:"space"`
	} `toml:"lists"`
	Annex struct {
		LabelSize  float64 `toml:"label_size"`
		LabelSpace float64 `toml:"label_space"`
		TitleSpace float64 `toml:"title_space"`
	} `toml:"annex"`
	EndMark struct {
		Space float64 `toml:"space"`
	} `toml:"end_mark"`
	Signatures struct {
		Space     float64 `toml:"space"`
		Width     float64 `toml:"width"`
		SignSpace float64 `toml:"sign_space"`
	} `toml:"signatures"`
	// Draft is the mark across every page of a draft edition.
	Draft struct {
		Size float64 `toml:"size"`
		Tint float64 `toml:"tint"`
	} `toml:"draft"`
	// Marks are the crop marks of a print-ready PDF (--crop-marks).
	Marks struct {
		Area   float64 `toml:"area"`
		Gap    float64 `toml:"gap"`
		Weight float64 `toml:"weight"`
	} `toml:"marks"`
	Colors struct {
		Text   Color `toml:"text"`
		Accent Color `toml:"accent"`
		Muted  Color `toml:"muted"`
		Rule   Color `toml:"rule"`
		Draft  Color `toml:"draft"`
	} `toml:"colors"`
	Fonts struct {
		Text    StackSpec                    `toml:"text"`
		Display StackSpec                    `toml:"display"`
		Lang    map[string]map[string]string `toml:"lang"`
		// Scale sizes a family when it sets text inside a paragraph whose
		// primary font is another (an Urdu name in an English sentence):
		// family → a factor (0.85), or "x-height" / "cap-height" to match
		// the primary font's (from the fonts' OS/2 tables).
		Scale map[string]ScaleSpec `toml:"scale"`
	} `toml:"fonts"`
	// HTML is how a web edition gets the fonts of fonts.lang.
	HTML struct {
		// Fonts is FontsEmbed, FontsLink or FontsLocal; empty means
		// FontsEmbed.
		Fonts string `toml:"fonts"`
		// FontURL is where FontsLink loads font files from: a URL
		// ending in "/", to which the file name is added.
		FontURL string `toml:"font_url"`
	} `toml:"html"`

	// Parallel is how a parallel edition (languages side by side) sets
	// its columns.
	Parallel struct {
		// Gutter is the space between two columns.
		Gutter Length `toml:"gutter"`
		// Rule is the width of the line drawn down the middle of each
		// gutter, in points; 0 draws none.
		Rule float64 `toml:"rule"`
		// LandscapeFrom is the number of languages from which the page
		// is turned on its side (width and height swapped).
		LandscapeFrom int `toml:"landscape_from"`
	} `toml:"parallel"`

	// File is where the layout was read from, for messages.
	File string `toml:"-"`
	// Pos is where each key that set a value was written (in this file
	// or a base), by its dotted name ("body.size"), for messages about
	// the values.
	Pos map[string]diag.Pos `toml:"-"`
	// Files are every file the layout was read from, its bases first,
	// with their digests, for release manifests.
	Files []FileDigest `toml:"-"`
}

// FileDigest is one file a layout was read from.
type FileDigest struct {
	// Path is a built-in layout's file name ("briefing.toml") or the
	// path of a file on disk as it was named.
	Path string
	// BuiltIn is set for polypress's own layouts.
	BuiltIn bool
	SHA256  string
}

// How an HTML edition gets the faces a layout chooses for a language
// (fonts.lang: Nastaliq for Urdu), which few readers have installed.
const (
	// FontsEmbed puts the font files in the page: it stays one
	// self-contained file, larger by the fonts.
	FontsEmbed = "embed"
	// FontsLink loads them from html.font_url, such as the press office's
	// own site: the page is small and the fonts are cached across pages.
	FontsLink = "link"
	// FontsLocal only names the families, for readers who have them.
	FontsLocal = "local"
)

// StackSpec is a font stack as written in a layout.
type StackSpec struct {
	Scripts  map[string]string `toml:"scripts"`
	Fallback []string          `toml:"fallback"`
}

// ScaleSpec is a value of [fonts.scale]: a number or a metric name.
type ScaleSpec text.Scale

// UnmarshalTOML reads 0.85, "x-height" or "cap-height".
func (s *ScaleSpec) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case float64:
		if v > 0.3 && v <= 3 {
			s.Factor = v
			return nil
		}
	case int64:
		if v >= 1 && v <= 3 {
			s.Factor = float64(v)
			return nil
		}
	case string:
		if v == "x-height" || v == "cap-height" {
			s.Metric = v
			return nil
		}
	}
	return fmt.Errorf("fonts.scale: want a factor from 0.3 to 3, \"x-height\" or \"cap-height\", not %v", v)
}

// Role names a font stack of a layout.
type Role int

// Font roles.
const (
	TextRole Role = iota
	DisplayRole
)

// Stack returns the font stack for role and a language: the layout's stack
// with the language's script families (fonts.lang.<base language>) put in.
func (l *Layout) Stack(role Role, lang string) *text.Stack {
	spec := l.Fonts.Text
	if role == DisplayRole {
		spec = l.Fonts.Display
	}
	s := &text.Stack{Scripts: map[string]string{}, Fallback: append([]string(nil), spec.Fallback...)}
	for k, v := range spec.Scripts {
		s.Scripts[k] = v
	}
	base := strings.ToLower(strings.SplitN(strings.SplitN(lang, "-", 2)[0], "_", 2)[0])
	for k, v := range l.Fonts.Lang[base] {
		s.Scripts[k] = v
	}
	if len(l.Fonts.Scale) > 0 {
		s.Scale = map[string]text.Scale{}
		for fam, sc := range l.Fonts.Scale {
			s.Scale[fam] = text.Scale(sc)
		}
	}
	// Spans in another language pick their own families from the same
	// table (text.Stack.Langs).
	if len(l.Fonts.Lang) > 0 {
		s.Langs = map[string]map[string]string{}
		for lg, m := range l.Fonts.Lang {
			s.Langs[lg] = m
		}
	}
	return s
}

// Names lists the layouts in fsys (file names without .toml), sorted.
func Names(fsys fs.FS) []string {
	entries, _ := fs.ReadDir(fsys, ".")
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".toml") {
			out = append(out, strings.TrimSuffix(e.Name(), ".toml"))
		}
	}
	sort.Strings(out)
	return out
}

// MaxFileBytes is the largest layout file read from disk.
const MaxFileBytes = 1 << 20

// Load returns the layout called nameOrFile: the name of an embedded layout
// ("briefing", "letter") or the path of a TOML file on disk. A layout may
// name a base layout, which is loaded first and then overridden: an
// embedded layout by its name, or another file by a path relative to the
// folder of the layout that names it, which it may not leave (no "..", no
// absolute path, no symbolic link leading out). Every number must be
// finite and within the range docs/format.md gives for its key; a problem
// is reported at the key that set the value.
func Load(fsys fs.FS, nameOrFile string) (*Layout, error) {
	l := &Layout{}
	keys := map[string]diag.Pos{}
	src := layoutSource{fsys: fsys, name: nameOrFile}
	if isFileRef(nameOrFile) {
		src = layoutSource{file: nameOrFile, fsys: fsys}
	}
	if err := load(src, l, keys, nil); err != nil {
		return nil, err
	}
	if err := l.validate(keys); err != nil {
		return nil, err
	}
	l.Pos = keys
	return l, nil
}

// CheckFonts checks that every font family the layout names (in
// fonts.text, fonts.display, fonts.lang and fonts.scale) is in lib, and
// that the stacks can set text. Each unknown family is reported at the key
// that names it, with the family it most resembles.
func (l *Layout) CheckFonts(lib *text.Library) error {
	var errs diag.List
	have := lib.Families()
	check := func(key, family string) {
		if lib.Face(family, false, false) != nil {
			return
		}
		msg := fmt.Sprintf("%s: no font family %q", key, family)
		if s := diag.Suggest(family, have); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += fmt.Sprintf(" (have %s; add fonts with --fonts DIR)", strings.Join(have, ", "))
		}
		errs.Add(diag.Errorf(at(l.Pos, l.File, key), "%s", msg))
	}
	for _, st := range []struct {
		key  string
		spec StackSpec
	}{{"fonts.text", l.Fonts.Text}, {"fonts.display", l.Fonts.Display}} {
		for _, script := range sortedMapKeys(st.spec.Scripts) {
			check(st.key+".scripts."+script, st.spec.Scripts[script])
		}
		for _, f := range st.spec.Fallback {
			check(st.key+".fallback", f)
		}
	}
	for _, lang := range sortedMapKeys(l.Fonts.Lang) {
		for _, script := range sortedMapKeys(l.Fonts.Lang[lang]) {
			check("fonts.lang."+lang+"."+script, l.Fonts.Lang[lang][script])
		}
	}
	for _, fam := range sortedMapKeys(l.Fonts.Scale) {
		check("fonts.scale."+fam, fam)
	}
	if len(errs) > 0 {
		errs.Sort()
		return errs
	}
	for _, st := range []*text.Stack{l.Stack(TextRole, ""), l.Stack(DisplayRole, "")} {
		if err := st.Check(lib); err != nil {
			return diag.Errorf(at(l.Pos, l.File, "fonts"), "%v", err)
		}
	}
	return nil
}

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// IsFile reports whether a layout is named by a file ("house.toml",
// "layouts/house") rather than by the name of a built-in layout.
func IsFile(s string) bool { return isFileRef(s) }

// isFileRef reports whether a layout is named by a file rather than by the
// name of an embedded layout.
func isFileRef(s string) bool {
	return strings.HasSuffix(s, ".toml") || strings.ContainsAny(s, `/\`) || strings.ContainsRune(s, filepath.Separator)
}

// layoutSource is where a layout is read from: a file on disk, or a name in
// the embedded layouts.
type layoutSource struct {
	file string // a path on disk, or ""
	fsys fs.FS
	name string // an embedded layout's name
}

func (src layoutSource) display() string {
	if src.file != "" {
		return src.file
	}
	return "layouts/" + src.name + ".toml"
}

func (src layoutSource) read() ([]byte, error) {
	if src.file != "" {
		data, err := confine.ReadFile(src.file, MaxFileBytes)
		if err != nil {
			return nil, diag.Errorf(diag.Pos{File: src.file}, "cannot read layout: %s", confine.Cause(err))
		}
		return data, nil
	}
	data, err := fs.ReadFile(src.fsys, src.name+".toml")
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("unknown layout %q (have %s, or give a .toml file)", src.name, strings.Join(Names(src.fsys), ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	return data, nil
}

// base resolves the base named in src, written at pos.
func (src layoutSource) base(pos diag.Pos, base string) (layoutSource, error) {
	if !isFileRef(base) {
		return layoutSource{fsys: src.fsys, name: base}, nil
	}
	if src.file == "" {
		return layoutSource{}, diag.Errorf(pos, "base %q: a built-in layout's base is the name of another built-in layout", base)
	}
	if filepath.IsAbs(base) || strings.HasPrefix(base, "/") || strings.HasPrefix(base, `\`) {
		return layoutSource{}, diag.Errorf(pos, "base %q is an absolute path: name the base layout relative to this file's folder", base)
	}
	clean := filepath.Clean(filepath.FromSlash(base))
	if !filepath.IsLocal(clean) {
		return layoutSource{}, diag.Errorf(pos, "base %q leaves this layout's folder: keep the base layout beside it", base)
	}
	dir := filepath.Dir(src.file)
	full := filepath.Join(dir, clean)
	if _, err := confine.Within(dir, full); err != nil {
		return layoutSource{}, diag.Errorf(pos, "base %q: %s", base, confine.Cause(err))
	}
	return layoutSource{file: full, fsys: src.fsys}, nil
}

// maxBases is how many layouts deep bases may nest.
const maxBases = 5

// id identifies a layout source, to find loops of bases.
func (src layoutSource) id() string {
	if src.file != "" {
		if abs, err := filepath.Abs(src.file); err == nil {
			return abs
		}
		return src.file
	}
	return "layouts/" + src.name
}

// load reads src into into, its base first, recording in keys where each
// key was last set. chain lists the layouts that named src as their base,
// each naming the next.
func load(src layoutSource, into *Layout, keys map[string]diag.Pos, chain []string) error {
	display := src.display()
	data, err := src.read()
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	fd := FileDigest{Path: src.file, SHA256: hex.EncodeToString(sum[:])}
	if src.file == "" {
		fd = FileDigest{Path: src.name + ".toml", BuiltIn: true, SHA256: fd.SHA256}
	}
	defer func() { into.Files = append(into.Files, fd) }()
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		line := 1 + strings.Count(string(data[:off]), "\n")
		return diag.Errorf(diag.Pos{File: display, Line: line}, "the file is not UTF-8 text; save it with UTF-8 encoding")
	}
	text := string(data)
	pos := keyPositions(display, text)
	var prims map[string]toml.Primitive
	md, err := toml.Decode(text, &prims)
	if err != nil {
		return tomlerr.Diagnostic(display, text, err)
	}
	// Read the base first, so this file's values override it.
	if p, ok := prims["base"]; ok {
		var base string
		if err := md.PrimitiveDecode(p, &base); err != nil || base == "" {
			return diag.Errorf(at(pos, display, "base"), "base: want the name of a built-in layout (briefing, letter) or a .toml file, in quotes")
		}
		at := at(pos, display, "base")
		b, err := src.base(at, base)
		if err != nil {
			return err
		}
		chain = append(chain, src.id())
		if slices.Contains(chain, b.id()) {
			return diag.Errorf(at, "base %q leads back to %s: bases may not form a loop", base, b.display())
		}
		if len(chain) >= maxBases {
			return diag.Errorf(at, "base %q: bases nest more than %d deep", base, maxBases)
		}
		if err := load(b, into, keys, chain); err != nil {
			// A base that cannot be read at all (a built-in layout
			// that does not exist) is a problem of the line naming it.
			if l := diag.Flatten(err); len(l) == 1 && !l[0].Pos.IsValid() {
				return diag.Errorf(at, "base %q: %s", base, l[0].Error())
			}
			return err
		}
	}
	d := &decoder{md: md, file: display, pos: pos, set: map[string]diag.Pos{}}
	d.table("", prims, reflect.ValueOf(into).Elem())
	if len(d.errs) > 0 {
		d.errs.Sort()
		return d.errs
	}
	for k, p := range d.set {
		keys[k] = p
	}
	into.File = display
	return nil
}

// at returns the position of key in a file whose key positions are pos,
// or of the file when the scanner did not see it.
func at(pos map[string]diag.Pos, file, key string) diag.Pos {
	if p, ok := pos[key]; ok {
		return p
	}
	return diag.Pos{File: file}
}

// keyPositions finds where each key of a layout file is written, as
// "table.key" → position. BurntSushi/toml keeps key positions to itself;
// layouts are plain tables of values, which a line scanner reads well
// enough to point at the right line.
func keyPositions(file, src string) map[string]diag.Pos {
	pos := map[string]diag.Pos{}
	table := ""
	for i, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimLeft(line, " \t")
		col := utf8.RuneCountInString(line[:len(line)-len(trimmed)]) + 1
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case trimmed[0] == '[':
			if end := strings.IndexByte(trimmed, ']'); end > 0 {
				table = strings.Trim(strings.TrimSpace(strings.Trim(trimmed[:end], "[")), `"`)
				if _, ok := pos[table]; !ok {
					pos[table] = diag.Pos{File: file, Line: i + 1, Col: col}
				}
			}
			continue
		}
		eq := strings.IndexByte(trimmed, '=')
		if eq < 0 {
			continue
		}
		key := strings.Trim(strings.TrimSpace(trimmed[:eq]), `"'`)
		if table != "" {
			key = table + "." + key
		}
		if _, ok := pos[key]; !ok {
			pos[key] = diag.Pos{File: file, Line: i + 1, Col: col}
		}
	}
	return pos
}

// Ranges of a layout's numbers. PDF pages may be at most 14,400 points
// (200 inches) on a side; a type size outside 1–200 pt or a line height
// outside 0.5–5 times the size is a mistake, not a design.
const (
	minPage, maxPage       = 72.0, 14400.0
	minSize, maxSize       = 1.0, 200.0
	minLeading, maxLeading = 0.5, 5.0
	maxSpace               = 500.0
	maxWeight              = 20.0
	// Factors of a space or size (issuer_space: 0.5 × the title size);
	// factors of a type size (role_size: 0.95 × the body size).
	maxFactor          = 10.0
	minScale, maxScale = 0.2, 5.0
	// The draft mark may be larger than text: it crosses the page.
	maxDraft = 1000.0
	// A cover's band holds the kind, the title and the subtitle.
	minBand = 0.1
)

func (l *Layout) validate(keys map[string]diag.Pos) error {
	var problems diag.List
	bad := func(key, format string, args ...any) {
		problems.Add(diag.Errorf(at(keys, l.File, key), "%s: "+format, append([]any{key}, args...)...))
	}
	num := func(key string, v, lo, hi float64, what string) {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < lo || v > hi {
			bad(key, "%s is not %s from %s to %s", fmtNum(v), what, fmtNum(lo), fmtNum(hi))
		}
	}
	l.parallelDefaults(keys)
	W, H := float64(l.Page.Width), float64(l.Page.Height)
	num("page.width", W, minPage, maxPage, "a page width in points")
	num("page.height", H, minPage, maxPage, "a page height in points")
	for _, m := range []struct {
		key string
		v   Length
		max float64
	}{
		{"margins.top", l.Margins.Top, H}, {"margins.bottom", l.Margins.Bottom, H},
		{"margins.start", l.Margins.Start, W}, {"margins.end", l.Margins.End, W},
		{"running.footer_offset", l.Running.FooterOffset, H}, {"running.header_offset", l.Running.HeaderOffset, H},
		{"body.clause_indent", l.Body.ClauseIndent, W / 2}, {"body.subclause_indent", l.Body.SubclauseIndent, W / 2},
	} {
		num(m.key, float64(m.v), 0, math.Max(m.max, 0), "a length in points")
	}
	for _, sz := range []struct {
		key string
		v   float64
	}{
		{"body.size", l.Body.Size}, {"title.size", l.Title.Size}, {"title.kind_size", l.Title.KindSize},
		{"title.subtitle_size", l.Title.SubtitleSize}, {"title.meta_size", l.Title.MetaSize},
		{"heading.size", l.Heading.Size}, {"running.size", l.Running.Size}, {"cover.title_size", l.Cover.TitleSize},
	} {
		num(sz.key, sz.v, minSize, maxSize, "a type size in points")
	}
	num("body.leading", l.Body.Leading, minLeading, maxLeading, "a line height (times the type size)")
	num("title.leading", l.Title.Leading, minLeading, maxLeading, "a line height (times the type size)")
	for _, sp := range []struct {
		key string
		v   float64
	}{
		{"body.paragraph_space", l.Body.ParagraphSpace}, {"heading.space_before", l.Heading.SpaceBefore}, {"heading.space_after", l.Heading.SpaceAfter},
	} {
		num(sp.key, sp.v, 0, maxSpace, "a space in points")
	}
	// The band holds the cover's title, set in the cover's ink (white
	// in the built-in layouts): a band too thin to hold it hides it.
	num("cover.band", l.Cover.Band, minBand, 0.95, "a fraction of the page height")
	type check struct {
		key string
		v   float64
	}
	for _, c := range []check{
		{"title.meta_leading", l.Title.MetaLeading}, {"title.subtitle_leading", l.Title.SubtitleLeading},
		{"heading.leading", l.Heading.Leading}, {"cover.kind_leading", l.Cover.KindLeading},
		{"cover.title_leading", l.Cover.TitleLeading}, {"cover.subtitle_leading", l.Cover.SubtitleLeading},
		{"cover.meta_leading", l.Cover.MetaLeading}, {"cover.list_leading", l.Cover.ListLeading},
		{"contents.meta_leading", l.Contents.MetaLeading}, {"body.extent", l.Body.Extent},
		{"tables.leading", l.Tables.Leading},
	} {
		num(c.key, c.v, minLeading, maxLeading, "a line height (times the type size)")
	}
	for _, c := range []check{
		{"title.subtitle_space", l.Title.SubtitleSpace}, {"title.rule_space_before", l.Title.RuleSpaceBefore},
		{"title.rule_space_after", l.Title.RuleSpaceAfter}, {"authors.bio_space", l.Authors.BioSpace},
		{"running.rule_gap", l.Running.RuleGap}, {"cover.text_space", l.Cover.TextSpace},
		{"cover.band_space", l.Cover.BandSpace}, {"contents.number_gap", l.Contents.NumberGap},
		{"marks.area", l.Marks.Area}, {"marks.gap", l.Marks.Gap},
		{"footnotes.gap", l.Footnotes.Gap}, {"tables.pad_x", l.Tables.PadX}, {"tables.pad_y", l.Tables.PadY},
		{"annex.label_space", l.Annex.LabelSpace},
	} {
		num(c.key, c.v, 0, maxSpace, "a space in points")
	}
	for _, c := range []check{
		{"title.rule_weight", l.Title.RuleWeight}, {"authors.rule_weight", l.Authors.RuleWeight},
		{"running.rule_weight", l.Running.RuleWeight}, {"marks.weight", l.Marks.Weight},
		{"footnotes.rule_weight", l.Footnotes.RuleWeight}, {"tables.rule_weight", l.Tables.RuleWeight},
		{"tables.header_rule_weight", l.Tables.HeaderRuleWeight},
	} {
		num(c.key, c.v, 0, maxWeight, "a line weight in points")
	}
	for _, c := range []check{
		{"body.subclause_space", l.Body.SubclauseSpace}, {"title.issuer_space", l.Title.IssuerSpace},
		{"authors.space_before", l.Authors.SpaceBefore}, {"authors.rule_space_after", l.Authors.RuleSpaceAfter},
		{"authors.heading_space", l.Authors.HeadingSpace}, {"cover.title_space", l.Cover.TitleSpace},
		{"cover.subtitle_space", l.Cover.SubtitleSpace}, {"cover.date_space", l.Cover.DateSpace},
		{"cover.list_space", l.Cover.ListSpace}, {"contents.heading_space", l.Contents.HeadingSpace},
		{"contents.entry_space", l.Contents.EntrySpace}, {"body.article_space", l.Body.ArticleSpace},
		{"footnotes.ref_rise", l.Footnotes.RefRise}, {"footnotes.hang", l.Footnotes.Hang},
		{"lists.space", l.Lists.Space}, {"annex.title_space", l.Annex.TitleSpace},
		{"end_mark.space", l.EndMark.Space}, {"signatures.space", l.Signatures.Space},
		{"signatures.sign_space", l.Signatures.SignSpace},
	} {
		num(c.key, c.v, 0, maxFactor, "a factor of a size or space")
	}
	for _, c := range []check{
		{"authors.role_size", l.Authors.RoleSize}, {"cover.kind_size", l.Cover.KindSize},
		{"cover.subtitle_size", l.Cover.SubtitleSize}, {"cover.meta_size", l.Cover.MetaSize},
		{"contents.number_size", l.Contents.NumberSize}, {"contents.title_size", l.Contents.TitleSize},
		{"title.embargo_size", l.Title.EmbargoSize}, {"footnotes.ref_size", l.Footnotes.RefSize},
		{"footnotes.size", l.Footnotes.Size}, {"tables.size", l.Tables.Size}, {"annex.label_size", l.Annex.LabelSize},
	} {
		num(c.key, c.v, minScale, maxScale, "a factor of a type size")
	}
	num("authors.rule_length", l.Authors.RuleLength, 0, 1, "a fraction of the column's width")
	num("footnotes.rule_length", l.Footnotes.RuleLength, 0, 1, "a fraction of the column's width")
	num("signatures.width", l.Signatures.Width, 0, 1, "a fraction of the column's width")
	num("draft.tint", l.Draft.Tint, 0, 1, "a share of the colour from 0 to 1")
	num("draft.size", l.Draft.Size, minSize, maxDraft, "a type size in points")
	num("logo.height", l.Logo.Height, minSize, math.Max(H, minSize), "a height in points")
	num("logo.space", l.Logo.Space, 0, maxSpace, "a space in points")
	num("body.marker_gap", l.Body.MarkerGap, 0, 2, "a space (times the body size)")
	num("body.justify_from", l.Body.JustifyFrom, 0, 200, "a measure in ems of the body size")
	num("keep.author_lines", float64(l.Keep.AuthorLines), 0, 20, "a number of lines")
	num("parallel.gutter", float64(l.Parallel.Gutter), 0, W/4, "a length in points")
	num("parallel.rule", l.Parallel.Rule, 0, 10, "a line width in points")
	num("parallel.landscape_from", float64(l.Parallel.LandscapeFrom), 2, 4, "a number of languages")
	if !problems.HasErrors() {
		if float64(l.Margins.Start+l.Margins.End) >= W*0.8 {
			bad("margins.start", "left and right margins leave no room for text")
		}
		if float64(l.Margins.Top+l.Margins.Bottom) >= H*0.8 {
			bad("margins.top", "top and bottom margins leave no room for text")
		}
	}
	if len(l.Fonts.Text.Fallback) == 0 || len(l.Fonts.Display.Fallback) == 0 {
		problems.Add(diag.Errorf(diag.Pos{File: l.File}, "fonts.text and fonts.display need a fallback list"))
	}
	switch l.HTML.Fonts {
	case "", FontsEmbed, FontsLocal:
	case FontsLink:
		if u, err := url.Parse(l.HTML.FontURL); err != nil || !strings.HasSuffix(l.HTML.FontURL, "/") ||
			strings.ContainsAny(l.HTML.FontURL, "\"'()\n\t ") || u.Scheme != "" && u.Scheme != "https" && u.Scheme != "http" {
			problems.Add(diag.Errorf(at(keys, l.File, "html.font_url"), "html.font_url %q: html.fonts = %q needs an http(s) or relative URL ending in \"/\", without quotes, brackets or spaces", l.HTML.FontURL, FontsLink))
		}
	default:
		problems.Add(diag.Errorf(at(keys, l.File, "html.fonts"), "html.fonts %q: want %q, %q or %q", l.HTML.Fonts, FontsEmbed, FontsLink, FontsLocal))
	}
	problems.Sort()
	return problems.Err()
}

// parallelDefaults gives a layout that leaves out [parallel] keys (one
// written before parallel editions, without a base) the values of the
// embedded briefing layout, so the numbers live in one file.
func (l *Layout) parallelDefaults(keys map[string]diag.Pos) {
	_, g := keys["parallel.gutter"]
	_, r := keys["parallel.rule"]
	_, f := keys["parallel.landscape_from"]
	if g && r && f {
		return
	}
	var def struct {
		Parallel struct {
			Gutter        Length  `toml:"gutter"`
			Rule          float64 `toml:"rule"`
			LandscapeFrom int     `toml:"landscape_from"`
		} `toml:"parallel"`
	}
	data, err := fs.ReadFile(layouts.FS, "briefing.toml")
	if err != nil {
		return // the embedded file is part of the binary; validate reports the zero values
	}
	if _, err := toml.Decode(string(data), &def); err != nil {
		return
	}
	if !g {
		l.Parallel.Gutter = def.Parallel.Gutter
	}
	if !r {
		l.Parallel.Rule = def.Parallel.Rule
	}
	if !f {
		l.Parallel.LandscapeFrom = def.Parallel.LandscapeFrom
	}
}

// fmtNum prints a number as a layout would write it.
func fmtNum(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
