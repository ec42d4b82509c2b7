package httpapi_test

import (
	"context"
	"iter"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	require.Equal(t, "ok", httpapitest.Decode[httpapi.Status](t, e.get("", "/healthz")).Status)
	require.Equal(t, "ready", httpapitest.Decode[httpapi.Status](t, e.get("", "/readyz")).Status)
}

// downStore fails every read, as an unreachable KurrentDB would.
type downStore struct{ eventstore.Store }

func (downStore) ReadAll(context.Context, uint64, int) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		yield(eventstore.RecordedEvent{}, eventstore.ErrUnavailable)
	}
}

func TestReadinessFailsWhenTheStoreIsDown(t *testing.T) {
	t.Parallel()
	tokens, err := auth.OpenStore(t.TempDir())
	require.NoError(t, err)
	store := downStore{memory.New()}
	srv := httpapi.New(httpapi.Config{Service: recorder.New(store), Store: store, Tokens: tokens})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	r := httpapitest.New(t, ts.URL).Do(httpapitest.Request{Method: http.MethodGet, Path: "/readyz"})
	require.Equal(t, http.StatusServiceUnavailable, r.Status)
}

func TestMetricsCountRequestsAndAppends(t *testing.T) {
	t.Parallel()
	tokens, err := auth.OpenStore(t.TempDir())
	require.NoError(t, err)
	_, admin, err := tokens.Create(auth.Spec{Name: "a", Role: auth.RoleAdmin})
	require.NoError(t, err)
	store, metrics := memory.New(), httpapi.NewMetrics()
	srv := httpapi.New(httpapi.Config{Service: recorder.New(metrics.InstrumentStore(store)), Store: store,
		Tokens: tokens, Metrics: metrics})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	c := httpapitest.New(t, ts.URL)
	c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: admin})
	c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/commands/operation.open", Token: admin,
		Header: map[string]string{"Idempotency-Key": "k"}, Body: map[string]any{"name": "Quake", "country": "TUR",
			"crisis_type": "disaster", "severity": "high", "started_at": "2026-02-06T04:17:00Z"}})

	body := string(c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/metrics"}).Body)
	require.Contains(t, body, `ledger_http_requests_total{method="GET",route="/api/v1/me",status="200"} 1`)
	require.Contains(t, body, `ledger_http_requests_total{method="POST",route="/api/v1/commands/:name",status="201"} 1`)
	require.Contains(t, body, `ledger_store_append_duration_seconds_count{outcome="ok"} 1`)
	require.Contains(t, body, `ledger_commands_total{command="operation.open",outcome="ok"} 1`)
	require.True(t, strings.Contains(body, "ledger_http_request_duration_seconds_bucket"))
}
