package build

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/polypress/polypress/locales"
	"github.com/polypress/polypress/pipeline/internal/confine"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/localize"
	"github.com/polypress/polypress/pipeline/text"
)

// BuiltInPrefix starts the names of the files polypress carries (its
// fonts, locale files and layouts) in messages and manifests:
// "polypress:locales/fr.toml", so that they are never taken for a
// project's own locales/fr.toml.
const BuiltInPrefix = "polypress:"

// LocaleLayers returns the layers of locale files a build reads: the
// built-in files, then the files of dir (when not empty), which add to and
// override them key by key. Every command reads the same layers.
func LocaleLayers(dir string) []localize.Layer {
	display := "locales"
	if dir != "" {
		// Said apart from the project's own files only when there are
		// some, so that messages about the built-in files alone keep
		// the names they have in polypress's repository.
		display = BuiltInPrefix + "locales"
	}
	layers := []localize.Layer{{FS: locales.FS, Dir: ".", Display: display, BuiltIn: true}}
	if dir != "" {
		layers = append(layers, localize.DirLayer(dir))
	}
	return layers
}

// userFonts returns the fonts of the library that were read from --fonts
// folders rather than carried by polypress, sorted by name.
func userFonts(lib *text.Library) []*text.Font {
	var out []*text.Font
	for _, name := range lib.Names() {
		if f := lib.Font(name); f.File != "" && !strings.HasPrefix(f.File, BuiltInPrefix) {
			out = append(out, f)
		}
	}
	return out
}

// JoinFonts puts fonts (those of the --fonts folders) into lay's font
// stacks by the scripts they cover: a family sets each script it has
// characters of for which the layout names no family, and it is tried
// after the layout's own fallbacks for every other character. So a font
// given for Tifinagh sets Tifinagh text with no layout naming it, and the
// glyph preflight's advice to add a font is enough on its own. The
// layout's choices are never changed: a family the layout names for a
// script keeps it.
func JoinFonts(lay *layout.Layout, fonts []*text.Font) {
	if len(fonts) == 0 {
		return
	}
	families := map[string][]string{} // family → scripts
	var order []string
	for _, f := range fonts {
		if _, ok := families[f.Family]; !ok {
			order = append(order, f.Family)
		}
		for _, s := range f.Scripts() {
			if !slices.Contains(families[f.Family], s) {
				families[f.Family] = append(families[f.Family], s)
			}
		}
	}
	sort.Strings(order)
	for _, spec := range []*layout.StackSpec{&lay.Fonts.Text, &lay.Fonts.Display} {
		if spec.Scripts == nil {
			spec.Scripts = map[string]string{}
		}
		for _, fam := range order {
			scripts := families[fam]
			sort.Strings(scripts)
			for _, s := range scripts {
				if _, named := spec.Scripts[s]; !named {
					spec.Scripts[s] = fam
				}
			}
			if !slices.Contains(spec.Fallback, fam) {
				spec.Fallback = append(spec.Fallback, fam)
			}
		}
	}
}

// maxCandidateFonts bounds the font files looked at in the subfolders of
// the --fonts folders when a character has no glyph.
const maxCandidateFonts = 200

// candidates names the fonts that have r though no stack tried them, for
// the glyph preflight's message: fonts polypress carries that the layout
// does not use, and font files in the subfolders of the --fonts folders
// (only the fonts directly in a folder are loaded). It returns "" when
// there are none.
func (env *Env) candidates(r rune) string {
	var hints []string
	var unused []string
	for _, name := range env.Library.Names() {
		if f := env.Library.Font(name); f.Has(r) {
			unused = append(unused, f.Family)
		}
	}
	unused = slices.Compact(unused)
	if len(unused) > 0 {
		hints = append(hints, fmt.Sprintf("the font %s has it, but the layout does not use it: add %s to the fallback list of its [fonts.text] and [fonts.display]", strings.Join(unused, " and "), unused[0]))
	}
	var files []string
	for _, f := range env.nested() {
		if f.Has(r) {
			files = append(files, f.File)
		}
	}
	if len(files) > 0 {
		if len(files) > 3 {
			files = append(files[:3], "…")
		}
		hints = append(hints, fmt.Sprintf("%s %s it: add its folder with --fonts DIR (or to fonts in polypress.toml)", strings.Join(files, ", "), map[bool]string{true: "has", false: "have"}[len(files) == 1]))
	}
	return strings.Join(hints, "; ")
}

// nested loads, once, the fonts in the subfolders of the --fonts folders.
// Files that are not fonts polypress can use, or lead out of their
// folder, are skipped: they are only suggestions.
func (env *Env) nested() []*text.Font {
	env.nestedOnce.Do(func() {
		lib := text.NewLibrary()
		n := 0
		for _, dir := range env.fontDirs {
			filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
				if err != nil || n >= maxCandidateFonts {
					return filepath.SkipDir
				}
				if d.IsDir() {
					if path != dir && strings.HasPrefix(d.Name(), ".") {
						return filepath.SkipDir
					}
					return nil
				}
				ext := strings.ToLower(filepath.Ext(path))
				if filepath.Dir(path) == filepath.Clean(dir) || (ext != ".ttf" && ext != ".otf") {
					return nil
				}
				if _, err := confine.Within(dir, path); err != nil {
					return nil
				}
				data, err := confine.ReadFile(path, text.MaxFontBytes)
				if err != nil {
					return nil
				}
				n++
				name := path
				if lib.Add(name, data) == nil {
					f := lib.Font(name)
					f.File = filepath.ToSlash(path)
					env.nestedFonts = append(env.nestedFonts, f)
				}
				return nil
			})
		}
	})
	return env.nestedFonts
}
