package audit_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/audit"
)

var T = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

type log struct {
	t     *testing.T
	trail *audit.Trail
	pos   uint64
}

// add applies an event recorded at T+pos hours that occurred occ hours after T.
func (l *log) add(ref domain.Ref, op uuid.UUID, actor string, occ int, p domain.Payload) projections.Event {
	l.t.Helper()
	l.pos++
	e := projections.Event{Position: l.pos, ID: uuid.New(), Version: l.pos, Type: p.EventType(),
		RecordedAt: T.Add(time.Duration(l.pos) * time.Hour), Ref: ref, Payload: p,
		Env: domain.Envelope{OperationID: op, OccurredAt: T.Add(time.Duration(occ) * time.Hour),
			Actor: domain.Actor{ID: actor, Role: "officer"}, Classification: domain.ClassMovement}}
	require.NoError(l.t, l.trail.Apply(&e))
	return e
}

func positions(rs []audit.Record) []uint64 {
	out := make([]uint64, len(rs))
	for i, r := range rs {
		out[i] = r.Position
	}
	return out
}

func TestAuditTrailByEntityActorAndWindow(t *testing.T) {
	t.Parallel()
	l := &log{t: t, trail: audit.New()}
	op := uuid.New()
	dec := domain.Ref{Kind: domain.KindDecision, ID: uuid.New()}
	les := domain.Ref{Kind: domain.KindLesson, ID: uuid.New()}
	first := l.add(dec, op, "ana", 0, domain.DecisionProposed{Title: "t"})                                                   // 1
	l.add(les, op, "ben", 1, domain.LessonRecorded{Observation: "o"})                                                        // 2
	l.add(dec, op, "ben", 2, domain.DecisionAdopted{})                                                                       // 3
	l.add(dec, op, "ana", 3, domain.CorrectionRecorded{CorrectsEventID: first.ID, CorrectsType: first.Type, Reason: "typo"}) // 4
	l.add(les, op, "ana", -48, domain.LessonLinked{TargetKind: domain.KindDecision, TargetID: dec.ID})                       // 5, back-dated

	ent := l.trail.Entity(dec, audit.Page{})
	require.Equal(t, []uint64{1, 3, 4}, positions(ent.Records))
	require.Equal(t, []uint64{4}, ent.Records[0].CorrectedBy)
	require.Equal(t, uint64(1), ent.Records[2].Corrects)
	require.Equal(t, op, ent.Records[0].OperationID)
	require.Equal(t, T.Add(time.Hour), ent.Records[0].RecordedAt)

	require.Equal(t, []uint64{1, 4, 5}, positions(l.trail.Actor("ana", audit.Page{}).Records))
	page := l.trail.Actor("ana", audit.Page{Limit: 2})
	require.Equal(t, []uint64{1, 4}, positions(page.Records))
	require.Equal(t, uint64(4), page.Next)
	rest := l.trail.Actor("ana", audit.Page{After: page.Next, Limit: 2})
	require.Equal(t, []uint64{5}, positions(rest.Records))
	require.Zero(t, rest.Next)

	// recorded at T+2h..T+4h (exclusive end): positions 2 and 3
	require.Equal(t, []uint64{2, 3}, positions(l.trail.Window(T.Add(2*time.Hour), T.Add(4*time.Hour), false, audit.Page{}).Records))
	// occurred before T: only the back-dated link
	require.Equal(t, []uint64{5}, positions(l.trail.Window(T.Add(-72*time.Hour), T, true, audit.Page{}).Records))

	tl := l.trail.Timeline(op, audit.TimelineFilter{})
	require.Equal(t, []uint64{5, 1, 2, 3, 4}, positions(tl.Records), "a timeline runs in occurred order")
	require.Equal(t, 5, tl.Total)
	paged := l.trail.Timeline(op, audit.TimelineFilter{Kinds: []domain.Kind{domain.KindDecision}, Offset: 1, Limit: 1})
	require.Equal(t, []uint64{3}, positions(paged.Records))
	require.Equal(t, 3, paged.Total)
	require.Empty(t, l.trail.Timeline(uuid.New(), audit.TimelineFilter{}).Records)
}
