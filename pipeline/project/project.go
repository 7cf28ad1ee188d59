// Package project reads polypress.toml, the project file that holds a
// project's settings (where its statements, locale files, layout and fonts
// are, where editions go, which locales and formats to build, how strict to
// be), and merges it with the command line into the effective Settings
// that every command runs with.
//
// The project file is found as go.mod is: in the current folder or the
// nearest parent that has one. Paths in it are relative to its folder and
// may not leave it. The command line overrides it key by key, and each
// setting remembers where it came from (Origin) for "polypress config" and
// for messages. It sits in front of the pipeline: the CLI resolves
// Settings, then hands them to pipeline/build, pipeline/release,
// pipeline/translate and pipeline/preview.
package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/internal/confine"
	"github.com/polypress/polypress/pipeline/internal/tomlerr"
)

// FileName is the name of the project file.
const FileName = "polypress.toml"

// MaxFileBytes is the largest project file read.
const MaxFileBytes = 256 << 10

// Find returns the project file in dir or in the nearest of its parents
// that has one, or "" when none has. dir is made absolute first; the path
// returned is absolute. A polypress.toml that is not a regular file is an
// error, not a reason to look further up.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		p := filepath.Join(d, FileName)
		fi, err := os.Stat(p)
		switch {
		case err == nil && fi.Mode().IsRegular():
			return p, nil
		case err == nil:
			return "", diag.Errorf(diag.Pos{File: p}, "%s is not a regular file", FileName)
		case !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission):
			return "", diag.Errorf(diag.Pos{File: p}, "cannot read: %s", confine.Cause(err))
		}
		if d == filepath.Dir(d) {
			return "", nil
		}
	}
}

// File is a parsed project file: the values it sets, by key, each with
// the position of its key.
type File struct {
	// Path is the file as given (for messages); Root its folder, absolute.
	Path string
	Root string
	// Values are the keys the file sets, with their TOML values (string,
	// []any, bool).
	Values map[string]any
	// Pos is where each key is written.
	Pos map[string]diag.Pos
}

// Load reads and parses the project file at path (display names it in
// messages; empty means path). Syntax errors, keys that are not settings
// and values of the wrong type are reported at their polypress.toml:line:col,
// all at once; the values themselves are checked by Resolve.
func Load(path, display string) (*File, error) {
	if display == "" {
		display = path
	}
	data, err := confine.ReadFile(path, MaxFileBytes)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: display}, "cannot read the project file: %s", confine.Cause(err))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return Parse(display, filepath.Dir(abs), data)
}

// Parse parses the project file text data, named display in messages,
// whose paths are relative to root.
func Parse(display, root string, data []byte) (*File, error) {
	var errs diag.List
	if !utf8.Valid(data) {
		return nil, diag.Errorf(diag.Pos{File: display}, "the file is not UTF-8 text")
	}
	src := string(data)
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		return nil, tomlerr.Diagnostic(display, src, err).WithCode(diag.Syntax)
	}
	f := &File{Path: display, Root: root, Values: map[string]any{}, Pos: keyPositions(display, src)}
	names := make([]string, 0, len(raw))
	for k := range raw {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		v := raw[name]
		pos := f.at(name)
		k, ok := keyByName(name)
		if !ok {
			msg := fmt.Sprintf("unknown setting %q", name)
			if s := diag.Suggest(name, keyNames()); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += "; the settings are " + strings.Join(keyNames(), ", ")
			}
			errs.Add(diag.Errorf(pos, "%s", msg).WithCode(diag.UnknownKey))
			continue
		}
		norm, err := k.kind.decode(v)
		if err != nil {
			errs.Add(diag.Errorf(pos, "%s: %v", name, err).WithCode(diag.BadValue))
			continue
		}
		f.Values[name] = norm
	}
	errs.Sort()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return f, nil
}

// at is the position of key, or of the file.
func (f *File) at(key string) diag.Pos {
	if p, ok := f.Pos[key]; ok {
		return p
	}
	return diag.Pos{File: f.Path}
}

// keyPositions finds where each top-level key of a project file is
// written. BurntSushi/toml keeps key positions to itself; a project file
// is a flat list of settings, which a line scanner reads well enough to
// point at the right line. A [table] header is recorded under its name, so
// that an unknown table is reported where it starts.
func keyPositions(file, src string) map[string]diag.Pos {
	pos := map[string]diag.Pos{}
	inTable := false
	inMulti := ""
	for i, line := range strings.Split(src, "\n") {
		if inMulti != "" {
			if strings.Contains(line, inMulti) {
				inMulti = ""
			}
			continue
		}
		trimmed := strings.TrimLeft(line, " \t\ufeff")
		col := utf8.RuneCountInString(line[:len(line)-len(trimmed)]) + 1
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		if trimmed[0] == '[' {
			name := strings.Trim(strings.TrimSpace(strings.Trim(strings.SplitN(trimmed, "]", 2)[0], "[")), `"'`)
			if dot := strings.IndexByte(name, '.'); dot >= 0 {
				name = name[:dot]
			}
			if _, ok := pos[name]; !ok {
				pos[name] = diag.Pos{File: file, Line: i + 1, Col: col}
			}
			inTable = true
			continue
		}
		eq := strings.IndexByte(trimmed, '=')
		if eq < 0 || inTable {
			continue
		}
		key := strings.Trim(strings.TrimSpace(trimmed[:eq]), `"'`)
		if dot := strings.IndexByte(key, '.'); dot >= 0 {
			key = key[:dot]
		}
		if _, ok := pos[key]; !ok {
			pos[key] = diag.Pos{File: file, Line: i + 1, Col: col}
		}
		rest := trimmed[eq+1:]
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(rest, q) == 1 {
				inMulti = q
			}
		}
	}
	return pos
}
