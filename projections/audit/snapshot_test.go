package audit_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/visibility"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/audit"
)

// A trail read back from its snapshot answers every query as the trail it
// was written from, and goes on folding events to the same answers.
func TestASnapshotRestoresTheTrail(t *testing.T) {
	t.Parallel()
	synth := syntheticEvents(t, 20_000)
	hand := handMadeLog()
	cases := []struct {
		name   string
		events []projections.Event
		cut    int // events applied before the snapshot; the rest after it
	}{
		{"a generated log of every kind of record", synth, 12_345},
		{"shared ids, corrections, escalations and levels across the cut", hand, 9},
		{"a chunk of entries and a bit", synth[:1<<12+10], 1<<12 + 1},
		{"an empty trail", hand, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q := probeOf(tc.events)
			original := audit.New()
			apply(t, original, tc.events[:tc.cut])
			snap := snapshot(t, original)

			restored := audit.New()
			require.NoError(t, restored.ReadSnapshot(bytes.NewReader(snap)))
			sameAnswers(t, q.answers(original), q.answers(restored))
			require.Equal(t, snap, snapshot(t, restored), "the restored trail writes the same snapshot")

			apply(t, original, tc.events[tc.cut:])
			apply(t, restored, tc.events[tc.cut:])
			sameAnswers(t, q.answers(original), q.answers(restored)) // after the events that followed the snapshot
			require.Equal(t, snapshot(t, original), snapshot(t, restored))
		})
	}
}

// sameAnswers compares query by query, so that a difference shows as the
// one query that differs.
func sameAnswers(t *testing.T, want, got []any) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		require.Equal(t, want[i], got[i], "answer %d", i)
	}
}

func apply(t *testing.T, tr *audit.Trail, events []projections.Event) {
	t.Helper()
	for i := range events {
		require.NoError(t, tr.Apply(&events[i]))
	}
}

func snapshot(t *testing.T, tr *audit.Trail) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, tr.WriteSnapshot(&b))
	return b.Bytes()
}

// probe is what the queries are asked about: every record, actor and
// operation of a log, the components and levels it names, its time span.
type probe struct {
	refs       []domain.Ref
	actors     []string
	ops        []uuid.UUID
	components map[uuid.UUID][]uuid.UUID // by operation
	from, to   time.Time
}

func probeOf(events []projections.Event) probe {
	q := probe{components: map[uuid.UUID][]uuid.UUID{}}
	seen := map[any]bool{}
	once := func(k any) bool { fresh := !seen[k]; seen[k] = true; return fresh }
	for i, e := range events {
		if once(e.Ref) {
			q.refs = append(q.refs, e.Ref)
		}
		if once(e.Env.Actor.ID) {
			q.actors = append(q.actors, e.Env.Actor.ID)
		}
		if op := e.Env.OperationID; once(op) {
			q.ops = append(q.ops, op)
		}
		if c := e.Env.Actor.Component; c != uuid.Nil && once([2]uuid.UUID{e.Env.OperationID, c}) && len(q.components[e.Env.OperationID]) < 3 {
			q.components[e.Env.OperationID] = append(q.components[e.Env.OperationID], c)
		}
		for _, at := range []time.Time{e.RecordedAt, e.Env.OccurredAt} {
			if i == 0 || at.Before(q.from) {
				q.from = at
			}
			if at.After(q.to) {
				q.to = at
			}
		}
	}
	return q
}

var analyst = visibility.ForRole(visibility.RoleAnalyst, "token:a", nil).SeesRecord

// answers asks the trail every query about the probe.
func (q probe) answers(tr *audit.Trail) []any {
	all := audit.Page{Limit: 1 << 30}
	out := []any{tr.Len()}
	for _, ref := range q.refs {
		out = append(out, tr.Class(ref), tr.Entity(ref, all), tr.Entity(ref, audit.Page{After: 2, Limit: 2, Sees: analyst}))
	}
	for _, a := range q.actors {
		out = append(out, tr.Actor(a, all), tr.Actor(a, audit.Page{Limit: 3, Sees: analyst}))
	}
	step := q.to.Sub(q.from)/7 + 1
	for at := q.from; !at.After(q.to); at = at.Add(step) {
		out = append(out, tr.Window(at, at.Add(step), false, all), tr.Window(at, at.Add(step), true, audit.Page{After: 5, Limit: 50}))
	}
	for _, op := range q.ops {
		filters := []audit.TimelineFilter{{Limit: 1 << 30}, {Kinds: []domain.Kind{domain.KindDecision, domain.KindActionPoint}},
			{Sees: analyst, Offset: 3, Limit: 7}, {From: q.from.Add(q.to.Sub(q.from) / 3), To: q.to.Add(-q.to.Sub(q.from) / 3)}}
		for _, l := range []domain.Level{domain.LevelTechnical, domain.LevelOperational, domain.LevelStrategic} {
			filters = append(filters, audit.TimelineFilter{Level: l, Limit: 1 << 30})
		}
		for _, c := range q.components[op] {
			filters = append(filters, audit.TimelineFilter{Component: c, Limit: 1 << 30})
		}
		for _, f := range filters {
			out = append(out, tr.Timeline(op, f))
		}
	}
	return out
}

// handMadeLog is a log with what a generated one rarely has: a contact and
// a person sharing an id, a correction with and without the values before,
// an escalation whose subject turns confidential, back-dated events; and,
// after the cut at 9, events that need what Apply derived before it.
func handMadeLog() []projections.Event {
	b := &builder{op: uuid.MustParse("00000000-0000-4000-8000-00000000000a")}
	id := func(n byte) uuid.UUID { u := uuid.UUID{15: n}; u[6], u[8] = 0x40, 0x80; return u }
	mech := domain.Ref{Kind: domain.KindMechanism, ID: id(1)}
	contact, person := domain.Ref{Kind: domain.KindContact, ID: id(2)}, domain.Ref{Kind: domain.KindPerson, ID: id(2)}
	issue := domain.Ref{Kind: domain.KindCompliance, ID: id(3)}
	dec := domain.Ref{Kind: domain.KindDecision, ID: id(4)}
	comp, other := id(5), id(6)
	b.add(mech, "ana", 0, domain.ClassPublic, domain.MechanismEstablished{Name: "Ops committee", Level: domain.LevelOperational})
	b.add(contact, "ana", 1, domain.ClassMovement, domain.ContactAdded{ComponentID: comp, GivenName: "Lea"})
	b.add(person, "ben", 2, domain.ClassRestricted, domain.PersonErased{Reason: "request"})
	b.add(issue, "ben", -30, domain.ClassRestricted, domain.ComplianceReported{Category: domain.CatEmblem, SubjectComponentID: comp})
	b.add(dec, "ana", 4, domain.ClassMovement, domain.DecisionProposed{Title: "Shelter", MechanismID: mech.ID})
	adopted := b.add(dec, "ana", 5, domain.ClassMovement, domain.DecisionAdopted{Procedure: domain.ProcedureMeeting})
	b.add(dec, "ben", 6, domain.ClassMovement, correction(adopted, `{"procedure":"written"}`, ``))
	b.add(domain.Ref{Kind: domain.KindEscalation, ID: id(7)}, "ana", 7, domain.ClassMovement,
		domain.EscalationRaised{SubjectKind: domain.KindCompliance, SubjectID: issue.ID, Rung: "opc"})
	raised := b.add(domain.Ref{Kind: domain.KindActionPoint, ID: id(8)}, "ana", 8, domain.ClassMovement,
		domain.ActionPointRaised{Title: "Kits", DecisionID: dec.ID, Owner: domain.Owner{ComponentID: comp}})
	// the cut
	b.add(domain.Ref{Kind: domain.KindMeeting, ID: id(9)}, "cy", 9, domain.ClassMovement, domain.MeetingScheduled{MechanismID: mech.ID})
	b.add(person, "ben", -5, domain.ClassRestricted, domain.PersonErased{Reason: "again"})
	b.add(contact, "ana", 10, domain.ClassMovement, domain.ContactRemoved{Reason: "left"})
	b.add(dec, "ben", 11, domain.ClassMovement, correction(adopted, `{"procedure":"meeting"}`, `{"procedure":"written"}`))
	b.add(domain.Ref{Kind: domain.KindActionPoint, ID: id(8)}, "ana", 12, domain.ClassMovement, correction(raised,
		`{"owner_component_id":"`+other.String()+`"}`, `{"owner_component_id":"`+comp.String()+`"}`))
	b.add(issue, "ben", 13, domain.ClassConfidential, domain.ComplianceTriaged{Note: "fraud after all"})
	return b.events
}

func correction(of projections.Event, changes, before string) domain.CorrectionRecorded {
	c := domain.CorrectionRecorded{CorrectsEventID: of.ID, CorrectsType: of.Type, Reason: "wrong", Changes: json.RawMessage(changes)}
	if before != "" {
		c.Before = json.RawMessage(before)
	}
	return c
}

type builder struct {
	op     uuid.UUID
	events []projections.Event
}

func (b *builder) add(ref domain.Ref, actor string, occ int, class domain.Classification, p domain.Payload) projections.Event {
	pos := uint64(len(b.events) + 1)
	e := projections.Event{Position: pos, ID: uuid.UUID{0: byte(pos), 15: 0xee}, Version: pos, Type: p.EventType(),
		RecordedAt: T.Add(time.Duration(pos) * time.Minute), Ref: ref, Payload: p,
		Env: domain.Envelope{OperationID: b.op, OccurredAt: T.Add(time.Duration(occ) * time.Hour),
			Actor: domain.Actor{ID: actor, Role: "officer", Component: uuid.UUID{1: byte(len(actor))}}, Classification: class}}
	b.events = append(b.events, e)
	return e
}
