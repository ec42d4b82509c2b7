package followup_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/followup"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// TestDueOnALargeLog computes the reminders due over a generated log of
// 20,000 events (every kind of record, many operations) and logs how long
// one scheduler tick's computation takes; every reminder has a distinct key.
func TestDueOnALargeLog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := memory.New()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := synthetic.Fill(ctx, store, synthetic.New(12, start), synthetic.FillOptions{Events: 20_000})
	require.NoError(t, err)
	set := readmodel.NewSet()
	for rec, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		ev, err := projections.Decode(&rec)
		require.NoError(t, err)
		for _, v := range set.All() {
			require.NoError(t, v.Apply(&ev))
		}
	}
	src := followup.Sources{Operations: set.Operations, Components: set.Components, Contacts: set.Contacts,
		Mechanisms: set.Mechanisms, Decisions: set.Decisions, Actions: set.Actions, Escalations: set.Escalations, FollowUp: set.FollowUp}
	now := start.AddDate(0, 3, 0)
	began := time.Now()
	due := followup.Due(src, now)
	took := time.Since(began)
	require.NotEmpty(t, due)
	keys := map[string]bool{}
	for _, r := range due {
		require.False(t, keys[r.Key()], "a reminder due twice: %s", r.Key())
		keys[r.Key()] = true
	}
	t.Logf("%d reminders due over %d operations in %v", len(due), len(set.Operations.List()), took)
}
