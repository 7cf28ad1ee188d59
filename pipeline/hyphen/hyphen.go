// Package hyphen finds where words may be hyphenated, with Frank Liang's
// algorithm (the one TeX uses) over the hyph-utf8 pattern sets shipped in
// locales/hyphenation.
//
// It sits under the text engine (pipeline/text), which asks it for the
// hyphenation points of each word of a justified paragraph and offers them to
// its line breaker as penalised breaks. A locale file names the pattern set
// and the minimum fragment lengths (see locales/en.toml).
package hyphen

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/polypress/polypress/locales/hyphenation"
)

// Patterns is a compiled pattern set: Liang patterns in a trie, and the
// exception words whose hyphenation is given outright. It is immutable and
// safe for concurrent use.
type Patterns struct {
	// Name is the set's name ("en-gb").
	Name string
	// nodes and edges form the trie: node i's children are
	// edges[nodes[i].first : nodes[i].first+nodes[i].n], sorted by rune.
	nodes []node
	edges []edge
	// values holds the inter-letter values of the patterns ending at a
	// node: values[v.off : v.off+v.n], the first for the gap before the
	// pattern's first letter.
	values     []uint8
	exceptions map[string][]int
	lower      unicode.SpecialCase
}

type node struct {
	first  int32
	n      uint16
	valN   uint16
	valOff int32
}

type edge struct {
	r    rune
	node int32
}

// Parse compiles patterns (one a line, hyph-utf8's .pat.txt format: letters
// with the digits 0–9 between them, "." for a word edge; blank lines and
// lines starting with % are skipped) and exceptions (one hyphenated word a
// line, hyphens where it may break; may be nil).
func Parse(name string, patterns, exceptions io.Reader) (*Patterns, error) {
	b := builder{}
	b.nodes = append(b.nodes, bnode{})
	sc := bufio.NewScanner(patterns)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		for _, f := range strings.Fields(sc.Text()) {
			if strings.HasPrefix(f, "%") {
				break
			}
			if err := b.add(f); err != nil {
				return nil, fmt.Errorf("hyphenation patterns %s:%d: %w", name, line, err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("hyphenation patterns %s: %w", name, err)
	}
	p := b.compile(name)
	p.exceptions = map[string][]int{}
	if exceptions != nil {
		sc := bufio.NewScanner(exceptions)
		line := 0
		for sc.Scan() {
			line++
			for _, f := range strings.Fields(sc.Text()) {
				if strings.HasPrefix(f, "%") {
					break
				}
				word, points := parseException(f)
				if word == "" {
					return nil, fmt.Errorf("hyphenation exceptions %s:%d: empty word %q", name, line, f)
				}
				p.exceptions[strings.ToLower(word)] = points
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("hyphenation exceptions %s: %w", name, err)
		}
	}
	return p, nil
}

// parseException turns "as-so-ciate" into "associate" and the rune
// offsets [2 4].
func parseException(s string) (string, []int) {
	var b strings.Builder
	var points []int
	n := 0
	for _, r := range s {
		if r == '-' {
			if n > 0 {
				points = append(points, n)
			}
			continue
		}
		b.WriteRune(r)
		n++
	}
	// A hyphen at the end breaks nowhere.
	for len(points) > 0 && points[len(points)-1] >= n {
		points = points[:len(points)-1]
	}
	return b.String(), points
}

// builder grows a pointer-free trie before it is flattened.
type builder struct {
	nodes  []bnode
	values []uint8
}

type bnode struct {
	kids   map[rune]int32
	valOff int32
	valN   uint16
}

func (b *builder) add(pat string) error {
	var letters []rune
	vals := []uint8{0}
	for _, r := range pat {
		if r >= '0' && r <= '9' {
			vals[len(vals)-1] = uint8(r - '0')
			continue
		}
		if r == utf8.RuneError {
			return fmt.Errorf("pattern %q is not UTF-8", pat)
		}
		letters = append(letters, r)
		vals = append(vals, 0)
	}
	if len(letters) == 0 {
		return fmt.Errorf("pattern %q has no letters", pat)
	}
	cur := int32(0)
	for _, r := range letters {
		nx, ok := b.nodes[cur].kids[r]
		if !ok {
			if b.nodes[cur].kids == nil {
				b.nodes[cur].kids = map[rune]int32{}
			}
			nx = int32(len(b.nodes))
			b.nodes = append(b.nodes, bnode{})
			b.nodes[cur].kids[r] = nx
		}
		cur = nx
	}
	// Trailing zeros change nothing; keep values short.
	for len(vals) > 1 && vals[len(vals)-1] == 0 {
		vals = vals[:len(vals)-1]
	}
	b.nodes[cur].valOff = int32(len(b.values))
	b.nodes[cur].valN = uint16(len(vals))
	b.values = append(b.values, vals...)
	return nil
}

func (b *builder) compile(name string) *Patterns {
	p := &Patterns{Name: name, nodes: make([]node, len(b.nodes)), values: b.values}
	for i, bn := range b.nodes {
		rs := make([]rune, 0, len(bn.kids))
		for r := range bn.kids {
			rs = append(rs, r)
		}
		slices.Sort(rs)
		p.nodes[i] = node{first: int32(len(p.edges)), n: uint16(len(rs)), valOff: bn.valOff, valN: bn.valN}
		for _, r := range rs {
			p.edges = append(p.edges, edge{r: r, node: bn.kids[r]})
		}
	}
	return p
}

func (p *Patterns) child(n int32, r rune) int32 {
	nd := p.nodes[n]
	es := p.edges[nd.first : nd.first+int32(nd.n)]
	if len(es) <= 8 {
		for _, e := range es {
			if e.r == r {
				return e.node
			}
		}
		return -1
	}
	i := sort.Search(len(es), func(i int) bool { return es[i].r >= r })
	if i < len(es) && es[i].r == r {
		return es[i].node
	}
	return -1
}

// Points returns the rune offsets inside word where it may be hyphenated
// (a hyphen goes before word[i]), in ascending order, keeping at least left
// runes before the first and right runes after the last. word holds letters
// only, in any case; dst is reused when it has room.
func (p *Patterns) Points(word []rune, left, right int, dst []int) []int {
	dst = dst[:0]
	n := len(word)
	left, right = max(left, 1), max(right, 1)
	if n < left+right {
		return dst
	}
	var buf [64]rune
	w := buf[:0]
	if n+2 > len(buf) {
		w = make([]rune, 0, n+2)
	}
	w = append(w, '.')
	for _, r := range word {
		w = append(w, p.lower.ToLower(r))
	}
	w = append(w, '.')
	if ex, ok := p.exceptions[string(w[1:n+1])]; ok {
		for _, i := range ex {
			if i >= left && n-i >= right {
				dst = append(dst, i)
			}
		}
		return dst
	}
	// vals[i] is the value of the gap before w[i].
	var vbuf [66]uint8
	vals := vbuf[:0]
	if len(w)+1 > len(vbuf) {
		vals = make([]uint8, 0, len(w)+1)
	}
	vals = vals[:len(w)+1]
	clear(vals)
	for s := range w {
		cur := int32(0)
		for k := s; k < len(w); k++ {
			cur = p.child(cur, w[k])
			if cur < 0 {
				break
			}
			nd := p.nodes[cur]
			for j, v := range p.values[nd.valOff : nd.valOff+int32(nd.valN)] {
				if v > vals[s+j] {
					vals[s+j] = v
				}
			}
		}
	}
	// The gap before word[i] is the gap before w[i+1].
	for i := left; i <= n-right; i++ {
		if vals[i+1]%2 == 1 {
			dst = append(dst, i)
		}
	}
	return dst
}

// Hyphenate returns word with a hyphen at each of its hyphenation points,
// for tests and for people checking a pattern set ("hy-phen-ation").
func (p *Patterns) Hyphenate(word string, left, right int) string {
	rs := []rune(word)
	pts := p.Points(rs, left, right, nil)
	var b strings.Builder
	for i, r := range rs {
		if len(pts) > 0 && pts[0] == i {
			b.WriteByte('-')
			pts = pts[1:]
		}
		b.WriteRune(r)
	}
	return b.String()
}

var (
	builtinMu sync.Mutex
	builtin   = map[string]*builtinSet{}
)

type builtinSet struct {
	once sync.Once
	p    *Patterns
	err  error
}

// Names lists the pattern sets shipped in locales/hyphenation, sorted.
func Names() []string {
	entries, _ := fs.Glob(hyphenation.FS, "hyph-*.pat.txt")
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(e, "hyph-"), ".pat.txt"))
	}
	sort.Strings(out)
	return out
}

// Has reports whether name is a shipped pattern set.
func Has(name string) bool {
	return slices.Contains(Names(), name)
}

// Builtin returns the shipped pattern set name ("en-gb", "de-1996"),
// compiling it the first time any goroutine asks for it.
func Builtin(name string) (*Patterns, error) {
	builtinMu.Lock()
	s := builtin[name]
	if s == nil {
		s = &builtinSet{}
		builtin[name] = s
	}
	builtinMu.Unlock()
	s.once.Do(func() {
		if !Has(name) {
			s.err = fmt.Errorf("no hyphenation patterns %q (have %s)", name, strings.Join(Names(), ", "))
			return
		}
		pat, err := hyphenation.FS.Open("hyph-" + name + ".pat.txt")
		if err != nil {
			s.err = err
			return
		}
		defer pat.Close()
		var exc io.Reader
		if f, err := hyphenation.FS.Open("hyph-" + name + ".hyp.txt"); err == nil {
			defer f.Close()
			exc = f
		}
		s.p, s.err = Parse(name, pat, exc)
		if s.err == nil && (name == "tr" || strings.HasPrefix(name, "tr-") || name == "az") {
			// Turkish and Azerbaijani lower-case I to dotless ı.
			s.p.lower = unicode.TurkishCase
		}
	})
	return s.p, s.err
}
