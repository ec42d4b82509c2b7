package domain

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestEveryCommandHasAName(t *testing.T) {
	t.Parallel()
	seen := map[reflect.Type]string{}
	for _, name := range CommandNames() {
		cmd, err := DecodeCommand(name, nil)
		require.NoError(t, err, name)
		kind := strings.SplitN(name, ".", 2)[0]
		if kind != "correction" && kind != "reminder" && kind != "conflict" { // these name any record
			require.Equal(t, Kind(kind), cmd.Target().Kind, name)
		}
		typ := reflect.TypeOf(cmd)
		require.Emptyf(t, seen[typ], "%s and %s decode to the same type", seen[typ], name)
		seen[typ] = name
	}
	require.Len(t, seen, 75)
}

func TestDecodedCommandRuns(t *testing.T) {
	t.Parallel()
	f := standard(t)
	id := f.givenAP()
	body := `{"actor":{"id":"u-9","role":"officer"},"idempotency_key":"k-1","id":"` + id.String() +
		`","owner_component_id":"` + f.icrc.String() + `","owner_name":"Dr. Ada","reason":"capacity"}`
	cmd, err := DecodeCommand("actionpoint.reassign", []byte(body))
	require.NoError(t, err)
	evs, err := f.when(cmd)
	e := thenOne[ActionPointReassigned](t, evs, err)
	require.Equal(t, f.icrc, e.Owner.ComponentID)
	require.Equal(t, "Dr. Ada", e.Owner.Name)
}

func TestDecodeCommandRefusesBadInput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, cmd, body, field string
	}{
		{"unknown command", "actionpoint.teleport", `{}`, "name"},
		{"unknown field", "actionpoint.complete", `{"id":"` + uuid.NewString() + `","colour":"red"}`, ""},
		{"wrong type", "actionpoint.report_progress", `{"percent":"half"}`, "percent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := DecodeCommand(tc.cmd, []byte(tc.body))
			require.ErrorIs(t, err, ErrInvalid)
			var de *Error
			require.ErrorAs(t, err, &de)
			require.Equal(t, tc.field, de.Field)
		})
	}
}

// The command table is the one place that says what a command is: its
// decoded type and name agree with the command value itself (whether it
// creates its record is read from that type when the row is declared, so
// only the spot checks below can tell it wrong).
func TestCommandTableDescribesEachCommand(t *testing.T) {
	t.Parallel()
	specs := Commands()
	require.Len(t, specs, len(commandTable))
	for _, spec := range specs {
		cmd, err := DecodeCommand(spec.Name, nil)
		require.NoError(t, err, spec.Name)
		require.Equal(t, spec.Type, reflect.TypeOf(cmd), spec.Name)
		require.Equal(t, spec.Name, CommandName(cmd))
	}
	raise, ok := CommandSpecOf("actionpoint.raise")
	require.True(t, ok)
	require.True(t, raise.Creates)
	require.Equal(t, KindActionPoint, raise.Kind())
	erase, _ := CommandSpecOf("person.erase")
	require.True(t, erase.SpansOperations)
}

// A legacy event version is read through the upcaster its own spec declares;
// a legacy spec without one is refused when the catalogue is built.
func TestLegacyEventSpecCarriesItsUpcaster(t *testing.T) {
	t.Parallel()
	spec := registry.byType[ContactAddedV1{}.EventType()]
	require.Equal(t, ContactAdded{}.EventType(), spec.upcastTo)
	require.NotNil(t, spec.upcast)
	broken := spec
	broken.upcast = nil
	require.Panics(t, func() { buildRegistry([]eventSpec{broken}) })
}
