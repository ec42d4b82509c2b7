package domain

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

var (
	uuidType = reflect.TypeFor[uuid.UUID]()
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

// JSONField is one member of a struct as encoding/json sees it.
type JSONField struct {
	Name     string // the JSON member name
	Type     reflect.Type
	Index    []int // for reflect.Value.FieldByIndex, through embedded structs
	Tag      reflect.StructTag
	Optional bool // encoding/json leaves it out when empty
}

// JSONFields lists a struct's JSON members in declaration order, promoting
// the fields of untagged embedded structs as encoding/json does (even when
// the embedded type itself is unexported). It is the one walker of Go types:
// the event catalogue, the command limits, the OpenAPI document and the
// API's field errors all read it, so they cannot disagree on a name.
// Each type is walked once and remembered: the write path and the views ask
// for the same few dozen types on every command and event. The list is
// shared, so callers must not change it.
func JSONFields(t reflect.Type) []JSONField {
	if known, ok := jsonFieldsOf.Load(t); ok {
		return known.([]JSONField)
	}
	out := walkJSONFields(t)
	jsonFieldsOf.Store(t, out)
	return out
}

// jsonFieldsOf remembers JSONFields per type.
var jsonFieldsOf sync.Map // reflect.Type -> []JSONField

func walkJSONFields(t reflect.Type) []JSONField {
	var out []JSONField
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case name == "-":
		case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
			for _, sub := range JSONFields(f.Type) {
				sub.Index = append([]int{f.Index[0]}, sub.Index...)
				out = append(out, sub)
			}
		case !f.IsExported():
		default:
			if name == "" {
				name = f.Name
			}
			out = append(out, JSONField{Name: name, Type: f.Type, Index: f.Index, Tag: f.Tag, Optional: omitted(f.Tag.Get("json"))})
		}
	}
	return out
}

// fieldsOf describes a payload struct for the catalogue. Nested structs are
// flattened with dotted names ("attendees[].name") so the catalogue is a flat
// table a reader can scan.
func fieldsOf(t reflect.Type, prefix string) []FieldDoc {
	var out []FieldDoc
	for _, f := range JSONFields(t) {
		full := prefix + f.Name
		out = append(out, FieldDoc{Name: full, Type: jsonType(f.Type), Meaning: f.Tag.Get("doc"),
			Personal: f.Tag.Get("personal") == "true", Reporter: f.Tag.Get("reporter") == "true",
			Optional: f.Optional})
		if elem := structElem(f.Type); elem != nil {
			out = append(out, fieldsOf(elem, full+nestSep(f.Type))...)
		}
	}
	return out
}

func structElem(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct && t != timeType && t != uuidType {
		return t
	}
	return nil
}

func nestSep(t reflect.Type) string {
	if t.Kind() == reflect.Slice {
		return "[]."
	}
	return "."
}

func jsonType(t reflect.Type) string {
	switch {
	case t == uuidType:
		return "string (uuid)"
	case t == timeType:
		return "string (RFC 3339 date-time)"
	case t == rawType:
		return "object"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float64, reflect.Float32:
		return "number"
	case reflect.Slice, reflect.Array:
		return "array of " + jsonType(t.Elem())
	case reflect.Map:
		return "object of " + jsonType(t.Elem())
	}
	return "object"
}

// omitted reports whether encoding/json leaves the field out when empty.
func omitted(tag string) bool {
	return strings.Contains(tag, ",omitempty") || strings.Contains(tag, ",omitzero")
}
