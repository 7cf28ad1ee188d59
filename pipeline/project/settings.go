package project

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/language"

	"github.com/polypress/polypress/layouts"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/internal/confine"
	"github.com/polypress/polypress/pipeline/layout"
	"github.com/polypress/polypress/pipeline/parallel"
	"github.com/polypress/polypress/pipeline/render"
)

// Settings are the effective settings of one command: the defaults, then
// the project file's values, then the command line's.
type Settings struct {
	// File is the project file (relative to the working folder when it
	// lies below it), or "" when there is none; Root is its folder,
	// absolute.
	File string
	Root string
	// Statements are the folders searched for statements and packs, or
	// statement and pack files.
	Statements []string
	// Out is the output folder.
	Out string
	// LocaleDir is the folder of locale files that add to and override
	// the built-in ones; "" for none.
	LocaleDir string
	// Layout is a built-in layout's name or a layout file; "" means the
	// default (a pack's own layout, else briefing).
	Layout string
	// Fonts are folders of extra fonts.
	Fonts []string
	// Locales to build; empty means every language present.
	Locales []string
	// Formats to build; empty means every registered format.
	Formats []string
	// Parallel are the parallel editions to build besides the others:
	// each a set of two or three locales side by side, the first the
	// main language (written "en,fr").
	Parallel [][]string
	// Strict makes fallbacks errors; Final refuses anything that would
	// make a draft (and implies Strict).
	Strict bool
	Final  bool

	origins map[string]Origin
}

// OriginKind says where a setting came from.
type OriginKind int

// Where settings come from, in the order they override each other.
const (
	FromDefault OriginKind = iota
	FromFile
	FromFlag
)

// Origin is where one setting came from.
type Origin struct {
	Kind OriginKind
	// Pos is the key's position in the project file (FromFile).
	Pos diag.Pos
	// Flag is the flag or argument that set it (FromFlag): "--out",
	// or "PATH" for the statements given as arguments.
	Flag string
	// Note explains a default that depends on the project ("locales/
	// exists").
	Note string
}

func (o Origin) String() string {
	switch o.Kind {
	case FromFile:
		return o.Pos.String()
	case FromFlag:
		if o.Flag == "PATH" {
			return "command line"
		}
		return o.Flag
	}
	if o.Note != "" {
		return "default (" + o.Note + ")"
	}
	return "default"
}

// Override is a setting the command line gives.
type Override struct {
	// Key is the project file key ("out", "locale_dir").
	Key string
	// Value is a string, a []string or a bool, as the key takes.
	Value any
	// Flag names it in messages: "--out", or "PATH" for arguments.
	Flag string
}

// Error is a setting that cannot be used. Usage is set when a bad value
// came from the command line (exit status 2) rather than from the project
// file (exit status 1).
type Error struct {
	Diags diag.List
	Usage bool
}

func (e *Error) Error() string { return e.Diags.Error() }

// Unwrap gives the diagnostics to diag.Flatten.
func (e *Error) Unwrap() error { return e.Diags }

// Origin returns where setting key came from.
func (s *Settings) Origin(key string) Origin { return s.origins[key] }

// Resolve merges the project file f (nil when there is none) and the
// command line's overrides into Settings. cwd is the working folder:
// paths from the file are relative to its folder, made relative to cwd
// for use and messages; paths from the command line are used as given.
// Every value is checked — paths in the file must stay in the project's
// folder and exist where they are read, layouts must exist, locales must
// be BCP 47 tags, formats registered — and every problem is reported at
// once.
func Resolve(f *File, cwd string, overrides []Override) (*Settings, error) {
	r := resolver{f: f, cwd: cwd, s: &Settings{origins: map[string]Origin{}}}
	if f != nil {
		r.s.File = r.display(filepath.Join(f.Root, FileName))
		r.s.Root = f.Root
	}
	set := map[string]Override{}
	for _, o := range overrides {
		set[o.Key] = o
	}
	for _, k := range keys {
		if o, ok := set[k.name]; ok {
			r.apply(k, o.Value, Origin{Kind: FromFlag, Flag: o.Flag})
			continue
		}
		if f != nil {
			if v, ok := f.Values[k.name]; ok {
				r.apply(k, v, Origin{Kind: FromFile, Pos: f.at(k.name)})
				continue
			}
		}
		r.defaults(k)
	}
	r.errs.Sort()
	if r.errs.HasErrors() {
		return nil, &Error{Diags: r.errs.Errors(), Usage: r.usage}
	}
	return r.s, nil
}

type resolver struct {
	f     *File
	cwd   string
	s     *Settings
	errs  diag.List
	usage bool
}

// fail records a problem with a value from origin.
func (r *resolver) fail(o Origin, k key, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	switch o.Kind {
	case FromFlag:
		r.usage = true
		name := o.Flag
		if name == "PATH" {
			r.errs.Add(diag.Errorf(diag.Pos{}, "%s", msg).WithCode("bad-value"))
			return
		}
		r.errs.Add(diag.Errorf(diag.Pos{}, "%s: %s", name, msg).WithCode("bad-value"))
	default:
		r.errs.Add(diag.Errorf(o.Pos, "%s: %s", k.name, msg).WithCode("bad-value"))
	}
}

// display names an absolute path relative to the working folder when it
// lies below it, else absolutely.
func (r *resolver) display(abs string) string {
	if cwd, err := filepath.Abs(r.cwd); err == nil {
		if rel, err := filepath.Rel(cwd, abs); err == nil && (rel == "." || filepath.IsLocal(rel) || strings.HasPrefix(rel, "..")) {
			return rel
		}
	}
	return abs
}

// path checks one path value from origin and returns it as the command
// should use it: a file's path joined to the project folder, which it may
// not leave, and made relative to the working folder; a flag's as given.
func (r *resolver) path(k key, o Origin, v string, need existence) (string, bool) {
	if v == "" {
		r.fail(o, k, "an empty path")
		return "", false
	}
	if o.Kind == FromFlag {
		// A path on the command line is used as given: a missing file
		// is bad input, reported where it is read, not a wrong command
		// line.
		return v, true
	}
	p := v
	if o.Kind == FromFile {
		clean := filepath.Clean(filepath.FromSlash(v))
		if filepath.IsAbs(clean) || strings.HasPrefix(v, "/") {
			r.fail(o, k, "%q is an absolute path; give paths relative to the project folder (%s), which they may not leave", v, r.display(r.f.Root))
			return "", false
		}
		if !filepath.IsLocal(clean) && clean != "." {
			r.fail(o, k, "%q leaves the project folder %s; keep the project's files inside it", v, r.display(r.f.Root))
			return "", false
		}
		full := filepath.Join(r.f.Root, clean)
		if _, err := os.Lstat(full); err == nil {
			if _, err := confine.Within(r.f.Root, full); err != nil {
				r.fail(o, k, "%q: %s", v, confine.Cause(err))
				return "", false
			}
		}
		p = r.display(full)
	}
	fi, err := os.Stat(p)
	switch {
	case need == mayBeMissing:
		if err == nil && k.name == "out" && !fi.IsDir() {
			r.fail(o, k, "%q exists and is not a folder", v)
			return "", false
		}
	case errors.Is(err, fs.ErrNotExist):
		r.fail(o, k, "%q: no such %s", v, need)
		return "", false
	case err != nil:
		r.fail(o, k, "%q: %s", v, confine.Cause(err))
		return "", false
	case need == folder && !fi.IsDir():
		r.fail(o, k, "%q is not a folder", v)
		return "", false
	}
	return p, true
}

// existence is what a path must be.
type existence string

const (
	mayBeMissing existence = ""
	folder       existence = "folder"
	fileOrFolder existence = "file or folder"
	file         existence = "file"
)

func (r *resolver) apply(k key, v any, o Origin) {
	s := r.s
	r.s.origins[k.name] = o
	switch k.name {
	case "statements":
		var out []string
		for _, p := range v.([]string) {
			if p == "-" && o.Kind == FromFlag {
				out = append(out, p) // standard input
				continue
			}
			if q, ok := r.path(k, o, p, fileOrFolder); ok {
				out = append(out, q)
			}
		}
		if len(v.([]string)) == 0 && o.Kind == FromFile {
			r.fail(o, k, "an empty list; name at least one folder holding statements")
		}
		s.Statements = out
	case "out":
		if p, ok := r.path(k, o, v.(string), mayBeMissing); ok {
			s.Out = p
		}
	case "locale_dir":
		if v.(string) == "" {
			s.LocaleDir = "" // none: the built-in locale files only
			return
		}
		if p, ok := r.path(k, o, v.(string), folder); ok {
			s.LocaleDir = p
		}
	case "layout":
		name := v.(string)
		if name == "" {
			return
		}
		if !layout.IsFile(name) {
			if !contains(layout.Names(layouts.FS), name) {
				msg := fmt.Sprintf("unknown layout %q", name)
				if sug := diag.Suggest(name, layout.Names(layouts.FS)); sug != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", sug)
				}
				r.fail(o, k, "%s; the built-in layouts are %s, or give a .toml file", msg, strings.Join(layout.Names(layouts.FS), ", "))
				return
			}
			s.Layout = name
			return
		}
		if p, ok := r.path(k, o, name, file); ok {
			s.Layout = p
		}
	case "fonts":
		var out []string
		for _, p := range v.([]string) {
			if q, ok := r.path(k, o, p, folder); ok {
				out = append(out, q)
			}
		}
		s.Fonts = out
	case "locales":
		var out []string
		for _, l := range v.([]string) {
			t, err := language.Parse(l)
			if err != nil || t == language.Und || strings.Contains(l, "_") {
				r.fail(o, k, "%q is not a BCP 47 language tag (such as en, fr-CA or zh-Hant)", l)
				continue
			}
			out = append(out, l)
		}
		s.Locales = out
	case "formats":
		fs := v.([]string)
		if _, err := render.Formats(fs); err != nil {
			r.fail(o, k, "%v", err)
			return
		}
		s.Formats = fs
	case "parallel":
		var out [][]string
		for _, set := range v.([]string) {
			locs, err := parallel.ParseSet(set)
			if err != nil {
				r.fail(o, k, "%v", err)
				continue
			}
			out = append(out, locs)
		}
		s.Parallel = out
	case "strict":
		s.Strict = v.(bool)
	case "final":
		s.Final = v.(bool)
	}
}

// defaults sets key k's default: in a project, its statements folder,
// dist and locales (when that folder exists) inside the project folder.
func (r *resolver) defaults(k key) {
	o := Origin{Kind: FromDefault}
	s := r.s
	root := r.s.Root
	switch k.name {
	case "statements":
		if root == "" {
			break
		}
		dir := filepath.Join(root, "statements")
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			s.Statements = []string{r.display(dir)}
		} else {
			o.Note = "the project folder has no statements/ folder"
		}
	case "out":
		s.Out = "dist"
		if root != "" {
			s.Out = r.display(filepath.Join(root, "dist"))
		}
	case "locale_dir":
		if root == "" {
			o.Note = "the built-in locale files only"
			break
		}
		dir := filepath.Join(root, "locales")
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			s.LocaleDir = r.display(dir)
			o.Note = "the project's locales/ folder"
		} else {
			o.Note = "the built-in locale files only"
		}
	}
	s.origins[k.name] = o
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Row is one setting as "polypress config" shows it.
type Row struct {
	Key    string `json:"key"`
	Value  any    `json:"value"`
	Text   string `json:"-"`
	Origin string `json:"origin"`
}

// Rows lists every setting with its value and origin, in the order the
// project file documents them.
func (s *Settings) Rows() []Row {
	var out []Row
	list := func(v []string, empty string) (any, string) {
		if len(v) == 0 {
			return []string{}, empty
		}
		return v, strings.Join(v, ", ")
	}
	for _, k := range keys {
		var v any
		var text string
		switch k.name {
		case "statements":
			v, text = list(s.Statements, "(none: give PATH)")
		case "out":
			v, text = s.Out, s.Out
		case "locale_dir":
			v, text = s.LocaleDir, s.LocaleDir
			if text == "" {
				text = "(none)"
			}
		case "layout":
			v, text = s.Layout, s.Layout
			if text == "" {
				text = "briefing (a pack's own layout when its pack.yaml names one)"
			}
		case "fonts":
			v, text = list(s.Fonts, "(none)")
		case "locales":
			v, text = list(s.Locales, "(the canonical language and every translation)")
		case "formats":
			v, text = list(s.Formats, strings.Join(render.Names(), ", "))
		case "parallel":
			var sets []string
			for _, set := range s.Parallel {
				sets = append(sets, strings.Join(set, ","))
			}
			v, text = list(sets, "(none)")
		case "strict":
			v, text = s.Strict, fmt.Sprint(s.Strict)
		case "final":
			v, text = s.Final, fmt.Sprint(s.Final)
		}
		out = append(out, Row{Key: k.name, Value: v, Text: text, Origin: s.Origin(k.name).String()})
	}
	return out
}

// MarshalJSON writes the settings as "polypress config --json" prints
// them: the project file and every setting with its origin.
func (s *Settings) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		File     string `json:"file"`
		Settings []Row  `json:"settings"`
	}{s.File, s.Rows()})
}
