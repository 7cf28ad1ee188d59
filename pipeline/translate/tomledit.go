package translate

import (
	"regexp"
	"strings"
)

// A locale file is edited line by line: a message is a table ([id]) of
// string keys (hash, other, one…) written one per line, as "locales init"
// and the shipped files write them. Setting a key rewrites its value on its
// line and keeps the rest of the line, a comment included; a key the table
// lacks is added after its last key; a table the file lacks is added at
// the end.

type tomlEditor struct {
	lines []string // each with its "\n", the last one perhaps without
}

func newTOMLEditor(src []byte) *tomlEditor {
	return &tomlEditor{lines: strings.SplitAfter(string(src), "\n")}
}

var (
	tomlHeader = regexp.MustCompile(`^\s*\[\s*("?)([^\]"]+)("?)\s*\]`)
	tomlKey    = regexp.MustCompile(`^(\s*)("?)([A-Za-z0-9_-]+)("?)(\s*=\s*)`)
)

// table returns the line range of table id: its header line and the line
// after its last line; -1 when the file has none.
func (t *tomlEditor) table(id string) (int, int) {
	start := -1
	for i, l := range t.lines {
		if m := tomlHeader.FindStringSubmatch(l); m != nil && !strings.HasPrefix(strings.TrimSpace(l), "[[") {
			if start >= 0 {
				return start, i
			}
			if strings.TrimSpace(m[2]) == id {
				start = i
			}
		}
	}
	return start, len(t.lines)
}

// set gives key of table id the TOML value literal value.
func (t *tomlEditor) set(id, key, value string) {
	start, end := t.table(id)
	if start < 0 {
		if n := len(t.lines); n > 0 && !strings.HasSuffix(t.lines[n-1], "\n") {
			t.lines[n-1] += "\n"
		}
		if n := len(t.lines); n > 0 && strings.TrimSpace(t.lines[n-1]) != "" {
			t.lines = append(t.lines, "\n")
		}
		t.lines = append(t.lines, "["+id+"]\n", key+" = "+value+"\n")
		return
	}
	last := start
	for i := start + 1; i < end; i++ {
		l := t.lines[i]
		if s := strings.TrimSpace(l); s != "" && !strings.HasPrefix(s, "#") {
			last = i
		}
		m := tomlKey.FindStringSubmatch(l)
		if m == nil || m[3] != key {
			continue
		}
		head := l[:len(m[0])]
		rest := l[len(m[0]):]
		tail := rest[tomlValueEnd(rest):]
		t.lines[i] = head + value + tail
		return
	}
	nl := "\n"
	if !strings.HasSuffix(t.lines[last], "\n") {
		t.lines[last] += "\n"
	}
	rest := append([]string{key + " = " + value + nl}, t.lines[last+1:]...)
	t.lines = append(t.lines[:last+1], rest...)
}

// remove deletes key from table id.
func (t *tomlEditor) remove(id, key string) {
	start, end := t.table(id)
	if start < 0 {
		return
	}
	for i := start + 1; i < end; i++ {
		if m := tomlKey.FindStringSubmatch(t.lines[i]); m != nil && m[3] == key {
			t.lines = append(t.lines[:i], t.lines[i+1:]...)
			return
		}
	}
}

func (t *tomlEditor) bytes() []byte { return []byte(strings.Join(t.lines, "")) }

// tomlValueEnd returns where the value at the start of s ends: after a
// basic or literal string, else at a comment or the line's end.
func tomlValueEnd(s string) int {
	switch {
	case strings.HasPrefix(s, `"`):
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
	case strings.HasPrefix(s, `'`):
		if j := strings.IndexByte(s[1:], '\''); j >= 0 {
			return j + 2
		}
	}
	if j := strings.IndexAny(s, "#\n"); j >= 0 {
		return j
	}
	return len(s)
}

// tableAt returns the table of a locale file that line n (1-based) is in.
func tableAt(data []byte, n int) string {
	id := ""
	for i, l := range strings.SplitAfter(string(data), "\n") {
		if i >= n {
			break
		}
		if m := tomlHeader.FindStringSubmatch(l); m != nil {
			id = strings.TrimSpace(m[2])
		}
	}
	return id
}
