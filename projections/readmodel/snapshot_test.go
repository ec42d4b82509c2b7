package readmodel_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

// TestEveryViewReadBackFromItsSnapshotAnswersAsReplayed builds the views
// from most of a log, writes every Snapshotter out and reads it into a
// fresh instance, then applies the rest of the log to both: escalations of
// earlier issues, progress and reassignment of earlier action points, an
// action point for an earlier decision. The restored views must answer
// every query as the ones that replayed everything, at the snapshot and
// after the tail.
func TestEveryViewReadBackFromItsSnapshotAnswersAsReplayed(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{1, 2, 3} {
		ctx := context.Background()
		store := memory.New()
		g := synthetic.New(seed, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		var later [][]synthetic.Record
		for range 3 {
			ph := g.Operation(6)
			appendRecords(t, store, ph[0], ph[1], ph[2])
			later = append(later, ph[3])
		}
		live := readmodel.NewSet()
		replayInto(t, ctx, store, 0, 0, live.All()...)
		emptyLists(t, store, live)
		live = readmodel.NewSet()
		mid := replayInto(t, ctx, store, 0, 0, live.All()...)

		restored := readmodel.NewSet()
		var notSnapshotted []projections.Projection
		snapshotted := 0
		for i, v := range live.All() {
			sn, ok := v.(projections.Snapshotter)
			if !ok {
				notSnapshotted = append(notSnapshotted, restored.All()[i])
				continue
			}
			snapshotted++
			var buf bytes.Buffer
			require.NoError(t, sn.WriteSnapshot(&buf), v.Name())
			into := restored.All()[i].(projections.Snapshotter)
			require.Equal(t, sn.SnapshotVersion(), into.SnapshotVersion())
			require.NoError(t, into.ReadSnapshot(&buf), v.Name())
		}
		require.GreaterOrEqual(t, snapshotted, 9, "the nine registers are Snapshotters")
		replayInto(t, ctx, store, 0, mid, notSnapshotted...)
		requireSameAnswers(t, live, restored, "seed %d, at the snapshot", seed)

		appendRecords(t, store, later...)
		followEarlierRecords(t, store, live)
		replayInto(t, ctx, store, mid, 0, live.All()...)
		replayInto(t, ctx, store, mid, 0, restored.All()...)
		requireSameAnswers(t, live, restored, "seed %d, after the tail", seed)
	}
}

// emptyLists leaves a mechanism with no members and an operation with a
// convening rule of empty lists: JSON shows [] there, not null.
func emptyLists(t *testing.T, store eventstore.Store, s *readmodel.Set) {
	op := s.Operations.List()[0]
	appendTo(t, store, op.ID, domain.Ref{Kind: domain.KindOperation, ID: op.ID},
		domain.OperationConveningRuleSet{AllOf: []domain.ComponentKind{}, AnyOf: []domain.ComponentKind{}, Description: "none"})
	m := s.Mechanisms.List(op.ID)[0]
	for _, c := range m.Members {
		appendTo(t, store, op.ID, domain.Ref{Kind: domain.KindMechanism, ID: m.ID}, domain.MechanismMemberRemoved{ComponentID: c, Reason: "left"})
	}
}

// followEarlierRecords appends events about records the snapshot holds.
func followEarlierRecords(t *testing.T, store eventstore.Store, s *readmodel.Set) {
	for _, o := range s.Operations.List() {
		aps := s.Actions.List(o.ID, views.ActionFilter{})
		comps := s.Components.Map(o.ID)
		for i, a := range aps[:min(4, len(aps))] {
			ref := domain.Ref{Kind: domain.KindActionPoint, ID: a.ID}
			appendTo(t, store, o.ID, ref, domain.ActionPointProgressReported{Percent: 40, Note: "half way"})
			owner := domain.Owner{ComponentID: comps[i%len(comps)].ID}
			appendTo(t, store, o.ID, ref, domain.ActionPointReassigned{FromComponentID: a.Owner.ComponentID, Owner: owner, Reason: "moved"})
		}
		if ds := s.Decisions.List(o.ID, views.DecisionFilter{}); len(ds) > 0 {
			appendTo(t, store, o.ID, domain.Ref{Kind: domain.KindActionPoint, ID: uuid.New()},
				domain.ActionPointRaised{DecisionID: ds[0].ID, Title: "follow the decision", Owner: domain.Owner{ComponentID: comps[0].ID}})
		}
	}
}

func appendTo(t *testing.T, store eventstore.Store, op uuid.UUID, ref domain.Ref, p domain.Payload) {
	t.Helper()
	typ, data, err := domain.EncodePayload(p)
	require.NoError(t, err)
	now := time.Now().UTC()
	meta, err := json.Marshal(domain.Envelope{OperationID: op, OccurredAt: now, RecordedAt: now,
		Actor: domain.Actor{ID: "u1", Role: "officer"}, Classification: domain.ClassMovement})
	require.NoError(t, err)
	_, err = store.Append(context.Background(), ref.Stream(), eventstore.Any(),
		eventstore.EventData{ID: uuid.New(), Type: typ, Data: data, Metadata: meta})
	require.NoError(t, err)
}

func appendRecords(t *testing.T, store eventstore.Store, phases ...[]synthetic.Record) {
	t.Helper()
	for _, recs := range phases {
		require.NoError(t, synthetic.Append(context.Background(), store, recs, 1))
	}
}

func replayInto(t *testing.T, ctx context.Context, store eventstore.Store, after, until uint64, vs ...projections.Projection) uint64 {
	t.Helper()
	res, err := projections.Replay(ctx, store, projections.ReplayOptions{After: after, Until: until}, vs...)
	require.NoError(t, err)
	for _, v := range res.Views {
		require.NoError(t, v.Err)
	}
	return res.Position
}

// requireSameAnswers compares what two sets answer as a client reads it
// (JSON: an empty list and a missing one differ there), plus what JSON
// leaves out: who reported an issue, and the tracker's lists per state and
// per owner.
func requireSameAnswers(t *testing.T, want, got *readmodel.Set, msg string, args ...any) {
	t.Helper()
	require.JSONEq(t, jsonOf(t, dumpOf(want)), jsonOf(t, dumpOf(got)), append([]any{msg}, args...)...)
	require.Equal(t, hidden(want), hidden(got), append([]any{msg}, args...)...)
}

type hiddenDump struct {
	ReportedBy map[uuid.UUID]string
	Filed      map[string][]uuid.UUID // operation and state, or operation and owner -> action points
}

func hidden(s *readmodel.Set) hiddenDump {
	h := hiddenDump{ReportedBy: map[uuid.UUID]string{}, Filed: map[string][]uuid.UUID{}}
	for _, o := range s.Operations.List() {
		for _, i := range s.Compliance.List(o.ID, views.IssueFilter{}) {
			h.ReportedBy[i.ID] = i.ReportedBy
		}
		for _, a := range s.Actions.List(o.ID, views.ActionFilter{}) {
			byState := views.ActionFilter{States: []domain.APState{a.State}}
			h.Filed[o.ID.String()+"/"+string(a.State)] = ids(s.Actions.List(o.ID, byState))
			byOwner := views.ActionFilter{OwnerComponent: a.Owner.ComponentID}
			h.Filed[o.ID.String()+"/"+a.Owner.ComponentID.String()] = ids(s.Actions.List(o.ID, byOwner))
		}
	}
	return h
}

func ids(rows []views.ActionPoint) []uuid.UUID {
	out := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

func jsonOf(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
