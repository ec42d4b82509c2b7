package server_test

import (
	"crypto/ed25519"
	"encoding/base64"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/domain/integrity"
)

// TestAnEmptyLedgerHasTheEmptyTreesCheckpoint: before the first write, the
// digest route answers 200 with the signed checkpoint of the empty tree
// (size 0, RFC 6962's empty root), not a 503 that lasts until a write.
func TestAnEmptyLedgerHasTheEmptyTreesCheckpoint(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv := start(t, dir)
	admin := adminToken(t, dir, srv.out.String())

	r := srv.c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/api/v1/integrity/digest", Token: admin})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	view := httpapitest.Decode[httpapi.CheckpointView](t, r)
	require.Zero(t, view.Size)
	require.Equal(t, integrity.EmptyRoot(), view.Root)

	pub, err := base64.StdEncoding.DecodeString(view.PublicKey)
	require.NoError(t, err)
	v, err := integrity.NewLogVerifier(ed25519.PublicKey(pub))
	require.NoError(t, err)
	cp, _, err := v.Open([]byte(view.Checkpoint))
	require.NoError(t, err, "the checkpoint is signed by the server's key")
	require.Zero(t, cp.Size)
	require.Equal(t, integrity.EmptyRoot(), cp.Root)
}
