package xliff

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Tool names the program that writes a document, in its header.
type Tool struct {
	ID, Name, Version string
}

// Marshal writes d as XLIFF 1.2: the same bytes for the same document,
// indented for people and version control, with xml:space="preserve" on
// every unit so that no tool reflows the text. A unit's state and approved
// attributes are written as given; a unit with a nil Target has no
// <target>.
func Marshal(d *Document, tool Tool) ([]byte, error) {
	w := &writer{}
	w.s(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.s(`<xliff version="1.2" xmlns="` + Namespace + `" xmlns:pp="` + ExtNamespace + `">` + "\n")
	for _, f := range d.Files {
		w.s(`  <file`)
		w.attr("original", f.Original)
		w.attr("source-language", f.SourceLang)
		w.attr("target-language", f.TargetLang)
		w.attr("datatype", f.Datatype)
		if tool.ID != "" {
			w.attr("tool-id", tool.ID)
		}
		w.s(">\n    <header>\n")
		if tool.ID != "" {
			w.s(`      <tool`)
			w.attr("tool-id", tool.ID)
			w.attr("tool-name", tool.Name)
			if tool.Version != "" {
				w.attr("tool-version", tool.Version)
			}
			w.s("/>\n")
		}
		for _, n := range f.Notes {
			w.note("      ", n)
		}
		w.s("    </header>\n    <body>\n")
		var group *Group
		for _, u := range f.Units {
			if u.Group != group {
				if group != nil {
					w.s("      </group>\n")
				}
				group = u.Group
				if group != nil {
					w.s(`      <group`)
					w.attr("id", group.ID)
					if group.Restype != "" {
						w.attr("restype", group.Restype)
					}
					w.s(">\n")
				}
			}
			indent := "      "
			if group != nil {
				indent += "  "
			}
			w.unit(indent, u, f)
		}
		if group != nil {
			w.s("      </group>\n")
		}
		w.s("    </body>\n  </file>\n")
	}
	w.s("</xliff>\n")
	if w.err != nil {
		return nil, w.err
	}
	return w.b.Bytes(), nil
}

type writer struct {
	b   bytes.Buffer
	err error
	// unit names the unit being written, for errors.
	unit_ string
}

func (w *writer) s(s string) { w.b.WriteString(s) }

func (w *writer) attr(name, value string) {
	w.s(" " + name + `="`)
	w.escape(value, true)
	w.s(`"`)
}

func (w *writer) unit(indent string, u *Unit, f *File) {
	w.unit_ = u.ID
	w.s(indent + `<trans-unit`)
	w.attr("id", u.ID)
	w.attr("xml:space", "preserve")
	if u.Approved != "" {
		w.attr("approved", u.Approved)
	}
	w.s(">\n" + indent + `  <source`)
	if f.SourceLang != "" {
		w.attr("xml:lang", f.SourceLang)
	}
	w.s(">")
	w.content(u.Source)
	w.s("</source>\n")
	if u.Target != nil {
		w.s(indent + `  <target`)
		if f.TargetLang != "" {
			w.attr("xml:lang", f.TargetLang)
		}
		if u.State != "" {
			w.attr("state", u.State)
		}
		if len(*u.Target) == 0 {
			w.s("/>\n")
		} else {
			w.s(">")
			w.content(*u.Target)
			w.s("</target>\n")
		}
	}
	for _, n := range u.Notes {
		w.note(indent+"  ", n)
	}
	w.s(indent + "</trans-unit>\n")
}

func (w *writer) note(indent string, n Note) {
	w.s(indent + "<note")
	if n.From != "" {
		w.attr("from", n.From)
	}
	w.s(">")
	w.escape(n.Text, false)
	w.s("</note>\n")
}

func (w *writer) content(c Content) {
	for _, in := range c {
		switch in.Kind {
		case Text:
			w.escape(in.Text, false)
		case G:
			w.s("<g")
			w.attr("id", in.ID)
			if in.Ctype != "" {
				w.attr("ctype", in.Ctype)
			}
			if in.Href != "" {
				w.attr("pp:href", in.Href)
			}
			w.s(">")
			w.content(in.Children)
			w.s("</g>")
		case X, Bx, Ex:
			w.s("<" + in.Kind.String())
			w.attr("id", in.ID)
			if in.Ctype != "" {
				w.attr("ctype", in.Ctype)
			}
			w.s("/>")
		case Ph, Bpt, Ept, It:
			w.s("<" + in.Kind.String())
			w.attr("id", in.ID)
			if in.Ctype != "" {
				w.attr("ctype", in.Ctype)
			}
			w.s(">")
			w.escape(in.Text, false)
			w.s("</" + in.Kind.String() + ">")
		}
	}
}

// escape writes text with XML's special characters escaped. A character
// XML 1.0 cannot hold at all (most C0 controls) is an error.
func (w *writer) escape(s string, attr bool) {
	if !utf8.ValidString(s) && w.err == nil {
		w.err = fmt.Errorf("unit %s: the text is not valid UTF-8", w.unit_)
	}
	for _, r := range s {
		switch {
		case r == '&':
			w.s("&amp;")
		case r == '<':
			w.s("&lt;")
		case r == '>':
			w.s("&gt;")
		case r == '"' && attr:
			w.s("&quot;")
		case r == '\r':
			w.s("&#13;")
		case (r == '\n' || r == '\t') && attr:
			fmt.Fprintf(&w.b, "&#%d;", r)
		case r == '\t' || r == '\n':
			w.b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			if w.err == nil {
				w.err = fmt.Errorf("unit %s: character U+%04X cannot be written in XLIFF (XML 1.0 has no way to hold it); remove it from the text", w.unit_, r)
			}
		default:
			w.b.WriteRune(r)
		}
	}
}
