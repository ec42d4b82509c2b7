package recorder

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
)

var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// scene is an operation set up through the service itself.
type scene struct {
	t        *testing.T
	svc      *Service
	store    eventstore.Store
	op       uuid.UUID
	hns, pns uuid.UUID
	mech     uuid.UUID
}

func hdr(op uuid.UUID) domain.Header {
	return domain.Header{Actor: domain.Actor{ID: "u-1", Role: "officer"}, IdempotencyKey: uuid.NewString(), OperationID: op}
}

// run executes a command and requires success.
func (s *scene) run(cmd domain.Command) Result {
	s.t.Helper()
	res, err := s.svc.Execute(context.Background(), cmd, WriteOptions{})
	require.NoError(s.t, err)
	return res
}

func newScene(t *testing.T, store eventstore.Store) *scene {
	t.Helper()
	s := &scene{t: t, store: store, svc: New(store, WithClock(func() time.Time { return testNow }))}
	s.op = s.run(domain.OpenOperation{Header: hdr(uuid.Nil), Name: "Floods 2026", Country: "SDN",
		CrisisType: "disaster", StartedAt: testNow.Add(-72 * time.Hour), Severity: "high"}).Ref.ID
	s.hns = s.run(domain.JoinComponent{Header: hdr(s.op), ID: NewID(), Name: "Sudanese RC", Kind: domain.ComponentHNS}).Ref.ID
	s.pns = s.run(domain.JoinComponent{Header: hdr(s.op), ID: NewID(), Name: "Norwegian RC", Kind: domain.ComponentPNS}).Ref.ID
	s.mech = s.run(domain.EstablishMechanism{Header: hdr(s.op), ID: NewID(), Name: "Health TWG",
		Level: domain.LevelTechnical, TermsOfReference: "ToR v1"}).Ref.ID
	return s
}

// count returns how many events the whole store holds.
func count(t *testing.T, store eventstore.Store) int {
	t.Helper()
	n := 0
	for _, err := range store.ReadAll(context.Background(), 0, 0) {
		require.NoError(t, err)
		n++
	}
	return n
}

// conflicting makes the next n appends fail with a version conflict, after
// running before (if any) to change the stream for real.
type conflicting struct {
	eventstore.Store
	n      int
	before func()
}

func (c *conflicting) Append(ctx context.Context, stream string, exp eventstore.ExpectedVersion, evs ...eventstore.EventData) (eventstore.AppendResult, error) {
	if c.n > 0 {
		c.n--
		if c.before != nil {
			c.before()
			return c.Store.Append(ctx, stream, exp, evs...)
		}
		return eventstore.AppendResult{}, &eventstore.WrongExpectedVersionError{Stream: stream, Expected: exp}
	}
	return c.Store.Append(ctx, stream, exp, evs...)
}
