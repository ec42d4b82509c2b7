package remind_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/remind/remindtest"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
	"github.com/movementcoord/ledger/scripts/demo"
)

// TestDemoDigests: the demo's overdue action points produce reminders to
// their owners' focal points, mailed through an SMTP relay as one message
// per person. Set LEDGER_DEMO_DIGESTS=file to keep the messages received.
func TestDemoDigests(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 12, 2, 7, 0, 0, 0, time.UTC)
	w := newWorld(t, now)
	sum, err := demo.Run(ctx, w.svc, now, nil)
	require.NoError(t, err)
	// One focal point reads French, to show both languages.
	var ifrc uuid.UUID
	rl := remindtest.Start(t)
	srv := w.server(rl.Mailer())
	set, err := srv.views()
	require.NoError(t, err)
	for _, c := range set.Contacts.List(sum.OperationID, false) {
		if c.PersonID == demo.PersonID("ifrc-hoo") {
			ifrc = c.ID
		}
	}
	w.run(domain.SetContactLanguage{Header: w.hdr(sum.OperationID), ID: ifrc, Language: domain.LangFrench})

	_, err = srv.sender.Tick(ctx)
	require.NoError(t, err)
	require.Zero(t, srv.sender.Status().DeliveryFails, srv.sender.Status().LastError)
	msgs := rl.Take()

	// Expected from the registers alone: every overdue action point whose
	// owner has a focal point (a contact with a function and an address)
	// reminds that person.
	set, err = srv.views()
	require.NoError(t, err)
	focal := map[uuid.UUID][]string{} // component -> addresses
	for _, c := range set.Contacts.List(sum.OperationID, false) {
		if c.Function != "" && strings.Contains(c.Email, "@") {
			focal[c.ComponentID] = append(focal[c.ComponentID], c.Email)
		}
	}
	var overdue []views.ActionPoint
	for _, a := range set.Actions.List(sum.OperationID, views.ActionFilter{}) {
		if !a.State.Final() && domain.OverdueAt(a.DueAt, a.ClosedAt, now) && len(focal[a.Owner.ComponentID]) > 0 {
			overdue = append(overdue, a)
		}
	}
	require.NotEmpty(t, overdue, "the demo has overdue action points")
	byTo := map[string]remindtest.Parsed{}
	var all strings.Builder
	for _, m := range msgs {
		p := remindtest.Parse(t, m)
		require.NotContains(t, byTo, p.To, "one message per person")
		byTo[p.To] = p
		all.WriteString("To: " + p.To + "\nSubject: " + p.Subject + "\nContent-Language: " + p.Lang + "\n\n" +
			strings.ReplaceAll(p.Text, "\r\n", "\n") + "\n----\n")
	}
	for _, a := range overdue {
		for _, to := range focal[a.Owner.ComponentID] {
			require.Contains(t, byTo, to, "the owner's focal point of %q is reminded", a.Title)
			if a.Classification == domain.ClassPublic || a.Classification == domain.ClassMovement {
				require.Contains(t, byTo[to].Text, a.Title)
			}
		}
	}
	require.Equal(t, "fr", byTo["ifrc-hoo@example.org"].Lang)
	if path := os.Getenv("LEDGER_DEMO_DIGESTS"); path != "" {
		require.NoError(t, os.WriteFile(path, []byte(all.String()), 0o600))
	}
}
