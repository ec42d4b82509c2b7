package httpapi

import (
	"encoding/json"
	"strings"

	"github.com/movementcoord/ledger/domain"
)

// personalPaths lists, per event type, the payload fields holding personal
// data, from the domain's own catalogue (the `personal` struct tags), plus
// the reporter's pseudonymous id, which the catalogue does not mark personal
// but which an analyst must not see either.
var personalPaths = func() map[string][][]string {
	m := map[string][][]string{
		"compliance.reported.v1": {{"reporter_person_id"}},
	}
	for _, doc := range domain.Catalogue() {
		for _, f := range doc.Fields {
			if f.Personal {
				m[doc.Type] = append(m[doc.Type], strings.Split(f.Name, "."))
			}
		}
	}
	return m
}()

// personalKeys are the personal field names anywhere in an aggregate's state.
var personalKeys = map[string]bool{
	"owner_name": true, "reporter_name": true, "given_name": true, "family_name": true,
	"email": true, "phone": true, "reporter_person_id": true,
}

// reportType is the event that names a compliance issue's reporter.
const reportType = "compliance.reported.v1"

// redactReporter removes who reported a compliance issue.
func redactReporter(data []byte) (json.RawMessage, error) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	removePath(v, []string{"reporter_person_id"})
	removePath(v, []string{"reporter_name"})
	return json.Marshal(v)
}

// redactEvent removes the personal fields of one payload.
func redactEvent(typ string, data []byte) (json.RawMessage, error) {
	paths := personalPaths[typ]
	if len(paths) == 0 {
		return data, nil
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	for _, p := range paths {
		removePath(v, p)
	}
	return json.Marshal(v)
}

// removePath deletes a dotted path; a segment ending in [] walks an array.
func removePath(v any, path []string) {
	obj, ok := v.(map[string]any)
	if !ok || len(path) == 0 {
		return
	}
	key, isArray := strings.CutSuffix(path[0], "[]")
	if len(path) == 1 && !isArray {
		delete(obj, key)
		return
	}
	if !isArray {
		removePath(obj[key], path[1:])
		return
	}
	items, _ := obj[key].([]any)
	for _, it := range items {
		removePath(it, path[1:])
	}
}

// redactState removes personal keys anywhere in a record's state.
func redactState(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, sub := range t {
			if personalKeys[k] {
				delete(t, k)
				continue
			}
			t[k] = redactState(sub)
		}
	case []any:
		for i := range t {
			t[i] = redactState(t[i])
		}
	}
	return v
}
