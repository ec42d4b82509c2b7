// Package jsonshape describes how encoding/json decodes a Go type: which
// types are leaves with their own text form (UUIDs, times), and a member by
// its JSON name (through domain.JSONFields, the one walker of Go types). The
// HTTP layer uses it to name the field a bad body got wrong.
package jsonshape

import (
	"encoding"
	"encoding/json"
	"reflect"

	"github.com/movementcoord/ledger/domain"
)

// Field is one JSON object member of a struct, as domain.JSONFields (the one
// walker of Go types) lists it.
type Field = domain.JSONField

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

// Fields lists a struct's JSON members: domain.JSONFields, the one walker.
func Fields(t reflect.Type) []Field { return domain.JSONFields(t) }

// Lookup finds a member by its JSON name.
func Lookup(t reflect.Type, name string) (Field, bool) {
	for _, f := range domain.JSONFields(t) {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}
