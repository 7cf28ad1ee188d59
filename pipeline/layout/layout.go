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
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/internal/confine"
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
	Body struct {
		Size            float64 `toml:"size"`
		Leading         float64 `toml:"leading"`
		ParagraphSpace  float64 `toml:"paragraph_space"`
		ClauseIndent    Length  `toml:"clause_indent"`
		SubclauseIndent Length  `toml:"subclause_indent"`
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
		Size         float64 `toml:"size"`
		Leading      float64 `toml:"leading"`
		KindSize     float64 `toml:"kind_size"`
		SubtitleSize float64 `toml:"subtitle_size"`
		MetaSize     float64 `toml:"meta_size"`
	} `toml:"title"`
	Heading struct {
		Size        float64 `toml:"size"`
		SpaceBefore float64 `toml:"space_before"`
		SpaceAfter  float64 `toml:"space_after"`
	} `toml:"heading"`
	Running struct {
		Size         float64 `toml:"size"`
		FooterOffset Length  `toml:"footer_offset"`
		HeaderOffset Length  `toml:"header_offset"`
	} `toml:"running"`
	// Keep holds the keep rules' numbers.
	Keep struct {
		// AuthorLines is how many lines of an author's biography stay
		// with the name and role, and the fewest a biography leaves on
		// either page when it breaks.
		AuthorLines int `toml:"author_lines"`
	} `toml:"keep"`
	// Cover is the look of a pack's cover: a band of colour across the
	// top (a fraction of the page height, bled off the edges) holding the
	// title.
	Cover struct {
		Band      float64 `toml:"band"`
		TitleSize float64 `toml:"title_size"`
		Color     Color   `toml:"color"`
		Ink       Color   `toml:"ink"`
	} `toml:"cover"`
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
	if err := load(src, l, keys, 0); err != nil {
		return nil, err
	}
	if err := l.validate(keys); err != nil {
		return nil, err
	}
	return l, nil
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
			return nil, fmt.Errorf("layout %s: %s", src.file, confine.Cause(err))
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

// load reads src into into, its base first, recording in keys where each
// key was last set.
func load(src layoutSource, into *Layout, keys map[string]diag.Pos, depth int) error {
	display := src.display()
	if depth > 4 {
		return fmt.Errorf("layout %s: base layouts nest too deeply", display)
	}
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
		return fmt.Errorf("%s: the file is not UTF-8 text", display)
	}
	text := string(data)
	pos := keyPositions(display, text)
	// Read the base first, so this file's values override it.
	var head struct {
		Base string `toml:"base"`
	}
	if _, err := toml.Decode(text, &head); err != nil {
		return tomlError(display, err)
	}
	if head.Base != "" {
		at := pos["base"]
		b, err := src.base(at, head.Base)
		if err != nil {
			return err
		}
		if err := load(b, into, keys, depth+1); err != nil {
			return err
		}
	}
	md, err := toml.Decode(text, into)
	if err != nil {
		return tomlError(display, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return diag.Errorf(at(pos, display, und[0].String()), "unknown layout key %q", und[0].String())
	}
	for _, k := range md.Keys() {
		keys[k.String()] = at(pos, display, k.String())
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

func tomlError(file string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return diag.Errorf(diag.Pos{File: file, Line: pe.Position.Line, Col: pe.Position.Col}, "%s", pe.Message)
	}
	return fmt.Errorf("%s: %w", file, err)
}

// Ranges of a layout's numbers. PDF pages may be at most 14,400 points
// (200 inches) on a side; a type size outside 1–200 pt or a line height
// outside 0.5–5 times the size is a mistake, not a design.
const (
	minPage, maxPage       = 72.0, 14400.0
	minSize, maxSize       = 1.0, 200.0
	minLeading, maxLeading = 0.5, 5.0
	maxSpace               = 500.0
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
	num("cover.band", l.Cover.Band, 0, 0.95, "a fraction of the page height")
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

// parallelDefaults gives a layout that sets no [parallel] keys (one
// written before parallel editions, without a base) the built-in layouts'
// values.
func (l *Layout) parallelDefaults(keys map[string]diag.Pos) {
	if _, ok := keys["parallel.gutter"]; !ok {
		l.Parallel.Gutter = Length(8 * 72 / 25.4)
	}
	if _, ok := keys["parallel.rule"]; !ok {
		l.Parallel.Rule = 0.4
	}
	if _, ok := keys["parallel.landscape_from"]; !ok {
		l.Parallel.LandscapeFrom = 3
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
