package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

func TestResourceRoutesAreUnique(t *testing.T) {
	t.Parallel()
	paths := map[string]string{}
	for _, r := range httpapi.ResourceRoutes() {
		require.NotContains(t, paths, r.Path, "%s and %s share a path", r.Command, paths[r.Path])
		paths[r.Path] = r.Command
	}
	require.GreaterOrEqual(t, len(paths), 63, "every command of a record kind with a collection")
}

func TestResourceRoutesRunCommands(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	post := func(path string, body map[string]any) httpapitest.Reply {
		return e.c.Do(httpapitest.Request{Method: http.MethodPost, Path: path, Token: e.officer, Body: body,
			Header: map[string]string{"Idempotency-Key": path + "-1"}})
	}
	r := post("/api/v1/operations/"+e.op.String()+"/action-points", map[string]any{"title": "Deploy ORPs", "owner_component_id": e.hns})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	id := httpapitest.Decode[recorder.Result](t, r).Ref.ID

	r = post("/api/v1/action-points/"+id.String()+"/block", map[string]any{"reason": "no fuel"})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, uint64(2), httpapitest.Decode[recorder.Result](t, r).Version)

	r = post("/api/v1/action-points/"+id.String()+"/block", map[string]any{"id": e.hns, "reason": "x"})
	require.Equal(t, http.StatusBadRequest, r.Status, "%s", r.Body)
	require.Equal(t, "input.path_mismatch", httpapitest.ProblemOf(t, r).Code)

	r = post("/api/v1/action-points/42/block", map[string]any{"reason": "x"})
	require.Equal(t, http.StatusBadRequest, r.Status, "%s", r.Body)
	require.Equal(t, "id", httpapitest.ProblemOf(t, r).Errors[0].Field)

	r = e.c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/operations", Token: e.admin,
		Header: map[string]string{"Idempotency-Key": "open-1"}, Body: map[string]any{"name": "Cyclone",
			"country": "MOZ", "crisis_type": "disaster", "severity": "high", "started_at": "2026-03-01T00:00:00Z"}})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
}
