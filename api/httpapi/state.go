package httpapi

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/movementcoord/ledger/api/jsonshape"
)

// stateValue turns an aggregate into plain JSON values with snake_case
// member names, like every other body of the API. The domain's aggregates
// carry no JSON tags (they are never stored, only folded), so the names are
// derived from the Go fields; tagged fields (an action point's owner) keep
// their tags, and map keys (lead roles by area) are data and stay as they are.
func stateValue(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Invalid:
		return nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return stateValue(v.Elem())
	}
	if selfEncoding(v.Type()) {
		return viaJSON(v)
	}
	switch v.Kind() {
	case reflect.Struct:
		out := map[string]any{}
		structState(v, out)
		return out
	case reflect.Map:
		return mapState(v)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return []any{}
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = stateValue(v.Index(i))
		}
		return out
	}
	return v.Interface()
}

func structState(v reflect.Value, out map[string]any) {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case tag == "-":
		case f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct:
			structState(v.Field(i), out)
		case !f.IsExported():
		case tag != "":
			out[tag] = stateValue(v.Field(i))
		default:
			out[jsonshape.Snake(f.Name)] = stateValue(v.Field(i))
		}
	}
}

func mapState(v reflect.Value) any {
	out := make(map[string]any, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		out[fmt.Sprint(viaJSONKey(iter.Key()))] = stateValue(iter.Value())
	}
	return out
}

var (
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
)

// selfEncoding types (UUIDs, times) have their own text form.
func selfEncoding(t reflect.Type) bool {
	return t.Implements(textMarshaler) || t.Implements(jsonMarshaler) ||
		reflect.PointerTo(t).Implements(textMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler)
}

func viaJSON(v reflect.Value) any {
	raw, err := json.Marshal(v.Interface())
	if err != nil {
		return nil
	}
	var out any
	_ = json.Unmarshal(raw, &out)
	return out
}

func viaJSONKey(k reflect.Value) any {
	if m, ok := k.Interface().(encoding.TextMarshaler); ok {
		if b, err := m.MarshalText(); err == nil {
			return string(b)
		}
	}
	return k.Interface()
}
