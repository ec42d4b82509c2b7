package personal_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
)

// TestEveryPersonalFieldHasAPerson checks the whole event catalogue: a
// struct with a personal field must also carry the id of the person it is
// about, or the field could never be sealed (nor erased).
func TestEveryPersonalFieldHasAPerson(t *testing.T) {
	t.Parallel()
	checked := 0
	for _, typ := range domain.EventTypes() {
		p, err := domain.DecodePayload(typ, []byte(`{}`))
		require.NoError(t, err, typ)
		checked += checkStruct(t, typ, reflect.TypeOf(p))
	}
	require.Positive(t, checked, "the catalogue has personal fields to check")
}

func checkStruct(t *testing.T, typ string, rt reflect.Type) int {
	for rt.Kind() == reflect.Pointer || rt.Kind() == reflect.Slice {
		rt = rt.Elem()
	}
	if rt.Kind() != reflect.Struct {
		return 0
	}
	n, hasPerson := 0, false
	for i := range rt.NumField() {
		sf := rt.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		hasPerson = hasPerson || name == "person_id" || strings.HasSuffix(name, "_person_id")
		if sf.Tag.Get("personal") == "true" {
			n++
		}
	}
	if n > 0 {
		require.True(t, hasPerson, "%s: %s has personal fields but no person id", typ, rt.Name())
	}
	for i := range rt.NumField() {
		if rt.Field(i).IsExported() {
			n += checkStruct(t, typ, rt.Field(i).Type)
		}
	}
	return n
}
