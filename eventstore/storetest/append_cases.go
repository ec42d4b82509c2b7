package storetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
)

func (s suite) appendExpectations(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	missing, existing := streamName(t, "missing"), streamName(t, "existing")
	mustAppend(t, ctx, store, existing, eventstore.NoStream(), newEvents(2, "test.created.v1")...)

	cases := []struct {
		name   string
		stream string
		exp    eventstore.ExpectedVersion
		ok     bool
	}{
		{"any on missing", streamName(t, "any"), eventstore.Any(), true},
		{"stream-exists on missing", missing, eventstore.StreamExists(), false},
		{"exact on missing", missing, eventstore.Exact(1), false},
		{"no-stream on existing", existing, eventstore.NoStream(), false},
		{"exact 0 on existing", existing, eventstore.Exact(0), false},
		{"exact behind on existing", existing, eventstore.Exact(1), false},
		{"exact ahead on existing", existing, eventstore.Exact(3), false},
		{"exact current on existing", existing, eventstore.Exact(2), true},
		{"stream-exists on existing", existing, eventstore.StreamExists(), true},
		{"any on existing", existing, eventstore.Any(), true},
	}
	for _, c := range cases {
		before := readAll(t, ctx, store, 0, 0)
		res, err := store.Append(ctx, c.stream, c.exp, newEvents(1, "test.appended.v1")...)
		if c.ok {
			require.NoError(t, err, c.name)
			require.Equal(t, len(before)+1, len(readAll(t, ctx, store, 0, 0)), c.name)
			require.Equal(t, readAll(t, ctx, store, 0, 0)[len(before)].Position, res.Position, c.name)
			continue
		}
		require.ErrorIs(t, err, eventstore.ErrWrongExpectedVersion, c.name)
		require.Len(t, readAll(t, ctx, store, 0, 0), len(before), "%s: nothing written", c.name)
	}
	require.Equal(t, []uint64{1, 2, 3, 4, 5}, versions(readStream(t, ctx, store, existing, eventstore.ReadStreamOptions{})))
}

func (s suite) wrongVersionCarriesActual(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	stream := streamName(t, "actual")
	res := mustAppend(t, ctx, store, stream, eventstore.NoStream(), newEvents(3, "test.created.v1")...)
	require.Equal(t, uint64(3), res.Version)

	_, err := store.Append(ctx, stream, eventstore.Exact(1), newEvents(1, "test.appended.v1")...)
	var wrong *eventstore.WrongExpectedVersionError
	require.ErrorAs(t, err, &wrong)
	require.Equal(t, uint64(3), wrong.Actual)
	require.Equal(t, stream, wrong.Stream)

	_, err = store.Append(ctx, streamName(t, "none"), eventstore.StreamExists(), newEvents(1, "test.appended.v1")...)
	require.ErrorAs(t, err, &wrong)
	require.Equal(t, uint64(0), wrong.Actual)
}

func (s suite) idempotentRetry(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	stream := streamName(t, "retry")
	evs := newEvents(3, "test.created.v1")
	first := mustAppend(t, ctx, store, stream, eventstore.NoStream(), evs...)
	again := mustAppend(t, ctx, store, stream, eventstore.NoStream(), evs...)
	require.Equal(t, first, again, "a retried append returns the first result")

	more := newEvents(2, "test.appended.v1")
	second := mustAppend(t, ctx, store, stream, eventstore.Exact(3), more...)
	againSecond := mustAppend(t, ctx, store, stream, eventstore.Exact(3), more...)
	require.Equal(t, second, againSecond)

	got := readStream(t, ctx, store, stream, eventstore.ReadStreamOptions{})
	require.Equal(t, append(dataIDs(evs), dataIDs(more)...), ids(got), "no duplicates written")
	require.Len(t, readAll(t, ctx, store, 0, 0), 5)
}

func (s suite) idempotentRetryAny(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	stream := streamName(t, "retry-any")
	evs := newEvents(2, "test.created.v1")
	first := mustAppend(t, ctx, store, stream, eventstore.Any(), evs...)
	again := mustAppend(t, ctx, store, stream, eventstore.Any(), evs...)
	require.Equal(t, first, again)
	require.Len(t, readStream(t, ctx, store, stream, eventstore.ReadStreamOptions{}), 2)
}

func (s suite) duplicateIDElsewhere(t *testing.T) {
	t.Parallel()
	if !s.opts.StrictEventIDs {
		t.Skip("backend checks event ids only for retried appends")
	}
	ctx := testContext(t)
	store := s.open(t)
	a, b := streamName(t, "a"), streamName(t, "b")
	evs := newEvents(2, "test.created.v1")
	mustAppend(t, ctx, store, a, eventstore.NoStream(), evs...)

	mixed := append(newEvents(1, "test.created.v1"), evs[1])
	_, err := store.Append(ctx, b, eventstore.Any(), mixed...)
	require.ErrorIs(t, err, eventstore.ErrDuplicateEventID, "an id already stored may not be reused by a new event")

	_, err = store.Append(ctx, a, eventstore.Any(), evs[1], evs[0])
	require.ErrorIs(t, err, eventstore.ErrDuplicateEventID, "a retry must match the stored order")
	require.Len(t, readAll(t, ctx, store, 0, 0), 2, "nothing half-written")
}
