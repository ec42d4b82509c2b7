package demo

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/movementcoord/ledger/api/jsonshape"
)

// decodeState fills an aggregate from the API's state JSON. The domain's
// aggregates carry no JSON tags (the server derives snake_case names from the
// Go fields), so plain json.Unmarshal would miss every two-word field; this
// is the inverse of the server's encoding: struct members by json tag or
// snake_case name, untagged embedded structs inlined, self-encoding types
// (UUIDs, times) and scalars by encoding/json.
func decodeState(raw json.RawMessage, into any) error {
	v := reflect.ValueOf(into)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return fmt.Errorf("decode state into %T: need a non-nil pointer", into)
	}
	return fill(raw, v.Elem(), "")
}

func fill(raw json.RawMessage, v reflect.Value, path string) error {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	if selfEncoding(v.Type()) {
		return unmarshalAt(raw, v, path)
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return fill(raw, v.Elem(), path)
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if err := unmarshalAt(raw, reflect.ValueOf(&obj).Elem(), path); err != nil {
			return err
		}
		return fillStruct(obj, v, path)
	case reflect.Slice:
		return fillSlice(raw, v, path)
	case reflect.Map:
		return fillMap(raw, v, path)
	}
	return unmarshalAt(raw, v, path)
}

func fillStruct(obj map[string]json.RawMessage, v reflect.Value, path string) error {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		var err error
		switch {
		case tag == "-":
		case f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct:
			err = fillStruct(obj, v.Field(i), path)
		case !f.IsExported():
		case tag != "":
			err = fill(obj[tag], v.Field(i), path+"."+tag)
		default:
			err = fill(obj[jsonshape.Snake(f.Name)], v.Field(i), path+"."+jsonshape.Snake(f.Name))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func fillSlice(raw json.RawMessage, v reflect.Value, path string) error {
	var items []json.RawMessage
	if err := unmarshalAt(raw, reflect.ValueOf(&items).Elem(), path); err != nil {
		return err
	}
	out := reflect.MakeSlice(v.Type(), len(items), len(items))
	for i, item := range items {
		if err := fill(item, out.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	v.Set(out)
	return nil
}

// fillMap decodes map keys as the server wrote them: text-marshalled or as
// strings (map keys are data, never snake_cased).
func fillMap(raw json.RawMessage, v reflect.Value, path string) error {
	var obj map[string]json.RawMessage
	if err := unmarshalAt(raw, reflect.ValueOf(&obj).Elem(), path); err != nil {
		return err
	}
	out := reflect.MakeMapWithSize(v.Type(), len(obj))
	for k, item := range obj {
		key := reflect.New(v.Type().Key())
		if u, ok := key.Interface().(encoding.TextUnmarshaler); ok {
			if err := u.UnmarshalText([]byte(k)); err != nil {
				return fmt.Errorf("%s: key %q: %w", path, k, err)
			}
		} else if key.Elem().Kind() == reflect.String {
			key.Elem().SetString(k)
		} else {
			return fmt.Errorf("%s: cannot decode map key %q into %s", path, k, v.Type().Key())
		}
		val := reflect.New(v.Type().Elem()).Elem()
		if err := fill(item, val, path+"."+k); err != nil {
			return err
		}
		out.SetMapIndex(key.Elem(), val)
	}
	v.Set(out)
	return nil
}

func unmarshalAt(raw json.RawMessage, v reflect.Value, path string) error {
	if err := json.Unmarshal(raw, v.Addr().Interface()); err != nil {
		return fmt.Errorf("%s: %w", strings.TrimPrefix(path, "."), err)
	}
	return nil
}

var (
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
)

// selfEncoding types have their own JSON form; the server used it.
func selfEncoding(t reflect.Type) bool {
	return t.Implements(textMarshaler) || t.Implements(jsonMarshaler) ||
		reflect.PointerTo(t).Implements(textMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler)
}
