package server_test

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// TestCheckpointsLiveInALedgerStreamOnKurrentDB: a server on KurrentDB
// signs checkpoints of the tree it recomputed into the log; events other
// applications write to the node are not part of the ledger's log and do
// not break it; verify checks the log against those checkpoints.
func TestCheckpointsLiveInALedgerStreamOnKurrentDB(t *testing.T) {
	db := esdbtest.Start(t, esdbtest.Options{})
	dir := t.TempDir()
	srv := startWith(t, dir, func(o *server.Options) {
		o.Store, o.CheckpointEvery = db.ConnString(), 30*time.Millisecond
	})
	s := &scenario{versions: map[string]uint64{}}
	s.admin = adminToken(t, dir, srv.out.String())
	reviewer := token(t, srv.c, s.admin, "reviewer", nil)
	res := s.write(t, srv.c, s.admin, "operation.open", map[string]any{"name": "Floods", "country": "SDN",
		"crisis_type": "disaster", "severity": "high", "started_at": "2026-02-06T04:17:00Z"}, "")
	s.op = res.Ref.ID
	foreignAppend(t, db)
	s.write(t, srv.c, s.admin, "operation.open", map[string]any{"name": "Drought", "country": "SDN",
		"crisis_type": "disaster", "severity": "high", "started_at": "2026-02-06T04:17:00Z"}, "")

	var view struct {
		Checkpoint, PublicKey string
		Size                  uint64
	}
	require.Eventually(t, func() bool {
		r := srv.c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/api/v1/integrity/digest", Token: reviewer})
		if r.Status != http.StatusOK {
			return false
		}
		v := httpapitest.Decode[map[string]any](t, r)
		view.Checkpoint, _ = v["checkpoint"].(string)
		view.PublicKey, _ = v["public_key"].(string)
		size, _ := v["size"].(float64)
		view.Size = uint64(size)
		return view.Size >= 2
	}, 5*time.Second, 20*time.Millisecond, "the server signs a checkpoint of both operations")
	pub, err := base64.StdEncoding.DecodeString(view.PublicKey)
	require.NoError(t, err)
	v, err := integrity.NewLogVerifier(ed25519.PublicKey(pub))
	require.NoError(t, err)
	_, _, err = v.Open([]byte(view.Checkpoint))
	require.NoError(t, err)

	r := srv.c.Do(httpapitest.Request{Method: http.MethodGet, Token: reviewer, Path: "/api/v1/operations/" + s.op.String() + "/bundle"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.NoError(t, verify.VerifyBundle(httpapitest.Decode[verify.Bundle](t, r), v))
	require.NoError(t, srv.stop())

	store, err := kurrent.Open(context.Background(), db.ConnString())
	require.NoError(t, err)
	defer store.Close()
	rep, err := verify.Check(context.Background(), store, verify.Options{Verifier: v})
	require.NoError(t, err)
	require.Nil(t, rep.Problem, "the foreign event is not the ledger's and breaks nothing")
	require.Positive(t, rep.Checkpoints, "the checkpoints recorded in the log are checked")
}

// foreignAppend writes an event with the bare client, as another
// application sharing the node would.
func foreignAppend(t *testing.T, db *esdbtest.Server) {
	t.Helper()
	cfg, err := esdb.ParseConnectionString(db.ConnString())
	require.NoError(t, err)
	cfg.Logger = esdb.NoopLogging()
	c, err := esdb.NewClient(cfg)
	require.NoError(t, err)
	defer c.Close()
	_, err = c.AppendToStream(context.Background(), "orders-42", esdb.AppendToStreamOptions{}, esdb.EventData{
		EventID: uuid.New(), EventType: "order.placed", ContentType: esdb.ContentTypeJson, Data: []byte(`{"n":1}`)})
	require.NoError(t, err)
}
