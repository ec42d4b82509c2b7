package server

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// slowStore holds every append for a while, so a request is still in flight
// when the shutdown starts.
type slowStore struct {
	eventstore.Store
	started chan struct{}
}

func (s slowStore) Append(ctx context.Context, stream string, exp eventstore.ExpectedVersion, evs ...eventstore.EventData) (eventstore.AppendResult, error) {
	close(s.started)
	time.Sleep(300 * time.Millisecond)
	return s.Store.Append(ctx, stream, exp, evs...)
}

func TestShutdownLetsInFlightWritesFinish(t *testing.T) {
	tokens, err := auth.OpenStore(t.TempDir())
	require.NoError(t, err)
	_, admin, err := tokens.Create(auth.Spec{Name: "a", Role: auth.RoleAdmin})
	require.NoError(t, err)
	store := slowStore{Store: memory.New(), started: make(chan struct{})}
	api := httpapi.New(httpapi.Config{Service: recorder.New(store), Store: store, Tokens: tokens})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		served <- serve(ctx, Options{ShutdownTimeout: 5 * time.Second}.withDefaults(), l, api, api.Handler())
	}()

	status := make(chan int, 1)
	go func() { status <- openOperation("http://"+l.Addr().String(), admin) }()
	select {
	case <-store.started:
	case <-time.After(5 * time.Second):
		t.Fatal("the write never reached the store")
	}
	cancel() // SIGTERM while the append is in flight
	require.Equal(t, http.StatusCreated, <-status, "the in-flight write was answered")
	select {
	case err := <-served:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("shutdown did not finish")
	}
}

func openOperation(base, token string) int {
	body := `{"name":"Quake","country":"TUR","crisis_type":"disaster","severity":"high","started_at":"2026-02-06T04:17:00Z"}`
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/commands/operation.open", strings.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", "k")
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}
