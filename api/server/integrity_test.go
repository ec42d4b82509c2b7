package server_test

import (
	"context"
	"database/sql"
	"encoding/base64"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// TestReviewersCheckTheRecordOverHTTP: a reviewer takes the server's signed
// checkpoint, a proof for one event, a consistency proof from a checkpoint
// kept earlier and an operation's bundle, and checks each offline with
// nothing but the public key; an officer gets no proofs.
func TestReviewersCheckTheRecordOverHTTP(t *testing.T) {
	dir := t.TempDir()
	srv := startWith(t, dir, nil)
	s := &scenario{versions: map[string]uint64{}}
	s.admin = adminToken(t, dir, srv.out.String())
	c := srv.c
	opened := s.write(t, c, s.admin, "operation.open", map[string]any{"name": "Earthquake response", "country": "TUR",
		"crisis_type": "disaster", "severity": "critical", "started_at": "2026-02-06T04:17:00Z"}, "")
	s.op = opened.Ref.ID
	reviewer := token(t, c, s.admin, "reviewer", nil)
	officer := token(t, c, s.admin, "officer", []uuid.UUID{s.op})
	early := currentCheckpoint(t, c, officer, s.head)
	s.write(t, c, officer, "component.join", map[string]any{"operation_id": s.op, "name": "Turkish Red Crescent", "kind": "HNS"}, "")

	view := currentCheckpoint(t, c, officer, s.head)
	pub, err := base64.StdEncoding.DecodeString(view.PublicKey)
	require.NoError(t, err)
	v, err := integrity.NewLogVerifier(pub)
	require.NoError(t, err)
	cp, _, err := v.Open([]byte(view.Checkpoint))
	require.NoError(t, err, "the checkpoint is a note signed with the public key")
	require.Equal(t, view.Size, cp.Size)

	r := c.Do(httpapitest.Request{Method: http.MethodGet, Token: reviewer,
		Path: "/api/v1/integrity/proof?stream=" + opened.Stream + "&version=1"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	p := httpapitest.Decode[httpapi.ProvenEvent](t, r)
	leaf := func(data []byte) integrity.Hash {
		var x integrity.Hasher
		ev := integrity.Event{Stream: p.Stream, Version: p.Version, ID: p.ID, Type: p.Type, Data: data, Metadata: p.Metadata}
		s, err := x.Open(&ev)
		if err != nil {
			return integrity.Hash{}
		}
		return integrity.LeafHash(s.Hash)
	}
	proved, _, err := v.Open([]byte(p.Checkpoint))
	require.NoError(t, err)
	require.NoError(t, integrity.VerifyInclusion(p.Index, proved.Size, leaf(p.Data), p.Proof, proved.Root), "the proof checks offline")
	altered := append([]byte(nil), p.Data...)
	altered[len(altered)/2] ^= 1
	require.Error(t, integrity.VerifyInclusion(p.Index, proved.Size, leaf(altered), p.Proof, proved.Root), "an altered event fails")

	r = c.Do(httpapitest.Request{Method: http.MethodGet, Token: officer,
		Path: "/api/v1/integrity/consistency?from=" + strconv.FormatUint(early.Size, 10)})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	cons := httpapitest.Decode[httpapi.ConsistencyView](t, r)
	later, _, err := v.Open([]byte(cons.Checkpoint))
	require.NoError(t, err)
	require.NoError(t, integrity.VerifyConsistency(early.Size, later.Size, cons.Proof, early.Root, later.Root),
		"the checkpoint kept earlier is a prefix of today's")

	denied := c.Do(httpapitest.Request{Method: http.MethodGet, Token: officer,
		Path: "/api/v1/integrity/proof?stream=" + opened.Stream + "&version=1"})
	require.Equal(t, http.StatusForbidden, denied.Status)

	r = c.Do(httpapitest.Request{Method: http.MethodGet, Token: reviewer, Path: "/api/v1/operations/" + s.op.String() + "/bundle"})
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	bundle := httpapitest.Decode[verify.Bundle](t, r)
	require.Len(t, bundle.Events, 2)
	require.NoError(t, verify.VerifyBundle(bundle, v))
}

func token(t *testing.T, c *httpapitest.Client, admin, role string, ops []uuid.UUID) string {
	t.Helper()
	r := c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/tokens", Token: admin,
		Body: map[string]any{"name": role + " for the test", "role": role, "operations": ops}})
	require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
	return httpapitest.Decode[httpapi.TokenCreated](t, r).Secret
}

// currentCheckpoint waits until the server has checked the log up to head.
func currentCheckpoint(t *testing.T, c *httpapitest.Client, tok string, head uint64) httpapi.CheckpointView {
	t.Helper()
	var v httpapi.CheckpointView
	require.Eventually(t, func() bool {
		r := c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/api/v1/integrity/digest", Token: tok})
		if r.Status != http.StatusOK {
			return false
		}
		v = httpapitest.Decode[httpapi.CheckpointView](t, r)
		return v.Size >= head
	}, 5*time.Second, 10*time.Millisecond)
	return v
}

// TestABrokenLogStopsWritesNotReads: a payload edited on disk passes the
// start-up check (it reads no event); the follower finds it, and the server
// then refuses writes (503 integrity.broken), reports it on /readyz and in
// /metrics, logs it at ERROR, and keeps serving reads with a warning.
func TestABrokenLogStopsWritesNotReads(t *testing.T) {
	dir := t.TempDir()
	srv := startWith(t, dir, nil)
	s := &scenario{versions: map[string]uint64{}}
	s.admin = adminToken(t, dir, srv.out.String())
	opened := s.write(t, srv.c, s.admin, "operation.open", map[string]any{"name": "Floods", "country": "SDN",
		"crisis_type": "disaster", "severity": "high", "started_at": "2026-02-06T04:17:00Z"}, "")
	require.NoError(t, srv.stop())

	db, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName))
	require.NoError(t, err)
	_, err = db.Exec("UPDATE events SET data = replace(data, 'Floods', 'Flooda') WHERE position = ?", opened.Position)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	srv = startWith(t, dir, nil)
	c := srv.c
	require.Eventually(t, func() bool {
		return c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/readyz"}).Status == http.StatusServiceUnavailable
	}, 5*time.Second, 10*time.Millisecond)
	ready := httpapitest.Decode[httpapi.Status](t, c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/readyz"}))
	require.Equal(t, "integrity_broken", ready.Status)
	require.Contains(t, ready.Integrity, "event hash does not match")

	r := c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/commands/operation.open", Token: s.admin,
		Body: map[string]any{"name": "Another", "country": "SDN", "crisis_type": "disaster", "severity": "high",
			"started_at": "2026-02-06T04:17:00Z"}, Header: map[string]string{"Idempotency-Key": uuid.NewString()}})
	require.Equal(t, http.StatusServiceUnavailable, r.Status, string(r.Body))
	require.Equal(t, "integrity.broken", httpapitest.Decode[httpapi.Problem](t, r).Code)

	read := c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: s.admin})
	require.Equal(t, http.StatusOK, read.Status, "reads go on")
	require.Contains(t, read.Header.Get("Warning"), "integrity")

	metrics := c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/metrics"})
	require.Contains(t, string(metrics.Body), "ledger_integrity_broken 1")
	require.Contains(t, srv.out.String(), "level=ERROR")
}

// TestServeRefusesALogItCannotVouchFor: a rolled back log and a missing
// signing key stop the start with a message naming the way out.
func TestServeRefusesALogItCannotVouchFor(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(t *testing.T, dir string)
		want   error
	}{
		{"ledger.db deleted", func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, sqlite.FileName)))
		}, sqlite.ErrRollback},
		{"signing key deleted", func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, verify.KeyFileName)))
		}, server.ErrMissingKey},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			srv := startWith(t, dir, nil)
			s := &scenario{versions: map[string]uint64{}}
			s.admin = adminToken(t, dir, srv.out.String())
			s.write(t, srv.c, s.admin, "operation.open", map[string]any{"name": "Floods", "country": "SDN",
				"crisis_type": "disaster", "severity": "high", "started_at": "2026-02-06T04:17:00Z"}, "")
			require.NoError(t, srv.stop())
			c.tamper(t, dir)
			err := server.Run(context.Background(), server.Options{Addr: "127.0.0.1:0", DataDir: dir})
			require.ErrorIs(t, err, c.want)
			require.Contains(t, err.Error(), "ledger recover")
			_, statErr := os.Stat(filepath.Join(dir, verify.KeyFileName))
			require.Equal(t, c.want != server.ErrMissingKey, statErr == nil, "a missing key is never replaced")
		})
	}
}

// TestARewriteTheChainsMissStopsTheServerToo: two streams' events swapped
// in global order leave every chain intact; the running server's
// recomputed tree no longer gives the signed root, and it stops writes.
func TestARewriteTheChainsMissStopsTheServerToo(t *testing.T) {
	dir := t.TempDir()
	srv := startWith(t, dir, nil)
	s := &scenario{versions: map[string]uint64{}}
	s.admin = adminToken(t, dir, srv.out.String())
	var positions []uint64
	for _, name := range []string{"Floods", "Drought"} {
		res := s.write(t, srv.c, s.admin, "operation.open", map[string]any{"name": name, "country": "SDN",
			"crisis_type": "disaster", "severity": "high", "started_at": "2026-02-06T04:17:00Z"}, "")
		positions = append(positions, res.Position)
	}
	require.NoError(t, srv.stop())

	db, err := sql.Open("sqlite", filepath.Join(dir, sqlite.FileName))
	require.NoError(t, err)
	_, err = db.Exec("UPDATE events SET position = -1 WHERE position = ?", positions[0])
	require.NoError(t, err)
	_, err = db.Exec("UPDATE events SET position = ? WHERE position = ?", positions[0], positions[1])
	require.NoError(t, err)
	_, err = db.Exec("UPDATE events SET position = ? WHERE position = -1", positions[1])
	require.NoError(t, err)
	require.NoError(t, db.Close())

	srv = startWith(t, dir, nil)
	require.Eventually(t, func() bool {
		return srv.c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/readyz"}).Status == http.StatusServiceUnavailable
	}, 5*time.Second, 10*time.Millisecond, "the start-up check passes (same count); the follower finds it")
	ready := httpapitest.Decode[httpapi.Status](t, srv.c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/readyz"}))
	require.Contains(t, ready.Integrity, "do not give the signed root")
}
