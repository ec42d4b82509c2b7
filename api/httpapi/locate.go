package httpapi

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/jsonshape"
)

// locate walks a body against the command's Go type and names every field
// the decoder would refuse. encoding/json stops at the first problem and, for
// a malformed UUID or date, does not say where it was; an officer needs the
// field.
func locate(t reflect.Type, raw json.RawMessage, path string) []FieldError {
	switch {
	case jsonshape.Leaf(t):
		return leafError(t, raw, path)
	case t.Kind() == reflect.Struct:
		return locateObject(t, raw, path)
	case t.Kind() == reflect.Slice:
		return locateArray(t, raw, path)
	}
	return leafError(t, raw, path)
}

func locateObject(t reflect.Type, raw json.RawMessage, path string) []FieldError {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return []FieldError{{Field: orRoot(path), Detail: "must be a JSON object"}}
	}
	var out []FieldError
	for _, key := range sortedKeys(obj) {
		sub := joinPath(path, key)
		f, ok := jsonshape.Lookup(t, key)
		if !ok {
			out = append(out, FieldError{Field: sub, Detail: "unknown field; check its spelling against /api/openapi.json"})
			continue
		}
		out = append(out, locate(f.Type, obj[key], sub)...)
	}
	return out
}

func locateArray(t reflect.Type, raw json.RawMessage, path string) []FieldError {
	if string(raw) == "null" {
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return []FieldError{{Field: path, Detail: "must be a JSON array"}}
	}
	var out []FieldError
	for i, item := range items {
		out = append(out, locate(t.Elem(), item, fmt.Sprintf("%s[%d]", path, i))...)
	}
	return out
}

func leafError(t reflect.Type, raw json.RawMessage, path string) []FieldError {
	if err := json.Unmarshal(raw, reflect.New(t).Interface()); err == nil {
		return nil
	}
	return []FieldError{{Field: path, Detail: expected(t)}}
}

// expected says in an officer's words what a field should hold.
func expected(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[uuid.UUID]():
		return "must be a UUID such as 0196a3e0-7c4e-7a51-9a43-1c4b8a0e7d21"
	case reflect.TypeFor[time.Time]():
		return "must be an RFC 3339 date and time such as 2026-03-01T09:00:00Z"
	}
	switch t.Kind() {
	case reflect.String:
		return "must be a JSON string"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64, reflect.Uint32:
		return "must be a whole number"
	case reflect.Bool:
		return "must be true or false"
	}
	return "has the wrong type"
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orRoot(path string) string {
	if path == "" {
		return "(body)"
	}
	return path
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
