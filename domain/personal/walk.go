package personal

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// Keys gives the key of a person. For sealing it creates one when there is
// none; it returns ErrErased for a person whose key was destroyed.
type Keys func(person uuid.UUID) ([]byte, error)

// field is one personal string field and the person it is about.
type field struct {
	value  reflect.Value // settable string
	name   string        // JSON name, for messages
	person uuid.UUID
}

// Seal encrypts, in place, every non-empty personal field of the payload v
// points to. A personal field belongs to the person whose id sits in the
// same struct, in the field whose JSON name is person_id or ends in
// _person_id.
func SealFields(v any, keys Keys) error {
	return each(v, func(f field) error {
		if f.value.String() == "" || IsSealed(f.value.String()) {
			return nil
		}
		if f.person == uuid.Nil {
			return fmt.Errorf("%w: %s has a value but no person id beside it", ErrNoPerson, f.name)
		}
		key, err := keys(f.person)
		if err != nil {
			return fmt.Errorf("seal %s: %w", f.name, err)
		}
		sealed, err := Seal(key, f.person, f.value.String())
		if err != nil {
			return err
		}
		f.value.SetString(sealed)
		return nil
	})
}

// OpenFields decrypts, in place, every sealed personal field of the payload
// v points to. A field of an erased person reads as Erased.
func OpenFields(v any, keys Keys) error {
	return each(v, func(f field) error {
		if !IsSealed(f.value.String()) {
			return nil
		}
		key, err := keys(f.person)
		if err != nil {
			if errors.Is(err, ErrErased) {
				f.value.SetString(Erased)
				return nil
			}
			return fmt.Errorf("open %s: %w", f.name, err)
		}
		plain, err := Unseal(key, f.person, f.value.String())
		if err != nil {
			return fmt.Errorf("open %s: %w", f.name, err)
		}
		f.value.SetString(plain)
		return nil
	})
}

// Persons lists the people whose personal data the payload holds.
func Persons(v any) []uuid.UUID {
	seen := map[uuid.UUID]bool{}
	var out []uuid.UUID
	_ = each(v, func(f field) error {
		if f.person != uuid.Nil && f.value.String() != "" && !seen[f.person] {
			seen[f.person] = true
			out = append(out, f.person)
		}
		return nil
	})
	return out
}

// each calls fn for every personal string field reachable from v, which
// must be a pointer to a struct.
func each(v any, fn func(field) error) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("personal fields: need a pointer to a struct, got %T", v)
	}
	return walk(rv.Elem(), fn)
}

func walk(s reflect.Value, fn func(field) error) error {
	person := personOf(s)
	for _, f := range domain.JSONFields(s.Type()) {
		if err := visit(f, s.FieldByIndex(f.Index), person, fn); err != nil {
			return err
		}
	}
	return nil
}

func visit(f domain.JSONField, fv reflect.Value, person uuid.UUID, fn func(field) error) error {
	switch {
	case f.Tag.Get("personal") == "true" && fv.Kind() == reflect.String:
		return fn(field{value: fv, name: f.Name, person: person})
	case fv.Kind() == reflect.Struct:
		return walk(fv, fn)
	case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Struct:
		for j := range fv.Len() {
			if err := walk(fv.Index(j), fn); err != nil {
				return err
			}
		}
	}
	return nil
}

// personOf finds the person id a struct's personal fields belong to. It
// looks at the struct itself and at structs embedded in it (whose fields
// domain.JSONFields promotes, as encoding/json does).
func personOf(s reflect.Value) uuid.UUID {
	for _, f := range domain.JSONFields(s.Type()) {
		if f.Name == "person_id" || strings.HasSuffix(f.Name, "_person_id") {
			if id, ok := s.FieldByIndex(f.Index).Interface().(uuid.UUID); ok {
				return id
			}
		}
	}
	return uuid.Nil
}
