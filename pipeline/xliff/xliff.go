// Package xliff reads and writes XLIFF 1.2, the interchange format every
// translation tool and platform reads (Weblate through translate-toolkit,
// Crowdin, Trados, memoQ, OmegaT). It knows the format, not polypress:
// documents of files of translation units with inline markup, read with
// the file:line:col of every element so that a problem in a file a
// translator sends back can be pointed at. pipeline/translate maps
// statements and locale files to and from it.
//
// Only what XLIFF 1.2 defines is kept: a document's <file> elements with
// their header notes, <trans-unit> elements (in <group> elements or not)
// with <source>, <target> and <note>, and inline <g>, <x>, <bx>, <ex>,
// <ph>, <bpt>, <ept>, <it> and <mrk>. What tools add beside them
// (<alt-trans>, <seg-source>, <context-group>, elements of other
// namespaces) is read past.
package xliff

import (
	"github.com/polypress/polypress/pipeline/diag"
)

// Namespace is the XML namespace of XLIFF 1.2.
const Namespace = "urn:oasis:names:tc:xliff:document:1.2"

// ExtNamespace is the namespace of the attributes polypress adds where
// XLIFF 1.2 allows attributes of other namespaces: the web address of a
// link, on a <g ctype="link"> (pp:href).
const ExtNamespace = "urn:polypress:xliff"

// Document is an XLIFF document.
type Document struct {
	Files []*File
}

// File is one <file>: the units of one file to translate.
type File struct {
	// Original names the file the units come from and go back to.
	Original   string
	SourceLang string
	TargetLang string
	Datatype   string
	// Notes are the header's notes.
	Notes []Note
	// Units are the file's trans-units in document order, those inside
	// groups included.
	Units []*Unit
	// Pos is where the <file> element starts.
	Pos diag.Pos
}

// Group is a <group> of units: the plural forms of one message.
type Group struct {
	ID      string
	Restype string
	Pos     diag.Pos
}

// Unit is one <trans-unit>.
type Unit struct {
	ID string
	// Group is the unit's group, nil when it has none.
	Group *Group
	// Approved is the approved attribute: "yes", "no" or "".
	Approved string
	// Source is the text to translate; Target the translation, nil when
	// the unit has no <target>.
	Source Content
	Target *Content
	// State is the target's state attribute ("translated",
	// "needs-review-translation", "new"…), "" when none.
	State string
	Notes []Note
	// Pos, SourcePos and TargetPos are where the elements start.
	Pos, SourcePos, TargetPos diag.Pos
}

// Note is a <note>.
type Note struct {
	From string
	Text string
}

// Kind is the kind of a piece of inline content.
type Kind int

// Kinds of inline content.
const (
	Text Kind = iota // text
	G                // <g>: a paired code around content
	X                // <x/>: a standalone code
	Bx               // <bx/>: the start of a paired code
	Ex               // <ex/>: the end of a paired code
	Ph               // <ph>: a standalone code with its native data
	Bpt              // <bpt>: the start of a paired code, native data
	Ept              // <ept>: the end of a paired code, native data
	It               // <it>: an isolated code, native data
)

var kindNames = [...]string{"text", "g", "x", "bx", "ex", "ph", "bpt", "ept", "it"}

func (k Kind) String() string { return kindNames[k] }

// Content is inline content: text and inline elements in order.
type Content []Inline

// Inline is one piece of Content.
type Inline struct {
	Kind Kind
	// Text is the text of a Text piece, and the native data of a Ph,
	// Bpt, Ept or It.
	Text string
	// ID and Ctype are the element's attributes; Href its pp:href.
	ID, Ctype, Href string
	// Children are a G's content.
	Children Content
	// Pos is where the piece starts.
	Pos diag.Pos
}

// PlainText returns the text of content with the native data of
// placeholders, as a tool that ignores markup reads it.
func (c Content) PlainText() string {
	var b []byte
	var walk func(Content)
	walk = func(c Content) {
		for _, in := range c {
			switch in.Kind {
			case Text, Ph, It:
				b = append(b, in.Text...)
			case G:
				walk(in.Children)
			}
		}
	}
	walk(c)
	return string(b)
}

// Empty reports whether content has no text and no elements but white
// space.
func (c Content) Empty() bool {
	for _, in := range c {
		if in.Kind != Text {
			return false
		}
		for _, r := range in.Text {
			if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
				return false
			}
		}
	}
	return true
}
