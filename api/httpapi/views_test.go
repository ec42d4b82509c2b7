package httpapi_test

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// fakeViews is a runner whose catch-up the test controls.
type fakeViews struct{ lag atomic.Uint64 }

func (f *fakeViews) Ready() bool     { return f.lag.Load() == 0 }
func (f *fakeViews) NoteHead(uint64) {}
func (f *fakeViews) Status() []httpapi.ViewStatus {
	return []httpapi.ViewStatus{{Name: "registers", State: "ok", Position: 10, Head: 10 + f.lag.Load(), Lag: f.lag.Load()}}
}

func TestReadinessWaitsForViewsAndReportsLag(t *testing.T) {
	t.Parallel()
	tokens, err := auth.OpenStore(t.TempDir())
	require.NoError(t, err)
	store, views := memory.New(), &fakeViews{}
	srv := httpapi.New(httpapi.Config{Service: recorder.New(store), Store: store, Tokens: tokens, Views: views})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	c := httpapitest.New(t, ts.URL)

	views.lag.Store(7)
	r := c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/readyz"})
	require.Equal(t, http.StatusServiceUnavailable, r.Status)
	st := httpapitest.Decode[httpapi.Status](t, r)
	require.Equal(t, "catching_up", st.Status)
	require.Equal(t, uint64(7), st.Views[0].Lag)
	metrics := string(c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/metrics"}).Body)
	require.Contains(t, metrics, `ledger_view_lag_events{view="registers"} 7`)

	views.lag.Store(0)
	r = c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/readyz"})
	require.Equal(t, http.StatusOK, r.Status)
	require.Equal(t, "ready", httpapitest.Decode[httpapi.Status](t, r).Status)
}
