package httpapi_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
)

func TestStreamEventsArePagedByVersion(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.raiseAP("Deploy ORPs")
	for _, pct := range []int{10, 20, 30} {
		r := e.cmd(e.officer, "actionpoint.report_progress", map[string]any{"id": id, "percent": pct, "note": "trucks"})
		require.Equal(t, 200, r.Status, "%s", r.Body)
	}
	base := "/api/v1/streams/actionpoint-" + id.String() + "/events"

	first := httpapitest.Decode[httpapi.EventPage](t, e.get(e.officer, base+"?limit=2"))
	require.Len(t, first.Events, 2)
	require.Equal(t, uint64(1), first.Events[0].Version)
	require.Equal(t, "actionpoint.raised.v1", first.Events[0].Type)
	require.NotNil(t, first.Next)
	require.Equal(t, uint64(3), *first.Next)

	last := httpapitest.Decode[httpapi.EventPage](t, e.get(e.officer, base+"?limit=2&from=3"))
	require.Len(t, last.Events, 2)
	require.Equal(t, uint64(4), last.Events[1].Version)
	require.Nil(t, last.Next)
}

func TestAnalystPagesLeaveOutConfidentialEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.confidential()
	path := "/api/v1/streams/compliance-" + id.String() + "/events"
	require.Len(t, httpapitest.Decode[httpapi.EventPage](t, e.get(e.reviewer, path)).Events, 1)
	require.Empty(t, httpapitest.Decode[httpapi.EventPage](t, e.get(e.analyst, path)).Events)
}
