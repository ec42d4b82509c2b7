package domain

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/google/uuid"
)

var (
	uuidType = reflect.TypeFor[uuid.UUID]()
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

// fieldsOf walks a payload struct's json and doc tags. Nested structs are
// flattened with dotted names ("attendees[].name") so the catalogue is a flat
// table a reader can scan.
func fieldsOf(t reflect.Type, prefix string) []FieldDoc {
	var out []FieldDoc
	for f := range t.Fields() {
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		if f.Anonymous && name == "" {
			// Embedded structs are flattened by encoding/json; list their fields in place.
			out = append(out, fieldsOf(f.Type, prefix)...)
			continue
		}
		if name == "" || name == "-" {
			continue
		}
		full := prefix + name
		out = append(out, FieldDoc{Name: full, Type: jsonType(f.Type), Meaning: f.Tag.Get("doc"),
			Personal: f.Tag.Get("personal") == "true", Reporter: f.Tag.Get("reporter") == "true",
			Optional: omitted(f.Tag.Get("json"))})
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
