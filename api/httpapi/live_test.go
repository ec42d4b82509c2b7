package httpapi_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

func decodeSSE(t *testing.T, ev httpapitest.SSE) httpapi.EventView {
	t.Helper()
	var v httpapi.EventView
	require.NoError(t, json.Unmarshal([]byte(ev.Data), &v))
	require.Equal(t, strconv.FormatUint(v.Position, 10), ev.ID)
	require.Equal(t, v.Type, ev.Event)
	return v
}

func TestLiveFeedDeliversTheOperationsEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// Start after everything stored so far: only new events come.
	head := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.raise",
		map[string]any{"operation_id": e.op, "title": "before"})).Position
	feed := e.c.OpenFeed("/api/v1/events/live?operation="+e.op.String(), e.officer,
		map[string]string{"Last-Event-ID": strconv.FormatUint(head, 10)})

	e.openOperation("Unrelated") // another operation: must not be delivered
	id := e.raiseAP("Deploy ORPs")
	ev, ok := feed.Next(5 * time.Second)
	require.True(t, ok, "no event arrived")
	v := decodeSSE(t, ev)
	require.Equal(t, "actionpoint-"+id.String(), v.Stream)
	require.Equal(t, e.op, v.Envelope.OperationID)
}

func TestLiveFeedResumesFromLastEventID(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.raise",
		map[string]any{"operation_id": e.op, "title": "one"}))
	second := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.raise",
		map[string]any{"operation_id": e.op, "title": "two"}))
	feed := e.c.OpenFeed("/api/v1/events/live?operation="+e.op.String(), e.officer,
		map[string]string{"Last-Event-ID": strconv.FormatUint(first.Position, 10)})
	ev, ok := feed.Next(5 * time.Second)
	require.True(t, ok)
	require.Equal(t, second.Position, decodeSSE(t, ev).Position)
}

func TestLiveFeedHidesConfidentialEventsFromAnalysts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	feed := e.c.OpenFeed("/api/v1/events/live?operation="+e.op.String(), e.analyst, nil)
	e.confidential()
	id := e.raiseAP("after the confidential report")
	for {
		ev, ok := feed.Next(5 * time.Second)
		require.True(t, ok, "the action point never arrived")
		v := decodeSSE(t, ev)
		require.NotEqual(t, "confidential", string(v.Envelope.Classification))
		if v.Stream == "actionpoint-"+id.String() {
			return
		}
	}
}

func TestLiveFeedEndsWhenTheServerCloses(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	feed := e.c.OpenFeed("/api/v1/events/live", e.reviewer, nil)
	e.srv.Closing()
	require.True(t, feed.Ended(5*time.Second))
}

func TestOfficerFeedWithoutFilterShowsOnlyItsOperations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// ?after= is the resume point for clients that cannot set Last-Event-ID.
	feed := e.c.OpenFeed("/api/v1/events/live?after=0", e.stranger, nil)
	for {
		ev, ok := feed.Next(5 * time.Second)
		require.True(t, ok, "the stranger's own operation never arrived")
		v := decodeSSE(t, ev)
		require.Equal(t, e.otherOp, v.Envelope.OperationID, "an officer sees only its operations")
		if v.Stream == "operation-"+e.otherOp.String() {
			return
		}
	}
}

func TestLiveFeedWithoutResumePointStartsAtTheHead(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	pos := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.raise",
		map[string]any{"operation_id": e.op, "title": "history"})).Position
	// Let the views see the history, so the head they report is current.
	e.get(e.reviewer, fmt.Sprintf("/api/v1/operations/%s/action-points?at_least=%d", e.op, pos))
	feed := e.c.OpenFeed("/api/v1/events/live", e.reviewer, nil)
	id := e.raiseAP("new")
	ev, ok := feed.Next(5 * time.Second)
	require.True(t, ok)
	require.Equal(t, "actionpoint-"+id.String(), decodeSSE(t, ev).Stream, "no history before the new event")
}
