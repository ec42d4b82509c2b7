package followup_test

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/followup"
)

// A view read back from its snapshot answers every query as the view it was
// written from, and goes on folding events to the same answers.
func TestASnapshotRestoresTheView(t *testing.T) {
	t.Parallel()
	synth := syntheticLog(t, 20_000)
	hand := handMadeLog()
	cases := []struct {
		name   string
		events []projections.Event
		cut    int // events applied before the snapshot; the rest after it
	}{
		{"a generated log", synth, 12_345},
		{"a feed issued twice under one id, revoked after the cut", hand, 7},
		{"an empty view", hand, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q := probeOf(tc.events)
			original := followup.NewView()
			apply(t, original, tc.events[:tc.cut])
			snap := snapshot(t, original)

			restored := followup.NewView()
			require.NoError(t, restored.ReadSnapshot(bytes.NewReader(snap)))
			require.Equal(t, q.answers(original), q.answers(restored))
			require.Equal(t, snap, snapshot(t, restored), "the restored view writes the same snapshot")

			apply(t, original, tc.events[tc.cut:])
			apply(t, restored, tc.events[tc.cut:])
			require.Equal(t, q.answers(original), q.answers(restored), "after the events that followed the snapshot")
			require.Equal(t, snapshot(t, original), snapshot(t, restored))
		})
	}
}

// A snapshot cut short or with any byte altered is refused; the reader
// stops at the snapshot's last byte.
func TestADamagedSnapshotIsRefused(t *testing.T) {
	t.Parallel()
	v := followup.NewView()
	apply(t, v, append(handMadeLog(), syntheticLog(t, 3_000)...))
	snap := snapshot(t, v)
	for _, n := range []int{0, 1, 8, 20, len(snap) / 2, len(snap) - 1} {
		require.Error(t, followup.NewView().ReadSnapshot(bytes.NewReader(snap[:n])), "cut to %d bytes", n)
	}
	for k := range 200 {
		at := k * (len(snap) - 1) / 199
		body := bytes.Clone(snap)
		body[at] ^= 0x10
		require.Error(t, followup.NewView().ReadSnapshot(bytes.NewReader(body)), "byte %d altered", at)
	}
	after := []byte("the next view's snapshot")
	r := bytes.NewReader(append(bytes.Clone(snap), after...))
	require.NoError(t, followup.NewView().ReadSnapshot(r))
	rest, err := io.ReadAll(r)
	require.NoError(t, err)
	require.Equal(t, after, rest)
}

func apply(t *testing.T, v *followup.View, events []projections.Event) {
	t.Helper()
	for i := range events {
		require.NoError(t, v.Apply(&events[i]))
	}
}

func snapshot(t *testing.T, v *followup.View) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, v.WriteSnapshot(&b))
	return b.Bytes()
}

// syntheticLog is a generated log of at least n events, decoded.
func syntheticLog(t *testing.T, n int) []projections.Event {
	t.Helper()
	ctx := context.Background()
	store := memory.New()
	_, err := synthetic.Fill(ctx, store, synthetic.New(5, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), synthetic.FillOptions{Events: n})
	require.NoError(t, err)
	var out []projections.Event
	for rec, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		e, err := projections.Decode(&rec)
		require.NoError(t, err)
		out = append(out, e)
	}
	return out
}

// probe is what the queries are asked about: every id and token the log
// names, and one it does not.
type probe struct {
	ids    []uuid.UUID
	tokens []string
	keys   []string
}

func probeOf(events []projections.Event) probe {
	q := probe{ids: []uuid.UUID{uuid.New()}, tokens: []string{"unknown"}, keys: []string{"followup:none"}}
	for _, e := range events {
		q.ids = append(q.ids, e.Ref.ID, e.Env.OperationID)
		switch p := e.Payload.(type) {
		case domain.OperationCalendarFeedIssued:
			q.tokens = append(q.tokens, p.TokenSHA256)
		case domain.ReminderSent:
			q.keys = append(q.keys, followup.Sent{ReminderSent: p, About: e.Ref}.Key())
			q.ids = append(q.ids, p.PersonID)
		}
	}
	return q
}

// answers asks the view every query about the probe.
func (q probe) answers(v *followup.View) []any {
	var out []any
	for _, id := range q.ids {
		out = append(out, v.Rules(id), v.SentIn(id), v.Language(id), v.Erased(id), v.Webhook(id), v.Feeds(id), v.OwedIn(id))
	}
	for _, tok := range q.tokens {
		f, ok := v.FeedByToken(tok)
		out = append(out, f, ok)
	}
	for _, k := range q.keys {
		out = append(out, v.WasSent(k))
	}
	return out
}

// handMadeLog has what a generated log rarely has: a feed issued twice
// under one id with two tokens (the older token keeps the older feed), a
// webhook kept, a reminder with a zone offset; and, after the cut at 7, a
// revocation and changes to what was there before it.
func handMadeLog() []projections.Event {
	op, feed, contact, person := uuid.New(), uuid.New(), uuid.New(), uuid.New()
	opRef := domain.Ref{Kind: domain.KindOperation, ID: op}
	ap := domain.Ref{Kind: domain.KindActionPoint, ID: uuid.New()}
	paris := time.FixedZone("", 3600)
	var out []projections.Event
	add := func(ref domain.Ref, at time.Time, p domain.Payload) {
		out = append(out, projections.Event{Position: uint64(len(out) + 1), ID: uuid.New(), Type: p.EventType(), Ref: ref, Payload: p,
			Env: domain.Envelope{OperationID: op, OccurredAt: at, Classification: domain.ClassRestricted}})
	}
	day := func(d int) time.Time { return time.Date(2026, 3, d, 9, 0, 0, 0, time.UTC) }
	add(opRef, day(1), domain.OperationFollowUpRulesSet{RemindBeforeDays: 1, OverdueEveryDays: 2, MinutesDays: 0})
	add(opRef, day(1), domain.OperationCalendarFeedIssued{FeedID: feed, TokenSHA256: "t1", Label: "first"})
	add(opRef, day(2), domain.OperationCalendarFeedIssued{FeedID: feed, TokenSHA256: "t2", Label: "again", ComponentID: contact})
	add(opRef, day(2), domain.OperationWebhookSet{URL: "https://hooks.example.org/a"})
	add(domain.Ref{Kind: domain.KindContact, ID: contact}, day(3), domain.ContactLanguageSet{Language: domain.LangArabic})
	add(domain.Ref{Kind: domain.KindPerson, ID: person}, day(3), domain.PersonErased{Reason: "request"})
	add(ap, day(4).In(paris), domain.ReminderSent{Rule: domain.RuleOverdue, Occurrence: 1, PersonID: person, ComponentID: contact,
		Channel: domain.ChannelEmail, Days: -3})
	first := out[len(out)-1].ID
	// the cut
	add(opRef, day(5), domain.OperationCalendarFeedRevoked{FeedID: feed})
	add(ap, day(6), domain.ReminderSent{Rule: domain.RuleOverdue, Occurrence: 2, PersonID: person, Channel: domain.ChannelWebhook, Days: 4})
	add(ap, day(6), domain.ReminderDelivered{Reminders: []uuid.UUID{first}, Channel: domain.ChannelEmail})
	add(opRef, day(6), domain.OperationWebhookRemoved{})
	add(opRef, day(7), domain.OperationFollowUpRulesSet{AnswerDays: 9})
	add(domain.Ref{Kind: domain.KindContact, ID: contact}, day(8), domain.ContactLanguageSet{Language: domain.LangSpanish})
	return out
}
