package domain

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

var (
	otherOfficer = Actor{ID: "u-99", Role: "officer"}
	dueSeen      = testNow.Add(24 * time.Hour)
	dueTheirs    = testNow.Add(72 * time.Hour)
	dueMine      = testNow.Add(120 * time.Hour)
)

// givenBy folds events recorded by actor onto a record, after what it holds.
func (f *fixture) givenBy(ref Ref, actor Actor, payloads ...Payload) []uuid.UUID {
	a, _ := f.Load(ref)
	ids := make([]uuid.UUID, len(payloads))
	for i, p := range payloads {
		ids[i] = uuid.New()
		Fold(a, Event{ID: ids[i], Payload: p, Envelope: Envelope{OperationID: f.op, Actor: actor, OccurredAt: testNow.Add(-time.Hour)}})
	}
	f.aggs[ref] = a
	return ids
}

// myDueDate is the officer's offline change of the due date.
func (f *fixture) myDueDate(id uuid.UUID) ChangeDueDate {
	return ChangeDueDate{Header: f.hdr(), ID: id, DueAt: dueMine, Reason: "rains"}
}

func TestWhichChangesCollide(t *testing.T) {
	t.Parallel()
	me := Actor{ID: "u-17", Role: "officer"}
	cases := []struct {
		name   string
		before []Payload // by the other officer, before the version the officer saw
		after  []Payload // recorded after it
		by     Actor
		change func(f *fixture, id uuid.UUID) Command
		want   ChangedField // "" for no collision
	}{
		{"both changed the due date", nil, []Payload{ActionPointDueDateChanged{From: dueSeen, To: dueTheirs, Reason: "r"}}, otherOfficer,
			func(f *fixture, id uuid.UUID) Command { return f.myDueDate(id) }, FieldDueDate},
		{"a progress report meets a due-date change", nil, []Payload{ActionPointProgressReported{Percent: 10, Note: "n"}}, otherOfficer,
			func(f *fixture, id uuid.UUID) Command { return f.myDueDate(id) }, ""},
		{"my own earlier due-date change", nil, []Payload{ActionPointDueDateChanged{From: dueSeen, To: dueTheirs, Reason: "r"}}, me,
			func(f *fixture, id uuid.UUID) Command { return f.myDueDate(id) }, ""},
		{"a due-date change I had seen", []Payload{ActionPointDueDateChanged{From: dueSeen, To: dueTheirs, Reason: "r"}}, nil, otherOfficer,
			func(f *fixture, id uuid.UUID) Command { return f.myDueDate(id) }, ""},
		{"completed while the other blocked it", nil, []Payload{ActionPointBlocked{Reason: "road"}}, otherOfficer,
			func(f *fixture, id uuid.UUID) Command { return CompleteActionPoint{Header: f.hdr(), ID: id} }, FieldStatus},
		{"progress is an addition", nil, []Payload{ActionPointDueDateChanged{From: dueSeen, To: dueTheirs, Reason: "r"}}, otherOfficer,
			func(f *fixture, id uuid.UUID) Command {
				return ReportProgress{Header: f.hdr(), ID: id, Percent: 30, Note: "kits"}
			}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			id := f.givenAP(tc.before...)
			ref := Ref{KindActionPoint, id}
			seen := BaseOf(f.aggs[ref]).Version
			f.givenBy(ref, tc.by, tc.after...)
			hit, ok := CollisionSince(tc.change(f, id), f.aggs[ref], seen)
			require.Equal(t, tc.want != "", ok)
			require.Equal(t, tc.want, hit.Field)
		})
	}
}

func TestMinutesCollideWithMinutes(t *testing.T) {
	t.Parallel()
	f := standard(t)
	ref := Ref{KindMeeting, f.meeting}
	seen := BaseOf(f.aggs[ref]).Version
	f.givenBy(ref, otherOfficer, MeetingMinutesCirculated{Minutes: "theirs", Draft: 1})
	_, ok := CollisionSince(CirculateMinutes{Header: f.hdr(), ID: f.meeting, Minutes: "mine"}, f.aggs[ref], seen)
	require.True(t, ok)
}

// conflictOnDueDate: the officer saw version 1 and changed the due date
// offline; meanwhile another officer changed it. It returns the action point,
// the other's event id and the RecordConflict the sync sends.
func (f *fixture) conflictOnDueDate(t *testing.T) (uuid.UUID, uuid.UUID, RecordConflict) {
	id := f.givenAP()
	theirs := f.givenBy(Ref{KindActionPoint, id}, otherOfficer, ActionPointDueDateChanged{From: dueSeen, To: dueTheirs, Reason: "convoy"})
	mine := f.myDueDate(id)
	body, err := json.Marshal(mine)
	require.NoError(t, err)
	h := f.hdr()
	h.OccurredAt = testNow.Add(-30 * time.Minute) // captured offline
	return id, theirs[0], RecordConflict{Header: h, Record: Ref{KindActionPoint, id}, SeenVersion: 1, Command: "actionpoint.change_due_date", Body: body}
}

func TestRecordConflictKeepsBothValuesWhoAndWhen(t *testing.T) {
	t.Parallel()
	f := standard(t)
	_, theirsID, cmd := f.conflictOnDueDate(t)
	evs, err := f.when(cmd)
	got := thenOne[ConflictRecorded](t, evs, err)
	require.Equal(t, FieldDueDate, got.Field)
	require.Equal(t, theirsID, got.TheirsEventID)
	require.Equal(t, otherOfficer, got.TheirsBy)
	var mine ChangeDueDate
	require.NoError(t, json.Unmarshal(got.Proposed, &mine))
	require.True(t, mine.DueAt.Equal(dueMine))
	require.Empty(t, mine.Actor.ID, "the header is not copied into the conflict")
	var theirs ActionPointDueDateChanged
	require.NoError(t, json.Unmarshal(got.Theirs, &theirs))
	require.True(t, theirs.To.Equal(dueTheirs))
	require.Equal(t, cmd.Actor, evs[0].Envelope.Actor, "who proposed")
	require.True(t, evs[0].Envelope.OccurredAt.Equal(cmd.OccurredAt), "captured time is the occurred time")
}

func TestRecordConflictRefusedWithoutCollision(t *testing.T) {
	t.Parallel()
	f := standard(t)
	id := f.givenAP()
	body, _ := json.Marshal(f.myDueDate(id))
	evs, err := f.when(RecordConflict{Header: f.hdr(), Record: Ref{KindActionPoint, id}, SeenVersion: 1, Command: "actionpoint.change_due_date", Body: body})
	thenRefused(t, evs, err, ErrNoCollision)
	progress, _ := json.Marshal(ReportProgress{ID: id, Percent: 5, Note: "n"})
	evs, err = f.when(RecordConflict{Header: f.hdr(), Record: Ref{KindActionPoint, id}, SeenVersion: 0, Command: "actionpoint.report_progress", Body: progress})
	thenRefused(t, evs, err, ErrNoCollision)
}

func TestResolveConflict(t *testing.T) {
	t.Parallel()
	cases := []struct {
		keep    Keep
		wantDue time.Time
		events  int
	}{
		{KeepTheirs, dueTheirs, 1},
		{KeepProposed, dueMine, 2},
	}
	for _, tc := range cases {
		t.Run(string(tc.keep), func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			id, _, record := f.conflictOnDueDate(t)
			ref := Ref{KindActionPoint, id}
			evs, err := f.when(record)
			require.NoError(t, err)
			conflictID := f.givenBy(ref, record.Actor, evs[0].Payload)[0]

			resolve := ResolveConflict{Header: f.hdr(), Record: ref, ConflictEventID: conflictID, Keep: tc.keep, Reason: "checked with the owner"}
			resolve.Actor = otherOfficer
			evs, err = f.when(resolve)
			require.NoError(t, err)
			require.Len(t, evs, tc.events)
			require.Equal(t, ConflictResolved{ConflictEventID: conflictID, Kept: tc.keep, Reason: "checked with the owner"}, evs[0].Payload)
			require.Equal(t, otherOfficer, evs[0].Envelope.Actor, "who chose")
			for _, ev := range evs {
				f.givenBy(ref, otherOfficer, ev.Payload)
			}
			require.True(t, f.aggs[ref].(*ActionPoint).DueAt.Equal(tc.wantDue))
			k := Conflicts(f.aggs[ref])
			require.Len(t, k, 1)
			require.Equal(t, tc.keep, k[0].Resolved.Kept)

			evs, err = f.when(resolve)
			thenRefused(t, evs, err, ErrConflictResolved)
		})
	}
}

func TestResolveConflictNamesAConflict(t *testing.T) {
	t.Parallel()
	f := standard(t)
	id := f.givenAP()
	raised := BaseOf(f.aggs[Ref{KindActionPoint, id}]).History()[0].ID
	evs, err := f.when(ResolveConflict{Header: f.hdr(), Record: Ref{KindActionPoint, id}, ConflictEventID: raised, Keep: KeepTheirs})
	thenRefused(t, evs, err, ErrNotAConflict)
}

// A conflict never copies personal data into the log: no change that can
// collide, and no event it can collide with, holds a personal field.
func TestCollidingChangesHoldNoPersonalData(t *testing.T) {
	t.Parallel()
	for _, spec := range registry.ordered {
		if _, collides := eventFields[spec.goType]; collides {
			payload := reflect.New(spec.goType).Elem().Interface().(Payload)
			kept, err := withoutPersonal(payload)
			require.NoError(t, err)
			var fields map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(kept, &fields))
			for _, name := range personalFields(spec.typ) {
				require.NotContains(t, fields, name, "%s keeps %s", spec.typ, name)
			}
		}
	}
	for typ := range commandFields {
		for _, f := range JSONFields(typ) {
			require.Empty(t, f.Tag.Get("personal"), "%s.%s", typ.Name(), f.Name)
		}
	}
}
