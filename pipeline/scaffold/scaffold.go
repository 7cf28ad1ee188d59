// Package scaffold writes a new polypress project: a project file
// (polypress.toml), one statement of a chosen kind with a French
// translation that aligns with it, a locale folder to add to the built-in
// locale files, and a .gitignore for the output folder. The project builds
// at once ("polypress new press && cd press && polypress build"). The
// texts are templates in template/, data rather than code.
package scaffold

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/polypress/polypress/pipeline/atomicfile"
	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/translate"
)

//go:embed template
var templates embed.FS

// DefaultKind is the kind of statement a new project starts with.
const DefaultKind = "communique"

// Options say what to write.
type Options struct {
	// Kind is one of doc.Kinds; empty means DefaultKind.
	Kind string
	// Date is the statement's date; zero means today.
	Date time.Time
}

// UsageError is a request that cannot be met as asked: an unknown kind, a
// folder that is not empty. The command line has to change.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// New writes a project into dir, which must not exist or be empty, and
// returns the files written, relative to dir, in order. Nothing is left
// behind when it fails.
func New(dir string, opts Options) ([]string, error) {
	kind := opts.Kind
	if kind == "" {
		kind = DefaultKind
	}
	titles, err := kindTitles()
	if err != nil {
		return nil, err
	}
	t, ok := titles[kind]
	if !ok {
		msg := fmt.Sprintf("unknown kind %q", kind)
		if s := diag.Suggest(kind, doc.Kinds); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return nil, &UsageError{msg + "; the kinds are " + strings.Join(doc.Kinds, ", ")}
	}
	existed := true
	switch fi, err := os.Stat(dir); {
	case errors.Is(err, fs.ErrNotExist):
		existed = false
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, &UsageError{fmt.Sprintf("%s exists and is not a folder", dir)}
	default:
		if entries, err := os.ReadDir(dir); err != nil || len(entries) > 0 {
			return nil, &UsageError{fmt.Sprintf("%s exists and is not empty; polypress new writes a project into a new or empty folder", dir)}
		}
	}
	date := opts.Date
	if date.IsZero() {
		date = time.Now()
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	id := Slug(filepath.Base(abs))
	data := map[string]string{
		"Name": filepath.Base(abs), "ID": id, "Kind": kind, "Date": date.Format("2006-01-02"),
		"TitleEN": t.EN, "TitleFR": t.FR,
	}
	stmt := filepath.Join("statements", id)
	files := []struct{ tmpl, path string }{
		{"polypress.toml.tmpl", "polypress.toml"},
		{"gitignore.tmpl", ".gitignore"},
		{"locales-README.md.tmpl", filepath.Join("locales", "README.md")},
		{"statement.md.tmpl", filepath.Join(stmt, "statement.md")},
		{"statement.fr.md.tmpl", filepath.Join(stmt, "statement.fr.md")},
	}
	var written []string
	fail := func(err error) ([]string, error) {
		// Leave the folder as it was: remove what was written.
		if existed {
			for _, sub := range []string{"polypress.toml", ".gitignore", "locales", "statements"} {
				os.RemoveAll(filepath.Join(dir, sub))
			}
		} else {
			os.RemoveAll(dir)
		}
		return nil, err
	}
	for _, f := range files {
		text, err := render(f.tmpl, data)
		if err != nil {
			return fail(err)
		}
		path := filepath.Join(dir, f.path)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fail(err)
		}
		if err := atomicfile.Create(path, text); err != nil {
			return fail(err)
		}
		written = append(written, f.path)
	}
	// The translation is one: record that it matches its canonical
	// statement, so that "polypress locales check --strict" passes on a
	// new project until the text changes.
	done, err := translate.Stamp([]string{filepath.Join(dir, stmt, "statement.fr.md")})
	if err != nil {
		return fail(err)
	}
	for _, d := range done {
		if rel, err := filepath.Rel(dir, d.Record); err == nil {
			written = append(written, rel)
		}
	}
	return written, nil
}

// Slug makes an id from a name: lowercase letters a-z, digits and "-",
// as front matter ids are; "statement" when nothing is left.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if len(s) > 60 {
		s = strings.TrimSuffix(s[:60], "-")
	}
	if s == "" {
		return "statement"
	}
	return s
}

// Kinds lists the kinds a project can start with.
func Kinds() []string {
	titles, _ := kindTitles()
	out := make([]string, 0, len(titles))
	for k := range titles {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

type title struct {
	EN string `toml:"title_en"`
	FR string `toml:"title_fr"`
}

func kindTitles() (map[string]title, error) {
	data, err := templates.ReadFile("template/kinds.toml")
	if err != nil {
		return nil, err
	}
	var out map[string]title
	if _, err := toml.Decode(string(data), &out); err != nil {
		return nil, fmt.Errorf("scaffold kinds.toml: %w", err)
	}
	return out, nil
}

// render executes one template.
func render(name string, data map[string]string) ([]byte, error) {
	src, err := templates.ReadFile("template/" + name)
	if err != nil {
		return nil, err
	}
	t, err := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{
		// yaml writes a YAML double-quoted scalar (JSON's string syntax
		// is one), so that a title with ": " stays a title.
		"yaml": func(s string) (string, error) {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			err := enc.Encode(s)
			return strings.TrimSpace(b.String()), err
		},
	}).Parse(string(src))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
