package localize

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/internal/confine"
)

// Layer is one folder of locale files. A catalog is read from layers in
// order — polypress's built-in files first, then a project's — and a file
// in a later layer adds to and overrides the file of the same tag in an
// earlier one key by key: each message it sets replaces that message, each
// [_conventions] key it sets replaces that convention, and everything else
// is inherited. A file for a tag no earlier layer has is a new locale,
// which inherits along its fallback chain as any locale file does.
type Layer struct {
	// FS and Dir are where the files are; Dir "" means ".".
	FS  fs.FS
	Dir string
	// Display names the folder in messages ("locales").
	Display string
	// BuiltIn marks polypress's own files.
	BuiltIn bool
}

// DirLayer is the layer of the locale files in the folder dir on disk,
// named dir in messages. A file may not be a symbolic link that leads out
// of dir; the folder is opened when the layer is read.
func DirLayer(dir string) Layer {
	return Layer{Dir: dir, Display: filepath.ToSlash(filepath.Clean(dir))}
}

// Only limits a catalog to what Printers for locales need: the locale
// files of each locale's fallback chain (its file, the files it inherits
// from, the canonical language's, SourceLocale's), found by their file
// names. Other files are not read at all, so that a build of one locale
// never depends on another locale's file. List both the locales to print
// and the canonical languages of the statements.
func Only(locales ...string) LoadOption {
	return func(c *loadConfig) { c.only = append(c.only, locales...) }
}

// Lenient keeps the problems of a locale file with the file instead of
// failing the whole load: a Printer whose fallback chain holds a broken
// file fails with its problems, and every other locale is unaffected.
// Problems that belong to no locale (a file name that is no language tag)
// are given by Problems.
func Lenient() LoadOption {
	return func(c *loadConfig) { c.lenient = true }
}

// listed is a locale file found in a layer, not yet read.
type listed struct {
	layer   int
	name    string // "fr.toml"
	display string // "locales/fr.toml"
	tag     language.Tag
}

// LoadLayers reads the locale files of layers, each file over the one of
// the same tag in earlier layers (see Layer). Without Lenient, every
// problem of every file is returned together, as Load does.
func LoadLayers(layers []Layer, opts ...LoadOption) (*Catalog, error) {
	cfg := loadConfig{}
	for _, o := range opts {
		o(&cfg)
	}
	layers = append([]Layer(nil), layers...)
	c := &Catalog{files: map[string]*localeFile{}}
	var errs diag.List
	var found []listed
	fsyss := make([]fs.FS, len(layers))
	for i, l := range layers {
		dir := l.Dir
		if dir == "" {
			dir = "."
		}
		display := l.Display
		if display == "" {
			display = dir
		}
		c.dir = display
		fsys := l.FS
		if fsys == nil {
			root, err := os.OpenRoot(dir)
			if err != nil {
				return nil, diag.Errorf(diag.Pos{File: display}, "reading locale files: %s", confine.Cause(err))
			}
			defer root.Close()
			fsys, dir = root.FS(), "."
		}
		fsyss[i] = fsys
		layers[i].Dir = dir
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return nil, diag.Errorf(diag.Pos{File: display}, "reading locale files: %s", confine.Cause(err))
		}
		for _, e := range entries { // ReadDir sorts by name
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".toml") || strings.HasPrefix(name, ".") {
				continue
			}
			fd := path.Join(display, name)
			stem := strings.TrimSuffix(name, ".toml")
			tag, err := language.Parse(stem)
			if err != nil {
				errs.Errorf(diag.Pos{File: fd}, "file name %q is not a BCP 47 language tag (want <tag>.toml, e.g. fr.toml)", stem)
				continue
			}
			found = append(found, listed{layer: i, name: name, display: fd, tag: tag})
		}
	}
	if len(found) == 0 && len(errs) == 0 {
		errs.Errorf(diag.Pos{File: c.dir}, "no locale files (<tag>.toml)")
	}
	var need map[string]bool
	if cfg.only != nil {
		need = neededTags(found, cfg.only)
	}
	for _, lf := range found {
		if need != nil && !need[stripExtensions(lf.tag).String()] {
			continue
		}
		l := layers[lf.layer]
		data, err := confine.ReadFS(fsyss[lf.layer], path.Join(l.Dir, lf.name), MaxFileBytes)
		if err != nil {
			errs.Errorf(diag.Pos{File: lf.display}, "cannot read locale file: %s", confine.Cause(err))
			if cfg.lenient {
				c.stack(stub(lf, diag.List{errs[len(errs)-1]}))
				errs = errs[:len(errs)-1]
			}
			continue
		}
		f, fileErrs := parseFile(lf.display, strings.TrimSuffix(lf.name, ".toml"), data)
		if f == nil {
			if cfg.lenient && fileErrs.HasErrors() {
				c.stack(stub(lf, fileErrs))
				continue
			}
			errs.Append(fileErrs)
			continue
		}
		f.layer, f.builtIn = lf.layer, l.BuiltIn
		sum := sha256.Sum256(data)
		f.digest = hex.EncodeToString(sum[:])
		if prev, dup := c.files[f.name]; dup && prev.layer == f.layer {
			errs.Errorf(diag.Pos{File: lf.display}, "locale %s is already defined by %s", f.name, prev.path)
			continue
		}
		if cfg.lenient {
			f.errs = fileErrs
		} else {
			errs.Append(fileErrs)
		}
		c.stack(f)
	}
	for tag := range c.files {
		c.tags = append(c.tags, tag)
	}
	sort.Strings(c.tags)
	for _, t := range c.tags {
		c.matchTags = append(c.matchTags, c.files[t].tag)
	}
	if len(c.matchTags) > 0 {
		c.matcher = language.NewMatcher(c.matchTags)
	}
	// One go-i18n bundle per layer holds that layer's messages: a bundle
	// builds go-i18n's whole plural rule table when made, which costs
	// more than parsing a locale file, and two files of one tag cannot
	// share a bundle. Each file's localizer asks for exactly its own tag,
	// and Printer, not go-i18n, decides fallbacks.
	bundles := make([]*i18n.Bundle, len(layers))
	for _, f := range c.all() {
		if f.localizer != nil || f.stub() {
			continue
		}
		b := bundles[f.layer]
		if b == nil {
			b = i18n.NewBundle(language.Make(SourceLocale))
			bundles[f.layer] = b
		}
		if err := b.AddMessages(f.tag, completed(f)...); err != nil {
			d := diag.Errorf(diag.Pos{File: f.path}, "%v", err)
			if cfg.lenient {
				f.errs.Add(d)
			} else {
				errs.Add(d)
			}
			continue
		}
		f.localizer = i18n.NewLocalizer(b, f.name)
	}
	for _, f := range c.all() {
		if f.stub() || c.brokenAncestor(f) {
			continue
		}
		ce := c.resolveConventions(f)
		if cfg.lenient {
			f.errs.Append(ce)
		} else {
			errs.Append(ce)
		}
	}
	errs.Sort()
	if cfg.lenient {
		c.problems = errs
		return c, nil
	}
	if errs.HasErrors() {
		return nil, errs.Err()
	}
	return c, nil
}

// stack makes f the file of its tag, over any earlier layer's.
func (c *Catalog) stack(f *localeFile) {
	if prev, ok := c.files[f.name]; ok {
		f.under = prev
	}
	c.files[f.name] = f
}

// all returns every file, the files of earlier layers included, each tag's
// deepest layer first.
func (c *Catalog) all() []*localeFile {
	var out []*localeFile
	for _, t := range c.tags {
		var st []*localeFile
		for f := c.files[t]; f != nil; f = f.under {
			st = append(st, f)
		}
		for i := len(st) - 1; i >= 0; i-- {
			out = append(out, st[i])
		}
	}
	return out
}

// stub is the place of a locale file that could not be read or parsed, so
// that the locales that need it fail with its problems.
func stub(lf listed, errs diag.List) *localeFile {
	t := stripExtensions(lf.tag)
	return &localeFile{tag: t, name: t.String(), path: lf.display, layer: lf.layer, msgs: map[string]*i18n.Message{}, rawConv: map[string]any{}, errs: errs}
}

// stub reports whether f is the place of a file that did not parse.
func (f *localeFile) stub() bool { return f.errs.HasErrors() && f.pos == nil }

// brokenAncestor reports whether a file f inherits from has errors: its
// own conventions are then not resolved (the ancestor's problems say why).
func (c *Catalog) brokenAncestor(f *localeFile) bool {
	for _, a := range c.ancestors(f) {
		if a.errs.HasErrors() {
			return true
		}
	}
	return false
}

// Problems returns what a Lenient load found that belongs to no locale:
// files whose names are not language tags, two files for one tag. A
// strict load returns them as its error instead.
func (c *Catalog) Problems() diag.List { return c.problems }

// neededTags names the locale files that Printers for locales read: for
// each, the file it resolves to (as Catalog.match would), the files that
// one inherits from, and SourceLocale's chain, decided from the file names
// alone.
func neededTags(found []listed, locales []string) map[string]bool {
	names := &Catalog{files: map[string]*localeFile{}}
	for _, lf := range found {
		t := stripExtensions(lf.tag)
		if _, ok := names.files[t.String()]; !ok {
			names.files[t.String()] = &localeFile{tag: t, name: t.String()}
			names.tags = append(names.tags, t.String())
		}
	}
	sort.Strings(names.tags)
	for _, t := range names.tags {
		names.matchTags = append(names.matchTags, names.files[t].tag)
	}
	if len(names.matchTags) > 0 {
		names.matcher = language.NewMatcher(names.matchTags)
	}
	need := map[string]bool{}
	add := func(f *localeFile) {
		if f == nil {
			return
		}
		need[f.name] = true
		for _, a := range names.ancestors(f) {
			need[a.name] = true
		}
	}
	add(names.files[SourceLocale])
	for _, l := range locales {
		t, err := language.Parse(l)
		if err != nil {
			continue
		}
		add(names.match(t))
	}
	return need
}

// SourceFile is one locale file a Printer draws from.
type SourceFile struct {
	// Path is the file as named in messages ("locales/fr.toml").
	Path string
	// Name is its name in its folder ("fr.toml").
	Name string
	// BuiltIn is set for polypress's own files.
	BuiltIn bool
	// SHA256 is the hex digest of the file's bytes.
	SHA256 string
}

// Sources returns the locale files the Printer draws messages and
// conventions from, in the order they are consulted, each layer's file of
// a tag before the one it adds to. A release records them, with their
// digests, as the sources of each edition.
func (p *Printer) Sources() []SourceFile {
	out := make([]SourceFile, len(p.chain))
	for i, lf := range p.chain {
		out[i] = SourceFile{Path: lf.path, Name: lf.name + ".toml", BuiltIn: lf.builtIn, SHA256: lf.digest}
	}
	return out
}
