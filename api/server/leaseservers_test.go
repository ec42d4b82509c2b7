package server_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/api/keyservice/keyservicetest"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// A short lease and interval, so that a fail-over fits in a test.
const (
	leaseTTL  = 600 * time.Millisecond
	signEvery = 50 * time.Millisecond
)

func leaseNode(t *testing.T, db *esdbtest.Server, keys *keyservicetest.Service, keyPath string, edits ...func(*server.Options)) (*running, string) {
	t.Helper()
	dir := t.TempDir()
	return startWith(t, dir, func(o *server.Options) {
		o.Store, o.Keys, o.KeyPath = db.ConnString(), keystore.RemoteConfig{URL: keys.URL, Token: keys.Token}, keyPath
		o.CheckpointEvery, o.LeaseTTL = signEvery, leaseTTL
		for _, edit := range edits {
			edit(o)
		}
	}), dir
}

// shared is the server's /readyz report of the shared store.
func shared(t *testing.T, r *running) httpapi.SharedStoreStatus {
	t.Helper()
	var st httpapi.Status
	require.NoError(t, json.Unmarshal(r.c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/readyz"}).Body, &st))
	require.NotNil(t, st.SharedStore)
	return *st.SharedStore
}

// signed is how many checkpoints the server says it signed.
func signed(t *testing.T, r *running) int {
	return counter(t, r, "ledger_checkpoints_signed_total")
}

// counter is an unlabelled counter of the server's /metrics.
func counter(t *testing.T, r *running, name string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^` + name + ` (\d+)$`).FindSubmatch(r.c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/metrics"}).Body)
	require.NotNil(t, m, "the metric is there")
	n, err := strconv.Atoi(string(m[1]))
	require.NoError(t, err)
	return n
}

// signerOf finds the server holding the signer lease, once all agree.
func signerOf(t *testing.T, nodes []*running) int {
	t.Helper()
	holder := -1
	require.Eventually(t, func() bool {
		holder = -1
		first := shared(t, nodes[0]).Leases["signer"]
		for i, n := range nodes {
			st := shared(t, n)
			if st.Leases["signer"] != first {
				return false
			}
			if st.Contender == first {
				holder = i
			}
		}
		return holder >= 0
	}, 5*time.Second, 20*time.Millisecond, "the servers agree on one signer")
	return holder
}

func openOperation(t *testing.T, s *scenario, r *running, name string) {
	s.write(t, r.c, s.admin, "operation.open", map[string]any{"name": name, "country": "SDN",
		"crisis_type": "disaster", "severity": "high", "started_at": "2026-02-06T04:17:00Z"}, "")
}

// TestOneServerSignsAtATimeOnKurrentDB: three servers with the ledger's key
// on one node: one signs, the others do not; killed (its lease not
// released), another takes over within a TTL, a renewal period and an
// interval, and the checkpoints of both extend each other. A fourth server
// with another key refuses to sign and says so.
func TestOneServerSignsAtATimeOnKurrentDB(t *testing.T) {
	db := esdbtest.Start(t, esdbtest.Options{})
	keys := keyservicetest.Start(t, t.TempDir())
	keyPath := filepath.Join(t.TempDir(), "ledger-signing.key")
	first, dir := leaseNode(t, db, keys, keyPath)
	nodes := []*running{first}
	for range 2 {
		n, _ := leaseNode(t, db, keys, keyPath)
		nodes = append(nodes, n)
	}
	s := &scenario{versions: map[string]uint64{}, admin: adminToken(t, dir, first.out.String())}
	for i, n := range nodes {
		openOperation(t, s, n, fmt.Sprintf("Floods %d", i))
	}

	h := signerOf(t, nodes)
	require.Eventually(t, func() bool { return signed(t, nodes[h]) > 0 }, 5*time.Second, signEvery, "the lease holder signs")
	for i := range 3 {
		openOperation(t, s, nodes[i], fmt.Sprintf("Drought %d", i))
		time.Sleep(2 * signEvery)
	}
	for i, n := range nodes {
		if i != h {
			require.Zero(t, signed(t, n), "server %d does not hold the signer lease and signs nothing", i)
		}
	}

	key, _, err := verify.LoadOrCreateKey(keyPath)
	require.NoError(t, err)
	v, err := integrity.NewLogVerifier(key.Public().(ed25519.PublicKey))
	require.NoError(t, err)
	store, err := kurrent.Open(context.Background(), db.ConnString())
	require.NoError(t, err)
	defer store.Close()
	before, beforeNote := latest(t, store, v)
	require.Positive(t, before)

	restore := server.KillOnStop()
	require.NoError(t, nodes[h].stop())
	restore()
	killed := time.Now()
	survivors := append(append([]*running{}, nodes[:h]...), nodes[h+1:]...)
	openOperation(t, s, survivors[0], "Cyclone")
	// Worst case: the survivors saw the last renewal up to a look (TTL/10)
	// after it was written, count a TTL from then, look again every TTL/10,
	// and sign at their next interval.
	bound := leaseTTL + 2*(leaseTTL/10) + signEvery
	took := -1
	require.Eventually(t, func() bool {
		for i, n := range survivors {
			if signed(t, n) > 0 {
				took = i
				return true
			}
		}
		return false
	}, bound+250*time.Millisecond, 10*time.Millisecond, "another server signs once the killed one's lease is over")
	t.Logf("fail-over: a survivor signed %v after the signer was killed (TTL %v, looks every %v, interval %v, bound %v)",
		time.Since(killed), leaseTTL, leaseTTL/10, signEvery, bound)
	require.Equal(t, survivors[took], survivors[signerOf(t, survivors)], "the one that signs holds the lease")
	require.Zero(t, signed(t, survivors[1-took]), "the other survivor still signs nothing")

	require.Eventually(t, func() bool { size, _ := latest(t, store, v); return size > before }, 5*time.Second, signEvery,
		"the new signer signs past the killed one's last checkpoint")
	rep, err := verify.Check(context.Background(), store, verify.Options{Verifier: v,
		Checkpoints: []verify.Expect{{Note: beforeNote, Source: "the killed signer's last checkpoint"}}})
	require.NoError(t, err)
	require.Nil(t, rep.Problem, "the killed signer's last checkpoint and the new signer's are of one log, the later extending the earlier")
	require.Equal(t, 2, rep.Checkpoints)

	other, _ := leaseNode(t, db, keys, filepath.Join(t.TempDir(), "another.key"))
	require.Eventually(t, func() bool { return shared(t, other).SigningRefused != "" }, 5*time.Second, 20*time.Millisecond)
	require.Contains(t, shared(t, other).SigningRefused, v.Origin, "it names the ledger's signing identity")
	require.Contains(t, other.out.String(), "level=ERROR")
	require.NotEqual(t, shared(t, other).Contender, shared(t, other).Leases["signer"], "it never holds the signer lease")
	require.Zero(t, signed(t, other))
}

// latest is the ledger's latest checkpoint in the log, and its size.
func latest(t *testing.T, store eventstore.Store, v *integrity.LogVerifier) (uint64, []byte) {
	t.Helper()
	note, ok, err := verify.StreamHistory(store, v.Origin).LatestCheckpoint(context.Background())
	require.NoError(t, err)
	if !ok {
		return 0, nil
	}
	cp, _, err := v.Open(note)
	require.NoError(t, err)
	return cp.Size, note
}

// TestOneServerSendsRemindersAtATimeOnKurrentDB: of two servers with the
// scheduler on, only the reminders lease's holder runs it; killed, the
// other takes the scheduler over.
func TestOneServerSendsRemindersAtATimeOnKurrentDB(t *testing.T) {
	db := esdbtest.Start(t, esdbtest.Options{})
	keys := keyservicetest.Start(t, t.TempDir())
	keyPath := filepath.Join(t.TempDir(), "ledger-signing.key")
	const every = 50 * time.Millisecond
	scheduler := func(o *server.Options) { o.FollowUpEvery, o.DigestAt = every, -1 }
	a, _ := leaseNode(t, db, keys, keyPath, scheduler)
	b, _ := leaseNode(t, db, keys, keyPath, scheduler)
	nodes := []*running{a, b}
	ticks := func(r *running) int { return counter(t, r, "ledger_followup_ticks_total") }

	holder := -1
	require.Eventually(t, func() bool {
		for i, n := range nodes {
			if st := shared(t, n); st.Leases["reminders"] == st.Contender && ticks(n) > 0 {
				holder = i
				return true
			}
		}
		return false
	}, 5*time.Second, 20*time.Millisecond, "the reminders lease's holder runs the scheduler")
	other := nodes[1-holder]
	time.Sleep(5 * every)
	require.Zero(t, ticks(other), "the other server does not run the scheduler")

	restore := server.KillOnStop()
	require.NoError(t, nodes[holder].stop())
	restore()
	require.Eventually(t, func() bool { return ticks(other) > 0 }, leaseTTL+2*(leaseTTL/10)+every+250*time.Millisecond,
		10*time.Millisecond, "the other takes the scheduler over once the killed one's lease is over")
	st := shared(t, other)
	require.Equal(t, st.Contender, st.Leases["reminders"])
}
