package kurrent

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
	"github.com/movementcoord/ledger/eventstore/storetest"
)

// TestReadAllAcrossPages reads $all in pages of three against the test
// server, with a system event after every append, so that page boundaries
// fall on hidden events and on the cursor event a page re-reads.
func TestReadAllAcrossPages(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	srv := esdbtest.Start(t, esdbtest.Options{SystemEventEvery: 1})
	s, err := Open(ctx, srv.ConnString())
	require.NoError(t, err)
	defer s.Close()
	s.cfg.pageSize = 3

	var want []uuid.UUID
	for i := range 10 {
		ev := eventstore.EventData{ID: uuid.New(), Type: "test.created.v1", Data: []byte(`{}`)}
		_, err := s.Append(ctx, fmt.Sprintf("s-%d", i%3), eventstore.Any(), ev)
		require.NoError(t, err)
		want = append(want, ev.ID)
	}
	all := collectAll(t, ctx, s, 0, 0)
	require.Equal(t, want, idsOf(all))

	require.Equal(t, want[4:9], idsOf(collectAll(t, ctx, s, all[3].Position, 5)))
	require.Equal(t, want[9:], idsOf(collectAll(t, ctx, s, all[8].Position, 0)))
	require.Empty(t, collectAll(t, ctx, s, all[9].Position, 0))
}

func collectAll(t *testing.T, ctx context.Context, s *Store, after uint64, max int) []eventstore.RecordedEvent {
	t.Helper()
	var out []eventstore.RecordedEvent
	for ev, err := range s.ReadAll(ctx, after, max) {
		require.NoError(t, err)
		out = append(out, ev)
	}
	return out
}

var idsOf = storetest.IDs
