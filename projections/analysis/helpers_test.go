package analysis_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/visibility"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/analysis"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// T is day 0 of every scenario; day(n) and hours(n) are offsets from it.
var T = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func day(n float64) time.Time   { return T.Add(time.Duration(n * 24 * float64(time.Hour))) }
func hours(n int) time.Duration { return time.Duration(n) * time.Hour }

// scenario folds hand-written events straight into a fresh set of views.
type scenario struct {
	t   *testing.T
	op  uuid.UUID
	set *readmodel.Set
	pos uint64
}

func newScenario(t *testing.T) *scenario {
	return &scenario{t: t, op: uuid.New(), set: readmodel.NewSet()}
}

// everyone reads every record: figures as a reviewer sees them.
var everyone = visibility.ForRole(visibility.RoleReviewer, "token:reviewer", nil)

// figures are the scenario's figures for reader.
func (s *scenario) figures(reader visibility.Reader) analysis.Scope {
	return analysis.NewScope(s.set, s.op, reader)
}

// secs is a whole number of seconds, as figures give durations.
func secs(d time.Duration) int64 { return int64(d / time.Second) }

// on applies payload p, occurred at when, to record (kind, id).
func (s *scenario) on(kind domain.Kind, id uuid.UUID, when time.Time, p domain.Payload) {
	s.t.Helper()
	s.classified(kind, id, when, domain.ClassMovement, p)
}

// classified applies payload p with a classification.
func (s *scenario) classified(kind domain.Kind, id uuid.UUID, when time.Time, class domain.Classification, p domain.Payload) {
	s.t.Helper()
	s.pos++
	e := projections.Event{Position: s.pos, ID: uuid.New(), Version: s.pos, Type: p.EventType(), RecordedAt: when,
		Ref: domain.Ref{Kind: kind, ID: id}, Payload: p,
		Env: domain.Envelope{OperationID: s.op, OccurredAt: when, RecordedAt: when, Classification: class}}
	for _, v := range s.set.All() {
		require.NoError(s.t, v.Apply(&e))
	}
}

// create applies p to a new record and returns its id.
func (s *scenario) create(kind domain.Kind, when time.Time, p domain.Payload) uuid.UUID {
	s.t.Helper()
	id := uuid.New()
	s.on(kind, id, when, p)
	return id
}
