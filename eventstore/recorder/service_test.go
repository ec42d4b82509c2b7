package recorder

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
)

func TestExecuteAppendsAndReportsPosition(t *testing.T) {
	t.Parallel()
	s := newScene(t, memory.New())
	res := s.run(domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "Deploy ORPs",
		Owner: domain.Owner{ComponentID: s.hns}, DueAt: testNow.Add(48 * time.Hour)})
	require.Equal(t, uint64(1), res.Version)
	require.Equal(t, uint64(5), res.Position) // operation, two components, mechanism, then this
	require.False(t, res.Duplicate)
	require.Len(t, res.Events, 1)
	require.Equal(t, "actionpoint-"+res.Ref.ID.String(), res.Stream)

	res = s.run(domain.ReportProgress{Header: hdr(uuid.Nil), ID: res.Ref.ID, Percent: 20, Note: "stock moved"})
	require.Equal(t, uint64(2), res.Version)

	ap, err := s.svc.Load(context.Background(), res.Ref)
	require.NoError(t, err)
	require.Equal(t, domain.APInProgress, ap.(*domain.ActionPoint).State)
}

func TestEnvelopeIsStoredAsMetadata(t *testing.T) {
	t.Parallel()
	store := memory.New()
	s := newScene(t, store)
	for ev, err := range store.ReadStream(context.Background(), domain.Ref{Kind: domain.KindComponent, ID: s.hns}.Stream(), eventstore.ReadStreamOptions{}) {
		require.NoError(t, err)
		require.Equal(t, "component.joined.v1", ev.Type)
		var env map[string]any
		require.NoError(t, json.Unmarshal(ev.Metadata, &env))
		require.Equal(t, s.op.String(), env["operation_id"])
		require.Equal(t, "movement", env["class"])
		require.Equal(t, map[string]any{"id": "u-1", "role": "officer"}, env["actor"])
		require.NotEmpty(t, env["idempotency_key"])
	}
}

func TestSameIdempotencyKeyWritesOnce(t *testing.T) {
	t.Parallel()
	store := memory.New()
	s := newScene(t, store)
	cmd := domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "t", Owner: domain.Owner{ComponentID: s.hns}}
	first := s.run(cmd)
	before := count(t, store)
	again := s.run(cmd)
	require.True(t, again.Duplicate)
	require.Equal(t, first.Version, again.Version)
	require.Equal(t, first.Position, again.Position)
	require.Equal(t, before, count(t, store))

	// A later command with a new key still goes through.
	next := s.run(domain.ReportProgress{Header: hdr(s.op), ID: cmd.ID, Percent: 5, Note: "n"})
	require.False(t, next.Duplicate)
	require.Equal(t, uint64(2), next.Version)
}

func TestCreationWithoutIDIsIdempotentByKey(t *testing.T) {
	t.Parallel()
	store := memory.New()
	s := newScene(t, store)
	cmd := domain.ProposeDecision{Header: hdr(s.op), MechanismID: s.mech, Title: "Cholera response", Text: "HNS leads"}
	first := s.run(cmd)
	again := s.run(cmd)
	require.Equal(t, first.Ref, again.Ref)
	require.True(t, again.Duplicate)
	require.Equal(t, first.Position, again.Position)
}

func TestCommandWithoutIDIsRefused(t *testing.T) {
	t.Parallel()
	s := newScene(t, memory.New())
	_, err := s.svc.Execute(context.Background(), domain.ReportProgress{Header: hdr(s.op), Percent: 5, Note: "n"}, WriteOptions{})
	require.ErrorIs(t, err, ErrMissingID)
}

func TestDomainErrorWritesNothing(t *testing.T) {
	t.Parallel()
	store := memory.New()
	s := newScene(t, store)
	s.run(domain.WithdrawComponent{Header: hdr(s.op), ID: s.pns, Reason: "funding ended"})
	before := count(t, store)
	_, err := s.svc.Execute(context.Background(), domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "t",
		Owner: domain.Owner{ComponentID: s.pns}}, WriteOptions{})
	var de *domain.Error
	require.True(t, errors.As(err, &de))
	require.Equal(t, "component.not_active", de.Code)
	require.Equal(t, domain.KindConflict, de.Kind)
	require.Equal(t, before, count(t, store))
}

func TestVersionConflictIsRetried(t *testing.T) {
	t.Parallel()
	mem := memory.New()
	s := newScene(t, mem)
	ap := s.run(domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "t", Owner: domain.Owner{ComponentID: s.hns}}).Ref.ID
	// Another officer completes the action point just before our append lands.
	wrapped := &conflicting{Store: mem, n: 1}
	wrapped.before = func() {
		_, err := New(mem).Execute(context.Background(), domain.CompleteActionPoint{Header: hdr(s.op), ID: ap}, WriteOptions{})
		require.NoError(t, err)
	}
	svc := New(wrapped, WithClock(func() time.Time { return testNow }))
	_, err := svc.Execute(context.Background(), domain.ReassignActionPoint{Header: hdr(s.op), ID: ap,
		Owner: domain.Owner{ComponentID: s.pns}}, WriteOptions{})
	// The retry decided again on the new state, where reassigning is refused.
	require.ErrorIs(t, err, domain.ErrNotReassignable)

	res, err := svc.Execute(context.Background(), domain.VerifyActionPoint{Header: hdr(s.op), ID: ap}, WriteOptions{})
	require.NoError(t, err)
	require.Equal(t, uint64(3), res.Version)
}

func TestRetriesAreBounded(t *testing.T) {
	t.Parallel()
	mem := memory.New()
	s := newScene(t, mem)
	wrapped := &conflicting{Store: mem, n: 10}
	svc := New(wrapped)
	_, err := svc.Execute(context.Background(), domain.ReportStaffing{Header: hdr(s.op), ID: s.hns, NationalStaff: 3}, WriteOptions{})
	require.ErrorIs(t, err, ErrRetriesExhausted)
	require.ErrorIs(t, err, eventstore.ErrWrongExpectedVersion)
	require.Equal(t, 10-MaxAttempts, wrapped.n)

	wrapped.n = MaxAttempts - 1
	_, err = svc.Execute(context.Background(), domain.ReportStaffing{Header: hdr(s.op), ID: s.hns, NationalStaff: 3}, WriteOptions{})
	require.NoError(t, err)
}

func TestEventIDsAreDeterministic(t *testing.T) {
	t.Parallel()
	mem := memory.New()
	s := newScene(t, mem)
	cmd := domain.ReportStaffing{Header: hdr(s.op), ID: s.hns, NationalStaff: 3}
	res := s.run(cmd)
	stream := res.Stream
	scoped := res.Events[0].Envelope.IdempotencyKey
	require.NotEqual(t, cmd.IdempotencyKey, scoped, "the envelope holds the key's keyed hash")
	require.Equal(t, eventID(stream, scoped, 0), res.Events[0].ID)
}

func TestOldEventVersionsAreUpcastOnLoad(t *testing.T) {
	t.Parallel()
	mem := memory.New()
	s := newScene(t, mem)
	contact := domain.Ref{Kind: domain.KindContact, ID: NewID()}
	meta, _ := json.Marshal(domain.Envelope{OperationID: s.op, IdempotencyKey: "legacy-import"})
	_, err := mem.Append(context.Background(), contact.Stream(), eventstore.NoStream(), eventstore.EventData{
		ID: uuid.New(), Type: "contact.added.v1", Metadata: meta,
		Data: []byte(`{"person_id":"` + uuid.NewString() + `","name":"Amina Osman","email":"a@example.org"}`)})
	require.NoError(t, err)

	res := s.run(domain.UpdateContact{Header: hdr(s.op), ID: contact.ID, GivenName: "Amina", FamilyName: "Osman-Ali"})
	require.Equal(t, uint64(2), res.Version)
	a, err := s.svc.Load(context.Background(), contact)
	require.NoError(t, err)
	require.NotEqual(t, uuid.Nil, a.(*domain.Contact).PersonID)
}

func TestExecuteNamed(t *testing.T) {
	t.Parallel()
	s := newScene(t, memory.New())
	body := `{"actor":{"id":"u-2","role":"officer"},"idempotency_key":"raise-1","operation_id":"` + s.op.String() +
		`","title":"Cholera kits","owner_component_id":"` + s.hns.String() + `","due_at":"2026-11-30T00:00:00Z"}`
	res, err := s.svc.ExecuteNamed(context.Background(), "actionpoint.raise", []byte(body), WriteOptions{})
	require.NoError(t, err)
	require.Equal(t, domain.KindActionPoint, res.Ref.Kind)
	again, err := s.svc.ExecuteNamed(context.Background(), "actionpoint.raise", []byte(body), WriteOptions{})
	require.NoError(t, err)
	require.True(t, again.Duplicate)
	require.Equal(t, res.Ref, again.Ref)

	_, err = s.svc.ExecuteNamed(context.Background(), "actionpoint.raise", []byte(`{"titel":"x"}`), WriteOptions{})
	require.ErrorIs(t, err, domain.ErrInvalid)
}
