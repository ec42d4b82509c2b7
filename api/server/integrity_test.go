package server_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/api/verify"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

// TestReviewersCheckTheRecordOverHTTP: a reviewer takes the server's signed
// digest, a proof for one event and an operation's bundle, and checks each
// offline with nothing but the public key; an officer gets no proofs; the
// server records signed digests in its own log while the views stay ready.
func TestReviewersCheckTheRecordOverHTTP(t *testing.T) {
	dir := t.TempDir()
	srv := startWith(t, dir, func(o *server.Options) { o.DigestEvery = 50 * time.Millisecond })
	s := &scenario{versions: map[string]uint64{}}
	s.admin = adminToken(t, dir, srv.out.String())
	c := srv.c
	opened := s.write(t, c, s.admin, "operation.open", map[string]any{"name": "Earthquake response", "country": "TUR",
		"crisis_type": "disaster", "severity": "critical", "started_at": "2026-02-06T04:17:00Z"}, "")
	s.op = opened.Ref.ID
	reviewer := token(t, c, s.admin, "reviewer", nil)
	officer := token(t, c, s.admin, "officer", []uuid.UUID{s.op})
	s.write(t, c, officer, "component.join", map[string]any{"operation_id": s.op, "name": "Turkish Red Crescent", "kind": "HNS"}, "")

	digest := currentDigest(t, c, officer, s.head)
	pub, err := base64.StdEncoding.DecodeString(digest.PublicKey)
	require.NoError(t, err)

	r := c.Do(httpapitest.Request{Method: http.MethodGet, Token: reviewer,
		Path: "/api/v1/integrity/proof?stream=" + opened.Stream + "&version=1"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	p := httpapitest.Decode[httpapi.ProvenEvent](t, r)
	ev := integrity.Event{Stream: p.Stream, Version: p.Version, ID: p.ID, Type: p.Type, Data: p.Data, Metadata: p.Metadata}
	require.NoError(t, integrity.VerifyProof(ev, p.Proof, p.Digest, pub), "the proof checks offline")
	ev.Data = append([]byte(nil), p.Data...)
	ev.Data[len(ev.Data)/2] ^= 1
	require.Error(t, integrity.VerifyProof(ev, p.Proof, p.Digest, pub), "an altered event fails the same proof")

	denied := c.Do(httpapitest.Request{Method: http.MethodGet, Token: officer,
		Path: "/api/v1/integrity/proof?stream=" + opened.Stream + "&version=1"})
	require.Equal(t, http.StatusForbidden, denied.Status)

	r = c.Do(httpapitest.Request{Method: http.MethodGet, Token: reviewer, Path: "/api/v1/operations/" + s.op.String() + "/bundle"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	bundle := httpapitest.Decode[verify.Bundle](t, r)
	require.Len(t, bundle.Events, 2)
	require.NoError(t, verify.VerifyBundle(bundle, pub))

	require.Eventually(t, func() bool { return c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/readyz"}).Status == 200 },
		5*time.Second, 20*time.Millisecond, "digests recorded in the log leave the views ready")
	require.Eventually(t, func() bool {
		r := c.Do(httpapitest.Request{Method: http.MethodGet, Token: reviewer,
			Path: "/api/v1/audit?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"})
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		for _, rec := range httpapitest.Decode[httpapi.AuditPage](t, r).Records {
			if rec.Type == integrity.DigestEventType {
				return true
			}
		}
		return false
	}, 5*time.Second, 20*time.Millisecond, "the server records a signed digest in its log, listed by the audit trail")
	require.NoError(t, srv.stop())
	requireDigestRecorded(t, dir)
}

func token(t *testing.T, c *httpapitest.Client, admin, role string, ops []uuid.UUID) string {
	t.Helper()
	r := c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/tokens", Token: admin,
		Body: map[string]any{"name": role + " for the test", "role": role, "operations": ops}})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	return httpapitest.Decode[httpapi.TokenCreated](t, r).Secret
}

// currentDigest waits until the server has checked the log up to head.
func currentDigest(t *testing.T, c *httpapitest.Client, tok string, head uint64) httpapi.DigestView {
	t.Helper()
	var d httpapi.DigestView
	require.Eventually(t, func() bool {
		r := c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/api/v1/integrity/digest", Token: tok})
		if r.Status != http.StatusOK {
			return false
		}
		d = httpapitest.Decode[httpapi.DigestView](t, r)
		return d.Digest.Position >= head
	}, 5*time.Second, 10*time.Millisecond)
	return d
}

func requireDigestRecorded(t *testing.T, dir string) {
	t.Helper()
	store, err := sqlite.Open(context.Background(), dir)
	require.NoError(t, err)
	defer store.Close()
	n := 0
	for ev, err := range store.ReadStream(context.Background(), integrity.DigestStream, eventstore.ReadStreamOptions{}) {
		require.NoError(t, err)
		require.Equal(t, integrity.DigestEventType, ev.Type)
		n++
	}
	require.Positive(t, n, "the server recorded signed digests in its log")
}
