package remind_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/remind/remindtest"
	"github.com/movementcoord/ledger/domain"
)

// TestDigestThroughSMTP: the week's day 2 goes through a STARTTLS relay
// with credentials: one message per person, each in the person's language,
// plain text and HTML, and a restricted action point's title in no one's
// mail.
func TestDigestThroughSMTP(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rl := remindtest.Start(t)
	w := newWorld(t, day0)
	s := w.scenario()
	secret := "Staff security incident at the depot"
	h := w.hdr(s.op)
	h.Classification = domain.ClassRestricted
	w.run(domain.RaiseActionPoint{Header: h, ID: uuid.New(), MeetingID: s.meeting, Title: secret,
		Owner: domain.Owner{ComponentID: s.pns}, DueAt: s.ap1Due}) // due with AP1: reminded on the same day
	srv := w.server(rl.Mailer())
	for d := range 3 { // days 0, 1, 2
		w.clock.Set(tick(d))
		_, err := srv.sender.Tick(ctx)
		require.NoError(t, err)
		if d < 2 {
			rl.Take()
		}
	}
	require.Zero(t, srv.sender.Status().DeliveryFails, srv.sender.Status().LastError)
	msgs := rl.Take()
	// Day 2: Ben has AP1 and the restricted AP due soon; Amina has AP2 overdue and the minutes (see expected()).
	byTo := map[string]remindtest.Parsed{}
	for _, m := range msgs {
		require.True(t, m.TLS, "sent after STARTTLS")
		p := remindtest.Parse(t, m)
		require.NotContains(t, byTo, p.To, "one message per person")
		byTo[p.To] = p
		require.NotContains(t, p.Text, secret)
		require.NotContains(t, p.HTML, secret)
		require.NotEmpty(t, p.HTML)
	}
	require.Len(t, byTo, 2)
	ben, amina := byTo["ben@nrc.example"], byTo["amina@hns.example"]
	require.Equal(t, "en", ben.Lang)
	require.Contains(t, ben.Subject, "Follow-up")
	require.Contains(t, ben.Text, "Truck fuel plan")
	require.Contains(t, ben.Text, "a restricted action point (sign in to read it)")
	require.Equal(t, "fr", amina.Lang)
	require.Contains(t, amina.Subject, "Suivi")
	require.Contains(t, amina.Text, "Volunteer roster: en retard")
	require.Contains(t, amina.Text, "TWG 1: compte rendu non diffusé")
	require.Contains(t, amina.HTML, `lang="fr"`)
}

// TestRelayDownIsRetried: a relay that refuses keeps the digest, retried
// with back-off; the failure shows in the counters until it goes through.
func TestRelayDownIsRetried(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t, day0)
	s := w.scenario()
	box := &inbox{fail: true}
	srv := w.server(box)
	w.clock.Set(tick(0))
	_, err := srv.sender.Tick(ctx)
	require.NoError(t, err)
	st := srv.sender.Status()
	require.Equal(t, 1, st.Pending)
	require.Equal(t, 1, st.DeliveryFails)
	require.Contains(t, st.FailingOps, s.op)
	require.Contains(t, st.LastError, errRelayDown.Error())

	w.clock.Set(tick(0).Add(30 * time.Second)) // before the first back-off ends: no attempt
	_, err = srv.sender.Tick(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, srv.sender.Status().DeliveryFails)

	box.mu.Lock()
	box.fail = false
	box.mu.Unlock()
	w.clock.Set(tick(0).Add(2 * time.Minute))
	_, err = srv.sender.Tick(ctx)
	require.NoError(t, err)
	st = srv.sender.Status()
	require.Zero(t, st.Pending)
	require.Empty(t, st.FailingOps)
	got := box.take()
	require.Len(t, got, 1, "the digest held back is delivered once")
	require.Equal(t, s.amina, got[0].To.PersonID)
}
