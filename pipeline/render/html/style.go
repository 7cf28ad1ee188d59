package html

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"path"
	"strconv"
	"strings"

	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/render"
)

// stylesheet is the page's inlined style sheet: the base sheets, then the
// layout's colours, print page and type size, then the fonts. dir places
// the layout's start and end margins on the printed page.
func stylesheet(opts Options, dir string) template.CSS {
	var b strings.Builder
	b.Write(opts.CSS)
	if l := opts.Layout; l != nil {
		layoutCSS(&b, l, dir)
	}
	fontCSS(&b, opts)
	return template.CSS(b.String())
}

// layoutCSS writes the rules that come from the layout file. Names and
// paths from the layout are not written: they are not CSS.
func layoutCSS(b *strings.Builder, l *layout.Layout, dir string) {
	color := func(c layout.Color) string { return fmt.Sprintf("#%06x", uint32(c)&0xffffff) }
	b.WriteString("\n/* From the layout file. */\n\n:root {\n")
	for _, v := range []struct {
		name string
		c    layout.Color
	}{
		{"text", l.Colors.Text}, {"accent", l.Colors.Accent}, {"muted", l.Colors.Muted},
		{"rule", l.Colors.Rule}, {"draft", l.Colors.Draft}, {"cover", l.Cover.Color}, {"cover-ink", l.Cover.Ink},
	} {
		fmt.Fprintf(b, "  --pp-%s: %s;\n", v.name, color(v.c))
	}
	b.WriteString("}\n")
	// The start margin is on the left of a left-to-right page and on the
	// right of a right-to-left one; @page knows no logical margins.
	left, right := l.Margins.Start, l.Margins.End
	if dir == "rtl" {
		left, right = right, left
	}
	fmt.Fprintf(b, "\n@page {\n  size: %s %s;\n  margin: %s %s %s %s;\n}\n",
		pt(float64(l.Page.Width)), pt(float64(l.Page.Height)),
		pt(float64(l.Margins.Top)), pt(float64(right)), pt(float64(l.Margins.Bottom)), pt(float64(left)))
	if l.Body.Size > 0 {
		// html:root outranks the language rules' html:lang(), so every
		// script prints at the layout's size, as in the PDF edition.
		fmt.Fprintf(b, "\n@media print {\n  html:root {\n    font-size: %s;\n  }\n}\n", pt(l.Body.Size))
	}
}

// pt writes a length in points, to a hundredth.
func pt(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "pt"
}

// fontFormats are the font files a page can carry: media type and CSS
// format() name by extension.
var fontFormats = map[string][2]string{
	".ttf":   {"font/ttf", "truetype"},
	".otf":   {"font/otf", "opentype"},
	".woff":  {"font/woff", "woff"},
	".woff2": {"font/woff2", "woff2"},
}

// fontCSS declares the fonts, embedded or linked as the layout says, and
// makes each the first choice for its language: on <html> for the page's
// language, and on a pack's statement in another language.
func fontCSS(b *strings.Builder, opts Options) {
	if len(opts.Fonts) == 0 {
		return
	}
	mode, base := layout.FontsEmbed, ""
	if opts.Layout != nil {
		if opts.Layout.HTML.Fonts != "" {
			mode = opts.Layout.HTML.Fonts
		}
		base = opts.Layout.HTML.FontURL
	}
	fmt.Fprintf(b, "\n/* Fonts the layout chooses for these languages (html.fonts = %q). */\n", mode)
	var langs []string
	families := map[string][]string{}
	declared := map[string]bool{}
	for _, f := range opts.Fonts {
		if _, ok := families[f.Lang]; !ok {
			langs = append(langs, f.Lang)
		}
		families[f.Lang] = append(families[f.Lang], strconv.Quote(f.Family))
		if declared[f.File] {
			continue
		}
		declared[f.File] = true
		format, ok := fontFormats[strings.ToLower(path.Ext(f.File))]
		if !ok {
			format = fontFormats[".ttf"]
		}
		var src string
		switch mode {
		case layout.FontsLocal:
			continue
		case layout.FontsLink:
			src = fmt.Sprintf("url(%q)", base+f.File)
		default:
			src = "url(data:" + format[0] + ";base64," + base64.StdEncoding.EncodeToString(f.Data) + ")"
		}
		fmt.Fprintf(b, "\n@font-face {\n  font-family: %q;\n  src: %s format(%q);\n  font-display: swap;\n}\n", f.Family, src, format[1])
	}
	for _, l := range langs {
		fmt.Fprintf(b, "\nhtml:lang(%s),\n.pack-statement:lang(%s) {\n  font-family: %s, serif;\n}\n", l, l, strings.Join(families[l], ", "))
	}
}

// pageFonts are the fonts for a page in lang holding text in langs too.
func pageFonts(o render.Options, langs ...string) []render.Font {
	var out []render.Font
	seen := map[string]bool{}
	for _, lang := range langs {
		for _, f := range render.LangFonts(o.Library, o.Layout, lang) {
			key := f.File + "\x00" + f.Lang
			if !seen[key] {
				seen[key] = true
				out = append(out, f)
			}
		}
	}
	return out
}
