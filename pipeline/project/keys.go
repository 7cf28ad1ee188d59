package project

import (
	"fmt"
	"sort"
)

// kind is the TOML type of a setting.
type kind int

const (
	stringKind kind = iota
	listKind
	boolKind
)

// decode checks a decoded TOML value against the kind and returns it as
// Resolve takes it: a string, a []string or a bool.
func (k kind) decode(v any) (any, error) {
	switch k {
	case stringKind:
		if s, ok := v.(string); ok {
			return s, nil
		}
		return nil, fmt.Errorf("want a string, not %s", typeName(v))
	case boolKind:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, fmt.Errorf("want true or false, not %s", typeName(v))
	}
	arr, ok := v.([]any)
	if !ok {
		if s, ok := v.(string); ok {
			return nil, fmt.Errorf("want a list of strings, such as [%q]", s)
		}
		return nil, fmt.Errorf("want a list of strings, not %s", typeName(v))
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			return nil, fmt.Errorf("element %d: want a string, not %s", i+1, typeName(e))
		}
		out = append(out, s)
	}
	return out, nil
}

// typeName names the TOML type of a decoded value.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case map[string]any:
		return "a table"
	case []any, []map[string]any:
		return "a list"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "a date or time"
}

// key is one setting of the project file.
type key struct {
	name string
	kind kind
	// flag is the command-line flag that overrides it.
	flag string
}

// keys are the settings, in the order "polypress config" and
// docs/project.md list them.
var keys = []key{
	{"statements", listKind, "PATH"},
	{"out", stringKind, "--out"},
	{"locale_dir", stringKind, "--locale-dir"},
	{"layout", stringKind, "--layout"},
	{"fonts", listKind, "--fonts"},
	{"locales", listKind, "--locales"},
	{"formats", listKind, "--formats"},
	{"parallel", listKind, "--parallel"},
	{"strict", boolKind, "--strict"},
	{"final", boolKind, "--final"},
}

func keyByName(name string) (key, bool) {
	for _, k := range keys {
		if k.name == name {
			return k, true
		}
	}
	return key{}, false
}

// keyNames lists the settings' keys, sorted.
func keyNames() []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.name
	}
	sort.Strings(out)
	return out
}

// Keys lists the settings' keys in the documented order.
func Keys() []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.name
	}
	return out
}

// Flag returns the command-line flag that overrides setting key.
func Flag(key string) string {
	k, _ := keyByName(key)
	return k.flag
}
