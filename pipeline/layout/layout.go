// Package layout reads page layouts: the data (page size, margins, type
// sizes, colours, font stacks) that the PDF renderer follows. Layouts are
// TOML files in layouts/, embedded in the binary, or a file the user names.
package layout

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/polypress/polypress/pipeline/diag"
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
	v, _ := strconv.ParseFloat(m[1], 64)
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

	// File is where the layout was read from, for messages.
	File string `toml:"-"`
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

// Load returns the layout called nameOrFile: the name of an embedded layout
// ("briefing", "letter") or the path of a TOML file on disk. A layout file
// may name a base layout, which is loaded first and then overridden.
func Load(fsys fs.FS, nameOrFile string) (*Layout, error) {
	l := &Layout{}
	if err := load(fsys, nameOrFile, l, 0); err != nil {
		return nil, err
	}
	if err := l.validate(); err != nil {
		return nil, err
	}
	return l, nil
}

func load(fsys fs.FS, nameOrFile string, into *Layout, depth int) error {
	if depth > 4 {
		return fmt.Errorf("layout %q: base layouts nest too deeply", nameOrFile)
	}
	var data []byte
	var display string
	var err error
	if strings.HasSuffix(nameOrFile, ".toml") || strings.ContainsRune(nameOrFile, filepath.Separator) {
		display = nameOrFile
		data, err = os.ReadFile(nameOrFile)
	} else {
		display = "layouts/" + nameOrFile + ".toml"
		data, err = fs.ReadFile(fsys, nameOrFile+".toml")
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("unknown layout %q (have %s, or give a .toml file)", nameOrFile, strings.Join(Names(fsys), ", "))
		}
	}
	if err != nil {
		return fmt.Errorf("layout: %w", err)
	}
	// Read the base first, so this file's values override it.
	var head struct {
		Base string `toml:"base"`
	}
	if _, err := toml.Decode(string(data), &head); err != nil {
		return tomlError(display, err)
	}
	if head.Base != "" {
		if err := load(fsys, head.Base, into, depth+1); err != nil {
			return err
		}
	}
	md, err := toml.Decode(string(data), into)
	if err != nil {
		return tomlError(display, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return fmt.Errorf("%s: unknown layout key %q", display, und[0].String())
	}
	into.File = display
	return nil
}

func tomlError(file string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return diag.Errorf(diag.Pos{File: file, Line: pe.Position.Line, Col: pe.Position.Col}, "%s", pe.Message)
	}
	return fmt.Errorf("%s: %w", file, err)
}

func (l *Layout) validate() error {
	var problems []string
	if l.Page.Width <= 0 || l.Page.Height <= 0 {
		problems = append(problems, "page width and height must be positive")
	}
	if float64(l.Margins.Start+l.Margins.End) >= float64(l.Page.Width)*0.8 {
		problems = append(problems, "left and right margins leave no room for text")
	}
	if float64(l.Margins.Top+l.Margins.Bottom) >= float64(l.Page.Height)*0.8 {
		problems = append(problems, "top and bottom margins leave no room for text")
	}
	if l.Body.Size <= 0 || l.Body.Leading <= 0 {
		problems = append(problems, "body size and leading must be positive")
	}
	if len(l.Fonts.Text.Fallback) == 0 || len(l.Fonts.Display.Fallback) == 0 {
		problems = append(problems, "fonts.text and fonts.display need a fallback list")
	}
	switch l.HTML.Fonts {
	case "", FontsEmbed, FontsLocal:
	case FontsLink:
		if u, err := url.Parse(l.HTML.FontURL); err != nil || !strings.HasSuffix(l.HTML.FontURL, "/") ||
			strings.ContainsAny(l.HTML.FontURL, "\"'()\n\t ") || u.Scheme != "" && u.Scheme != "https" && u.Scheme != "http" {
			problems = append(problems, fmt.Sprintf("html.font_url %q: html.fonts = %q needs an http(s) or relative URL ending in \"/\", without quotes, brackets or spaces", l.HTML.FontURL, FontsLink))
		}
	default:
		problems = append(problems, fmt.Sprintf("html.fonts %q: want %q, %q or %q", l.HTML.Fonts, FontsEmbed, FontsLink, FontsLocal))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %s", l.File, strings.Join(problems, "; "))
	}
	return nil
}
