package markup

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/polypress/polypress/pipeline/doc"
	"github.com/polypress/polypress/pipeline/internal/confine"
)

// Clean makes s safe to write as XML 1.0 (and HTML) text: invalid UTF-8
// and the characters XML forbids (most C0 controls, U+FFFE, U+FFFF) would
// make the document malformed, so they are dropped. html/template escapes
// the rest.
func Clean(s string) string {
	ok := true
	for _, r := range s {
		if !xmlChar(r) {
			ok = false
			break
		}
	}
	if ok && utf8.ValidString(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		if xmlChar(r) {
			return r
		}
		return -1
	}, s)
}

func xmlChar(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return true
	case r < 0x20, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return true
}

// CleanEdition returns a copy of ed whose own strings, and its authors'
// names and roles, are clean. Body text is cleaned as views are built.
func CleanEdition(ed *doc.Edition) *doc.Edition {
	e := *ed
	for _, p := range []*string{
		&e.ID, &e.Locale, &e.Lang, &e.Title, &e.Subtitle, &e.KindLabel, &e.Issuer, &e.Place,
		&e.Reference, &e.DateLine, &e.Original, &e.Embargo, &e.LogoAlt,
		&e.Labels.AboutAuthors, &e.Labels.Contents, &e.Labels.Draft, &e.Labels.Authors,
		&e.Labels.Footnotes, &e.Labels.BackToText,
	} {
		*p = Clean(*p)
	}
	e.Authors = make([]*doc.Author, len(ed.Authors))
	for i, a := range ed.Authors {
		c := *a
		c.Name, c.Role = Clean(c.Name), Clean(c.Role)
		e.Authors[i] = &c
	}
	return &e
}

// CleanPack returns a copy of pe whose own strings, contributors' names and
// roles, and statements are clean. The logo is a file path, not text.
func CleanPack(pe *doc.PackEdition) *doc.PackEdition {
	p := *pe
	for _, s := range []*string{
		&p.ID, &p.Locale, &p.Lang, &p.Title, &p.Subtitle, &p.Issuer, &p.DateLine, &p.KindLabel,
		&p.Labels.AboutAuthors, &p.Labels.Contents, &p.Labels.Draft, &p.Labels.Authors,
	} {
		*s = Clean(*s)
	}
	p.Statements = make([]*doc.Edition, len(pe.Statements))
	for i, ed := range pe.Statements {
		if ed != nil {
			p.Statements[i] = CleanEdition(ed)
		}
	}
	p.Contributors = make([]*doc.Author, 0, len(pe.Contributors))
	for _, a := range pe.Contributors {
		if a == nil {
			continue
		}
		c := *a
		c.Name, c.Role = Clean(c.Name), Clean(c.Role)
		p.Contributors = append(p.Contributors, &c)
	}
	return &p
}

// PackIsDraft reports whether the pack or any of its statements is a
// draft: a pack holding a draft is not final either.
func PackIsDraft(pe *doc.PackEdition) bool {
	if pe.Draft {
		return true
	}
	for _, ed := range pe.Statements {
		if ed != nil && ed.Draft {
			return true
		}
	}
	return false
}

// CheckPublication checks what every edition needs: an ID, a title, a
// BCP 47 language and a known direction. what names it in messages
// ("edition", "pack").
func CheckPublication(what, id, title, lang string, dir doc.Direction) error {
	switch {
	case id == "":
		return fmt.Errorf("%s has no ID", what)
	case title == "":
		return fmt.Errorf("%s has no title", what)
	case lang == "":
		return fmt.Errorf("%s has no language", what)
	case !LangTag.MatchString(lang):
		return fmt.Errorf("%s language %q is not a BCP 47 tag", what, lang)
	case dir != "" && dir != doc.LTR && dir != doc.RTL:
		return fmt.Errorf("%s direction %q is neither %q nor %q", what, dir, doc.LTR, doc.RTL)
	}
	return nil
}

// CheckPack reports the first field of pe that would make an invalid
// edition of the pack: its own fields, its labels, and each statement's.
func CheckPack(pe *doc.PackEdition) error {
	if err := CheckPublication("pack", pe.ID, pe.Title, pe.Lang, pe.Dir); err != nil {
		return err
	}
	switch {
	case len(pe.Statements) == 0:
		return errors.New("pack has no statements")
	case pe.Labels.Contents == "":
		return errors.New("pack has no Contents label, which titles the table of contents")
	case len(pe.Contributors) > 0 && pe.Labels.Authors == "":
		return errors.New("pack has contributors but no Authors label, which heads the contributors section")
	case PackIsDraft(pe) && pe.Labels.Draft == "":
		return errors.New("pack is a draft but has no Draft label to mark it with")
	}
	for i, ed := range pe.Statements {
		if ed == nil {
			return fmt.Errorf("statement %d is missing", i+1)
		}
		if err := CheckPublication("edition", ed.ID, ed.Title, ed.Lang, ed.Dir); err != nil {
			name := ed.ID
			if ed.Locale != "" {
				name += "." + ed.Locale
			}
			return fmt.Errorf("statement %d (%s): %w", i+1, name, err)
		}
	}
	return nil
}

// LangTag is the shape of a BCP 47 tag; localization has checked the tag
// itself, this only keeps an attribute value sane.
var LangTag = regexp.MustCompile(`^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$`)

// Logo is a pack's cover logo, read and checked.
type Logo struct {
	Ext       string // ".png", ".jpg", ".jpeg" or ".svg", lower case
	MediaType string
	Data      []byte
}

// imageMediaTypes are the logo formats a cover may use: those EPUB 3
// lists as core media types, which every browser shows too.
var imageMediaTypes = map[string]string{
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".svg":  "image/svg+xml",
}

// maxLogoBytes is the largest logo read from a file, as for a logo named
// in a pack manifest (source.MaxLogoBytes).
const maxLogoBytes = 8 << 20

// ReadLogo reads the cover logo and checks it as LogoOf does. Only a
// regular file of at most 8 MiB is read.
func ReadLogo(name string) (*Logo, error) {
	return LogoOf(name, nil)
}

// LogoOf checks that the cover logo's content — data, which the pack
// manifest's reader has already read, or the file name when data is nil —
// is what its extension says, which a validator would otherwise report
// against the edition rather than the file.
func LogoOf(name string, data []byte) (*Logo, error) {
	ext := strings.ToLower(filepath.Ext(name))
	mediaType := imageMediaTypes[ext]
	if mediaType == "" {
		return nil, fmt.Errorf("cover logo %s: extension is not .png, .jpg, .jpeg or .svg", name)
	}
	if data == nil {
		var err error
		if data, err = confine.ReadFile(name, maxLogoBytes); err != nil {
			return nil, fmt.Errorf("cover logo: %w", err)
		}
	}
	var ok bool
	switch mediaType {
	case "image/png":
		ok = bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n"))
	case "image/jpeg":
		ok = bytes.HasPrefix(data, []byte("\xff\xd8\xff"))
	case "image/svg+xml":
		ok = bytes.Contains(data, []byte("<svg"))
	}
	if !ok {
		return nil, fmt.Errorf("cover logo %s: content is not %s, as its extension says", name, mediaType)
	}
	return &Logo{Ext: ext, MediaType: mediaType, Data: data}, nil
}
