package storetest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
)

func (s suite) validation(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	store := s.open(t)
	ok := func() []eventstore.EventData { return newEvents(1, "test.created.v1") }
	with := func(edit func(*eventstore.EventData)) []eventstore.EventData {
		evs := ok()
		edit(&evs[0])
		return evs
	}
	big := func(n int) []byte { return bytes.Repeat([]byte("y"), n) }
	twice := ok()
	twice = append(twice, twice[0])
	halves := newEvents(2, "test.created.v1")
	halves[0].Data, halves[1].Data = big(eventstore.MaxAppendBytes/2+1), big(eventstore.MaxAppendBytes/2)

	cases := []struct {
		name   string
		stream string
		events []eventstore.EventData
		want   error
	}{
		{"empty stream name", "", ok(), eventstore.ErrInvalidStreamName},
		{"over-long stream name", strings.Repeat("s", eventstore.MaxStreamNameLen+1), ok(), eventstore.ErrInvalidStreamName},
		{"system stream name", "$all", ok(), eventstore.ErrInvalidStreamName},
		{"invalid utf-8 name", "bad\xff", ok(), eventstore.ErrInvalidStreamName},
		{"no events", "s-1", nil, eventstore.ErrNoEvents},
		{"empty type", "s-1", with(func(e *eventstore.EventData) { e.Type = "" }), eventstore.ErrInvalidEventType},
		{"over-long type", "s-1", with(func(e *eventstore.EventData) { e.Type = strings.Repeat("t", eventstore.MaxEventTypeLen+1) }), eventstore.ErrInvalidEventType},
		{"nil id", "s-1", with(func(e *eventstore.EventData) { e.ID = uuid.Nil }), eventstore.ErrInvalidEventID},
		{"payload over 1 MiB", "s-1", with(func(e *eventstore.EventData) { e.Data = big(eventstore.MaxAppendBytes + 1) }), eventstore.ErrPayloadTooLarge},
		{"metadata tips it over", "s-1", with(func(e *eventstore.EventData) {
			e.Data, e.Metadata = big(eventstore.MaxAppendBytes), []byte("{}")
		}), eventstore.ErrPayloadTooLarge},
		{"append over 1 MiB in total", "s-1", halves, eventstore.ErrPayloadTooLarge},
		{"same id twice in one append", "s-1", twice, eventstore.ErrDuplicateEventID},
	}
	for _, c := range cases {
		_, err := store.Append(ctx, c.stream, eventstore.Any(), c.events...)
		require.ErrorIs(t, err, c.want, c.name)
	}
	require.Empty(t, readAll(t, ctx, store, 0, 0), "nothing written on any error")

	_, err := eventstore.ParseExpectedVersion("seven")
	require.ErrorIs(t, err, eventstore.ErrInvalidExpectedVersion)
}
