package domain

import "encoding/json"

// List is a list in a record's state. The record endpoint promises an array,
// so an empty list is shown as [] even before anything was added, never null.
type List[T any] []T

// MarshalJSON writes a nil list as [].
func (l List[T]) MarshalJSON() ([]byte, error) {
	if l == nil {
		return []byte("[]"), nil
	}
	return json.Marshal([]T(l))
}

// Dict is a map in a record's state, shown as {} when empty, never null.
type Dict[K comparable, V any] map[K]V

// MarshalJSON writes a nil map as {}.
func (d Dict[K, V]) MarshalJSON() ([]byte, error) {
	if d == nil {
		return []byte("{}"), nil
	}
	return json.Marshal(map[K]V(d))
}
