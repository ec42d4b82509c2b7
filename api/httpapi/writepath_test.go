package httpapi_test

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// countingStore counts stream reads per stream and can run a hook before the
// first append to a stream (another server's write landing in between).
type countingStore struct {
	eventstore.Store
	mu     sync.Mutex
	reads  map[string]int
	before map[string]func()
}

func newCountingStore(s eventstore.Store) *countingStore {
	return &countingStore{Store: s, reads: map[string]int{}, before: map[string]func(){}}
}

func (c *countingStore) ReadStream(ctx context.Context, stream string, o eventstore.ReadStreamOptions) iter.Seq2[eventstore.RecordedEvent, error] {
	c.mu.Lock()
	c.reads[stream]++
	c.mu.Unlock()
	return c.Store.ReadStream(ctx, stream, o)
}

func (c *countingStore) Append(ctx context.Context, stream string, exp eventstore.ExpectedVersion, evs ...eventstore.EventData) (eventstore.AppendResult, error) {
	c.mu.Lock()
	hook := c.before[stream]
	delete(c.before, stream)
	c.mu.Unlock()
	if hook != nil {
		hook()
	}
	return c.Store.Append(ctx, stream, exp, evs...)
}

func (c *countingStore) readsOf(stream string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads[stream]
}

func (c *countingStore) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reads = map[string]int{}
}

// cluster is several API servers, each with its own application service,
// on one store and one token store: servers on one KurrentDB.
type cluster struct {
	t              *testing.T
	store          eventstore.Store
	tokens         *auth.Store
	servers        []*httpapitest.Client
	admin, officer string
	op, hns        uuid.UUID
}

func newCluster(t *testing.T, stores ...eventstore.Store) *cluster {
	t.Helper()
	tokens, err := auth.OpenStore(t.TempDir())
	require.NoError(t, err)
	c := &cluster{t: t, store: stores[0], tokens: tokens}
	for _, st := range stores {
		srv := httpapi.New(httpapi.Config{Service: recorder.New(st), Store: st, Tokens: tokens, Logger: slog.New(slog.DiscardHandler)})
		ts := httptest.NewServer(srv.Handler())
		t.Cleanup(func() { srv.Closing(); ts.Close() })
		c.servers = append(c.servers, httpapitest.New(t, ts.URL))
	}
	c.admin = c.token(auth.Spec{Name: "admin", Role: auth.RoleAdmin})
	r := c.post(0, c.admin, "operation.open", map[string]any{"name": "Floods", "country": "NPL",
		"crisis_type": "disaster", "started_at": time.Now().Add(-time.Hour).UTC(), "severity": "high"})
	c.op = httpapitest.Decode[recorder.Result](t, r).Ref.ID
	c.officer = c.token(auth.Spec{Name: "mco", Role: auth.RoleOfficer, Operations: []uuid.UUID{c.op}})
	r = c.post(0, c.officer, "component.join", map[string]any{"operation_id": c.op, "name": "Nepal RC", "kind": "HNS"})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	c.hns = httpapitest.Decode[recorder.Result](t, r).Ref.ID
	return c
}

func (c *cluster) token(spec auth.Spec) string {
	_, secret, err := c.tokens.Create(spec)
	require.NoError(c.t, err)
	return secret
}

func (c *cluster) post(server int, token, name string, body map[string]any, headers ...string) httpapitest.Reply {
	h := map[string]string{"Idempotency-Key": uuid.NewString()}
	for i := 0; i+1 < len(headers); i += 2 {
		h[headers[i]] = headers[i+1]
	}
	return c.servers[server].Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/commands/" + name,
		Token: token, Body: body, Header: h})
}

func (c *cluster) raiseAP() uuid.UUID {
	r := c.post(0, c.officer, "actionpoint.raise", map[string]any{"operation_id": c.op, "id": recorder.NewID(),
		"title": "Deploy ORPs", "owner_component_id": c.hns})
	require.Equal(c.t, http.StatusCreated, r.Status, "%s", r.Body)
	return httpapitest.Decode[recorder.Result](c.t, r).Ref.ID
}

// A command through the API reads its record's stream once: the handler
// holds no copy of the record; the service loads, authorises, checks
// If-Match and decides on one read. Cross-record lookups the domain needs
// (here the operation, for report_progress) are counted apart.
func TestAWriteReadsItsRecordOnce(t *testing.T) {
	t.Parallel()
	counting := newCountingStore(memory.New())
	c := newCluster(t, counting)
	id := c.raiseAP()
	stream := "actionpoint-" + id.String()
	opStream := "operation-" + c.op.String()
	cases := []struct{ name, ifMatch string }{
		{"without If-Match", ""},
		{"with If-Match", `"2"`}, // the record's version after the first case
	}
	for i, tc := range cases {
		counting.reset()
		var headers []string
		if tc.ifMatch != "" {
			headers = []string{"If-Match", tc.ifMatch}
		}
		r := c.post(0, c.officer, "actionpoint.report_progress", map[string]any{"id": id, "percent": 10 * (i + 1), "note": "n"}, headers...)
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", tc.name, r.Body)
		require.Equal(t, 1, counting.readsOf(stream), "%s: reads of the record's stream", tc.name)
		require.Equal(t, 1, counting.readsOf(opStream), "%s: the domain's one lookup (the operation)", tc.name)
	}
}

// Two servers on one store: a write lands through server B after server A
// received a request with If-Match: 1 and before A appends. A must refuse
// with 412, not decide again on the new version and overwrite blindly.
func TestIfMatchHoldsAcrossServers(t *testing.T) {
	t.Parallel()
	shared := memory.New()
	serverA := newCountingStore(shared)
	c := newCluster(t, serverA, shared)
	id := c.raiseAP()
	serverA.before["actionpoint-"+id.String()] = func() {
		r := c.post(1, c.officer, "actionpoint.block", map[string]any{"id": id, "reason": "no fuel"}, "If-Match", `"1"`)
		require.Equal(t, http.StatusOK, r.Status, "server B: %s", r.Body)
	}
	r := c.post(0, c.officer, "actionpoint.report_progress", map[string]any{"id": id, "percent": 40, "note": "n"}, "If-Match", `"1"`)
	require.Equal(t, http.StatusPreconditionFailed, r.Status, "%s", r.Body)
	p := httpapitest.ProblemOf(t, r)
	require.Equal(t, "record.version_mismatch", p.Code)
	require.Contains(t, p.Detail, "version 2")
}

// A principal outside the record's operation learns nothing from If-Match:
// the answer is the same as without the header, not a 412 giving the version.
func TestAuthorisationComesBeforeIfMatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.raiseAP("Deploy ORPs")
	body := map[string]any{"id": id, "percent": 10, "note": "n"}
	without := e.cmd(e.stranger, "actionpoint.report_progress", body)
	require.GreaterOrEqual(t, without.Status, 400)
	for _, ifMatch := range []string{`"1"`, `"7"`} {
		with := e.cmd(e.stranger, "actionpoint.report_progress", body, "If-Match", ifMatch)
		require.Equal(t, without.Status, with.Status, "If-Match %s: %s", ifMatch, with.Body)
		require.Equal(t, httpapitest.ProblemOf(t, without).Code, httpapitest.ProblemOf(t, with).Code)
	}
}

// The same key with another body is refused with 422 naming the first
// request's record; nothing is written.
func TestKeyReusedWithAnotherBodyIs422(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first := e.cmd(e.officer, "actionpoint.raise", map[string]any{"operation_id": e.op, "title": "Water trucking",
		"owner_component_id": e.hns}, "Idempotency-Key", "raise-water")
	require.Equal(t, http.StatusCreated, first.Status, "%s", first.Body)
	ref := httpapitest.Decode[recorder.Result](t, first).Ref
	again := e.cmd(e.officer, "actionpoint.raise", map[string]any{"operation_id": e.op, "title": "Water trucking to camp B",
		"owner_component_id": e.hns}, "Idempotency-Key", "raise-water")
	require.Equal(t, http.StatusUnprocessableEntity, again.Status, "%s", again.Body)
	p := httpapitest.ProblemOf(t, again)
	require.Equal(t, "idempotency.key_reused", p.Code)
	require.True(t, strings.Contains(p.Detail, ref.ID.String()), "names the first record: %s", p.Detail)
}

// A natural key used in two operations by one officer creates a record in
// each, over HTTP too.
func TestNaturalKeyInTwoOperationsOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	both := e.token(auth.Spec{Name: "regional mco", Role: auth.RoleOfficer, Operations: []uuid.UUID{e.op, e.otherOp}})
	refs := map[uuid.UUID]bool{}
	for _, op := range []uuid.UUID{e.op, e.otherOp} {
		r := e.cmd(both, "component.join", map[string]any{"operation_id": op, "name": "Norwegian RC", "kind": "PNS"},
			"Idempotency-Key", "join-nrcs")
		require.Equal(t, http.StatusCreated, r.Status, "operation %s: %s", op, r.Body)
		refs[httpapitest.Decode[recorder.Result](t, r).Ref.ID] = true
	}
	require.Len(t, refs, 2)
}

// A write to a record outside the principal's operations is answered as one
// to a record that does not exist, so ids cannot be probed by writing.
func TestWritesCannotProbeForRecordsOutOfReach(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	existing := e.raiseAP("Deploy ORPs")
	for _, id := range []uuid.UUID{existing, uuid.New()} {
		r := e.cmd(e.stranger, "actionpoint.report_progress", map[string]any{"id": id, "percent": 10, "note": "n"})
		require.Equal(t, http.StatusNotFound, r.Status, "%s: %s", id, r.Body)
		p := httpapitest.ProblemOf(t, r)
		require.Equal(t, "record.not_found", p.Code)
		require.Equal(t, fmt.Sprintf("no actionpoint has id %s", id), p.Detail)
	}
}
