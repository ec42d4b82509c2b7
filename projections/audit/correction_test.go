package audit_test

import (
	"encoding/json"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/audit"
)

// Given a corrected event, the record's audit trail shows the correction with
// each field before and after, who recorded it and why.
func TestAuditShowsCorrectionsBeforeAndAfter(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		changes string
		before  string
		want    []audit.CorrectedField
	}{
		{"adoption date and procedure", `{"procedure":"written","occurred_at":"2026-03-01T08:00:00Z"}`,
			`{"procedure":"meeting","occurred_at":"2026-03-03T08:00:00Z"}`,
			[]audit.CorrectedField{
				{Field: "occurred_at", Before: json.RawMessage(`"2026-03-03T08:00:00Z"`), After: json.RawMessage(`"2026-03-01T08:00:00Z"`)},
				{Field: "procedure", Before: json.RawMessage(`"meeting"`), After: json.RawMessage(`"written"`)},
			}},
		{"a correction recorded before the ledger kept the old value", `{"procedure":"written"}`, ``,
			[]audit.CorrectedField{{Field: "procedure", After: json.RawMessage(`"written"`)}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l := &log{t: t, trail: audit.New()}
			op := uuid.New()
			dec := domain.Ref{Kind: domain.KindDecision, ID: uuid.New()}
			l.add(dec, op, "ana", 0, domain.DecisionProposed{Title: "t"})
			adopted := l.add(dec, op, "ana", 48, domain.DecisionAdopted{Procedure: domain.ProcedureMeeting})
			l.add(dec, op, "ben", 50, domain.CorrectionRecorded{CorrectsEventID: adopted.ID, CorrectsType: adopted.Type,
				Reason: "adopted by written procedure the day before", Changes: json.RawMessage(tc.changes), Before: json.RawMessage(tc.before)})

			recs := l.trail.Entity(dec, audit.Page{}).Records
			require.Len(t, recs, 3)
			fix := recs[2]
			require.Equal(t, adopted.Position, fix.Corrects)
			require.Equal(t, "ben", fix.Actor.ID, "who corrected it")
			require.NotNil(t, fix.Correction)
			require.Equal(t, "adopted by written procedure the day before", fix.Correction.Reason)
			require.Equal(t, tc.want, fix.Correction.Fields)
			require.Nil(t, recs[1].Correction, "the corrected event itself links its corrections")
			require.Equal(t, []uint64{fix.Position}, recs[1].CorrectedBy)
		})
	}
}

// Given an action point raised for the wrong owner, when the owner is
// corrected, then the timeline filtered by component finds it under the
// right one only.
func TestTimelineFollowsACorrectedComponent(t *testing.T) {
	t.Parallel()
	l := &log{t: t, trail: audit.New()}
	op, wrong, right := uuid.New(), uuid.New(), uuid.New()
	ap := domain.Ref{Kind: domain.KindActionPoint, ID: uuid.New()}
	raised := l.add(ap, op, "ana", 0, domain.ActionPointRaised{Title: "Kits", Owner: domain.Owner{ComponentID: wrong}})
	l.add(ap, op, "ana", 1, domain.CorrectionRecorded{CorrectsEventID: raised.ID, CorrectsType: raised.Type, Reason: "wrong owner",
		Changes: json.RawMessage(`{"owner_component_id":"` + right.String() + `"}`), Before: json.RawMessage(`{"owner_component_id":"` + wrong.String() + `"}`)})
	cases := []struct {
		component uuid.UUID
		want      int
	}{{right, 2}, {wrong, 0}}
	for _, tc := range cases {
		require.Len(t, l.trail.Timeline(op, audit.TimelineFilter{Component: tc.component}).Records, tc.want)
	}
}
