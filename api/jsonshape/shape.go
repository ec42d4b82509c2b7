// Package jsonshape describes how encoding/json sees a Go type: its object
// fields by JSON name (embedded structs flattened) and which types are
// leaves with their own text form (UUIDs, times). The HTTP layer uses it to
// name the field a bad body got wrong; the OpenAPI document uses it to derive
// the command schemas from the same Go types the domain decodes, so the two
// cannot disagree.
package jsonshape

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
)

// Field is one JSON object member of a struct.
type Field struct {
	Name string
	Type reflect.Type
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
	rawMessage      = reflect.TypeFor[json.RawMessage]()
)

// Leaf reports whether t decodes itself (time.Time, uuid.UUID,
// json.RawMessage) rather than field by field.
func Leaf(t reflect.Type) bool {
	if t == rawMessage {
		return true
	}
	p := reflect.PointerTo(t)
	return p.Implements(jsonUnmarshaler) || p.Implements(textUnmarshaler)
}

// Fields lists a struct's JSON members in declaration order, promoting the
// fields of untagged embedded structs as encoding/json does.
func Fields(t reflect.Type) []Field {
	var out []Field
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		// Embedded structs promote their exported fields even when the
		// embedded type itself is unexported, as in encoding/json.
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			out = append(out, Fields(f.Type)...)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, Field{Name: name, Type: f.Type})
	}
	return out
}

// Lookup finds a member by its JSON name.
func Lookup(t reflect.Type, name string) (Field, bool) {
	for _, f := range Fields(t) {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}
