package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
)

// caseTimeout bounds every case, so a backend that hangs fails instead of
// stalling CI.
const caseTimeout = 60 * time.Second

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), caseTimeout)
	t.Cleanup(cancel)
	return ctx
}

func newEvents(n int, typ string) []eventstore.EventData {
	out := make([]eventstore.EventData, n)
	for i := range out {
		out[i] = eventstore.EventData{
			ID:       uuid.Must(uuid.NewV7()),
			Type:     typ,
			Data:     fmt.Appendf(nil, `{"n":%d}`, i),
			Metadata: fmt.Appendf(nil, `{"actor":"test","i":%d}`, i),
		}
	}
	return out
}

func streamName(t *testing.T, prefix string) string {
	return prefix + "-" + uuid.NewString()
}

func mustAppend(t *testing.T, ctx context.Context, s eventstore.Store, stream string, exp eventstore.ExpectedVersion, evs ...eventstore.EventData) eventstore.AppendResult {
	t.Helper()
	res, err := s.Append(ctx, stream, exp, evs...)
	require.NoError(t, err)
	return res
}

func readStream(t *testing.T, ctx context.Context, s eventstore.Store, stream string, opts eventstore.ReadStreamOptions) []eventstore.RecordedEvent {
	t.Helper()
	var out []eventstore.RecordedEvent
	for ev, err := range s.ReadStream(ctx, stream, opts) {
		require.NoError(t, err)
		out = append(out, ev)
	}
	return out
}

func readAll(t *testing.T, ctx context.Context, s eventstore.Store, after uint64, max int) []eventstore.RecordedEvent {
	t.Helper()
	var out []eventstore.RecordedEvent
	for ev, err := range s.ReadAll(ctx, after, max) {
		require.NoError(t, err)
		out = append(out, ev)
	}
	return out
}

func versions(evs []eventstore.RecordedEvent) []uint64 {
	out := make([]uint64, len(evs))
	for i, ev := range evs {
		out[i] = ev.Version
	}
	return out
}

func ids(evs []eventstore.RecordedEvent) []uuid.UUID {
	out := make([]uuid.UUID, len(evs))
	for i, ev := range evs {
		out[i] = ev.ID
	}
	return out
}

func dataIDs(evs []eventstore.EventData) []uuid.UUID {
	out := make([]uuid.UUID, len(evs))
	for i, ev := range evs {
		out[i] = ev.ID
	}
	return out
}

// requireOrderedPositions checks positions strictly increase, and with a
// gapless backend that they count up by one from first.
func (s suite) requireOrderedPositions(t *testing.T, evs []eventstore.RecordedEvent, first uint64) {
	t.Helper()
	for i, ev := range evs {
		if i > 0 {
			require.Greater(t, ev.Position, evs[i-1].Position, "positions must strictly increase")
		}
		if s.opts.GaplessPositions {
			require.Equal(t, first+uint64(i), ev.Position, "positions must have no gaps")
		}
	}
}
