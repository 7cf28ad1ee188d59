package source

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/confine"
)

// packKeys are the keys of a pack manifest, in the order docs/format.md
// lists them.
var packKeys = []string{"id", "title", "subtitle", "date", "issuer", "lang", "logo", "logo-alt", "statements", "locales", "layout"}

// IsPack reports whether path names a pack manifest: a .yaml or .yml file,
// or a folder holding pack.yaml.
func IsPack(path string) bool {
	if ext := filepath.Ext(path); ext == ".yaml" || ext == ".yml" {
		return true
	}
	fi, err := os.Stat(filepath.Join(path, "pack.yaml"))
	return err == nil && !fi.IsDir()
}

// PackFile returns the manifest file of a pack path (the file itself, or a
// folder's pack.yaml).
func PackFile(path string) string {
	if ext := filepath.Ext(path); ext == ".yaml" || ext == ".yml" {
		return path
	}
	return filepath.Join(path, "pack.yaml")
}

// ParsePack reads a pack manifest. Paths in it are resolved against the
// manifest's folder and may not leave it: not with "..", not as absolute
// paths, and not through a symbolic link, so that a pack folder is
// self-contained and can be moved, archived and reviewed as one.
func ParsePack(path string) (*doc.Pack, error) {
	path = PackFile(path)
	src, err := confine.ReadFile(path, MaxPackBytes)
	if err != nil {
		return nil, fileError(path, "cannot read pack manifest", err)
	}
	sum := sha256.Sum256(src)
	pk := &doc.Pack{Path: path, Digest: hex.EncodeToString(sum[:]), Lang: "en", Pos: map[string]diag.Pos{}}
	text, nerr := normalize(path, src)
	if nerr != nil {
		return nil, diag.List{nerr}
	}
	if errs := controlChars(path, text); len(errs) > 0 {
		return nil, errs
	}
	p := &parser{path: path, src: text}
	p.file = newFileMapper(path, text)
	// The whole file is YAML: a front matter block with no delimiters.
	fm := frontMatter{yaml: text, yamlLine: 1, closeLine: len(p.file.lineStart)}
	p.parsePack(fm, pk)
	p.errs.Sort()
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return pk, nil
}

func (p *parser) parsePack(fm frontMatter, pk *doc.Pack) {
	var root yaml.Node
	if err := unmarshalYAML(fm.yaml, &root); err != nil {
		p.yamlError(fm, err)
		return
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		p.errs.Errorf(diag.Pos{File: p.path, Line: 1, Col: 1}, `a pack manifest is "key: value" lines: id, title, date and statements at least`)
		return
	}
	mapping := root.Content[0]
	seen := map[string]bool{}
	var title, subtitle, issuer, logoAlt *yaml.Node
	for i := 0; i+1 < len(mapping.Content); i += 2 {
		k, v := mapping.Content[i], mapping.Content[i+1]
		key, ok := p.mapKey(fm, k, seen, "pack key", packKeys)
		if !ok {
			continue
		}
		pos := p.yamlPos(fm, k)
		pk.Pos[key] = pos
		vpos := p.yamlPos(fm, v)
		switch key {
		case "id":
			if s, ok := p.packScalar(fm, v, key); ok {
				if !idRE.MatchString(s) {
					p.errs.Errorf(vpos, `pack id %q: use lowercase letters, digits and "-" (it names the output files)`, s)
				} else {
					p.checkID(vpos, "pack id", s)
				}
				pk.ID = s
			}
		case "title":
			title = v
		case "subtitle":
			subtitle = v
		case "issuer":
			issuer = v
		case "logo-alt":
			logoAlt = v
		case "date":
			if s, ok := p.packScalar(fm, v, key); ok {
				t, err := time.Parse("2006-01-02", s)
				if err != nil || !dateRE.MatchString(s) {
					p.errs.Errorf(vpos, "pack date %q: write it as YYYY-MM-DD", s)
				}
				pk.Date = t
			}
		case "lang":
			if s, ok := p.packScalar(fm, v, key); ok {
				if _, err := language.Parse(s); err != nil {
					p.errs.Errorf(vpos, "pack lang %q is not a BCP 47 language tag", s)
				}
				pk.Lang = s
			}
		case "logo":
			if s, ok := p.packScalar(fm, v, key); ok {
				switch strings.ToLower(filepath.Ext(s)) {
				case ".png", ".jpg", ".jpeg", ".svg":
				default:
					p.errs.Errorf(vpos, "logo %q: use a PNG, JPEG or SVG file", s)
				}
				pk.Logo = p.packPath(vpos, s, false)
				if pk.Logo != "" {
					data, err := confine.ReadFile(pk.Logo, MaxLogoBytes)
					if err != nil {
						p.errs.Errorf(vpos, "logo %q: %s", s, confine.Cause(err))
						pk.Logo = ""
					}
					pk.LogoData = data
				}
			}
		case "statements":
			if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
				p.errs.Errorf(vpos, "statements: list the statement folders or files, one per line starting with \"- \"")
				continue
			}
			// bound maps each statement file, symbolic links resolved, to
			// the entry that bound it: "s1" and "s1/statement.md" are one
			// statement.
			bound := map[string]string{}
			for n, item := range v.Content {
				ipos := p.yamlPos(fm, item)
				if item.Kind != yaml.ScalarNode || item.Value == "" {
					p.errs.Errorf(ipos, "statements: each entry is a path")
					continue
				}
				resolved := p.packPath(ipos, item.Value, true)
				if resolved == "" {
					continue
				}
				file := p.statementFile(ipos, item.Value, resolved)
				if file == "" {
					continue
				}
				if prev, dup := bound[file]; dup {
					if prev == item.Value {
						p.errs.Errorf(ipos, "statement %q is listed twice", item.Value)
					} else {
						p.errs.Errorf(ipos, "statement %q is the same statement as %q, listed above: list it once", item.Value, prev)
					}
					continue
				}
				bound[file] = item.Value
				pk.Pos[statementKey(n)] = ipos
				pk.Statements = append(pk.Statements, resolved)
			}
		case "locales":
			if v.Kind != yaml.SequenceNode {
				p.errs.Errorf(vpos, "locales: a list such as [en, fr, ar]")
				continue
			}
			for _, item := range v.Content {
				if _, err := language.Parse(item.Value); err != nil || item.Kind != yaml.ScalarNode {
					p.errs.Errorf(p.yamlPos(fm, item), "locale %q is not a BCP 47 language tag", item.Value)
					continue
				}
				pk.Locales = append(pk.Locales, item.Value)
			}
		case "layout":
			if s, ok := p.packScalar(fm, v, key); ok {
				if strings.HasSuffix(s, ".toml") {
					s = p.packPath(vpos, s, false)
				}
				pk.Layout = s
			}
		}
	}
	// Titles may be given per language; plain values are in the pack's
	// language, which is only known once every key is read.
	pk.Title = p.localized(fm, title, "title", pk.Lang)
	pk.Subtitle = p.localized(fm, subtitle, "subtitle", pk.Lang)
	pk.Issuer = p.localized(fm, issuer, "issuer", pk.Lang)
	pk.LogoAlt = p.localized(fm, logoAlt, "logo-alt", pk.Lang)
	for _, req := range []string{"id", "title", "date", "statements"} {
		if !seen[req] {
			p.errs.Errorf(diag.Pos{File: p.path, Line: 1, Col: 1}, "missing required pack key %q", req)
		}
	}
}

func statementKey(n int) string { return "statements." + itoa(n) }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func (p *parser) packScalar(fm frontMatter, v *yaml.Node, key string) (string, bool) {
	if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
		p.errs.Errorf(p.yamlPos(fm, v), "pack key %q needs a value", key)
		return "", false
	}
	return strings.TrimSpace(v.Value), true
}

// localized reads a text given either plainly (in lang) or as a mapping
// from language tags to texts.
func (p *parser) localized(fm frontMatter, v *yaml.Node, key, lang string) doc.Localized {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case yaml.ScalarNode:
		if s, ok := p.packScalar(fm, v, key); ok {
			return doc.Localized{lang: s}
		}
	case yaml.MappingNode:
		out := doc.Localized{}
		for i := 0; i+1 < len(v.Content); i += 2 {
			k, val := v.Content[i], v.Content[i+1]
			if _, err := language.Parse(k.Value); err != nil {
				p.errs.Errorf(p.yamlPos(fm, k), "%s: %q is not a BCP 47 language tag", key, k.Value)
				continue
			}
			if s, ok := p.packScalar(fm, val, key+"."+k.Value); ok {
				out[k.Value] = s
			}
		}
		return out
	default:
		p.errs.Errorf(p.yamlPos(fm, v), "%s: give a text, or one text per language (en: …, fr: …)", key)
	}
	return nil
}

// packPath resolves rel against the manifest's folder and checks that it
// stays inside it, following symbolic links: the folder is made absolute
// and resolved before the two are compared. It returns "" after reporting
// a problem at pos. Statement entries may name a folder; other entries
// must name a regular file.
func (p *parser) packPath(pos diag.Pos, rel string, statement bool) string {
	if filepath.IsAbs(rel) || strings.HasPrefix(rel, "/") || strings.HasPrefix(rel, `\`) {
		p.errs.Errorf(pos, "%q is an absolute path: paths in a pack are relative to %s", rel, filepath.Base(p.path))
		return ""
	}
	clean := filepath.Clean(filepath.FromSlash(rel))
	if !filepath.IsLocal(clean) {
		p.errs.Errorf(pos, "%q leaves the pack's folder: put what the pack uses inside its folder", rel)
		return ""
	}
	dir := filepath.Dir(p.path)
	full := filepath.Join(dir, clean)
	real, err := confine.Within(dir, full)
	var outside *confine.OutsideError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p.errs.Errorf(pos, "%q does not exist (looked for %s)", rel, full)
		return ""
	case errors.As(err, &outside):
		p.errs.Errorf(pos, "%q is a symbolic link that leaves the pack's folder (it leads to %s): put what the pack uses inside its folder", rel, outside.Real)
		return ""
	case err != nil:
		p.errs.Errorf(pos, "%q: %s", rel, confine.Cause(err))
		return ""
	}
	fi, err := os.Stat(real)
	if err != nil {
		p.errs.Errorf(pos, "%q: %s", rel, confine.Cause(err))
		return ""
	}
	if !fi.Mode().IsRegular() && !(statement && fi.IsDir()) {
		p.errs.Errorf(pos, "%q: %s", rel, confine.Cause(&confine.NotRegularError{Path: full, Mode: fi.Mode()}))
		return ""
	}
	return full
}

// statementFile returns the real path of the statement file a pack entry
// binds (the entry itself, or its folder's statement.md, which must stay
// inside that folder), or "" after reporting a problem at pos.
func (p *parser) statementFile(pos diag.Pos, rel, full string) string {
	file, _, err := StatementFile(full)
	if err == nil {
		var real string
		if real, err = confine.Real(file); err == nil {
			return real
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		p.errs.Errorf(pos, "%q holds no statement.md", rel)
	} else {
		p.errs.Errorf(pos, "%q: %s", rel, confine.Cause(err))
	}
	return ""
}
