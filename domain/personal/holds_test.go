package personal_test

import (
	"reflect"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/personal"
)

// Holds is false exactly for the payloads SealFields leaves unchanged when
// every text and id in them is filled: skipping those loses nothing.
func TestHoldsTellsWhichPayloadsSealingChanges(t *testing.T) {
	t.Parallel()
	key, err := personal.NewKey()
	require.NoError(t, err)
	keys := func(uuid.UUID) ([]byte, error) { return key, nil }
	holders, others := 0, 0
	for _, typ := range domain.EventTypes() {
		p, err := domain.DecodePayload(typ, []byte(`{}`))
		require.NoError(t, err, typ)
		filled := reflect.New(reflect.TypeOf(p))
		fillAll(filled.Elem())
		before := reflect.New(reflect.TypeOf(p))
		before.Elem().Set(filled.Elem())
		fillAll(before.Elem()) // its own lists, so sealing filled cannot reach them
		require.NoError(t, personal.SealFields(filled.Interface(), keys), typ)
		changed := !reflect.DeepEqual(before.Interface(), filled.Interface())
		require.Equal(t, changed, personal.Holds(reflect.TypeOf(p)), typ)
		if changed {
			holders++
		} else {
			others++
		}
	}
	require.Positive(t, holders)
	require.Positive(t, others)
}

// fillAll puts a text in every string, an id in every UUID and one element
// in every list of structs, so each personal field has a value and a person.
func fillAll(v reflect.Value) {
	switch {
	case v.Type() == reflect.TypeFor[uuid.UUID]():
		v.Set(reflect.ValueOf(uuid.MustParse("0a4f2c1e-5b7d-4e3a-9c8b-1d2e3f405162")))
	case v.Kind() == reflect.String:
		v.SetString("text")
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillAll(v.Field(i))
			}
		}
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Struct:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fillAll(s.Index(0))
		v.Set(s)
	}
}
