package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/api/keyservice/keyservicetest"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// foreignApp is another application on the same KurrentDB, writing its own
// streams (with a prefix of its own) until stopped, plus an operator's
// unmarked test write and a write without any prefix.
func foreignApp(t *testing.T, db *esdbtest.Server) (stop func() int64) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	shop, err := kurrent.Open(ctx, db.ConnString(), kurrent.WithStreamPrefix("shop-"))
	require.NoError(t, err)
	cfg, err := esdb.ParseConnectionString(db.ConnString())
	require.NoError(t, err)
	cfg.Logger = esdb.NoopLogging()
	raw, err := esdb.NewClient(cfg)
	require.NoError(t, err)
	for _, stream := range []string{"operator-test", "orders-1"} {
		_, err := raw.AppendToStream(ctx, stream, esdb.AppendToStreamOptions{}, esdb.EventData{
			EventID: uuid.New(), EventType: "test", ContentType: esdb.ContentTypeJson, Data: []byte(`{"ping":1}`)})
		require.NoError(t, err)
	}
	var written atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ctx.Err() == nil; i++ {
			ev := eventstore.EventData{ID: uuid.New(), Type: "order.placed", Data: []byte(`{"n":1}`)}
			if _, err := shop.Append(ctx, fmt.Sprintf("order-%d", i%5), eventstore.Any(), ev); err == nil {
				written.Add(1)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	return func() int64 {
		cancel()
		<-done
		_ = shop.Close()
		_ = raw.Close()
		return written.Load() + 2
	}
}

func get(t *testing.T, n *node, token, path string) httpapitest.Reply {
	t.Helper()
	return n.c.Do(httpapitest.Request{Method: http.MethodGet, Path: path, Token: token})
}

// TestThreeServersOnOneKurrentDB: three ledger servers on one node serve one
// ledger while another application writes its own streams: writes through
// each read through the others, a token made on one works on the others at
// once, a revocation holds on all within a second, the access log is one
// log, and the foreign events are counted, never breaking the views.
func TestThreeServersOnOneKurrentDB(t *testing.T) {
	db := esdbtest.Start(t, esdbtest.Options{})
	keys := keyservicetest.Start(t, t.TempDir())
	a := startNode(t, db, keys, nil)
	b := startNode(t, db, keys, a)
	c := startNode(t, db, keys, a)
	stopForeign := foreignApp(t, db)

	s := &scenario{versions: map[string]uint64{}, admin: a.admin}
	s.op = s.write(t, a.c, a.admin, "operation.open", map[string]any{"name": "Earthquake response", "country": "TUR",
		"crisis_type": "disaster", "severity": "critical", "started_at": "2026-02-06T04:17:00Z"}, "").Ref.ID
	created := httpapitest.Decode[httpapi.TokenCreated](t, b.c.Do(httpapitest.Request{Method: http.MethodPost,
		Path: "/api/v1/tokens", Token: a.admin, Body: map[string]any{"name": "MCO Antakya", "role": "officer",
			"operations": []uuid.UUID{s.op}}}))
	s.officer = created.Secret
	s.buildOperation(t, c.c) // the officer made on B writes through C at once
	issue := s.write(t, b.c, s.officer, "compliance.report", map[string]any{"operation_id": s.op,
		"subject_component_id": s.hns, "category": "communication_visibility", "summary": "Distribution list not shared",
		"severity": "low", "rule_reference": "Movement communication policy 4.2"}, "")

	nodes := map[string]*node{"a": a, "b": b, "c": c}
	for name, n := range nodes {
		r := get(t, n, s.officer, "/api/v1/records/compliance/"+issue.Ref.ID.String())
		require.Equal(t, http.StatusOK, r.Status, "server %s reads what B wrote: %s", name, r.Body)
		r = get(t, n, s.officer, fmt.Sprintf("/api/v1/operations/%s/action-points?at_least=%d", s.op, s.head))
		require.Equal(t, http.StatusOK, r.Status, "server %s: %s", name, r.Body)
		require.Contains(t, string(r.Body), "Deliver 2,000 family tents", "server %s's views hold what C wrote", name)
	}

	// One access log: the reads above went through three servers.
	reviewer := httpapitest.Decode[httpapi.TokenCreated](t, c.c.Do(httpapitest.Request{Method: http.MethodPost,
		Path: "/api/v1/tokens", Token: a.admin, Body: map[string]any{"name": "Reviewer", "role": "reviewer"}})).Secret
	r := get(t, b, reviewer, "/api/v1/access-log")
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	entries := httpapitest.Decode[httpapi.AccessPage](t, r).Entries
	reads := 0
	for _, e := range entries {
		if strings.Contains(e.Path, issue.Ref.ID.String()) {
			reads++
		}
	}
	require.Equal(t, len(nodes), reads, "every server's confidential read is in the one log: %+v", entries)

	// Revoked on C: refused on A and B within a second.
	r = c.c.Do(httpapitest.Request{Method: http.MethodDelete, Path: "/api/v1/tokens/" + created.Token.ID, Token: a.admin})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	for name, n := range nodes {
		require.Eventually(t, func() bool {
			return get(t, n, s.officer, "/api/v1/me").Status == http.StatusUnauthorized
		}, time.Second, 20*time.Millisecond, "server %s refuses the revoked token within a second", name)
	}

	// The foreign writes: skipped, counted, reported; the views, the
	// readiness and the digest are unaffected.
	foreign := stopForeign()
	for name, n := range nodes {
		var st httpapi.Status
		require.Eventually(t, func() bool {
			r := get(t, n, "", "/readyz")
			require.NoError(t, json.Unmarshal(r.Body, &st))
			return r.Status == http.StatusOK && st.SharedStore != nil && st.SharedStore.ForeignEvents == uint64(foreign)
		}, 5*time.Second, 50*time.Millisecond, "server %s: %+v", name, st)
		var digest httpapitest.Reply
		require.Eventually(t, func() bool {
			digest = get(t, n, reviewer, "/api/v1/integrity/digest")
			return digest.Status == http.StatusOK
		}, 2*server.DefaultCheckpointEvery, 50*time.Millisecond, "server %s: the digest despite foreign events (a checkpoint comes every %v): %s",
			name, server.DefaultCheckpointEvery, digest.Body)
		m := get(t, n, "", "/metrics")
		require.Contains(t, string(m.Body), fmt.Sprintf("ledger_store_foreign_events_total %d", foreign), "server %s", name)
	}

	// A resume position that is no event's: a clear 400, not a loop.
	r = get(t, a, reviewer, fmt.Sprintf("/api/v1/events/live?after=%d", s.head+1))
	require.Equal(t, http.StatusBadRequest, r.Status, "%s", r.Body)
	require.Contains(t, string(r.Body), "after")
}

// `serve --store` on a data directory that does not exist yet: it is made,
// 0700, and the server starts (it holds the key file and the signing key).
func TestServeOnKurrentDBMakesTheDataDirectory(t *testing.T) {
	db := esdbtest.Start(t, esdbtest.Options{})
	dir := filepath.Join(t.TempDir(), "new", "ledger-data")
	r := startWith(t, dir, func(o *server.Options) { o.Store = db.ConnString() })
	require.Equal(t, http.StatusOK, get(t, &node{running: r}, "", "/healthz").Status)
	info, err := os.Stat(dir)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o700), info.Mode().Perm())
}
