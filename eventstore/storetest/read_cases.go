package storetest

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
)

func (s suite) roundTrip(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	stream := streamName(t, "roundtrip")
	evs := newEvents(2, "test.created.v1")
	evs[1].Metadata = nil
	evs[1].Data = bytes.Repeat([]byte("x"), eventstore.MaxAppendBytes/2)
	before := time.Now().Add(-time.Minute)
	mustAppend(t, ctx, store, stream, eventstore.NoStream(), evs...)

	got := readStream(t, ctx, store, stream, eventstore.ReadStreamOptions{})
	require.Len(t, got, 2)
	for i, ev := range got {
		require.Equal(t, evs[i].ID, ev.ID)
		require.Equal(t, evs[i].Type, ev.Type)
		require.Equal(t, evs[i].Data, ev.Data)
		require.Equal(t, len(evs[i].Metadata), len(ev.Metadata))
		require.Equal(t, stream, ev.Stream)
		require.Equal(t, uint64(i+1), ev.Version)
		require.WithinRange(t, ev.RecordedAt, before, time.Now().Add(time.Minute))
	}
	require.Equal(t, evs[0].Metadata, got[0].Metadata)
}

func (s suite) readStreamForward(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	stream := streamName(t, "fwd")
	mustAppend(t, ctx, store, stream, eventstore.NoStream(), newEvents(10, "test.created.v1")...)
	mustAppend(t, ctx, store, streamName(t, "other"), eventstore.NoStream(), newEvents(3, "test.created.v1")...)

	cases := []struct {
		name string
		opts eventstore.ReadStreamOptions
		want []uint64
	}{
		{"all", eventstore.ReadStreamOptions{}, []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}},
		{"from 4 max 3", eventstore.ReadStreamOptions{From: 4, Max: 3}, []uint64{4, 5, 6}},
		{"from 9", eventstore.ReadStreamOptions{From: 9}, []uint64{9, 10}},
		{"past the end", eventstore.ReadStreamOptions{From: 11}, []uint64{}},
		{"max 1", eventstore.ReadStreamOptions{Max: 1}, []uint64{1}},
	}
	for _, c := range cases {
		require.Equal(t, c.want, versions(readStream(t, ctx, store, stream, c.opts)), c.name)
	}
}

func (s suite) readStreamBackward(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	stream := streamName(t, "bwd")
	mustAppend(t, ctx, store, stream, eventstore.NoStream(), newEvents(5, "test.created.v1")...)
	back := func(from uint64, max int) eventstore.ReadStreamOptions {
		return eventstore.ReadStreamOptions{Direction: eventstore.Backward, From: from, Max: max}
	}
	cases := []struct {
		name string
		opts eventstore.ReadStreamOptions
		want []uint64
	}{
		{"from end", back(0, 0), []uint64{5, 4, 3, 2, 1}},
		{"last one", back(0, 1), []uint64{5}},
		{"from 3 max 2", back(3, 2), []uint64{3, 2}},
		{"from beyond end", back(99, 2), []uint64{5, 4}},
	}
	for _, c := range cases {
		require.Equal(t, c.want, versions(readStream(t, ctx, store, stream, c.opts)), c.name)
	}
}

func (s suite) readStreamNotFound(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	var got error
	n := 0
	for _, err := range store.ReadStream(ctx, streamName(t, "nothing"), eventstore.ReadStreamOptions{}) {
		got = err
		n++
	}
	require.ErrorIs(t, got, eventstore.ErrStreamNotFound)
	require.Equal(t, 1, n, "the error is the only element")
}

func (s suite) readStopsEarly(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	stream := streamName(t, "early")
	mustAppend(t, ctx, store, stream, eventstore.NoStream(), newEvents(50, "test.created.v1")...)
	n := 0
	for _, err := range store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{}) {
		require.NoError(t, err)
		if n++; n == 3 {
			break
		}
	}
	for _, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		break
	}
	require.Equal(t, 3, n)
	mustAppend(t, ctx, store, stream, eventstore.Exact(50), newEvents(1, "test.appended.v1")...)
}

func (s suite) readAll(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	a, b := streamName(t, "a"), streamName(t, "b")
	mustAppend(t, ctx, store, a, eventstore.NoStream(), newEvents(3, "test.created.v1")...)
	mustAppend(t, ctx, store, b, eventstore.NoStream(), newEvents(2, "test.created.v1")...)
	last := mustAppend(t, ctx, store, a, eventstore.Exact(3), newEvents(1, "test.appended.v1")...)

	all := readAll(t, ctx, store, 0, 0)
	require.Len(t, all, 6)
	s.requireOrderedPositions(t, all, 1)
	require.Equal(t, last.Position, all[5].Position)
	require.Equal(t, []string{a, a, a, b, b, a}, []string{all[0].Stream, all[1].Stream, all[2].Stream, all[3].Stream, all[4].Stream, all[5].Stream})

	after := readAll(t, ctx, store, all[2].Position, 2)
	require.Equal(t, ids(all[3:5]), ids(after), "after a position, bounded by max")
	require.Empty(t, readAll(t, ctx, store, last.Position, 0), "nothing after the head")
}
