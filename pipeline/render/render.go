// Package render is the registry of output formats, the last stage of the
// pipeline:
//
//	Document ──localize──▶ Edition ──render.Get(format).Render──▶ file
//
// Each format (PDF, EPUB, HTML) is a Renderer in its own package, which
// registers itself from an init function, as image decoders and database
// drivers do in the standard library. Everything the rest of the program
// knows about formats comes from here: the list of formats and the order
// they are built in, checking a --formats list, file names, whether the
// glyph preflight must run, how costly a format is to render (release
// sharding) and the help text. Adding a format is one new package and one
// import (pipeline/build imports every format); no switch elsewhere names
// formats.
package render

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
)

// Info describes a format.
type Info struct {
	// Name is the format's name on the command line and in manifests
	// ("pdf"): lower-case ASCII letters and digits.
	Name string
	// Ext is the file name extension, without the dot ("pdf").
	Ext string
	// Help is one line for the command's help: what the file is for.
	Help string
	// Glyphs is set when the format draws text with polypress's own fonts,
	// so that every character must have a glyph before anything is
	// rendered (the glyph preflight). Formats whose text the reader's
	// software sets (EPUB, HTML) leave it unset.
	Glyphs bool
	// Cost weighs the work of rendering one edition in this format,
	// relative to the other formats, for splitting a release into shards
	// of equal work. Zero counts as 1.
	Cost int64
	// LayoutFiles are the files of the layouts folder the format reads
	// besides the layout itself (style sheets), which a release records
	// among each file's sources.
	LayoutFiles []string
}

// Renderer writes editions in one format.
type Renderer interface {
	Info() Info
	// Render writes one statement edition to w. The same edition and
	// options give the same bytes. On error nothing useful has been
	// written: callers render to a temporary file or a buffer.
	Render(w io.Writer, ed *doc.Edition, opts Options) (Result, error)
	// RenderPack writes a briefing pack's edition to w, as Render does.
	RenderPack(w io.Writer, pe *doc.PackEdition, opts Options) (Result, error)
}

// Options are what a renderer needs besides the edition. A renderer reads
// the fields it needs and ignores the others.
type Options struct {
	// Layout is the edition's layout (a pack's own layout, when its
	// manifest names one).
	Layout *layout.Layout
	// Library holds every font; Shaper (belonging to the calling
	// goroutine) shapes text with it.
	Library *text.Library
	Shaper  *text.Shaper
	// Created dates the file (SOURCE_DATE_EPOCH, or the statement's
	// date); never zero.
	Created time.Time
	// Generator names the program, "polypress 0.1.0".
	Generator string
	// Bleed, in points, and CropMarks make print-ready pages; Recto starts
	// each statement of a pack on a right-hand page.
	Bleed     float64
	CropMarks bool
	Recto     bool
	// Alternates are the editions of the same statement or pack that the
	// same run writes in this format, every locale including this one, in
	// the order they are built. A web page links to them.
	Alternates []Alternate
}

// Alternate is another language edition of the same statement or pack in
// the same format.
type Alternate struct {
	// Locale is the locale the edition was built for ("fr-CA"); Lang and
	// Dir are its text's language and direction.
	Locale string
	Lang   string
	Dir    doc.Direction
	// Href is the edition's file name, relative to this one's folder.
	Href string
	// Canonical is set on the edition in the statement's original
	// language.
	Canonical bool
}

// Result is what rendering learnt about the file.
type Result struct {
	// Pages is the page count of a paged format; zero otherwise.
	Pages int
	// Fonts are the fonts a format that draws text with polypress's
	// fonts (Info.Glyphs) embeds in the file; a release records them,
	// with their digests.
	Fonts []*text.Font
}

var (
	mu        sync.RWMutex
	renderers = map[string]Renderer{}
)

// Register makes a format available under r.Info().Name. It panics when
// the name is malformed or already registered, which is a programming
// error found the first time the program starts.
func Register(r Renderer) {
	info := r.Info()
	if !validName(info.Name) || !validName(info.Ext) {
		panic(fmt.Sprintf("render: format %q (extension %q): names are lower-case ASCII letters and digits", info.Name, info.Ext))
	}
	mu.Lock()
	defer mu.Unlock()
	if _, dup := renderers[info.Name]; dup {
		panic(fmt.Sprintf("render: format %q registered twice", info.Name))
	}
	renderers[info.Name] = r
}

// Deregister removes a format. It is for tests that register a format of
// their own.
func Deregister(name string) {
	mu.Lock()
	defer mu.Unlock()
	delete(renderers, name)
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Names lists the registered formats, sorted by name: the order a build
// writes them in when it is not given a list.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	names := make([]string, 0, len(renderers))
	for n := range renderers {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Get returns the format called name.
func Get(name string) (Renderer, error) {
	mu.RLock()
	r, ok := renderers[name]
	mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("unknown format %q (have %s)", name, strings.Join(Names(), ", "))
	}
	return r, nil
}

// Formats checks a list of format names, as given with --formats, and
// returns it without repeats; an empty list means every format. The error
// names the first unknown format and the formats there are.
func Formats(names []string) ([]string, error) {
	if len(names) == 0 {
		return Names(), nil
	}
	var out []string
	for _, n := range names {
		if _, err := Get(n); err != nil {
			return nil, err
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// FileName is the name of the file of an edition of id in locale in
// format: "<id>.<locale>.<ext>". It is the only place file names are made.
func FileName(id, locale, format string) string {
	ext := format
	if r, err := Get(format); err == nil {
		ext = r.Info().Ext
	}
	return id + "." + locale + "." + ext
}

// NeedGlyphs reports whether any of formats needs the glyph preflight.
func NeedGlyphs(formats []string) bool {
	for _, f := range formats {
		if r, err := Get(f); err == nil && r.Info().Glyphs {
			return true
		}
	}
	return false
}

// Cost is the relative cost of rendering an edition in format (at least 1).
func Cost(format string) int64 {
	if r, err := Get(format); err == nil && r.Info().Cost > 0 {
		return r.Info().Cost
	}
	return 1
}

// Help lists the formats, one line each, for command help:
//
//	pdf    print-ready PDF …
func Help(indent string) string {
	var b strings.Builder
	names := Names()
	width := 0
	for _, n := range names {
		width = max(width, len(n))
	}
	for _, n := range names {
		r, _ := Get(n)
		fmt.Fprintf(&b, "%s%-*s  %s\n", indent, width, n, r.Info().Help)
	}
	return b.String()
}
