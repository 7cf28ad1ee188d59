package imagecheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Namespaces an SVG logo's elements and attributes may be in.
const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
	xhtmlNS = "http://www.w3.org/1999/xhtml"
	eventNS = "http://www.w3.org/2001/xml-events"
)

// Bounds on an SVG's structure, so that checking it, and a reader showing
// it, takes bounded time.
const (
	MaxSVGDepth    = 64
	MaxSVGElements = 100_000
)

// svgElements is the subset of SVG a logo may use: shapes, text, grouping,
// reuse within the file, paint servers, clipping, masking and filters. Left
// out on purpose: script; foreignObject (HTML inside SVG); a (links);
// image and feImage (other files, or images inside the image); animation
// (animate, set, animateMotion, animateTransform), which can rewrite a
// reference once shown; and everything SVG does not define.
var svgElements = map[string]bool{}

func init() {
	for _, name := range strings.Fields(`svg g defs symbol use switch title desc metadata style
		path rect circle ellipse line polyline polygon text tspan textPath
		linearGradient radialGradient stop pattern clipPath mask marker
		filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
		feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood
		feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge feMergeNode
		feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
		feTurbulence`) {
		svgElements[name] = true
	}
}

// refused explains the elements most often met that are not in the subset.
var refused = map[string]string{
	"script":           "a <script> element: scripts would run in the e-readers and browsers that show the edition",
	"foreignObject":    "a <foreignObject> element: it puts HTML inside the image",
	"a":                "an <a> element: a logo may not link anywhere",
	"image":            "an <image> element: a logo may not show other image files; give the picture itself as a PNG or JPEG logo",
	"feImage":          "an <feImage> element: a logo may not show other image files",
	"animate":          "an <animate> element: a logo may not be animated",
	"set":              "a <set> element: a logo may not be animated",
	"animateMotion":    "an <animateMotion> element: a logo may not be animated",
	"animateTransform": "an <animateTransform> element: a logo may not be animated",
	"animateColor":     "an <animateColor> element: a logo may not be animated",
	"iframe":           "an <iframe> element",
	"video":            "a <video> element",
	"audio":            "an <audio> element",
	"canvas":           "a <canvas> element",
	"handler":          "a <handler> element: it holds a script",
	"listener":         "a <listener> element: it runs a script",
}

// urlRE finds url(…) references in a style or presentation attribute.
var urlRE = regexp.MustCompile(`(?i)url\(\s*(['"]?)([^'")]*)`)

// CheckSVG checks that data is an SVG document within the subset a logo
// may use: well-formed XML whose root is an <svg> element in the SVG
// namespace; only the elements of svgElements in that namespace (elements
// of other vocabularies, such as an editor's own, are kept only inside
// <metadata> or in namespaces no reader acts on, and never in XHTML's);
// no attribute starting with "on" (event handlers) or in the XML Events
// namespace; every href, xlink:href and url(…) a reference to an element
// of the same file ("#id"); no xml:base, no @import or javascript: in
// style; no DOCTYPE (no entities, no external DTD), no processing
// instruction but the XML declaration; at most MaxSVGDepth deep and
// MaxSVGElements elements.
func CheckSVG(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	// No entity is defined: &name; for anything but XML's five is an
	// error, so no entity can expand.
	d.Entity = nil
	var charset string
	d.CharsetReader = func(cs string, input io.Reader) (io.Reader, error) {
		charset = cs
		return nil, errors.New("not UTF-8")
	}
	var (
		depth, elements int
		inMetadata      int // depth of the <metadata> element, 0 outside
		inStyle         bool
		root            = true
	)
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			if root {
				return &Error{Msg: "the file holds no <svg> element"}
			}
			return nil
		}
		if err != nil && charset != "" {
			return &Error{Line: 1, Msg: fmt.Sprintf("the file is in %s; save it as UTF-8", charset)}
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return &Error{Line: se.Line, Msg: "the file is not well-formed XML: " + se.Msg}
			}
			return &Error{Line: line, Col: col, Msg: "the file is not well-formed XML: " + err.Error()}
		}
		at := func(format string, args ...any) error {
			return &Error{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			elements++
			if depth > MaxSVGDepth {
				return at("elements nest more than %d deep", MaxSVGDepth)
			}
			if elements > MaxSVGElements {
				return at("the image has more than %d elements", MaxSVGElements)
			}
			if root {
				switch {
				case t.Name.Local != "svg":
					return at("the root element is <%s>, not <svg>", t.Name.Local)
				case t.Name.Space != svgNS:
					return at("the <svg> element is not in the SVG namespace: add xmlns=%q", svgNS)
				}
				if msg := checkSize(t); msg != "" {
					return at("%s", msg)
				}
				root = false
			}
			if err := checkElement(t, inMetadata > 0); err != "" {
				return at("%s; a logo keeps to a safe subset of SVG (docs/format.md)", err)
			}
			if err := checkAttrs(t, inMetadata > 0); err != "" {
				return at("%s", err)
			}
			if t.Name.Space == svgNS && t.Name.Local == "metadata" && inMetadata == 0 {
				inMetadata = depth
			}
			inStyle = t.Name.Space == svgNS && t.Name.Local == "style"
		case xml.EndElement:
			if inMetadata == depth {
				inMetadata = 0
			}
			depth--
			inStyle = false
		case xml.CharData:
			if inStyle {
				if msg := checkStyle(string(t)); msg != "" {
					return at("the <style> element %s", msg)
				}
			}
		case xml.ProcInst:
			if t.Target != "xml" {
				return at("a processing instruction <?%s …?>: a logo may not name a style sheet or other files; remove it", t.Target)
			}
		case xml.Directive:
			return at("a <!%s> declaration: a logo may have no DOCTYPE (which can define entities or load a DTD from elsewhere); remove it", firstWord(t))
		}
	}
}

// svgUnits are the units an SVG logo's width and height may use, in CSS
// pixels.
var svgUnits = []struct {
	suffix string
	px     float64
}{{"px", 1}, {"pt", 96.0 / 72}, {"pc", 16}, {"mm", 96 / 25.4}, {"cm", 96 / 2.54}, {"in", 96}, {"", 1}}

// checkSize returns why the root's width and height are refused, or "":
// writers draw a logo at a height from its size, so both must be given,
// positive and finite, and at most MaxSide pixels.
func checkSize(t xml.StartElement) string {
	for _, key := range []string{"width", "height"} {
		v := ""
		for _, a := range t.Attr {
			if a.Name.Space == "" && a.Name.Local == key {
				v = strings.TrimSpace(a.Value)
			}
		}
		if v == "" {
			return fmt.Sprintf("the <svg> element has no %s: give the logo's width and height, such as width=\"240\" height=\"64\"", key)
		}
		for _, u := range svgUnits {
			num, ok := strings.CutSuffix(v, u.suffix)
			if !ok {
				continue
			}
			f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f <= 0 || f*u.px > MaxSide {
				return fmt.Sprintf("the <svg> element's %s %q is not a length from 0 to %d pixels (with a unit px, pt, pc, mm, cm or in, or none)", key, clip(v), MaxSide)
			}
			break
		}
	}
	return ""
}

// checkElement returns why an element is refused, or "".
func checkElement(t xml.StartElement, inMetadata bool) string {
	name := t.Name.Local
	switch t.Name.Space {
	case svgNS:
		if svgElements[name] {
			return ""
		}
		if why, ok := refused[name]; ok {
			return why
		}
		return fmt.Sprintf("a <%s> element, which is not one SVG defines for drawing", name)
	case xhtmlNS:
		return fmt.Sprintf("an XHTML <%s> element: HTML inside a logo could run scripts", name)
	case "":
		if why, ok := refused[name]; ok {
			return why
		}
		return fmt.Sprintf("a <%s> element in no namespace", name)
	}
	// Another vocabulary (RDF in <metadata>, an editor's own elements):
	// readers neither show nor run it. A name of SVG's refused elements is
	// suspicious even there.
	if why, ok := refused[name]; ok && !inMetadata {
		return why
	}
	return ""
}

// checkAttrs returns why an element's attributes are refused, or "".
func checkAttrs(t xml.StartElement, inMetadata bool) string {
	for _, a := range t.Attr {
		name := a.Name.Local
		if a.Name.Space != "" && a.Name.Space != "xmlns" {
			name = prefixFor(a.Name.Space) + ":" + name
		}
		lower := strings.ToLower(a.Name.Local)
		switch {
		case a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns":
			continue // namespace declarations
		case a.Name.Space == eventNS:
			return fmt.Sprintf("the attribute %s on <%s>: a logo may not handle events", name, t.Name.Local)
		case strings.HasPrefix(lower, "on") && (a.Name.Space == "" || a.Name.Space == svgNS || a.Name.Space == xhtmlNS):
			return fmt.Sprintf("the event attribute %s on <%s>: it would run a script in the reader; remove it", name, t.Name.Local)
		case a.Name.Space == xmlNS && a.Name.Local == "base":
			return fmt.Sprintf("the attribute xml:base on <%s>: a logo may not refer to other files", t.Name.Local)
		}
		if inMetadata && a.Name.Space != "" && a.Name.Space != xlinkNS {
			// rdf:resource="https://creativecommons.org/…" names a
			// licence; nothing fetches it.
			continue
		}
		if strings.Contains(strings.ToLower(a.Value), "javascript:") {
			return fmt.Sprintf("the attribute %s on <%s> holds a javascript: URL; remove it", name, t.Name.Local)
		}
		if lower == "href" && (a.Name.Space == "" || a.Name.Space == xlinkNS || a.Name.Space == svgNS) {
			if !strings.HasPrefix(strings.TrimSpace(a.Value), "#") {
				return fmt.Sprintf("the attribute %s=%q on <%s> refers to something outside the file; a logo may refer only to its own elements (\"#id\")", name, clip(a.Value), t.Name.Local)
			}
			continue
		}
		if msg := checkStyle(a.Value); msg != "" && (lower == "style" || strings.Contains(strings.ToLower(a.Value), "url(")) {
			return fmt.Sprintf("the attribute %s on <%s> %s", name, t.Name.Local, msg)
		}
	}
	return ""
}

// checkStyle returns why CSS text (a style element or attribute, or a
// presentation attribute holding url(…)) is refused, or "".
func checkStyle(css string) string {
	lower := strings.ToLower(css)
	if strings.Contains(lower, "@import") {
		return "imports another style sheet (@import); a logo may not refer to other files"
	}
	if strings.Contains(lower, "javascript:") || strings.Contains(lower, "expression(") {
		return "holds script"
	}
	for _, m := range urlRE.FindAllStringSubmatch(css, -1) {
		if !strings.HasPrefix(strings.TrimSpace(m[2]), "#") {
			return fmt.Sprintf("refers to %q outside the file; a logo may refer only to its own elements (url(#id))", clip(m[2]))
		}
	}
	return ""
}

// prefixFor names a namespace the way SVG files usually write it.
func prefixFor(ns string) string {
	switch ns {
	case xlinkNS:
		return "xlink"
	case xmlNS:
		return "xml"
	case eventNS:
		return "ev"
	}
	return ns
}

func firstWord(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.IndexAny(s, " \t\r\n["); i > 0 {
		s = s[:i]
	}
	return clip(s)
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "…"
	}
	return s
}
