package visibility

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// hides reports whether a field with these struct tags is withheld from the
// reader; recordedBy is the actor who recorded the report the field is in.
func (r Reader) hides(personal, reporter bool, recordedBy string) bool {
	return (personal && !r.personal) || (reporter && !r.SeesReporter(recordedBy))
}

// ShowsField reports whether a struct field (of a payload, a row or a
// record's state) is shown to the reader, from its `personal` and
// `reporter` tags.
func (r Reader) ShowsField(f reflect.StructField, recordedBy string) bool {
	return !r.hides(f.Tag.Get("personal") == "true", f.Tag.Get("reporter") == "true", recordedBy)
}

var (
	uuidType = reflect.TypeFor[uuid.UUID]()
	timeType = reflect.TypeFor[time.Time]()
)

// Redact zeroes, in place, every field of the struct ptr points to (and of
// the structs and slices of structs inside it) that the reader may not see.
// Register rows call it with the actor who recorded the row's report, if any.
// A slice or pointer that holds tagged fields is copied before it is
// changed: a row handed out by a view shares them with the view.
func (r Reader) Redact(ptr any, recordedBy string) {
	r.redact(reflect.ValueOf(ptr), recordedBy)
}

func (r Reader) redact(v reflect.Value, recordedBy string) {
	if !tagged(v.Type()) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		if v.CanSet() {
			own := reflect.New(v.Type().Elem())
			own.Elem().Set(v.Elem())
			v.Set(own)
		}
		r.redact(v.Elem(), recordedBy)
	case reflect.Slice:
		if v.Len() > 0 && v.CanSet() {
			own := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			reflect.Copy(own, v)
			v.Set(own)
		}
		for i := range v.Len() {
			r.redact(v.Index(i), recordedBy)
		}
	case reflect.Struct:
		for _, f := range planOf(v.Type()) {
			field := v.FieldByIndex(f.index)
			switch {
			case !field.CanSet():
			case r.hides(f.personal, f.reporter, recordedBy):
				field.SetZero()
			case f.nested:
				r.redact(field, recordedBy)
			}
		}
	}
}

// fieldPlan is one JSON member of a struct that is tagged, or holds tagged
// fields: the only ones Redact has to look at.
type fieldPlan struct {
	index              []int // through promoted embedded structs
	personal, reporter bool
	nested             bool
}

// plans remembers each struct type's plan.
var plans sync.Map // reflect.Type -> []fieldPlan

// planOf reads a struct's members from domain.JSONFields, the one walker of
// Go types, so a row's hidden fields are the members its JSON shows.
func planOf(t reflect.Type) []fieldPlan {
	if known, ok := plans.Load(t); ok {
		return known.([]fieldPlan)
	}
	var plan []fieldPlan
	for _, f := range domain.JSONFields(t) {
		p := fieldPlan{index: f.Index, personal: f.Tag.Get("personal") == "true", reporter: f.Tag.Get("reporter") == "true"}
		p.nested = !p.personal && !p.reporter && tagged(f.Type)
		if p.personal || p.reporter || p.nested {
			plan = append(plan, p)
		}
	}
	plans.Store(t, plan)
	return plan
}

// taggedTypes remembers which types hold personal or reporter fields.
var taggedTypes sync.Map // reflect.Type -> bool

// tagged reports whether a type holds, anywhere inside it, a field tagged
// personal or reporter: the others are left alone, and cost nothing.
func tagged(t reflect.Type) bool {
	if known, ok := taggedTypes.Load(t); ok {
		return known.(bool)
	}
	taggedTypes.Store(t, false) // a recursive type meets itself as untagged
	found := false
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		found = tagged(t.Elem())
	case reflect.Struct:
		if t == uuidType || t == timeType {
			break
		}
		for _, f := range domain.JSONFields(t) {
			if f.Tag.Get("personal") == "true" || f.Tag.Get("reporter") == "true" || tagged(f.Type) {
				found = true
				break
			}
		}
	}
	taggedTypes.Store(t, found)
	return found
}

// hiddenPaths lists, per event type, the payload fields tagged personal or
// reporter in the catalogue, as dotted paths ("attendees[].name").
type hiddenPath struct {
	path               []string
	personal, reporter bool
}

var catalogued = func() map[string][]hiddenPath {
	m := map[string][]hiddenPath{}
	for _, doc := range domain.Catalogue() {
		for _, f := range doc.Fields {
			if f.Personal || f.Reporter {
				m[doc.Type] = append(m[doc.Type], hiddenPath{strings.Split(f.Name, "."), f.Personal, f.Reporter})
			}
		}
	}
	return m
}()

// Event returns a stored payload of event type typ as the reader may see
// it: the catalogue's personal fields removed for readers who see no
// personal data, the reporter for readers who may not know it. recordedBy
// is the actor of the event. The data comes back untouched when nothing is
// hidden.
func (r Reader) Event(typ, recordedBy string, data []byte) (json.RawMessage, error) {
	var drop [][]string
	for _, h := range catalogued[typ] {
		if r.hides(h.personal, h.reporter, recordedBy) {
			drop = append(drop, h.path)
		}
	}
	if len(drop) == 0 {
		return data, nil
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	for _, p := range drop {
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
