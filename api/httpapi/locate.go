package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/jsonshape"
)

// locate walks a body against the command's Go type and names the fields
// the decoder would refuse. encoding/json stops at the first problem and, for
// a malformed UUID or date, does not say where it was; an officer needs the
// field. The report keeps the first few and counts the rest, so a hostile
// body of a hundred thousand bad keys costs a short answer, not a long one.
func locate(t reflect.Type, raw json.RawMessage, path string, out *fieldReport) {
	switch {
	case jsonshape.Leaf(t):
		leafError(t, raw, path, out)
	case t.Kind() == reflect.Struct:
		locateObject(t, raw, path, out)
	case t.Kind() == reflect.Slice:
		locateArray(t, raw, path, out)
	default:
		leafError(t, raw, path, out)
	}
}

func locateObject(t reflect.Type, raw json.RawMessage, path string, out *fieldReport) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		out.add(orRoot(path), "must be a JSON object")
		return
	}
	members := membersOf(t)
	for _, key := range sortedKeys(obj) {
		sub := joinPath(path, key)
		f, ok := members[key]
		if !ok {
			out.add(sub, "unknown field; check its spelling against /api/openapi.json")
			continue
		}
		locate(f.Type, obj[key], sub, out)
	}
}

// membersOf indexes a struct's JSON members once per object, not once per
// key: a body of many unknown keys must cost a lookup each, not a walk.
func membersOf(t reflect.Type) map[string]jsonshape.Field {
	m := map[string]jsonshape.Field{}
	for _, f := range jsonshape.Fields(t) {
		m[f.Name] = f
	}
	return m
}

func locateArray(t reflect.Type, raw json.RawMessage, path string, out *fieldReport) {
	if string(raw) == "null" {
		return
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		out.add(path, "must be a JSON array")
		return
	}
	for i, item := range items {
		locate(t.Elem(), item, fmt.Sprintf("%s[%d]", path, i), out)
	}
}

func leafError(t reflect.Type, raw json.RawMessage, path string, out *fieldReport) {
	if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
		out.add(path, expected(t))
	}
}

// MaxFieldErrors is how many field errors a problem document lists; the
// rest are counted in errors_omitted.
const MaxFieldErrors = 20

// fieldReport collects field errors up to MaxFieldErrors and counts the rest.
type fieldReport struct {
	fields  []FieldError
	omitted int
}

func (r *fieldReport) add(field, detail string) {
	if len(r.fields) >= MaxFieldErrors {
		r.omitted++
		return
	}
	r.fields = append(r.fields, FieldError{Field: field, Detail: detail})
}

func (r *fieldReport) total() int { return len(r.fields) + r.omitted }

// locateAll is locate from the body's root.
func locateAll(t reflect.Type, raw json.RawMessage) *fieldReport {
	r := &fieldReport{}
	locate(t, raw, "", r)
	return r
}

// refusal is the 400 that names the fields at fault; nil when none is.
func (r *fieldReport) refusal(code string) *apiError {
	if r.total() == 0 {
		return nil
	}
	first := r.fields[0]
	detail := fmt.Sprintf("%s: %s", first.Field, first.Detail)
	if r.total() > 1 {
		detail = fmt.Sprintf("%d fields need fixing; the first is %s", r.total(), detail)
	}
	ae := newAPIError(http.StatusBadRequest, code, detail, r.fields...)
	ae.omitted = r.omitted
	return ae
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
