package httpapi_test

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/views"
)

func TestRegistersAsOfADate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.raiseAP("before")
	time.Sleep(20 * time.Millisecond)
	at := time.Now().UTC()
	time.Sleep(20 * time.Millisecond)
	e.raiseAP("after")
	// Written down after the date, but it happened before it.
	r := e.cmd(e.officer, "actionpoint.raise", map[string]any{"operation_id": e.op, "title": "back-dated",
		"occurred_at": at.Add(-time.Hour)})
	pos := httpapitest.Decode[recorder.Result](t, r).Position
	base := fmt.Sprintf("/api/v1/operations/%s/action-points", e.op)
	titles := func(query string) []string {
		reg := httpapitest.Decode[httpapi.Register[views.ActionPoint]](t, e.get(e.officer, base+"?"+query))
		var out []string
		for _, a := range reg.Items {
			out = append(out, a.Title)
		}
		return out
	}
	asOf := "as_of=" + url.QueryEscape(at.Format(time.RFC3339Nano))
	require.ElementsMatch(t, []string{"before", "after", "back-dated"}, titles(fmt.Sprintf("at_least=%d", pos)))
	require.ElementsMatch(t, []string{"before"}, titles(asOf))
	require.ElementsMatch(t, []string{"before", "back-dated"}, titles(asOf+"&as_of_basis=occurred"))
}

func TestComponentsAndContacts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.cmd(e.officer, "contact.add", map[string]any{"operation_id": e.op, "given_name": "Leyla", "family_name": "Kaya",
		"email": "leyla@example.org", "function": "health coordinator", "component_id": e.hns})
	require.Equal(t, 201, r.Status, "%s", r.Body)
	pos := httpapitest.Decode[recorder.Result](t, r).Position
	q := fmt.Sprintf("?at_least=%d", pos)

	comps := httpapitest.Decode[httpapi.Register[views.Component]](t, e.get(e.analyst, "/api/v1/operations/"+e.op.String()+"/components"+q))
	require.Len(t, comps.Items, 2)

	path := "/api/v1/operations/" + e.op.String() + "/contacts" + q
	seen := httpapitest.Decode[httpapi.Register[views.Contact]](t, e.get(e.officer, path)).Items
	require.Len(t, seen, 1)
	require.Equal(t, "leyla@example.org", seen[0].Email)
	hidden := httpapitest.Decode[httpapi.Register[views.Contact]](t, e.get(e.analyst, path)).Items
	require.Len(t, hidden, 1)
	require.Empty(t, hidden[0].Email)
	require.Empty(t, hidden[0].GivenName)
	require.Equal(t, "health coordinator", hidden[0].Function)
}
