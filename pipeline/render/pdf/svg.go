package pdf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// basicSVG is an SVG logo reduced to what the PDF draws of it: its size
// in points and its paths and rectangles as outlines, stroked in the
// cover's ink. Fills, styles, transforms, text and arcs are not read: a
// logo with filled artwork belongs in a PNG or JPEG.
type basicSVG struct {
	width, height float64 // points
	paths         [][]svgSeg
}

// svgSeg is a path segment in absolute coordinates, points from the
// drawing's top left: a move, a line, a cubic curve (three points), or a
// close.
type svgSeg struct {
	op  byte // 'M', 'L', 'C', 'Z'
	pts [3][2]float64
}

// parseSVG reads the width and height (with units; bare numbers are CSS
// pixels) and the path and rect elements, at any depth.
func parseSVG(data []byte) (*basicSVG, error) {
	type pathEl struct {
		D string `xml:"d,attr"`
	}
	type rectEl struct {
		X      float64 `xml:"x,attr"`
		Y      float64 `xml:"y,attr"`
		Width  float64 `xml:"width,attr"`
		Height float64 `xml:"height,attr"`
	}
	var root struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
	}
	if err := xml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("SVG: %w", err)
	}
	if root.XMLName.Local != "svg" {
		return nil, errors.New("SVG: the root element is not <svg>")
	}
	w, unit, err := svgLength(root.Width)
	if err != nil {
		return nil, fmt.Errorf("SVG width: %w", err)
	}
	h, _, err := svgLength(root.Height)
	if err != nil {
		return nil, fmt.Errorf("SVG height: %w", err)
	}
	if w <= 0 || h <= 0 {
		return nil, fmt.Errorf("SVG: width and height must be positive, got %q × %q", root.Width, root.Height)
	}
	out := &basicSVG{width: w, height: h}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "path":
			var p pathEl
			if err := dec.DecodeElement(&p, &se); err != nil {
				return nil, fmt.Errorf("SVG path: %w", err)
			}
			segs, err := parsePathData(p.D, unit)
			if err != nil {
				return nil, fmt.Errorf("SVG path: %w", err)
			}
			out.paths = append(out.paths, segs)
		case "rect":
			var r rectEl
			if err := dec.DecodeElement(&r, &se); err != nil {
				return nil, fmt.Errorf("SVG rect: %w", err)
			}
			x0, y0, x1, y1 := r.X*unit, r.Y*unit, (r.X+r.Width)*unit, (r.Y+r.Height)*unit
			out.paths = append(out.paths, []svgSeg{
				{op: 'M', pts: [3][2]float64{{x0, y0}}},
				{op: 'L', pts: [3][2]float64{{x1, y0}}},
				{op: 'L', pts: [3][2]float64{{x1, y1}}},
				{op: 'L', pts: [3][2]float64{{x0, y1}}},
				{op: 'Z'},
			})
		}
	}
	return out, nil
}

// svgLength reads a length with its unit and returns it in points, with
// the factor from the unit to points.
func svgLength(s string) (pt, unit float64, err error) {
	s = strings.TrimSpace(s)
	unit = 72.0 / 96 // CSS pixels
	for _, u := range []struct {
		suffix string
		factor float64
	}{{"pt", 1}, {"in", 72}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54}, {"pc", 12}, {"px", 72.0 / 96}} {
		if strings.HasSuffix(s, u.suffix) {
			s, unit = strings.TrimSuffix(s, u.suffix), u.factor
			break
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0, 0, fmt.Errorf("not a length: %q", s)
	}
	return v * unit, unit, nil
}

// parsePathData reads SVG path data: moves, lines (also horizontal and
// vertical), cubic and quadratic curves (also smooth ones) and closes,
// absolute and relative, with implicit repeats. Quadratic curves become
// cubic ones. unit scales coordinates to points.
func parsePathData(d string, unit float64) ([]svgSeg, error) {
	toks, err := pathTokens(d)
	if err != nil {
		return nil, err
	}
	var segs []svgSeg
	var cur, start, lastCtrl [2]float64
	var cmd byte
	lastOp := byte(0)
	i := 0
	nums := func(n int) ([]float64, error) {
		if i+n > len(toks) {
			return nil, fmt.Errorf("command %c needs %d numbers", cmd, n)
		}
		out := make([]float64, n)
		for k := 0; k < n; k++ {
			if toks[i+k].cmd != 0 {
				return nil, fmt.Errorf("command %c needs %d numbers", cmd, n)
			}
			out[k] = toks[i+k].v * unit
		}
		i += n
		return out, nil
	}
	for i < len(toks) {
		if toks[i].cmd != 0 {
			cmd = toks[i].cmd
			i++
		} else if cmd == 0 {
			return nil, errors.New("path data must start with a command")
		} else if cmd|0x20 == 'z' {
			return nil, errors.New("a number after a close (Z) command")
		} else if cmd == 'M' {
			cmd = 'L' // numbers after a move are lines
		} else if cmd == 'm' {
			cmd = 'l'
		}
		rel := cmd >= 'a'
		abs := func(x, y float64) [2]float64 {
			if rel {
				return [2]float64{cur[0] + x, cur[1] + y}
			}
			return [2]float64{x, y}
		}
		switch cmd | 0x20 {
		case 'm':
			v, err := nums(2)
			if err != nil {
				return nil, err
			}
			cur = abs(v[0], v[1])
			start = cur
			segs = append(segs, svgSeg{op: 'M', pts: [3][2]float64{cur}})
		case 'l':
			v, err := nums(2)
			if err != nil {
				return nil, err
			}
			cur = abs(v[0], v[1])
			segs = append(segs, svgSeg{op: 'L', pts: [3][2]float64{cur}})
		case 'h':
			v, err := nums(1)
			if err != nil {
				return nil, err
			}
			if rel {
				cur[0] += v[0]
			} else {
				cur[0] = v[0]
			}
			segs = append(segs, svgSeg{op: 'L', pts: [3][2]float64{cur}})
		case 'v':
			v, err := nums(1)
			if err != nil {
				return nil, err
			}
			if rel {
				cur[1] += v[0]
			} else {
				cur[1] = v[0]
			}
			segs = append(segs, svgSeg{op: 'L', pts: [3][2]float64{cur}})
		case 'c', 's':
			var c1 [2]float64
			var v []float64
			if cmd|0x20 == 'c' {
				if v, err = nums(6); err != nil {
					return nil, err
				}
				c1 = abs(v[0], v[1])
				v = v[2:]
			} else {
				if v, err = nums(4); err != nil {
					return nil, err
				}
				c1 = cur
				if lastOp == 'c' || lastOp == 's' {
					c1 = [2]float64{2*cur[0] - lastCtrl[0], 2*cur[1] - lastCtrl[1]}
				}
			}
			c2, end := abs(v[0], v[1]), abs(v[2], v[3])
			segs = append(segs, svgSeg{op: 'C', pts: [3][2]float64{c1, c2, end}})
			lastCtrl, cur = c2, end
		case 'q', 't':
			var q [2]float64
			var v []float64
			if cmd|0x20 == 'q' {
				if v, err = nums(4); err != nil {
					return nil, err
				}
				q = abs(v[0], v[1])
				v = v[2:]
			} else {
				if v, err = nums(2); err != nil {
					return nil, err
				}
				q = cur
				if lastOp == 'q' || lastOp == 't' {
					q = [2]float64{2*cur[0] - lastCtrl[0], 2*cur[1] - lastCtrl[1]}
				}
			}
			end := abs(v[0], v[1])
			// The quadratic curve as a cubic one.
			c1 := [2]float64{cur[0] + 2.0/3*(q[0]-cur[0]), cur[1] + 2.0/3*(q[1]-cur[1])}
			c2 := [2]float64{end[0] + 2.0/3*(q[0]-end[0]), end[1] + 2.0/3*(q[1]-end[1])}
			segs = append(segs, svgSeg{op: 'C', pts: [3][2]float64{c1, c2, end}})
			lastCtrl, cur = q, end
		case 'z':
			segs = append(segs, svgSeg{op: 'Z'})
			cur = start
		default:
			return nil, fmt.Errorf("path command %q is not supported (use M, L, H, V, C, S, Q, T, Z)", cmd)
		}
		lastOp = cmd | 0x20
	}
	return segs, nil
}

type pathToken struct {
	cmd byte
	v   float64
}

// pathTokens splits path data into commands and numbers ("100L200,230",
// "1.5.5" and "1e-3-2" are all valid SVG).
func pathTokens(d string) ([]pathToken, error) {
	var out []pathToken
	for i := 0; i < len(d); {
		c := d[i]
		switch {
		case c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.IndexByte("MmLlHhVvCcSsQqTtZzAa", c) >= 0:
			out = append(out, pathToken{cmd: c})
			i++
		case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
			j := i + 1
			dot := c == '.'
			for j < len(d) {
				cj := d[j]
				if cj >= '0' && cj <= '9' {
					j++
				} else if cj == '.' && !dot {
					dot = true
					j++
				} else if (cj == 'e' || cj == 'E') && j+1 < len(d) {
					j++
					if d[j] == '-' || d[j] == '+' {
						j++
					}
				} else {
					break
				}
			}
			v, err := strconv.ParseFloat(d[i:j], 64)
			if err != nil {
				return nil, fmt.Errorf("not a number: %q", d[i:j])
			}
			out = append(out, pathToken{v: v})
			i = j
		default:
			return nil, fmt.Errorf("unexpected %q in path data", c)
		}
	}
	return out, nil
}

// ops returns the drawing's outlines as PDF path operators, stroked, with
// its top left corner at (x, top) in PDF user space and scaled by scale.
func (s *basicSVG) ops(x, top, scale float64) string {
	var b strings.Builder
	pt := func(p [2]float64) string { return num(x+scale*p[0]) + " " + num(top-scale*p[1]) }
	for _, path := range s.paths {
		open := false
		for _, seg := range path {
			switch seg.op {
			case 'M':
				b.WriteString(pt(seg.pts[0]) + " m\n")
				open = true
			case 'L':
				if open {
					b.WriteString(pt(seg.pts[0]) + " l\n")
				}
			case 'C':
				if open {
					b.WriteString(pt(seg.pts[0]) + " " + pt(seg.pts[1]) + " " + pt(seg.pts[2]) + " c\n")
				}
			case 'Z':
				if open {
					b.WriteString("h\n")
				}
			}
		}
		if open {
			b.WriteString("S\n")
		}
	}
	return b.String()
}
