package web

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// The follow-up page lists the operation's action points for two purposes
// (titles of reminded records and the figures); the access log must still
// count each confidential action point it read once, not once per use.
func TestTheFollowUpPageCountsEachConfidentialActionOnce(t *testing.T) {
	op, at := uuid.New(), time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	set := readmodel.NewSet()
	classes := []domain.Classification{domain.ClassConfidential, domain.ClassMovement, domain.ClassConfidential,
		domain.ClassMovement, domain.ClassConfidential}
	for i, class := range classes {
		p := domain.ActionPointRaised{Title: "Kits", DueAt: at.Add(-48 * time.Hour)}
		e := projections.Event{Position: uint64(i + 1), ID: uuid.New(), Version: 1, Type: p.EventType(), RecordedAt: at,
			Ref: domain.Ref{Kind: domain.KindActionPoint, ID: uuid.New()}, Payload: p,
			Env: domain.Envelope{OperationID: op, OccurredAt: at, RecordedAt: at, Classification: class}}
		require.NoError(t, set.Actions.Apply(&e))
	}
	rc := &auth.ReadCounter{}
	admin := auth.Principal{Role: auth.RoleAdmin}.WithReadCounter(rc)

	followUpData(admin, set, op, at, false)

	require.Equal(t, int64(3), rc.Count(), "three confidential action points were read, once each")
}
