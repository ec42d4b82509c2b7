package jsonshape_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/jsonshape"
	"github.com/movementcoord/ledger/domain"
)

type inner struct {
	A string `json:"a"`
}

type outer struct {
	inner
	B       int    `json:"b,omitempty"`
	Skipped string `json:"-"`
	Plain   string // no tag: the Go name
	//lint:ignore U1000 the point of the field is that JSON never sees it
	hidden string    // unexported: not a JSON member
	Named  inner     `json:"named"`
	When   time.Time `json:"when"`
}

func TestFieldsFollowEncodingJSON(t *testing.T) {
	t.Parallel()
	var names []string
	for _, f := range domain.JSONFields(reflect.TypeFor[outer]()) {
		names = append(names, f.Name)
	}
	require.Equal(t, []string{"a", "b", "Plain", "named", "when"}, names)
	_, ok := jsonshape.Lookup(reflect.TypeFor[outer](), "Skipped")
	require.False(t, ok)
	b, ok := jsonshape.Lookup(reflect.TypeFor[outer](), "b")
	require.True(t, ok)
	require.True(t, b.Optional, "omitempty")
	a, _ := jsonshape.Lookup(reflect.TypeFor[outer](), "a")
	require.Equal(t, []int{0, 0}, a.Index, "promoted from the embedded struct")
}

func TestLeaves(t *testing.T) {
	t.Parallel()
	for typ, want := range map[reflect.Type]bool{
		reflect.TypeFor[uuid.UUID]():       true,
		reflect.TypeFor[time.Time]():       true,
		reflect.TypeFor[json.RawMessage](): true,
		reflect.TypeFor[inner]():           false,
		reflect.TypeFor[string]():          false,
	} {
		require.Equal(t, want, jsonshape.Leaf(typ), typ.String())
	}
}
