package layout

import (
	"encoding"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/polypress/polypress/pipeline/diag"
)

// decoder reads the TOML of one layout file into a Layout key by key, so
// that every problem is reported at once, each at its key: an unknown key
// (with the known key it most resembles), a value of the wrong type, or a
// value its type refuses (a length without a unit, a colour that is not
// #rrggbb). BurntSushi/toml's Decode stops at the first of these and gives
// an unknown key no position.
type decoder struct {
	md   toml.MetaData
	file string
	pos  map[string]diag.Pos // where each key is written (keyPositions)
	errs diag.List
	// set records the keys that set a value, and where.
	set map[string]diag.Pos
}

var (
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	tomlUnmarshaler = reflect.TypeFor[toml.Unmarshaler]()
)

// table decodes the keys of one TOML table (prims) into the struct v,
// whose keys are named path + "." + key.
func (d *decoder) table(path string, prims map[string]toml.Primitive, v reflect.Value) {
	fields := map[string]int{}
	var known []string
	t := v.Type()
	for i := range t.NumField() {
		tag := strings.Split(t.Field(i).Tag.Get("toml"), ",")[0]
		if tag == "" || tag == "-" {
			continue
		}
		fields[tag] = i
		known = append(known, join(path, tag))
	}
	for _, k := range sortedKeys(prims) {
		key := join(path, k)
		i, ok := fields[k]
		if !ok {
			msg := fmt.Sprintf("unknown layout key %q", key)
			if s := diag.Suggest(key, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else if path != "" {
				msg += fmt.Sprintf("; the keys of [%s] are %s", path, strings.Join(trimPrefix(known, path+"."), ", "))
			}
			d.errs.Add(diag.Errorf(d.at(key), "%s", msg).WithCode(diag.UnknownKey))
			continue
		}
		d.value(key, prims[k], v.Field(i))
	}
}

// value decodes one key's value into v.
func (d *decoder) value(key string, prim toml.Primitive, v reflect.Value) {
	typ := d.md.Type(strings.Split(key, ".")...)
	pt := v.Addr().Type()
	switch {
	case pt.Implements(tomlUnmarshaler) || pt.Implements(textUnmarshaler):
		// Its own type says what it takes.
	case v.Kind() == reflect.Struct:
		// A table given only through its subtables ([fonts.text]) has
		// no type of its own.
		if typ != "Hash" && typ != "" {
			d.errorf(key, "%s: want a table ([%s]), not %s", key, key, describe(typ))
			return
		}
		var prims map[string]toml.Primitive
		if err := d.md.PrimitiveDecode(prim, &prims); err != nil {
			d.errorf(key, "%s: %s", key, cleanError(err))
			return
		}
		d.table(key, prims, v)
		return
	case v.Kind() == reflect.Map && v.Type().Key().Kind() == reflect.String:
		if typ != "Hash" && typ != "" {
			d.errorf(key, "%s: want a table ([%s]), not %s", key, key, describe(typ))
			return
		}
		var prims map[string]toml.Primitive
		if err := d.md.PrimitiveDecode(prim, &prims); err != nil {
			d.errorf(key, "%s: %s", key, cleanError(err))
			return
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		for _, k := range sortedKeys(prims) {
			elem := reflect.New(v.Type().Elem()).Elem()
			if old := v.MapIndex(reflect.ValueOf(k)); old.IsValid() && elem.Kind() != reflect.Map {
				elem.Set(old)
			}
			d.value(join(key, k), prims[k], elem)
			v.SetMapIndex(reflect.ValueOf(k), elem)
		}
		return
	default:
		if want := wantType(v.Type()); want != "" && !accepts(v.Type(), typ) {
			d.errorf(key, "%s: want %s, not %s", key, want, describe(typ))
			return
		}
	}
	if err := d.md.PrimitiveDecode(prim, v.Addr().Interface()); err != nil {
		pos := d.at(key)
		// A value its type refuses is reported where the value is.
		if pe, ok := err.(toml.ParseError); ok && pe.Position.Line > 0 {
			pos = diag.Pos{File: d.file, Line: pe.Position.Line, Col: pe.Position.Col}
		}
		d.errs.Errorf(pos, "%s", cleanError(err))
		return
	}
	d.set[key] = d.at(key)
}

func (d *decoder) errorf(key, format string, args ...any) {
	d.errs.Errorf(d.at(key), format, args...)
}

// at is where key is written, or the file when the scanner did not find it.
func (d *decoder) at(key string) diag.Pos {
	return at(d.pos, d.file, key)
}

// accepts reports whether a TOML value of type typ can be decoded into t.
func accepts(t reflect.Type, typ string) bool {
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		return typ == "Float" || typ == "Integer"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return typ == "Integer"
	case reflect.String:
		return typ == "String"
	case reflect.Bool:
		return typ == "Bool"
	case reflect.Slice:
		return typ == "Array"
	}
	return true
}

// wantType names what a key of type t takes, for messages.
func wantType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.String:
		return "a text in quotes"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list in brackets, [\"a\", \"b\"]"
	}
	return ""
}

// describe names a TOML type as md.Type spells it, for messages.
func describe(typ string) string {
	switch typ {
	case "String":
		return "a text"
	case "Integer":
		return "a whole number"
	case "Float":
		return "a number"
	case "Bool":
		return "true or false"
	case "Array":
		return "a list"
	case "Hash":
		return "a table"
	case "ArrayHash":
		return "a list of tables"
	case "Datetime", "DatetimeLocal", "DateLocal", "TimeLocal":
		return "a date or time"
	}
	return typ
}

// tomlPrefix is what BurntSushi/toml puts before a decoding error's
// message; the position is the key's, given separately.
var tomlPrefix = regexp.MustCompile(`^toml: (line \d+ )?(\(last key "[^"]*"\): )?`)

func cleanError(err error) string {
	if pe, ok := err.(toml.ParseError); ok {
		return pe.Message
	}
	return tomlPrefix.ReplaceAllString(err.Error(), "")
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func trimPrefix(keys []string, prefix string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = strings.TrimPrefix(k, prefix)
	}
	return out
}

func sortedKeys(m map[string]toml.Primitive) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
