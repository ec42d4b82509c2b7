package personal

import (
	"reflect"
	"sync"

	"github.com/movementcoord/ledger/domain"
)

// holds remembers, per payload type, whether it can hold a personal field.
var holds sync.Map // reflect.Type -> bool

// Holds reports whether a value of struct type t can have a personal field
// anywhere SealFields looks (the struct, structs within it, lists of them),
// so the write path can skip sealing, and the copy sealing needs, for the
// many payloads that hold none.
func Holds(t reflect.Type) bool {
	if v, ok := holds.Load(t); ok {
		return v.(bool)
	}
	h := t.Kind() == reflect.Struct && structHolds(t, map[reflect.Type]bool{})
	holds.Store(t, h)
	return h
}

// structHolds follows the walk of SealFields (see visit) through types
// rather than values; seen stops a type that contains itself.
func structHolds(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	for _, f := range domain.JSONFields(t) {
		switch {
		case f.Tag.Get("personal") == "true" && f.Type.Kind() == reflect.String:
			return true
		case f.Type.Kind() == reflect.Struct && structHolds(f.Type, seen):
			return true
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct && structHolds(f.Type.Elem(), seen):
			return true
		}
	}
	return false
}
