package render

import (
	"sort"
	"strings"

	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/text"
)

// Font is a font file that a reflowable edition (EPUB, HTML) carries or
// names for the reader's software to set text with.
type Font struct {
	// Family is the CSS font-family name ("Noto Nastaliq Urdu").
	Family string
	// File is a plain file name for the font ("NotoNastaliqUrdu-Regular.ttf").
	File string
	// Data is the font file.
	Data []byte
	// Lang is the base language the font is chosen for ("ur").
	Lang string
}

// LangFonts returns the fonts the layout chooses specially for lang's base
// language (fonts.lang.<lang>: Nastaliq for Urdu), which reading systems
// and browsers are unlikely to have, in the order of their scripts' codes.
// Common scripts are left to the reader's own fonts.
func LangFonts(lib *text.Library, lay *layout.Layout, lang string) []Font {
	if lib == nil || lay == nil {
		return nil
	}
	base := strings.ToLower(strings.SplitN(lang, "-", 2)[0])
	fams := lay.Fonts.Lang[base]
	scripts := make([]string, 0, len(fams))
	for s := range fams {
		scripts = append(scripts, s)
	}
	sort.Strings(scripts)
	var out []Font
	seen := map[string]bool{}
	for _, s := range scripts {
		f := lib.Face(fams[s], false, false)
		if f == nil || seen[f.Name] {
			continue
		}
		seen[f.Name] = true
		out = append(out, Font{Family: f.Family, File: f.Name + ".ttf", Data: f.Data, Lang: base})
	}
	return out
}
