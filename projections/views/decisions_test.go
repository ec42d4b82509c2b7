package views_test

import (
	"encoding/json"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

func TestDecisionRegisterLifecycle(t *testing.T) {
	t.Parallel()
	v := views.NewDecisions()
	f := newFold(t, v)
	mech := uuid.New()
	propose := func() (uuid.UUID, uuid.UUID) {
		return f.new(domain.KindDecision, T, domain.DecisionProposed{MechanismID: mech, Title: "t", Text: "x"})
	}
	adopt := func(id uuid.UUID) {
		f.on(domain.KindDecision, id, day(1), domain.ClassMovement, domain.DecisionAdopted{Procedure: domain.ProcedureMeeting})
	}
	cases := []struct {
		name    string
		then    domain.Payload
		state   domain.DecisionState
		inForce bool
	}{
		{"adopted", nil, domain.DecAdopted, true},
		{"endorsed", domain.DecisionEndorsed{ByMechanismID: uuid.New()}, domain.DecEndorsed, true},
		{"amended", domain.DecisionAmended{Text: "y", Reason: "r"}, domain.DecAdopted, true},
		{"superseded", domain.DecisionSuperseded{ByDecisionID: uuid.New(), Reason: "r"}, domain.DecSuperseded, false},
		{"rescinded", domain.DecisionRescinded{Reason: "r"}, domain.DecRescinded, false},
	}
	for _, c := range cases {
		id, _ := propose()
		adopt(id)
		if c.then != nil {
			f.on(domain.KindDecision, id, day(2), domain.ClassMovement, c.then)
		}
		d, ok := v.Get(id)
		require.True(t, ok)
		require.Equal(t, c.state, d.State, c.name)
		require.Equal(t, c.inForce, d.InForce(), c.name)
	}
	proposed, _ := propose()
	d, _ := v.Get(proposed)
	require.False(t, d.InForce(), "a proposal does not bind")
	require.Len(t, v.List(f.op, views.DecisionFilter{InForce: true}), 3)
	require.Len(t, v.List(f.op, views.DecisionFilter{}), 6)
}

func TestDecisionCorrectionAndClassification(t *testing.T) {
	t.Parallel()
	v := views.NewDecisions()
	f := newFold(t, v)
	id, first := f.new(domain.KindDecision, T, domain.DecisionProposed{MechanismID: uuid.New(), Title: "Wrnog", Text: "x"})
	f.on(domain.KindDecision, id, day(1), domain.ClassRestricted, domain.DecisionAdopted{})
	f.on(domain.KindDecision, id, day(2), domain.ClassPublic, domain.CorrectionRecorded{CorrectsEventID: first,
		CorrectsType: "decision.proposed.v1", Reason: "typo", Changes: json.RawMessage(`{"title":"Right","unknown":1}`)})
	d, _ := v.Get(id)
	require.Equal(t, "Right", d.Title)
	require.Equal(t, domain.ClassRestricted, d.Classification, "a record is as restricted as its most restricted event")
	require.Equal(t, day(2), d.UpdatedAt)
}
