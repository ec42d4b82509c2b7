package remind_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/remind"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
)

// Delivery survives its process: the reminders recorded and not delivered
// are read from the log by whichever Sender ticks next (a restart, or the
// server that takes the reminders lease).

const digestAt = 7 * time.Hour

// senderOn makes a new process on the world: its own views, read from the
// log, and nothing in memory.
func (w *world) senderOn(mail remind.Mailer, hook remind.Poster, sendAt func(time.Time) time.Time) *server {
	srv := w.server(mail)
	svc := recorder.New(w.store, recorder.WithKeys(w.keys), recorder.WithClock(w.clock.Now))
	srv.sender = remind.New(remind.Config{Service: svc, Views: srv.views, Mail: mail, Webhook: hook,
		Clock: w.clock.Now, SendAt: sendAt})
	return srv
}

func (s *server) tickAt(t *testing.T, now time.Time) {
	t.Helper()
	s.w.clock.Set(now)
	_, err := s.sender.Tick(context.Background())
	require.NoError(t, err)
}

// mailed names each reminder of the digests: person, record, rule, occurrence.
func mailed(ds []remind.Digest) []string {
	var out []string
	for _, d := range ds {
		for _, it := range d.Items {
			out = append(out, fmt.Sprintf("%s %s %s %d", d.To.PersonID, it.Record.ID, it.Rule, it.Occurrence))
		}
	}
	return out
}

// recorded names the reminders of the channel in the log recorded from
// since until until, as mailed does.
func recorded(t *testing.T, w *world, channel domain.Channel, since, until time.Time) []string {
	t.Helper()
	var out []string
	for rec, err := range w.store.ReadAll(context.Background(), 0, 0) {
		require.NoError(t, err)
		if rec.Type != (domain.ReminderSent{}).EventType() {
			continue
		}
		ev, err := projections.Decode(&rec)
		require.NoError(t, err)
		r := ev.Payload.(domain.ReminderSent)
		if r.Channel == channel && !ev.Env.OccurredAt.Before(since) && ev.Env.OccurredAt.Before(until) {
			out = append(out, fmt.Sprintf("%s %s %s %d", r.PersonID, ev.Ref.ID, r.Rule, r.Occurrence))
		}
	}
	return out
}

// TestADroppedSendersRemindersAreMailedByTheNext: a server records the
// day's reminders for the 07:00 digest and is gone before then (killed,
// or the lease moved); a new Sender on the same store mails them once, at
// 07:00, or at once when it starts after 07:00.
func TestADroppedSendersRemindersAreMailedByTheNext(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		mailedAt   time.Time   // the new Sender's tick that mails
		beforeThat []time.Time // its ticks before, which mail nothing
		recordedTo time.Time   // what is mailed then: all recorded before this
	}{
		{"restart before the send time", at(2, 7), []time.Time{at(1, 11), at(2, 6)}, at(2, 7).Add(time.Second)},
		// what the new Sender records at 09:00 waits for tomorrow's digest
		{"restart after the send time", at(2, 9), nil, at(1, 11)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, day0)
			w.scenario()
			box := &inbox{}
			first := w.senderOn(box, nil, remind.NextDaily(digestAt))
			first.tickAt(t, at(1, 10))
			require.Positive(t, first.sender.Status().Recorded)
			require.Empty(t, box.take(), "the digests wait for 07:00")
			owed := recorded(t, w, domain.ChannelEmail, day0, at(1, 11))
			require.NotEmpty(t, owed)

			next := w.senderOn(box, nil, remind.NextDaily(digestAt))
			for _, now := range tc.beforeThat {
				next.tickAt(t, now)
				require.Empty(t, box.take(), "nothing before 07:00")
				require.Positive(t, next.sender.Status().Pending, "the digests owed are pending")
			}
			next.tickAt(t, tc.mailedAt)
			got := mailed(box.take())
			require.Subset(t, got, owed, "what the first server recorded is mailed")
			require.ElementsMatch(t, recorded(t, w, domain.ChannelEmail, day0, tc.recordedTo), got, "each once")

			next.tickAt(t, tc.mailedAt.Add(time.Hour))
			w.senderOn(box, nil, remind.NextDaily(digestAt)).tickAt(t, tc.mailedAt.Add(2*time.Hour))
			require.Empty(t, box.take(), "delivered: neither it nor another Sender mails them again")
		})
	}
}

// TestDeliveredRemindersAreNotMailedAgain: of the reminders a new Sender
// finds in the log, it mails those not delivered, and only those.
func TestDeliveredRemindersAreNotMailedAgain(t *testing.T) {
	t.Parallel()
	w := newWorld(t, day0)
	w.scenario()
	box := &inbox{}
	w.senderOn(box, nil, nil).tickAt(t, tick(0)) // mails at once
	day0Mail := box.take()
	require.NotEmpty(t, day0Mail)
	w.senderOn(box, nil, remind.NextDaily(digestAt)).tickAt(t, tick(1)) // records, then is gone
	require.Empty(t, box.take())

	next := w.senderOn(box, nil, remind.NextDaily(digestAt))
	next.tickAt(t, at(2, 7))
	got := mailed(box.take())
	require.NotEmpty(t, got)
	for _, m := range mailed(day0Mail) {
		require.NotContains(t, got, m, "delivered on day 0")
	}
	require.ElementsMatch(t, recorded(t, w, domain.ChannelEmail, tick(0).Add(time.Second), at(2, 7).Add(time.Second)), got)
}

// TestARelayFailureThenANewSender: the relay refuses the digests and the
// server is gone before it recovers; the next Sender mails them once the
// relay works, once.
func TestARelayFailureThenANewSender(t *testing.T) {
	t.Parallel()
	w := newWorld(t, day0)
	w.scenario()
	box := &inbox{fail: true}
	first := w.senderOn(box, nil, nil)
	first.tickAt(t, tick(0))
	require.Positive(t, first.sender.Status().DeliveryFails)

	next := w.senderOn(box, nil, nil)
	next.tickAt(t, tick(0).Add(time.Hour))
	require.Positive(t, next.sender.Status().DeliveryFails, "still down: kept")
	box.mu.Lock()
	box.fail = false
	box.mu.Unlock()
	next.tickAt(t, tick(0).Add(3*time.Hour)) // past the retry's back-off
	got := mailed(box.take())
	require.NotEmpty(t, got)
	require.ElementsMatch(t, recorded(t, w, domain.ChannelEmail, day0, tick(1)), got)
	require.Zero(t, next.sender.Status().Pending)
	require.Empty(t, next.sender.Status().FailingOps)

	next.tickAt(t, tick(0).Add(4*time.Hour))
	w.senderOn(box, nil, nil).tickAt(t, tick(0).Add(5*time.Hour))
	require.Empty(t, box.take(), "mailed once")
}

// TestWebhookPostsOwedAreSentByTheNext: the webhook refuses a server's
// post and the server is gone; the next Sender posts the reminders once
// the receiver answers, once.
func TestWebhookPostsOwedAreSentByTheNext(t *testing.T) {
	t.Parallel()
	w := newWorld(t, day0)
	s := w.scenario()
	secret := []byte("server webhook secret")
	rcv := &hookReceiver{key: remind.WebhookKey(secret, s.op), failNext: 1, t: t}
	ts := httptest.NewServer(rcv)
	t.Cleanup(ts.Close)
	w.run(domain.SetWebhook{Header: w.hdr(s.op), ID: s.op, URL: ts.URL + "/hooks"})
	hook := &remind.Webhook{Secret: secret}

	first := w.senderOn(nil, hook, remind.NextDaily(digestAt))
	first.tickAt(t, tick(0))
	require.Equal(t, 1, first.sender.Status().DeliveryFails)

	next := w.senderOn(nil, hook, remind.NextDaily(digestAt))
	next.tickAt(t, tick(0).Add(time.Hour))
	next.tickAt(t, tick(0).Add(2*time.Hour))
	w.senderOn(nil, hook, remind.NextDaily(digestAt)).tickAt(t, tick(0).Add(3*time.Hour))

	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	require.Len(t, rcv.posts, 1, "posted once, by the next Sender")
	require.Len(t, rcv.posts[0].Reminders, 1)
	require.Equal(t, s.ap2, rcv.posts[0].Reminders[0].Record.ID)
	require.Len(t, rcv.attempts, 2)
	require.Equal(t, rcv.attempts[0], rcv.attempts[1], "the same delivery id from either server: a receiver can drop a repeat")
	require.Equal(t, rcv.posts[0].Delivery, rcv.attempts[1])
}
