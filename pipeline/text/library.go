// Package text is polypress's text engine: it turns styled paragraphs into
// lines of positioned glyphs. It itemizes text by bidi level, script and font
// coverage, shapes each item with go-text/typesetting (a Go port of
// HarfBuzz), breaks lines at Unicode line-break opportunities using the
// shaped widths, justifies, and reorders each line visually (UAX #9 rule L2).
//
// It sits between localization and the PDF renderer: the renderer asks for
// lines of a given width and draws the glyphs it gets back. The EPUB renderer
// does not use it; reading systems shape text themselves.
package text

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/internal/confine"
	"github.com/polypress/polypress/pipeline/internal/typesetting/font"
)

// Font is one font file, shared by every edition of a process. It is
// parsed once, when a Shaper first needs it: go-text parses every glyph
// outline up front, which for the CJK fallback font alone takes 17 MB and
// tens of milliseconds, so a build that never sets a Chinese character
// should not pay for it. Its go-text Font is immutable and safe for
// concurrent use; the per-goroutine caches live in Face values made by a
// Shaper.
type Font struct {
	// Name is the file name without extension ("NotoSerif-Bold"); it is the
	// name layouts use.
	Name string
	// Family is the part of Name before the style suffix ("NotoSerif").
	Family string
	Bold   bool
	Italic bool
	// Data is the font file as read; File names it in messages and
	// manifests ("fonts/NotoSerif-Regular.ttf"), when it was read from a
	// folder.
	Data []byte
	File string

	// id tells the font apart in shaping-cache keys.
	id uint32

	once   sync.Once
	parsed *parsedFont
	err    error
}

// parsedFont is what parsing a font gives.
type parsedFont struct {
	font *font.Font
	// metrics reads advances only; its caches are never written, so it is
	// safe to share between goroutines.
	metrics *font.Face
	upem    float64
	// ascent and descent are the typographic extents, in em (descent < 0).
	ascent, descent float64
	// separates: text in this font may be shaped word by word (see
	// spaceSeparates).
	separates bool
}

// parse parses the font the first time it is called, from any goroutine.
func (f *Font) parse() (*parsedFont, error) {
	f.once.Do(func() {
		face, err := font.ParseTTF(bytes.NewReader(f.Data))
		if err != nil {
			f.err = fmt.Errorf("font %s: %w", f.Name, err)
			return
		}
		p := &parsedFont{font: face.Font, metrics: face, upem: float64(face.Upem()), separates: spaceSeparates(face.Font)}
		if ext, ok := face.FontHExtents(); ok {
			p.ascent = float64(ext.Ascender) / p.upem
			p.descent = float64(ext.Descender) / p.upem
		} else {
			p.ascent, p.descent = 0.9, -0.25
		}
		f.parsed = p
	})
	return f.parsed, f.err
}

// mustParse is parse for fonts a Shaper has already handed out, which
// parsed without error (Shaper.faceOf skips fonts that do not).
func (f *Font) mustParse() *parsedFont {
	p, err := f.parse()
	if err != nil {
		panic(err) // unreachable: only parsed fonts reach layout
	}
	return p
}

// Upem is the font's units per em.
func (f *Font) Upem() float64 { return f.mustParse().upem }

// Ascent and Descent are the font's typographic extents, in em (Descent
// is negative).
func (f *Font) Ascent() float64 { return f.mustParse().ascent }

// Descent: see Ascent.
func (f *Font) Descent() float64 { return f.mustParse().descent }

// Library is the set of fonts a process knows, by name. It is built once and
// then only read, so editions built in parallel share it. Its Shapers
// share one cache of shaped words, safe for concurrent use.
type Library struct {
	fonts    map[string]*Font
	families map[string][]*Font
	names    []string
	nextID   uint32

	cacheOnce sync.Once
	cache     *shapeCache
}

// shapes returns the library's shaping cache.
func (l *Library) shapes() *shapeCache {
	l.cacheOnce.Do(func() { l.cache = &shapeCache{} })
	return l.cache
}

// NewLibrary returns an empty library.
func NewLibrary() *Library {
	return &Library{fonts: map[string]*Font{}, families: map[string][]*Font{}}
}

// MaxFontBytes is the largest font file read. Droid Sans Fallback, the
// largest bundled font, is 4 MB.
const MaxFontBytes = 64 << 20

// AddFS adds every .ttf, .otf and .ttc file at the root of fsys, each
// checked completely as Add does. Every font that is refused is reported,
// as an error at its file (display joined with the file name). Only
// regular files of at most MaxFontBytes are read.
func (l *Library) AddFS(fsys fs.FS, display string) error {
	return l.addFS(fsys, display, true)
}

// AddBuiltIn is AddFS for the fonts compiled into the program, which are
// not checked again in every process: TestBundledFontsAreSound checks each
// of them as Add would, and the check walks every glyph (15–25 ms, most of
// it in the 4 MB CJK font, every time polypress starts).
func (l *Library) AddBuiltIn(fsys fs.FS, display string) error {
	return l.addFS(fsys, display, false)
}

func (l *Library) addFS(fsys fs.FS, display string, check bool) error {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return diag.Errorf(diag.Pos{File: display}, "cannot read the fonts folder: %s", confine.Cause(err))
	}
	var errs diag.List
	for _, e := range entries {
		ext := strings.ToLower(path.Ext(e.Name()))
		if e.IsDir() || (ext != ".ttf" && ext != ".otf" && ext != ".ttc") {
			continue
		}
		file := path.Join(display, e.Name())
		data, err := confine.ReadFS(fsys, e.Name(), MaxFontBytes)
		if err != nil {
			errs.Errorf(diag.Pos{File: file}, "cannot read font: %s", confine.Cause(err))
			continue
		}
		name := strings.TrimSuffix(e.Name(), path.Ext(e.Name()))
		if check {
			if err := checkFont(data); err != nil {
				errs.Errorf(diag.Pos{File: file}, "font refused: %v", err)
				continue
			}
		}
		l.add(name, data)
		l.fonts[name].File = file
	}
	return errs.Err()
}

// Add checks that data is a sound TrueType-outline font (checkFont reads
// every table, offset and glyph it relies on) and adds it under name; it
// is parsed when first used. A later font with the same name replaces an
// earlier one, so that a user's --fonts folder can override a bundled
// face.
func (l *Library) Add(name string, data []byte) error {
	if err := checkFont(data); err != nil {
		return fmt.Errorf("refused: %w", err)
	}
	l.add(name, data)
	return nil
}

// add adds a font that has been checked.
func (l *Library) add(name string, data []byte) {
	l.nextID++
	f := &Font{Name: name, Data: data, id: l.nextID}
	f.Family, f.Bold, f.Italic = splitStyle(name)
	if _, seen := l.fonts[name]; !seen {
		l.names = append(l.names, name)
		sort.Strings(l.names)
	} else {
		fam := l.families[f.Family]
		for i, g := range fam {
			if g.Name == name {
				l.families[f.Family] = append(fam[:i:i], fam[i+1:]...)
				break
			}
		}
	}
	l.fonts[name] = f
	l.families[f.Family] = append(l.families[f.Family], f)
	sort.Slice(l.families[f.Family], func(i, j int) bool {
		return l.families[f.Family][i].Name < l.families[f.Family][j].Name
	})
}

// Names lists the fonts, sorted.
func (l *Library) Names() []string { return append([]string(nil), l.names...) }

// Families lists the families of the fonts in the library, sorted.
func (l *Library) Families() []string {
	out := make([]string, 0, len(l.families))
	for f := range l.families {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// Font returns the font with the given name, or nil.
func (l *Library) Font(name string) *Font { return l.fonts[name] }

// Face returns the member of family closest to the requested style: the
// exact style, else the same weight upright, else the regular face. It
// returns nil when the family is unknown. Scripts such as Arabic have no
// italic, so an emphasized Arabic word falls back to the upright face.
func (l *Library) Face(family string, bold, italic bool) *Font {
	fam := l.families[family]
	if len(fam) == 0 {
		if f := l.fonts[family]; f != nil {
			return f
		}
		return nil
	}
	best, bestScore := fam[0], -1
	for _, f := range fam {
		score := 0
		if f.Bold == bold {
			score += 2
		}
		if f.Italic == italic {
			score++
		}
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	return best
}

// splitStyle splits "NotoSerif-BoldItalic" into its family and style.
func splitStyle(name string) (family string, bold, italic bool) {
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return name, false, false
	}
	style := strings.ToLower(name[i+1:])
	switch style {
	case "regular", "bold", "italic", "bolditalic", "medium", "semibold", "light":
	default:
		return name, false, false
	}
	return name[:i], strings.Contains(style, "bold"), strings.Contains(style, "italic")
}

// AdvanceEm returns the advance width of glyph gid from the font's hmtx
// table, in 1/1000 em, rounded as PDF width arrays are. The PDF renderer
// needs it to turn shaped positions into TJ adjustments.
func (f *Font) AdvanceEm(gid uint16) float64 {
	p := f.mustParse()
	return math.Round(float64(p.metrics.HorizontalAdvance(font.GID(gid))) * 1000 / p.upem)
}
