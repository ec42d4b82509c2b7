package domain

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/require"
)

// Every enum type lists its values once; validation refuses anything else.
func TestEnumsListEachValueOnce(t *testing.T) {
	t.Parallel()
	require.NotEmpty(t, enums)
	for typ := range enums {
		values := EnumValues(typ)
		require.NotEmpty(t, values, typ.String())
		seen := map[string]bool{}
		for _, v := range values {
			require.False(t, seen[v], "%s lists %q twice", typ, v)
			seen[v] = true
		}
	}
	require.Equal(t, []Severity{SevLow, SevMedium, SevHigh, SevCritical}, Values[Severity]())
	require.Equal(t, Values[Kind](), Kinds())
	require.NoError(t, checkEnum("severity", SevHigh))
	require.ErrorIs(t, checkEnum("severity", Severity("urgent")), ErrInvalid)
	require.Nil(t, EnumValues(reflect.TypeFor[string]()))
	require.Panics(t, func() { Values[ErrorKind]() }, "not an enum of the record")
}

// A command field typed with a named string (a phase, a level, a kind) is an
// enum whose values the domain lists, so the OpenAPI document can show them.
func TestEveryEnumTypedCommandFieldIsListed(t *testing.T) {
	t.Parallel()
	for _, c := range Commands() {
		for _, f := range JSONFields(c.Type) {
			ft := f.Type
			if ft.Kind() == reflect.Slice {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.String && ft.PkgPath() == reflect.TypeFor[Kind]().PkgPath() {
				require.NotNil(t, EnumValues(ft), "%s.%s is a %s", c.Name, f.Name, ft)
			}
		}
	}
}
