package export_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/export"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// An escalation of a confidential issue goes into no export, even one
// recorded as Movement before classification was inherited: the policy
// sees it as restricted as its subject.
func TestExportsWithholdWhatIsAboutAConfidentialRecord(t *testing.T) {
	t.Parallel()
	set, op := readmodel.NewSet(), uuid.New()
	pos := uint64(0)
	on := func(kind domain.Kind, id uuid.UUID, class domain.Classification, p domain.Payload) {
		pos++
		at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC).Add(time.Duration(pos) * time.Hour)
		e := projections.Event{Position: pos, ID: uuid.New(), Version: pos, Type: p.EventType(), RecordedAt: at,
			Ref: domain.Ref{Kind: kind, ID: id}, Payload: p,
			Env: domain.Envelope{OperationID: op, OccurredAt: at, RecordedAt: at, Classification: class}}
		for _, v := range set.All() {
			require.NoError(t, v.Apply(&e))
		}
	}
	on(domain.KindOperation, op, domain.ClassPublic, domain.OperationOpened{Name: "Floods", Country: "SDN"})
	issue, secret, open := uuid.New(), uuid.New(), uuid.New()
	on(domain.KindCompliance, issue, domain.ClassConfidential, domain.ComplianceReported{Category: domain.CatFraud})
	on(domain.KindEscalation, secret, domain.ClassMovement, domain.EscalationRaised{SubjectKind: domain.KindCompliance,
		SubjectID: issue, Rung: "platform", BodyName: "Movement platform", Reason: "no answer"})
	on(domain.KindEscalation, open, domain.ClassMovement, domain.EscalationRaised{SubjectKind: domain.KindDecision,
		SubjectID: uuid.New(), Rung: "platform", BodyName: "Movement platform", Reason: "stuck"})

	for _, audience := range []export.Audience{export.Movement, export.External} {
		tbl, err := export.Build(set, op, "escalations", audience, time.Now())
		require.NoError(t, err)
		var csv strings.Builder
		require.NoError(t, tbl.WriteCSV(&csv, false))
		require.NotContains(t, csv.String(), secret.String(), string(audience))
		require.Equal(t, 2, len(tbl.Rows)+tbl.Withheld)
	}
	tbl, err := export.Build(set, op, "escalations", export.Movement, time.Now())
	require.NoError(t, err)
	require.Len(t, tbl.Rows, 1, "the escalation of a decision goes inside the Movement")
}
