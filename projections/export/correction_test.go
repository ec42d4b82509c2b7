package export_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/asof"
	"github.com/movementcoord/ledger/projections/export"
)

// Given a decision adopted on the wrong day, when the adoption date is
// corrected, then the export of the decision register carries the right day.
func TestExportCarriesCorrectedAdoptionDate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := memory.New()
	svc := recorder.New(store, recorder.WithClock(func() time.Time { return demoNow }))
	hdr := func(op uuid.UUID, at time.Time) domain.Header {
		return domain.Header{Actor: domain.Actor{ID: "mco", Role: "officer"}, IdempotencyKey: uuid.NewString(),
			OperationID: op, OccurredAt: at, Classification: domain.ClassPublic}
	}
	do := func(cmd domain.Command) recorder.Result {
		r, err := svc.Execute(ctx, cmd, recorder.WriteOptions{})
		require.NoError(t, err)
		return r
	}
	wrong, right := demoNow.Add(-48*time.Hour), demoNow.Add(-96*time.Hour)
	op := do(domain.OpenOperation{Header: hdr(uuid.Nil, demoNow.Add(-30*24*time.Hour)), ID: recorder.NewID(), Name: "Floods", Country: "SDN",
		CrisisType: "disaster", Severity: "high", StartedAt: demoNow.Add(-30 * 24 * time.Hour)}).Ref.ID
	hns := do(domain.JoinComponent{Header: hdr(op, time.Time{}), ID: recorder.NewID(), Name: "SRCS", Kind: domain.ComponentHNS}).Ref.ID
	mech := do(domain.EstablishMechanism{Header: hdr(op, time.Time{}), ID: recorder.NewID(), Name: "TWG", Level: domain.LevelTechnical,
		TermsOfReference: "ToR"}).Ref.ID
	do(domain.AddMember{Header: hdr(op, time.Time{}), ID: mech, ComponentID: hns})
	dec := do(domain.ProposeDecision{Header: hdr(op, wrong), ID: recorder.NewID(), MechanismID: mech, Title: "Kits", Text: "One kit"}).Ref
	do(domain.AdoptDecision{Header: hdr(op, wrong), ID: dec.ID, Procedure: domain.ProcedureWritten, AgreedBy: []uuid.UUID{hns}})
	agg, err := svc.Load(ctx, dec)
	require.NoError(t, err)
	adopted := domain.BaseOf(agg).History()[1]
	require.Equal(t, "decision.adopted.v1", adopted.Type)
	do(domain.CorrectEvent{Header: hdr(op, time.Time{}), Record: dec, EventID: adopted.ID, Reason: "adopted two days earlier",
		Changes: json.RawMessage(`{"occurred_at":"` + right.Format(time.RFC3339) + `"}`)})

	set, err := asof.Recorded(ctx, store, time.Now())
	require.NoError(t, err)
	tbl, err := export.Build(set, op, "decisions", export.External, demoNow)
	require.NoError(t, err)
	require.Equal(t, []string{right.Format(time.RFC3339)}, column(t, csvRows(t, tbl, true), "adopted"))
}
