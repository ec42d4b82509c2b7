package projections_test

import (
	"context"
	"iter"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/projections"
)

// lendingStore lends events the way eventstore.Lender allows and no more:
// one event value and one pair of buffers for every event, scribbled over
// as soon as the reader moves on.
type lendingStore struct {
	eventstore.Store
	lent int
}

func (s *lendingStore) LendAll(ctx context.Context, after uint64, max int) iter.Seq2[*eventstore.RecordedEvent, error] {
	return func(yield func(*eventstore.RecordedEvent, error) bool) {
		var ev eventstore.RecordedEvent
		var data, meta []byte
		for rec, err := range s.Store.ReadAll(ctx, after, max) {
			if err != nil {
				yield(nil, err)
				return
			}
			data, meta = append(data[:0], rec.Data...), append(meta[:0], rec.Metadata...)
			ev, ev.Data, ev.Metadata = rec, data, meta
			s.lent++
			if !yield(&ev, nil) {
				return
			}
			ev = eventstore.RecordedEvent{Type: "scribbled"}
			for i := range data {
				data[i] = 'x'
			}
			for i := range meta {
				meta[i] = 'x'
			}
		}
	}
}

// payloads is a test view that keeps every decoded payload and actor.
type payloads struct {
	sync.RWMutex
	got []any
}

func (p *payloads) Name() string { return "payloads" }

func (p *payloads) Apply(e *projections.Event) error {
	p.got = append(p.got, e.Type, e.Payload, e.Env.Actor)
	return nil
}

// A replay from a store that only lends its events copies what it needs:
// it decodes the same events as a replay from ReadAll, over several batches.
func TestReplayFromALendingStoreDecodesWhatItRead(t *testing.T) {
	t.Parallel()
	store := memory.New()
	for i := range 700 {
		ref := lesson()
		appendPayload(t, store, ref, domain.LessonRecorded{Source: domain.SourceOther, Observation: "late minutes " + string(rune('a'+i%26))})
		if i%3 == 0 {
			appendPayload(t, store, ref, linked())
		}
	}
	want, lent := new(payloads), new(payloads)
	res, err := projections.Replay(context.Background(), store, projections.ReplayOptions{}, want)
	require.NoError(t, err)
	lender := &lendingStore{Store: store}
	lres, err := projections.Replay(context.Background(), lender, projections.ReplayOptions{}, lent)
	require.NoError(t, err)
	require.Equal(t, res.Events, lender.lent, "the replay read through LendAll")
	require.NoError(t, lres.Views[0].Err)
	require.Equal(t, res, lres)
	require.Equal(t, want.got, lent.got)
}

// A replay applies a batch to several views at once; each view still sees
// every event once, in log order, and a failing view stops only itself.
func TestReplayAppliesToSeveralViewsAtOnceInOrder(t *testing.T) {
	t.Parallel()
	store := memory.New()
	var all []uint64
	for i := range 900 {
		ref := lesson()
		all = append(all, appendPayload(t, store, ref, recorded()))
		if i%2 == 0 {
			all = append(all, appendPayload(t, store, ref, linked()))
		}
	}
	views := []projections.Projection{&counter{name: "fails", failOn: "lesson.linked.v1"}}
	for i := range 7 {
		views = append(views, &counter{name: string(rune('a' + i))})
	}
	res, err := projections.Replay(context.Background(), store, projections.ReplayOptions{Workers: 4}, views...)
	require.NoError(t, err)
	require.Equal(t, len(all), res.Events)
	require.ErrorIs(t, res.Views[0].Err, projections.ErrFailed)
	require.Equal(t, all[0], res.Views[0].Position, "the failing view stays at the event before its failure")
	require.Equal(t, all[:1], views[0].(*counter).applied())
	for i, v := range views[1:] {
		require.NoError(t, res.Views[i+1].Err)
		require.Equal(t, all, v.(*counter).applied(), v.Name())
	}
}
