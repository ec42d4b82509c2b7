package domain

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// correction is the command that corrects event id of ref.
func (f *fixture) correction(ref Ref, id uuid.UUID, changes string) CorrectEvent {
	return CorrectEvent{Header: f.hdr(), Record: ref, EventID: id, Reason: "typo", Changes: json.RawMessage(changes)}
}

// A correction names only fields of the corrected event's payload (or its
// occurred time), each with a value of the field's type, and changes something.
func TestCorrectionChecksItsFields(t *testing.T) {
	t.Parallel()
	adopted := DecisionAdopted{}.EventType()
	cases := []struct {
		name     string
		target   func(f *fixture) (Ref, uuid.UUID)
		noReason bool
		changes  string
		want     *Error
		field    string
		allowed  []string // the error lists these fields
	}{
		{name: "adoption date", target: adoption, changes: `{"occurred_at":"2026-11-02T09:00:00Z"}`},
		{name: "a field the payload has", target: adoption, changes: `{"procedure":"written"}`},
		{name: "a field it does not have", target: adoption, changes: `{"adopted_at":"2026-11-02T09:00:00Z"}`,
			want: ErrNotCorrectable, field: "changes.adopted_at", allowed: CorrectableFields(adopted)},
		{name: "personal data", target: raising, changes: `{"owner_name":"Sita"}`,
			want: ErrNotCorrectable, field: "changes.owner_name", allowed: CorrectableFields(ActionPointRaised{}.EventType())},
		{name: "a value of the wrong type", target: raising, changes: `{"due_at":5}`, want: ErrInvalid, field: "changes.due_at"},
		{name: "the value it already has", target: raising, changes: `{"title":"Deploy ORPs"}`, want: ErrNothingCorrected, field: "changes"},
		{name: "no changes", target: raising, changes: ``, want: ErrRequired, field: "changes"},
		{name: "empty changes", target: raising, changes: `{}`, want: ErrRequired, field: "changes"},
		{name: "changes not an object", target: raising, changes: `["x"]`, want: ErrInvalid, field: "changes"},
		{name: "no reason", target: raising, noReason: true, changes: `{"title":"T"}`, want: ErrReasonRequired, field: "reason"},
		{name: "another record's event", target: func(f *fixture) (Ref, uuid.UUID) {
			return Ref{KindDecision, f.decision}, uuid.New()
		}, changes: `{"title":"T"}`, want: ErrEventNotInStream, field: "event_id"},
		{name: "a date in the future", target: raising, changes: `{"occurred_at":"2027-06-01T00:00:00Z"}`, want: ErrFutureOccurrence, field: "changes.occurred_at"},
		{name: "a date no operation has", target: raising, changes: `{"due_at":"0026-11-30T00:00:00Z"}`, want: ErrDateOutOfRange, field: "changes.due_at"},
		{name: "an occurred time no operation has", target: raising, changes: `{"occurred_at":"0026-11-30T00:00:00Z"}`, want: ErrDateOutOfRange, field: "changes.occurred_at"},
		{name: "a procedure no mechanism follows", target: adoption, changes: `{"procedure":"telepathy"}`, want: ErrInvalid, field: "changes.procedure",
			allowed: EnumValues(reflect.TypeFor[Procedure]())},
		{name: "an owner that is not in the operation", target: raising, changes: `{"owner_component_id":"` + uuid.NewString() + `"}`,
			want: ErrNotFound, field: "changes.owner_component_id"},
		{name: "a title that displays backwards", target: raising, changes: `{"title":"Kits \u202e"}`, want: ErrInvalidText, field: "changes.title"},
		{name: "a title longer than any command may send", target: raising, changes: `{"title":"` + strings.Repeat("x", MaxLength("title")+1) + `"}`,
			want: ErrTooLong, field: "changes.title"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			ref, id := tc.target(f)
			cmd := f.correction(ref, id, tc.changes)
			if tc.noReason {
				cmd.Reason = ""
			}
			evs, err := f.when(cmd)
			if tc.want == nil {
				c := thenOne[CorrectionRecorded](t, evs, err)
				require.JSONEq(t, tc.changes, string(c.Changes))
				return
			}
			de := thenRefused(t, evs, err, tc.want)
			require.Equal(t, tc.field, de.Field)
			require.Equal(t, tc.allowed, de.Allowed)
		})
	}
}

// adoption is the fixture's decision.adopted event (proposed, then adopted).
func adoption(f *fixture) (Ref, uuid.UUID) {
	ref := Ref{KindDecision, f.decision}
	return ref, f.eventsOf(ref)[1]
}

// raising is the actionpoint.raised event of a new action point.
func raising(f *fixture) (Ref, uuid.UUID) {
	id := f.givenAP()
	ref := Ref{KindActionPoint, id}
	return ref, f.eventsOf(ref)[0]
}

// eventsOf lists the ids of a record's events, as its history shows them.
func (f *fixture) eventsOf(ref Ref) []uuid.UUID {
	a, _ := f.Load(ref)
	var ids []uuid.UUID
	for _, e := range BaseOf(a).History() {
		ids = append(ids, e.ID)
	}
	return ids
}

// The correction keeps the values before and after, so the audit trail can
// show both without reading the corrected event again.
func TestCorrectionRecordsBeforeAndAfter(t *testing.T) {
	t.Parallel()
	f := standard(t)
	ref := Ref{KindDecision, f.decision}
	ids := f.given(ref, DecisionAmended{Text: "wrong", Reason: "y"})
	evs, err := f.when(f.correction(ref, ids[0], `{"text":"right"}`))
	c := thenOne[CorrectionRecorded](t, evs, err)
	require.Equal(t, DecisionAmended{}.EventType(), c.CorrectsType)
	require.JSONEq(t, `{"text":"wrong"}`, string(c.Before))
	require.JSONEq(t, `{"text":"right"}`, string(c.Changes))
}

// Given a record with a corrected event, when a command runs, then it decides
// on the corrected values: the aggregate folds corrections.
func TestCommandsSeeCorrectedValues(t *testing.T) {
	t.Parallel()
	raisedDue, correctedDue, changedDue := testNow.Add(24*time.Hour), testNow.Add(72*time.Hour), testNow.Add(96*time.Hour)
	cases := []struct {
		name     string
		given    func(f *fixture, ref Ref, raised uuid.UUID)
		wantFrom time.Time
	}{
		{"due date corrected", func(f *fixture, ref Ref, raised uuid.UUID) {
			f.givenCorrection(ref, raised, `{"due_at":"`+correctedDue.Format(time.RFC3339)+`"}`)
		}, correctedDue},
		{"a later due-date change wins over a correction of the first", func(f *fixture, ref Ref, raised uuid.UUID) {
			f.given(ref, ActionPointDueDateChanged{From: raisedDue, To: changedDue, Reason: "rains"})
			f.givenCorrection(ref, raised, `{"due_at":"`+correctedDue.Format(time.RFC3339)+`"}`)
		}, changedDue},
		{"a correction of the due-date change", func(f *fixture, ref Ref, raised uuid.UUID) {
			ids := f.given(ref, ActionPointDueDateChanged{From: raisedDue, To: changedDue, Reason: "rains"})
			f.givenCorrection(ref, ids[0], `{"to":"`+correctedDue.Format(time.RFC3339)+`"}`)
		}, correctedDue},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			ref := Ref{KindActionPoint, f.givenAP()}
			tc.given(f, ref, f.eventsOf(ref)[0])
			evs, err := f.when(ChangeDueDate{Header: f.hdr(), ID: ref.ID, DueAt: testNow.Add(200 * time.Hour), Reason: "new plan"})
			e := thenOne[ActionPointDueDateChanged](t, evs, err)
			require.True(t, tc.wantFrom.Equal(e.From), "from %s, want %s", e.From, tc.wantFrom)
		})
	}
}

// Given a corrected owner, when the action point is reassigned, then the
// reassignment records the corrected owner as the one it moved from.
func TestReassignmentSeesCorrectedOwner(t *testing.T) {
	t.Parallel()
	f := standard(t)
	ref := Ref{KindActionPoint, f.givenAP()}
	f.givenCorrection(ref, f.eventsOf(ref)[0], `{"owner_component_id":"`+f.icrc.String()+`"}`)
	evs, err := f.when(ReassignActionPoint{Header: f.hdr(), ID: ref.ID, Owner: Owner{ComponentID: f.pns}, Reason: "capacity"})
	e := thenOne[ActionPointReassigned](t, evs, err)
	require.Equal(t, f.icrc, e.FromComponentID)
}

// givenCorrection decides a correction and folds it into the record.
func (f *fixture) givenCorrection(ref Ref, id uuid.UUID, changes string) {
	evs, err := f.when(f.correction(ref, id, changes))
	c := thenOne[CorrectionRecorded](f.t, evs, err)
	f.given(ref, c)
}

func TestCorrectableFieldsComeFromTheCatalogue(t *testing.T) {
	t.Parallel()
	for _, doc := range Catalogue() {
		allowed := CorrectableFields(doc.Type)
		if doc.Type == (CorrectionRecorded{}).EventType() {
			require.Empty(t, allowed)
			continue
		}
		require.Contains(t, allowed, "occurred_at", doc.Type)
		for _, fd := range doc.Fields {
			if fd.Personal || fd.Reporter || strings.HasSuffix(fd.Name, "person_id") {
				require.NotContains(t, allowed, fd.Name, "%s: personal data, reporters and the ids that seal them are never corrected", doc.Type)
			}
		}
		for _, name := range allowed[:len(allowed)-1] {
			require.True(t, hasField(doc.Fields, name), "%s: %s is not a field of the event", doc.Type, name)
		}
	}
}

func hasField(fields []FieldDoc, name string) bool {
	for _, f := range fields {
		if f.Name == name {
			return true
		}
	}
	return false
}
