package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

func TestCommandWritesAndReadsBack(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.raiseAP("Deploy ORPs")

	r := e.get(e.officer, recordPath("actionpoint", id))
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, `"1"`, r.Header.Get("ETag"))
	rec := httpapitest.Decode[httpapi.RecordView](t, r)
	require.Equal(t, e.op, rec.OperationID)
	require.Equal(t, "Deploy ORPs", rec.State.(map[string]any)["title"])
}

func TestWriteAnswersWhereTheEventsLanded(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.cmd(e.officer, "actionpoint.raise", map[string]any{"operation_id": e.op, "id": recorder.NewID(), "title": "t"})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	res := httpapitest.Decode[recorder.Result](t, r)
	require.Equal(t, uint64(1), res.Version)
	require.NotZero(t, res.Position)
	require.Equal(t, "actionpoint-"+res.Ref.ID.String(), res.Stream)
	require.Equal(t, "/api/v1/records/actionpoint/"+res.Ref.ID.String(), r.Header.Get("Location"))

	r = e.cmd(e.officer, "actionpoint.block", map[string]any{"id": res.Ref.ID, "reason": "no fuel"})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, uint64(2), httpapitest.Decode[recorder.Result](t, r).Version)
}

func TestIdempotencyKeyReturnsTheFirstResult(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := map[string]any{"operation_id": e.op, "title": "Water trucking", "owner_component_id": e.hns}
	first := e.cmd(e.officer, "actionpoint.raise", body, "Idempotency-Key", "retry-1")
	require.Equal(t, http.StatusCreated, first.Status, "%s", first.Body)
	again := e.cmd(e.officer, "actionpoint.raise", body, "Idempotency-Key", "retry-1")
	require.Equal(t, http.StatusOK, again.Status, "%s", again.Body)
	a, b := httpapitest.Decode[recorder.Result](t, first), httpapitest.Decode[recorder.Result](t, again)
	require.True(t, b.Duplicate)
	require.Equal(t, a.Ref, b.Ref)
	require.Equal(t, a.Position, b.Position)

	page := httpapitest.Decode[httpapi.EventPage](t, e.get(e.officer, "/api/v1/streams/"+a.Stream+"/events"))
	require.Len(t, page.Events, 1, "the retry wrote nothing")
}

func TestIfMatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.raiseAP("Deploy ORPs")
	block := map[string]any{"id": id, "reason": "no fuel"}

	stale := e.cmd(e.officer, "actionpoint.block", block, "If-Match", `"0"`)
	require.Equal(t, http.StatusPreconditionFailed, stale.Status, "%s", stale.Body)
	p := httpapitest.ProblemOf(t, stale)
	require.Equal(t, "record.version_mismatch", p.Code)

	ok := e.cmd(e.officer, "actionpoint.block", block, "If-Match", `"1"`, "Idempotency-Key", "block-1")
	require.Equal(t, http.StatusOK, ok.Status, "%s", ok.Body)
	require.Equal(t, `"2"`, ok.Header.Get("ETag"))

	// The same request retried after its reply was lost: the version moved
	// on because of it, so it gets its first result, not a 412.
	retry := e.cmd(e.officer, "actionpoint.block", block, "If-Match", `"1"`, "Idempotency-Key", "block-1")
	require.Equal(t, http.StatusOK, retry.Status, "%s", retry.Body)
	require.True(t, httpapitest.Decode[recorder.Result](t, retry).Duplicate)
}

func TestActorComesFromTheToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.raiseAP("Deploy ORPs")
	page := httpapitest.Decode[httpapi.EventPage](t, e.get(e.reviewer, "/api/v1/streams/actionpoint-"+id.String()+"/events"))
	require.Len(t, page.Events, 1)
	me := httpapitest.Decode[httpapi.MeView](t, e.get(e.officer, "/api/v1/me"))
	require.Equal(t, me.Actor, page.Events[0].Envelope.Actor)
	require.Equal(t, "officer", page.Events[0].Envelope.Actor.Role)
}

func TestRequestIDBecomesTheCorrelationID(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.cmd(e.officer, "actionpoint.raise", map[string]any{"operation_id": e.op, "title": "t"}, "X-Request-ID", "req-42")
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	require.Equal(t, "req-42", r.Header.Get("X-Request-ID"))
	stream := httpapitest.Decode[recorder.Result](t, r).Stream
	page := httpapitest.Decode[httpapi.EventPage](t, e.get(e.reviewer, "/api/v1/streams/"+stream+"/events"))
	require.Equal(t, "req-42", page.Events[0].Envelope.CorrelationID)
}
