package httpapi_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

func TestTimeline(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.confidential()
	id := e.raiseAP("Deploy ORPs")
	pos := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.block",
		map[string]any{"id": id, "reason": "no fuel"})).Position
	base := fmt.Sprintf("/api/v1/operations/%s/timeline?at_least=%d", e.op, pos)

	aps := httpapitest.Decode[httpapi.AuditPage](t, e.get(e.officer, base+"&kind=actionpoint"))
	require.Len(t, aps.Records, 2)
	require.Equal(t, "actionpoint.raised.v1", aps.Records[0].Type)

	all := httpapitest.Decode[httpapi.AuditPage](t, e.get(e.reviewer, base))
	analyst := httpapitest.Decode[httpapi.AuditPage](t, e.get(e.analyst, base))
	require.Len(t, analyst.Records, len(all.Records)-1, "the confidential report is left out")

	page := httpapitest.Decode[httpapi.AuditPage](t, e.get(e.reviewer, base+"&limit=2"))
	require.Len(t, page.Records, 2)
	require.Equal(t, "2", page.NextCursor)
	require.Equal(t, http.StatusForbidden, e.get(e.stranger, base).Status)
}

func TestRecordAudit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.raiseAP("Deploy ORPs")
	pos := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.block",
		map[string]any{"id": id, "reason": "no fuel"})).Position
	path := fmt.Sprintf("/api/v1/audit/actionpoint/%s?at_least=%d", id, pos)

	trail := httpapitest.Decode[httpapi.AuditPage](t, e.get(e.reviewer, path))
	require.Len(t, trail.Records, 2)
	me := httpapitest.Decode[httpapi.MeView](t, e.get(e.officer, "/api/v1/me"))
	require.Equal(t, me.Actor, trail.Records[1].Actor)
	require.Equal(t, http.StatusForbidden, e.get(e.analyst, path).Status)
	require.Equal(t, http.StatusNotFound, e.get(e.stranger, path).Status, "out of reach reads as not found")
	require.Equal(t, http.StatusOK, e.get(e.officer, path).Status)
}

func TestAuditSearchByActorAndWindow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	from := time.Now().UTC().Add(-time.Second)
	id := e.raiseAP("Deploy ORPs")
	pos := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.block",
		map[string]any{"id": id, "reason": "no fuel"})).Position
	to := time.Now().UTC().Add(time.Second)
	me := httpapitest.Decode[httpapi.MeView](t, e.get(e.officer, "/api/v1/me"))

	byActor := httpapitest.Decode[httpapi.AuditPage](t, e.get(e.reviewer,
		fmt.Sprintf("/api/v1/audit?actor=%s&at_least=%d", url.QueryEscape(me.Actor.ID), pos)))
	require.NotEmpty(t, byActor.Records)
	for _, r := range byActor.Records {
		require.Equal(t, me.Actor.ID, r.Actor.ID)
	}
	window := httpapitest.Decode[httpapi.AuditPage](t, e.get(e.reviewer, fmt.Sprintf("/api/v1/audit?from=%s&to=%s&at_least=%d",
		url.QueryEscape(from.Format(time.RFC3339Nano)), url.QueryEscape(to.Format(time.RFC3339Nano)), pos)))
	require.GreaterOrEqual(t, len(window.Records), 2)
	require.Equal(t, http.StatusBadRequest, e.get(e.reviewer, "/api/v1/audit").Status)
	require.Equal(t, http.StatusForbidden, e.get(e.analyst, "/api/v1/audit?actor=x").Status)
	// A stranger sees nothing of another operation's trail.
	require.Empty(t, httpapitest.Decode[httpapi.AuditPage](t, e.get(e.stranger,
		"/api/v1/audit?actor="+url.QueryEscape(me.Actor.ID))).Records)
}
