package source

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logos
	_ "image/png"
	"net/mail"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/polypress/polypress/pipeline/diag"
	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/confine"
)

// The front matter keys of official documents and press releases:
// numbering, logo, logo-alt, embargo, contact and signatories.

// numbering reads the numbering styles of the clause levels: a list of up
// to doc.MaxDepth styles, from level 1.
func (p *parser) numbering(fm frontMatter, k, v *yaml.Node) []doc.NumberStyle {
	names := make([]string, len(doc.NumberStyles))
	for i, s := range doc.NumberStyles {
		names[i] = string(s)
	}
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		p.errs.Errorf(p.yamlPos(fm, k), `numbering must be a list of styles, one per level from the clauses down, such as [article, "1.", "(a)", "(i)"]; the styles are %s`, listWords(quoteAll(names)))
		return nil
	}
	if len(v.Content) > doc.MaxDepth {
		p.errs.Errorf(p.yamlPos(fm, v.Content[doc.MaxDepth]), "numbering names %d levels; clauses have at most %d", len(v.Content), doc.MaxDepth)
	}
	var out []doc.NumberStyle
	for i, item := range v.Content {
		if i >= doc.MaxDepth {
			break
		}
		pos := p.yamlPos(fm, item)
		if item.Kind != yaml.ScalarNode {
			p.errs.Errorf(pos, "numbering: level %d must be one style, such as \"(a)\"", i+1)
			continue
		}
		s := strings.TrimSpace(item.Value)
		if !slices.Contains(names, s) {
			msg := fmt.Sprintf("numbering: level %d: unknown style %q; the styles are %s", i+1, s, listWords(quoteAll(names)))
			if sug := diag.Suggest(s, names); sug != "" {
				msg += fmt.Sprintf("; did you mean %q?", sug)
			}
			p.errs.Errorf(pos, "%s", msg)
			continue
		}
		if s == string(doc.StyleArticle) && i > 0 {
			p.errs.Errorf(pos, "numbering: only level 1 can be numbered as articles")
			continue
		}
		out = append(out, doc.NumberStyle(s))
	}
	return out
}

func quoteAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = fmt.Sprintf("%q", w)
	}
	return out
}

// maxLogoBytes is the largest logo file accepted, and maxLogoSide the
// largest width or height in pixels: a letterhead needs no more, and an
// image must never cost a build its memory.
const (
	maxLogoBytes = 5 << 20
	maxLogoSide  = 10000
)

// logoPath checks the logo's path as written: a PNG or JPEG file inside
// the statement's folder. The file itself is checked by CheckLogo.
func (p *parser) logoPath(pos diag.Pos, s string) string {
	switch ext := strings.ToLower(path.Ext(s)); ext {
	case ".png", ".jpg", ".jpeg":
	default:
		p.errs.Errorf(pos, "logo %q: use a PNG or JPEG file (ending in .png, .jpg or .jpeg)", s)
		return ""
	}
	clean := path.Clean(filepath.ToSlash(s))
	if path.IsAbs(clean) || filepath.IsAbs(s) || clean == ".." || strings.HasPrefix(clean, "../") {
		p.errs.Errorf(pos, "logo %q must be a file in the statement's folder or below it, written relative to it (such as logo.png)", s)
		return ""
	}
	return s
}

// embargoLayouts are the accepted ways to write an embargo: RFC 3339,
// with or without seconds. Both require a zone (Z or ±hh:mm).
var embargoLayouts = []string{time.RFC3339, "2006-01-02T15:04Z07:00"}

// embargo reads the embargo time. It must carry its zone: "10:00" alone
// would mean a different moment in every newsroom.
func (p *parser) embargo(pos diag.Pos, s string) time.Time {
	for _, l := range embargoLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	p.errs.Errorf(pos, "embargo %q is not a date and time with a zone; write it as YYYY-MM-DDThh:mm followed by Z for GMT/UTC or by the offset, such as 2020-03-02T10:00Z or 2020-03-02T10:00+01:00", s)
	return time.Time{}
}

// entry is one mapping of a list of entries: its position and the values
// of its keys.
type entry struct {
	pos    diag.Pos
	values map[string]string
	keyPos map[string]diag.Pos
	valPos map[string]diag.Pos
}

// entries reads a list of mappings of plain values (contact,
// signatories). what names the list in messages.
func (p *parser) entries(fm frontMatter, k, v *yaml.Node, what string, keys []string) []entry {
	if v.Kind != yaml.SequenceNode {
		pos := p.yamlPos(fm, v)
		if v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == "") {
			pos = p.yamlPos(fm, k)
		}
		p.errs.Errorf(pos, `%s must be a list of entries, each starting with "- name:"`, what)
		return nil
	}
	if len(v.Content) == 0 {
		p.errs.Errorf(p.yamlPos(fm, k), "%s is an empty list; fill it in or delete the line", what)
		return nil
	}
	var out []entry
	for _, item := range v.Content {
		pos := p.yamlPos(fm, item)
		if item.Kind != yaml.MappingNode {
			p.errs.Errorf(pos, "each entry of %s must have the keys %s", what, listWords(keys))
			continue
		}
		e := entry{pos: pos, values: map[string]string{}, keyPos: map[string]diag.Pos{}, valPos: map[string]diag.Pos{}}
		seen := map[string]bool{}
		for i := 0; i+1 < len(item.Content); i += 2 {
			ek, ev := item.Content[i], item.Content[i+1]
			key, ok := p.mapKey(fm, ek, seen, what+" key", keys)
			if !ok {
				continue
			}
			s, ok := p.scalar(fm, key, ek, ev)
			if !ok {
				continue
			}
			e.values[key] = oneLine(s)
			e.keyPos[key] = p.yamlPos(fm, ek)
			e.valPos[key] = p.yamlPos(fm, ev)
		}
		if !seen["name"] {
			p.errs.Errorf(pos, `an entry of %s has no "name"`, what)
		}
		out = append(out, e)
	}
	return out
}

// contacts reads the press contacts.
func (p *parser) contacts(fm frontMatter, k, v *yaml.Node) []*doc.Contact {
	var out []*doc.Contact
	for _, e := range p.entries(fm, k, v, "contact", contactKeys) {
		c := &doc.Contact{Pos: e.pos, Name: e.values["name"], Role: e.values["role"], Phone: e.values["phone"], Email: e.values["email"]}
		if c.Email != "" {
			if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email || !strings.Contains(c.Email, ".") {
				p.errs.Errorf(e.valPos["email"], "contact email %q is not an email address; write the address alone, such as press@example.org", c.Email)
			}
		}
		if c.Phone != "" && !phoneRE.MatchString(c.Phone) {
			p.errs.Errorf(e.valPos["phone"], "contact phone %q is not a telephone number; write digits, spaces and + ( ) - . / only, such as +41 22 917 12 34", c.Phone)
		}
		out = append(out, c)
	}
	return out
}

// signatories reads those who sign the statement.
func (p *parser) signatories(fm frontMatter, k, v *yaml.Node) []*doc.Signatory {
	var out []*doc.Signatory
	for _, e := range p.entries(fm, k, v, "signatories", signatoryKeys) {
		out = append(out, &doc.Signatory{Pos: e.pos, Name: e.values["name"], Title: e.values["title"], For: e.values["on-behalf-of"]})
	}
	return out
}

// CheckLogo checks the logo file a statement names: it exists beside the
// statement (or below its folder, never through a link out of it), is a
// PNG or JPEG file that decodes, at most 5 MB and 10,000 pixels a side.
// Images are checked here, before any library that would panic on a
// truncated one sees them.
func CheckLogo(d *doc.Document) diag.List {
	if d.Meta.Logo == "" {
		return nil
	}
	pos := d.Meta.LogoPos
	dir := filepath.Dir(d.Path)
	file := filepath.Join(dir, filepath.FromSlash(d.Meta.Logo))
	var errs diag.List
	if err := checkImage(dir, file, maxLogoBytes, maxLogoSide); err != nil {
		errs.Errorf(pos, "logo %s: %v", d.Meta.Logo, err)
	}
	return errs
}

// LogoFile is the path of a document's logo file, or "".
func LogoFile(d *doc.Document) string {
	if d.Meta.Logo == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(d.Path), filepath.FromSlash(d.Meta.Logo))
}

// maxLogoPixels bounds the pixels of an image decoded to check it.
const maxLogoPixels = 25_000_000

// checkImage checks that file, which must be inside dir once symbolic
// links are resolved, is a PNG or JPEG image a renderer can embed. It is
// read with confine's checks: a FIFO or a device is refused unread.
func checkImage(dir, file string, maxBytes int64, maxSide int) error {
	if _, err := os.Lstat(file); err != nil {
		return fmt.Errorf("no such file beside the statement (%s)", confine.Cause(err))
	}
	real, err := confine.Within(dir, file)
	if err != nil {
		return fmt.Errorf("%s; copy the image into the statement's folder", confine.Cause(err))
	}
	data, err := confine.ReadFile(real, maxBytes)
	if err != nil {
		var tl *confine.TooLargeError
		if errors.As(err, &tl) {
			return fmt.Errorf("%s; save the logo smaller", confine.Cause(err))
		}
		return errors.New(confine.Cause(err))
	}
	kind := ""
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		kind = "png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		kind = "jpeg"
	default:
		return fmt.Errorf("not a PNG or JPEG image; save the logo as PNG or JPEG")
	}
	ext := strings.ToLower(filepath.Ext(file))
	if (kind == "png") != (ext == ".png") {
		return fmt.Errorf("the file is a %s image but its name ends in %s; rename it", strings.ToUpper(kind), ext)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("the %s image cannot be read (%v); save it again", strings.ToUpper(kind), err)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxSide || cfg.Height > maxSide || cfg.Width*cfg.Height > maxLogoPixels {
		return fmt.Errorf("the image is %d × %d pixels; a logo may have at most %d pixels a side and %d million in all", cfg.Width, cfg.Height, maxSide, maxLogoPixels/1_000_000)
	}
	if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
		return fmt.Errorf("the %s image is damaged (%v); save it again", strings.ToUpper(kind), err)
	}
	return nil
}
