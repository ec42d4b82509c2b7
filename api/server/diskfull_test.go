package server_test

import (
	"net/http"
	"os"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/tinydisk"
)

// TestAFullDiskIsA507ThatNothingIsLostBy: with the data directory on a full
// disk, a write to the log and a write that needs a new personal key both
// answer 507 storage.full in words an officer can pass on; what was written
// before stays, and once space is freed the same requests succeed.
func TestAFullDiskIsA507ThatNothingIsLostBy(t *testing.T) {
	dir := tinydisk.Mount(t, "4m")
	srv := start(t, dir)
	s := &scenario{versions: map[string]uint64{}}
	s.admin = adminToken(t, dir, srv.out.String())
	c := srv.c
	openOp := map[string]any{"name": "Earthquake response", "country": "TUR",
		"crisis_type": "disaster", "severity": "critical", "started_at": "2026-02-06T04:17:00Z"}
	s.op = s.write(t, c, s.admin, "operation.open", openOp, "").Ref.ID
	s.officer = httpapitest.Decode[httpapi.TokenCreated](t, c.Do(httpapitest.Request{Method: http.MethodPost,
		Path: "/api/v1/tokens", Token: s.admin, Body: map[string]any{"name": "MCO Antakya", "role": "officer",
			"operations": []uuid.UUID{s.op}}})).Secret
	hns := s.write(t, c, s.officer, "component.join", map[string]any{"operation_id": s.op, "name": "Turkish Red Crescent",
		"kind": "HNS"}, "").Ref.ID
	contact := map[string]any{"operation_id": s.op, "given_name": "Leyla", "family_name": "Kaya",
		"email": "leyla.kaya@example.org", "person_id": uuid.New(), "component_id": hns}

	filler := tinydisk.Fill(t, dir)
	requests := []struct {
		name, token string
		body        map[string]any
	}{
		{"operation.open", s.admin, map[string]any{"name": "Floods response", "country": "PAK", "crisis_type": "disaster",
			"severity": "high", "started_at": "2026-03-01T00:00:00Z"}}, // the log
		{"contact.add", s.officer, contact}, // a new person's key first
	}
	for _, req := range requests {
		key := uuid.NewString()
		r := c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/commands/" + req.name, Token: req.token,
			Body: req.body, Header: map[string]string{"Idempotency-Key": key}})
		require.Equal(t, http.StatusInsufficientStorage, r.Status, "%s: %s", req.name, r.Body)
		p := httpapitest.ProblemOf(t, r)
		require.Equal(t, "storage.full", p.Code)
		require.Contains(t, p.Detail, "disk is full")
		require.Contains(t, p.Detail, "nothing of this request was recorded")
		require.Contains(t, p.Detail, "administrator")
		defer func() {
			// Once space is freed, the same request succeeds: it was not half done.
			r := c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/commands/" + req.name, Token: req.token,
				Body: req.body, Header: map[string]string{"Idempotency-Key": key}})
			require.Equal(t, http.StatusCreated, r.Status, "%s after freeing space: %s", req.name, r.Body)
		}()
	}
	r := c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/api/v1/records/operation/" + s.op.String(), Token: s.admin})
	require.Equal(t, http.StatusOK, r.Status, "what was written before is still there: %s", r.Body)
	require.NoError(t, os.Remove(filler))
}
