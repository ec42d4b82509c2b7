package views_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/views"
)

// fix is a correction as the domain records it: new values and old ones.
func fix(id uuid.UUID, p domain.Payload, changes, before string) domain.CorrectionRecorded {
	return domain.CorrectionRecorded{CorrectsEventID: id, CorrectsType: p.EventType(), Reason: "typo",
		Changes: json.RawMessage(changes), Before: json.RawMessage(before)}
}

func stamp(t time.Time) string { return `"` + t.Format(time.RFC3339) + `"` }

// Given a decision adopted on one day, when its adoption date is corrected,
// then the register shows the corrected date.
func TestCorrectedAdoptionDateReachesTheRegister(t *testing.T) {
	t.Parallel()
	v := views.NewDecisions()
	f := newFold(t, v)
	id, _ := f.new(domain.KindDecision, T, domain.DecisionProposed{MechanismID: uuid.New(), Title: "Kits", Text: "x"})
	adopted := f.on(domain.KindDecision, id, day(3), domain.ClassMovement, domain.DecisionAdopted{Procedure: domain.ProcedureMeeting})
	f.on(domain.KindDecision, id, day(5), domain.ClassMovement, fix(adopted, domain.DecisionAdopted{},
		`{"occurred_at":`+stamp(day(1))+`,"procedure":"written","objections":[{"component_id":"`+uuid.NewString()+`","note":"t"}]}`,
		`{"occurred_at":`+stamp(day(3))+`,"procedure":"meeting","objections":null}`))
	d, _ := v.Get(id)
	require.Equal(t, day(1), d.AdoptedAt)
	require.Equal(t, domain.ProcedureWritten, d.Procedure)
	require.Equal(t, 1, d.Objections)
	require.Equal(t, domain.DecAdopted, d.State, "a correction is not a transition")
}

// A column takes the corrected value only while it still shows the value the
// corrected event gave it: a later event that replaced it wins, as in the fold.
func TestCorrectedDueDateReachesTheTracker(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name         string
		changedLater bool
		wantDue      time.Time
		wantOriginal time.Time
	}{
		{"no later change", false, day(12), day(12)},
		{"a later due-date change wins", true, day(20), day(12)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := views.NewActions()
			f := newFold(t, v)
			ap, raised := f.new(domain.KindActionPoint, T, domain.ActionPointRaised{Title: "Kits", DueAt: day(10)})
			if tc.changedLater {
				f.on(domain.KindActionPoint, ap, day(1), domain.ClassMovement, domain.ActionPointDueDateChanged{From: day(10), To: day(20), Reason: "r"})
			}
			f.on(domain.KindActionPoint, ap, day(2), domain.ClassMovement, fix(raised, domain.ActionPointRaised{},
				`{"due_at":`+stamp(day(12))+`}`, `{"due_at":`+stamp(day(10))+`}`))
			got, _ := v.Get(ap)
			require.Equal(t, tc.wantDue, got.DueAt)
			require.Equal(t, tc.wantOriginal, got.OriginalDueAt)
			require.False(t, got.OverdueAt(day(11)), "overdue follows the corrected date")
		})
	}
}

// Rows carry overdue and days_overdue as they stand at the reader's time.
func TestActionRowsSayOverdueAtTheReadersTime(t *testing.T) {
	t.Parallel()
	v := views.NewActions()
	f := newFold(t, v)
	ap, _ := f.new(domain.KindActionPoint, T, domain.ActionPointRaised{Title: "Kits", DueAt: day(10)})
	cases := []struct {
		name string
		at   time.Time
		want bool
		days int
	}{
		{"before due", day(9), false, 0},
		{"at due", day(10), false, 0},
		{"hours after", day(10).Add(5 * time.Hour), true, 0},
		{"twelve days after", day(22).Add(time.Hour), true, 12},
	}
	for _, tc := range cases {
		rows := v.List(f.op, views.ActionFilter{At: tc.at})
		require.Len(t, rows, 1)
		require.Equal(t, ap, rows[0].ID)
		require.Equal(t, tc.want, rows[0].Overdue, tc.name)
		require.Equal(t, tc.days, rows[0].DaysOverdue, tc.name)
	}
	f.on(domain.KindActionPoint, ap, day(11), domain.ClassMovement, domain.ActionPointCompleted{})
	rows := v.List(f.op, views.ActionFilter{At: day(30)})
	require.False(t, rows[0].Overdue, "completed work is not overdue")
	require.Zero(t, rows[0].DaysOverdue)
}

// Dates the registers take from when an event happened follow a corrected
// occurred time, so the figures built on them (time to triage, to
// resolution) use the right dates.
func TestCorrectedOccurredTimesReachTheDates(t *testing.T) {
	t.Parallel()
	t.Run("time to triage", func(t *testing.T) {
		t.Parallel()
		v := views.NewCompliance()
		f := newFold(t, v)
		id, _ := f.new(domain.KindCompliance, T, domain.ComplianceReported{Category: domain.CatEmblem, Severity: domain.SevLow})
		triaged := f.on(domain.KindCompliance, id, day(5), domain.ClassRestricted, domain.ComplianceTriaged{Severity: domain.SevHigh, Note: "n"})
		f.on(domain.KindCompliance, id, day(6), domain.ClassRestricted, fix(triaged, domain.ComplianceTriaged{},
			`{"occurred_at":`+stamp(day(1))+`}`, `{"occurred_at":`+stamp(day(5))+`}`))
		got, _ := v.Get(id)
		require.Equal(t, day(1), got.TriagedAt)
	})
	t.Run("time to resolution", func(t *testing.T) {
		t.Parallel()
		v := views.NewEscalations()
		f := newFold(t, v)
		id, _ := f.new(domain.KindEscalation, T, domain.EscalationRaised{SubjectKind: domain.KindDecision, SubjectID: uuid.New(), Rung: "opc", Reason: "stuck"})
		resolved := f.on(domain.KindEscalation, id, day(9), domain.ClassMovement, domain.EscalationResolved{Note: "n"})
		f.on(domain.KindEscalation, id, day(10), domain.ClassMovement, fix(resolved, domain.EscalationResolved{},
			`{"occurred_at":`+stamp(day(4))+`}`, `{"occurred_at":`+stamp(day(9))+`}`))
		got, _ := v.Get(id)
		require.Equal(t, day(4), got.ResolvedAt)
	})
}

// Given an action point raised under the wrong decision, when the decision is
// corrected, then it moves with its progress to the right one, and the
// tracker counts it under the right decision's mechanism.
func TestCorrectedDecisionMovesTheActionPoint(t *testing.T) {
	t.Parallel()
	decisions, actions := views.NewDecisions(), views.NewActions()
	f := newFold(t, multi{decisions, actions})
	mechA, mechB := uuid.New(), uuid.New()
	wrong, _ := f.new(domain.KindDecision, T, domain.DecisionProposed{MechanismID: mechA, Title: "A", Text: "x"})
	right, _ := f.new(domain.KindDecision, T, domain.DecisionProposed{MechanismID: mechB, Title: "B", Text: "y"})
	ap, raised := f.new(domain.KindActionPoint, day(1), domain.ActionPointRaised{DecisionID: wrong, Title: "Kits"})
	f.on(domain.KindActionPoint, ap, day(2), domain.ClassMovement, domain.ActionPointProgressReported{Percent: 40, Note: "n"})
	f.on(domain.KindActionPoint, ap, day(3), domain.ClassMovement, fix(raised, domain.ActionPointRaised{},
		`{"decision_id":"`+right.String()+`"}`, `{"decision_id":"`+wrong.String()+`"}`))

	a, _ := decisions.Get(wrong)
	require.Empty(t, a.ActionPoints)
	b, _ := decisions.Get(right)
	require.Equal(t, []views.LinkedAction{{ID: ap, State: domain.APInProgress, Percent: 40, LastProgressAt: day(2)}}, b.ActionPoints)
	row, _ := actions.Get(ap)
	require.Equal(t, right, row.DecisionID)
	require.Equal(t, mechB, row.MechanismID)
}

// multi applies each event to several views, as the runner does.
type multi []projections.Projection

func (m multi) Name() string { return "multi" }
func (m multi) Lock()        {}
func (m multi) Unlock()      {}
func (m multi) Apply(e *projections.Event) error {
	for _, v := range m {
		if err := v.Apply(e); err != nil {
			return err
		}
	}
	return nil
}
