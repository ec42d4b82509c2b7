package kurrent_test

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
	"github.com/movementcoord/ledger/eventstore/storetest"
)

// testTimeout bounds every test here; none should come near it.
const testTimeout = 30 * time.Second

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// fastRetry keeps fault tests short: resubscribe quickly after a drop.
var fastRetry = kurrent.WithResubscribeBackoff(20*time.Millisecond, 200*time.Millisecond)

func openStore(t *testing.T, connString string, opts ...kurrent.Option) *kurrent.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := kurrent.Open(ctx, connString, append([]kurrent.Option{fastRetry}, opts...)...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// rawClient is the bare esdb client on the same server, used to show each
// trap the adapter works around and to look behind the adapter.
func rawClient(t *testing.T, srv *esdbtest.Server) *esdb.Client {
	t.Helper()
	cfg, err := esdb.ParseConnectionString(srv.ConnString())
	require.NoError(t, err)
	cfg.Logger = esdb.NoopLogging()
	c, err := esdb.NewClient(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// The suite's helpers, under the short names these tests use.
var (
	events  = storetest.NewEvents
	ids     = storetest.IDs
	dataIDs = storetest.DataIDs
)

func streamName(prefix string) string { return prefix + "-" + uuid.NewString() }

func readAll(t *testing.T, ctx context.Context, s eventstore.Store, after uint64) []eventstore.RecordedEvent {
	t.Helper()
	return storetest.ReadAllEvents(t, ctx, s, after)
}

// subscriber ranges SubscribeAll in the background and passes on what it
// sees, errors included.
type subscriber struct {
	events chan eventstore.RecordedEvent
	errs   chan error
}

func subscribe(ctx context.Context, s eventstore.Store, after uint64) *subscriber {
	sub := &subscriber{events: make(chan eventstore.RecordedEvent, 1024), errs: make(chan error, 16)}
	go func() {
		for ev, err := range s.SubscribeAll(ctx, after) {
			if err != nil {
				sub.errs <- err
				continue
			}
			sub.events <- ev
		}
		close(sub.events)
	}()
	return sub
}

// next waits for n events, failing the test on an error or at ctx's end.
func (sub *subscriber) next(t *testing.T, ctx context.Context, n int) []eventstore.RecordedEvent {
	t.Helper()
	var out []eventstore.RecordedEvent
	for len(out) < n {
		select {
		case ev, ok := <-sub.events:
			require.True(t, ok, "subscription ended after %d of %d events", len(out), n)
			out = append(out, ev)
		case err := <-sub.errs:
			require.NoError(t, err)
		case <-ctx.Done():
			t.Fatalf("got %d of %d events before %v", len(out), n, ctx.Err())
		}
	}
	return out
}

// quiet fails if the subscriber delivers anything within d: no duplicates.
func (sub *subscriber) quiet(t *testing.T, d time.Duration) {
	t.Helper()
	select {
	case ev := <-sub.events:
		t.Fatalf("unexpected extra event %s v%d at %d", ev.Stream, ev.Version, ev.Position)
	case err := <-sub.errs:
		t.Fatalf("unexpected error: %v", err)
	case <-time.After(d):
	}
}

// logBuffer collects the adapter's log so tests can check what it reported.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func captureLog() (*logBuffer, kurrent.Option) {
	l := &logBuffer{}
	return l, kurrent.WithLogger(slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelWarn})))
}
