package server_test

import (
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/api/witness"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// TestTheServerGetsItsCheckpointsWitnessed: the server pushes each new
// checkpoint to its witness with a consistency proof; the cosigned note is
// served, kept beside the log, and carried by review bundles.
func TestTheServerGetsItsCheckpointsWitnessed(t *testing.T) {
	dir := t.TempDir()
	// The ledger's key must exist before the witness can be told it.
	key, _, err := verify.LoadOrCreateKey(filepath.Join(dir, verify.KeyFileName))
	require.NoError(t, err)
	lv, err := integrity.NewLogVerifier(key.Public().(ed25519.PublicKey))
	require.NoError(t, err)
	skey, _, err := witness.LoadOrCreateKey(t.TempDir(), "reviewers.example/witness")
	require.NoError(t, err)
	w, err := witness.Open(t.TempDir(), skey, lv)
	require.NoError(t, err)
	ws := httptest.NewServer(w.Handler())
	defer ws.Close()
	wv, err := witness.NewVerifier(w.Key)
	require.NoError(t, err)

	srv := startWith(t, dir, func(o *server.Options) {
		o.Witnesses, o.WitnessEvery = []string{ws.URL}, 20*time.Millisecond
	})
	s := &scenario{versions: map[string]uint64{}}
	s.admin = adminToken(t, dir, srv.out.String())
	reviewer := token(t, srv.c, s.admin, "reviewer", nil)
	for _, name := range []string{"Floods", "Drought"} {
		res := s.write(t, srv.c, s.admin, "operation.open", map[string]any{"name": name, "country": "SDN",
			"crisis_type": "disaster", "severity": "high", "started_at": "2026-02-06T04:17:00Z"}, "")
		s.op = res.Ref.ID
		require.Eventually(t, func() bool {
			view := currentCheckpoint(t, srv.c, reviewer, s.head)
			cp, _, err := lv.Open([]byte(view.Cosigned), wv)
			return err == nil && cp.Size >= s.head
		}, 5*time.Second, 20*time.Millisecond, "the witness cosigns each new checkpoint, the second with a consistency proof")
	}
	view := currentCheckpoint(t, srv.c, reviewer, s.head)
	_, err = verify.OpenCosigned([]byte(view.Cosigned), lv, wv)
	require.NoError(t, err)
	require.Equal(t, base64.StdEncoding.EncodeToString(lv.Public), view.PublicKey)

	r := srv.c.Do(httpapitest.Request{Method: http.MethodGet, Token: reviewer, Path: "/api/v1/operations/" + s.op.String() + "/bundle"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	bundle := httpapitest.Decode[verify.Bundle](t, r)
	require.NotEmpty(t, bundle.Events)
	require.NoError(t, verify.VerifyBundle(bundle, lv, wv), "the bundle carries the witness's cosignature")

	kept, err := os.ReadFile(filepath.Join(dir, server.WitnessedFileName))
	require.NoError(t, err)
	_, err = verify.OpenCosigned(kept, lv, wv)
	require.NoError(t, err, "the cosigned checkpoint is kept beside the log")
}
