package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

// appendNumbered appends n events over a few streams; event i carries i in
// its type, payload and metadata, so a read can check each one's own bytes.
func appendNumbered(t *testing.T, s *sqlite.Store, n int) []eventstore.EventData {
	t.Helper()
	var all []eventstore.EventData
	for i := range n {
		ev := eventstore.EventData{ID: newID(), Type: fmt.Sprintf("kind-%d", i%3),
			Data: []byte(fmt.Sprintf(`{"n":%d}`, i)), Metadata: []byte(fmt.Sprintf(`{"m":%d}`, i))}
		if i%7 == 0 {
			ev.Data = make([]byte, 9000+i) // larger than the arena's share
			ev.Data[0] = byte(i)
		}
		_, err := s.Append(context.Background(), fmt.Sprintf("stream-%d", i%5), eventstore.Any(), ev)
		require.NoError(t, err)
		all = append(all, ev)
	}
	return all
}

// A scan of several chunks yields every event in order with its own bytes,
// and each payload is a slice of its own: growing one leaves the next intact.
func TestReadAllSpansChunksWithEachEventsOwnBytes(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	want := appendNumbered(t, s, 700)
	var got []eventstore.RecordedEvent
	for ev, err := range s.ReadAll(context.Background(), 0, 0) {
		require.NoError(t, err)
		got = append(got, ev)
	}
	require.Len(t, got, len(want))
	for _, ev := range got {
		_ = append(ev.Data, "overwrite"...)
		_ = append(ev.Metadata, "overwrite"...)
	}
	for i, ev := range got {
		require.Equal(t, uint64(i+1), ev.Position)
		require.Equal(t, want[i].ID, ev.ID)
		require.Equal(t, want[i].Type, ev.Type)
		require.Equal(t, fmt.Sprintf("stream-%d", i%5), ev.Stream)
		require.Equal(t, uint64(i/5+1), ev.Version)
		require.Equal(t, want[i].Data, ev.Data, "event %d", i)
		require.Equal(t, want[i].Metadata, ev.Metadata, "event %d", i)
		require.WithinDuration(t, time.Now(), ev.RecordedAt, time.Hour)
	}
}

// ReadAll honours after and max across chunk boundaries.
func TestReadAllWindowAcrossChunks(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	appendNumbered(t, s, 600)
	tests := []struct {
		after      uint64
		max, count int
		first      uint64
	}{
		{after: 0, max: 0, count: 600, first: 1},
		{after: 250, max: 0, count: 350, first: 251},
		{after: 10, max: 300, count: 300, first: 11},
		{after: 599, max: 5, count: 1, first: 600},
		{after: 600, max: 0, count: 0},
	}
	for _, tt := range tests {
		var got []uint64
		for ev, err := range s.ReadAll(context.Background(), tt.after, tt.max) {
			require.NoError(t, err)
			got = append(got, ev.Position)
		}
		require.Len(t, got, tt.count, "after %d max %d", tt.after, tt.max)
		if tt.count > 0 {
			require.Equal(t, tt.first, got[0])
			require.Equal(t, tt.first+uint64(tt.count-1), got[len(got)-1])
		}
	}
}

// A reader that stops early gives its connection back: many more early
// stops than there are connections still leave a full read possible.
func TestReadAllStoppedEarlyReleasesItsConnection(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	appendNumbered(t, s, 300)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for range 50 {
		for _, err := range s.ReadAll(ctx, 0, 0) {
			require.NoError(t, err)
			break
		}
	}
	n := 0
	for _, err := range s.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		n++
	}
	require.Equal(t, 300, n)
}

// A read sees the events appended after an earlier read ended: the kept
// connection starts a fresh read transaction each time.
func TestReadAllSeesLaterAppends(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	appendNumbered(t, s, 3)
	count := func() int {
		n := 0
		for _, err := range s.ReadAll(context.Background(), 0, 0) {
			require.NoError(t, err)
			n++
		}
		return n
	}
	require.Equal(t, 3, count())
	appendNumbered(t, s, 2)
	require.Equal(t, 5, count())
}

func TestReadAllAfterCloseFails(t *testing.T) {
	t.Parallel()
	s, err := sqlite.Open(context.Background(), t.TempDir())
	require.NoError(t, err)
	appendNumbered(t, s, 2)
	require.NoError(t, s.Close())
	var last error
	for _, err := range s.ReadAll(context.Background(), 0, 0) {
		last = err
	}
	require.ErrorIs(t, last, eventstore.ErrClosed)
}

// A cancelled context ends a read with its error.
func TestReadAllEndsWithItsContext(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	appendNumbered(t, s, 600)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var last error
	n := 0
	for _, err := range s.ReadAll(ctx, 0, 0) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 10 {
			cancel()
		}
	}
	require.ErrorIs(t, last, context.Canceled)
	require.Less(t, n, 600)
}

// LendAll yields the events ReadAll does, each valid until the next one.
func TestLendAllYieldsWhatReadAllDoes(t *testing.T) {
	t.Parallel()
	s := openTemp(t)
	appendNumbered(t, s, 700)
	var want []eventstore.RecordedEvent
	for ev, err := range s.ReadAll(context.Background(), 3, 650) {
		require.NoError(t, err)
		want = append(want, ev)
	}
	i := 0
	for ev, err := range s.LendAll(context.Background(), 3, 650) {
		require.NoError(t, err)
		require.Equal(t, want[i], *ev, "event %d", i)
		i++
	}
	require.Equal(t, len(want), i)
}
