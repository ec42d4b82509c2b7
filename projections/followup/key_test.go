package followup

import (
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
)

// A reminder's key is the idempotency key recorded in the log: it must stay
// the text it has always been, whatever makes it.
func TestAReminderKeyKeepsItsFormat(t *testing.T) {
	t.Parallel()
	cases := []struct {
		rule       domain.ReminderRule
		rec        domain.Ref
		person     uuid.UUID
		occurrence int
	}{
		{domain.RuleOverdue, domain.Ref{Kind: domain.KindActionPoint, ID: uuid.New()}, uuid.New(), 3},
		{domain.RuleDecisionIdle, domain.Ref{Kind: domain.KindDecision, ID: uuid.New()}, uuid.Nil, -1},
		{domain.RuleMinutesNotCirculated, domain.Ref{Kind: domain.KindMeeting, ID: uuid.Max}, uuid.Max, 1 << 40},
	}
	for _, tc := range cases {
		want := fmt.Sprintf("followup:%s:%s:%s:%d", tc.rule, tc.rec.Stream(), tc.person, tc.occurrence)
		require.Equal(t, want, key(tc.rule, tc.rec, tc.person, tc.occurrence))
	}
}
