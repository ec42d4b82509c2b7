package domain

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// world is an in-memory set of folded records: the "given" of a test.
type world struct {
	t    *testing.T
	now  time.Time
	op   uuid.UUID
	aggs map[Ref]Aggregate
}

var testNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func newWorld(t *testing.T) *world {
	t.Helper()
	return &world{t: t, now: testNow, op: uuid.New(), aggs: map[Ref]Aggregate{}}
}

// Load implements Lookup.
func (w *world) Load(ref Ref) (Aggregate, error) {
	if a, ok := w.aggs[ref]; ok {
		return a, nil
	}
	return New(ref), nil
}

// given folds events into a record of the world and returns the event ids.
func (w *world) given(ref Ref, payloads ...Payload) []uuid.UUID {
	a, _ := w.Load(ref)
	ids := make([]uuid.UUID, len(payloads))
	for i, p := range payloads {
		ids[i] = uuid.New()
		Fold(a, Event{ID: ids[i], Payload: p, Envelope: Envelope{OperationID: w.op}})
	}
	w.aggs[ref] = a
	return ids
}

// when runs a command against the world.
func (w *world) when(cmd Command) ([]Event, error) {
	self, _ := w.Load(cmd.Target())
	return Decide(cmd, self, w, w.now)
}

// hdr is a valid command header in the world's operation.
func (w *world) hdr() Header {
	return Header{Actor: Actor{ID: "u-17", Role: "officer"}, IdempotencyKey: uuid.NewString(), OperationID: w.op}
}

// thenOne asserts the command produced exactly one event, of type T, and returns it.
func thenOne[T Payload](t *testing.T, evs []Event, err error) T {
	t.Helper()
	require.NoError(t, err)
	require.Len(t, evs, 1, "expected exactly one event")
	p, ok := evs[0].Payload.(T)
	var zero T
	require.Truef(t, ok, "expected one %s, got %s", zero.EventType(), evs[0].Payload.EventType())
	return p
}

// thenRefused asserts the command failed with the given domain error code and
// that the message is there for the officer.
func thenRefused(t *testing.T, evs []Event, err error, want *Error) *Error {
	t.Helper()
	require.Empty(t, evs)
	require.ErrorIs(t, err, want)
	var de *Error
	require.True(t, errors.As(err, &de))
	require.Equal(t, want.Kind, de.Kind)
	require.NotEmpty(t, de.Message)
	return de
}

// ids of the standard world's records.
type fixture struct {
	*world
	hns, icrc, pns, gone        uuid.UUID
	tech, ops, strategic        uuid.UUID
	meeting, decision, proposed uuid.UUID
}

// standard builds an operation with a ladder and Seville-like convening rule,
// three active components and a withdrawn one, mechanisms at three levels,
// a held meeting, an adopted decision and a proposed one.
func standard(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{world: newWorld(t)}
	f.given(Ref{KindOperation, f.op},
		OperationOpened{Name: "Floods 2026", Country: "SDN", Phase: PhaseEmergency, Severity: "high"},
		OperationConveningRuleSet{AllOf: []ComponentKind{ComponentHNS}, AnyOf: []ComponentKind{ComponentICRC, ComponentIFRC}},
		OperationEscalationLadderSet{Rungs: []Rung{{"twg", "Technical group"}, {"opc", "Operations committee"}, {"platform", "Movement platform"}}})
	f.hns = f.component("Sudanese RC", ComponentHNS)
	f.icrc = f.component("ICRC", ComponentICRC)
	f.pns = f.component("Norwegian RC", ComponentPNS)
	f.gone = f.component("Gone RC", ComponentPNS)
	f.given(Ref{KindComponent, f.gone}, ComponentWithdrawn{Reason: "funding ended"})
	f.tech = f.mechanism("Health TWG", LevelTechnical, RuleConsensus)
	f.ops = f.mechanism("Operations committee", LevelOperational, RuleMajority)
	f.strategic = f.mechanism("Movement platform", LevelStrategic, RuleConsensus)
	f.meeting = uuid.New()
	f.given(Ref{KindMeeting, f.meeting}, MeetingScheduled{MechanismID: f.tech, Title: "TWG 1"}, MeetingHeld{})
	f.decision, f.proposed = uuid.New(), uuid.New()
	f.given(Ref{KindDecision, f.decision}, DecisionProposed{MechanismID: f.tech, Title: "Cholera"}, DecisionAdopted{})
	f.given(Ref{KindDecision, f.proposed}, DecisionProposed{MechanismID: f.tech, Title: "Pending"})
	return f
}

func (f *fixture) component(name string, k ComponentKind) uuid.UUID {
	id := uuid.New()
	f.given(Ref{KindComponent, id}, ComponentJoined{Name: name, Kind: k})
	return id
}

func (f *fixture) mechanism(name string, l Level, r DecisionRule) uuid.UUID {
	id := uuid.New()
	f.given(Ref{KindMechanism, id}, MechanismEstablished{Name: name, Level: l, DecisionRule: r, Quorum: 2})
	f.given(Ref{KindMechanism, id}, MechanismMemberAdded{ComponentID: f.hns}, MechanismMemberAdded{ComponentID: f.icrc})
	return id
}
