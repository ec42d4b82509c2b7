package remind_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/remind"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

const week = 8 // ticks on days 0 to 7

// firstTick is the first tick at or after t (week when none is).
func firstTick(t time.Time) int {
	for d := range week {
		if !tick(d).Before(t) {
			return d
		}
	}
	return week
}

type want struct {
	day    int
	person uuid.UUID
	record uuid.UUID
	rule   domain.ReminderRule
	occ    int
}

// expected derives, from the rules and the scenario's dates alone, every
// reminder the week should produce: a rule occurrence that becomes due at
// `from` is sent at the first tick at or after it, if that tick comes
// before `until` (the next occurrence, the record's closing, the person's
// erasure).
func (s *scenario) expected() []want {
	var out []want
	days := func(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
	never := day0.Add(days(365))
	add := func(from, until time.Time, rec uuid.UUID, rule domain.ReminderRule, occ int, people ...uuid.UUID) {
		if d := firstTick(from); d < week && tick(d).Before(until) {
			for _, p := range people {
				out = append(out, want{d, p, rec, rule, occ})
			}
		}
	}
	r := s.rules
	// N days before the due date, the owner component's focal point (Carl has no function: not one).
	add(s.ap1Due.Add(-days(r.RemindBeforeDays)), s.ap1Due, s.ap1, domain.RuleDueSoon, 1, s.ben)
	add(s.ap2Due.Add(-days(r.RemindBeforeDays)), s.ap2Due, s.ap2, domain.RuleDueSoon, 1, s.amina)
	// Every M days once overdue: the owner's focal point and the conveners' (HNS: Amina).
	for k := 1; k < 5; k++ {
		from, next := days((k-1)*r.OverdueEveryDays), days(k*r.OverdueEveryDays)
		add(s.ap1Due.Add(from), s.ap1Due.Add(next), s.ap1, domain.RuleOverdue, k, s.amina)
		add(s.ap1Due.Add(from), earliest(s.ap1Due.Add(next), s.benErased), s.ap1, domain.RuleOverdue, k, s.ben)
		add(s.ap2Due.Add(from), earliest(s.ap2Due.Add(next), s.ap2Completed), s.ap2, domain.RuleOverdue, k, s.amina)
	}
	// The escalation, the minutes and the decision are the conveners' to follow up.
	add(s.created.Add(days(r.AcknowledgeDays)), never, s.esc, domain.RuleEscalationUnacknowledged, 1, s.amina)
	add(s.created.Add(days(r.AnswerDays)), never, s.esc, domain.RuleEscalationUnanswered, 1, s.amina)
	add(s.created.Add(days(r.MinutesDays)), never, s.meeting, domain.RuleMinutesNotCirculated, 1, s.amina)
	for k := 1; k < 5; k++ {
		add(s.created.Add(days(k*r.DecisionIdleDays)), s.created.Add(days((k+1)*r.DecisionIdleDays)), s.decision, domain.RuleDecisionIdle, k, s.amina)
	}
	return out
}

// TestAWeekOfReminders: a week of an operation's life, ticking daily, with
// a restart on day 3 and a second, lagging server on day 4, produces
// exactly the reminders the rules call for, each recorded and mailed once,
// one digest per person per day, and nothing to Ben once he is erased.
func TestAWeekOfReminders(t *testing.T) {
	t.Parallel()
	aWeekOfReminders(t, newWorld(t, day0))
}

// TestAWeekOfRemindersOnKurrentDB: the same week on KurrentDB (the
// in-process protocol server), where the servers share nothing but the
// store and the key store: the append's expected version alone keeps each
// reminder to one record and one message.
func TestAWeekOfRemindersOnKurrentDB(t *testing.T) {
	t.Parallel()
	srv := esdbtest.Start(t, esdbtest.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	store, err := kurrent.Open(ctx, srv.ConnString())
	require.NoError(t, err)
	t.Cleanup(func() { _ = store.Close() })
	aWeekOfReminders(t, newWorldOn(t, day0, store))
}

func aWeekOfReminders(t *testing.T, w *world) {
	ctx := context.Background()
	s := w.scenario()
	box := &inbox{}
	srv := w.server(box)
	var got []want
	for d := range week {
		w.happen(s, d)
		if d == 3 {
			srv = w.server(box) // a restart: fresh views from the log, nothing in memory
		}
		var lagging *server
		if d == 4 {
			lagging = w.server(box)
			_, err := lagging.views()
			require.NoError(t, err)
			lagging.frozen = true // it has not seen what the first server is about to record
		}
		w.clock.Set(tick(d))
		_, err := srv.sender.Tick(ctx)
		require.NoError(t, err)
		if lagging != nil {
			_, err := lagging.sender.Tick(ctx)
			require.NoError(t, err)
			st := lagging.sender.Status()
			require.Zero(t, st.Recorded, "the lagging server records nothing twice")
			require.Positive(t, st.Duplicates, "it found the first server's reminders already recorded")
		}
		perPerson := map[uuid.UUID]int{}
		for _, dg := range box.take() {
			perPerson[dg.To.PersonID]++
			require.Equal(t, 1, perPerson[dg.To.PersonID], "one digest per person per day (day %d)", d)
			if dg.To.PersonID == s.ben {
				require.True(t, tick(d).Before(s.benErased), "an erased person receives nothing more")
			}
			for _, it := range dg.Items {
				got = append(got, want{d, dg.To.PersonID, it.Record.ID, it.Rule, it.Occurrence})
			}
		}
	}
	exp := s.expected()
	require.NotEmpty(t, exp)
	require.ElementsMatch(t, exp, got)
	require.Len(t, sentEvents(t, w), len(exp), "each reminder is recorded once in the log")
}

func sentEvents(t *testing.T, w *world) []domain.ReminderSent {
	t.Helper()
	var out []domain.ReminderSent
	for rec, err := range w.store.ReadAll(context.Background(), 0, 0) {
		require.NoError(t, err)
		if rec.Type == (domain.ReminderSent{}).EventType() {
			out = append(out, domain.ReminderSent{})
		}
	}
	return out
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// TestHourlyTicksMailOnceADay: ticking every hour, the reminders that fall
// due through the day wait for the daily send time and go out as one
// message per person.
func TestHourlyTicksMailOnceADay(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t, day0)
	s := w.scenario()
	box := &inbox{}
	srv := w.server(box)
	sendAt := 7 * time.Hour
	srv.sender = remind.New(remind.Config{Service: w.svc, Views: srv.views, Mail: box, Clock: w.clock.Now,
		SendAt: remind.NextDaily(sendAt)})
	mailedAt := map[time.Time][]remind.Digest{}
	for h := 10; h <= 24+10; h++ { // day 1 10:00 to day 2 10:00
		w.clock.Set(at(1, h))
		_, err := srv.sender.Tick(ctx)
		require.NoError(t, err)
		if got := box.take(); len(got) > 0 {
			mailedAt[at(1, h)] = got
		}
	}
	sendTime := at(2, 0).Add(sendAt)
	require.Len(t, mailedAt, 1, "one sending a day")
	require.Contains(t, mailedAt, sendTime)
	people := map[uuid.UUID]int{}
	for _, d := range mailedAt[sendTime] {
		people[d.To.PersonID]++
	}
	// Recorded between day 1 10:00 (the first tick) and day 2 07:00: Ben's AP1
	// due soon (from day 1 12:00); Amina's AP2 due soon (until its due date,
	// day 1 12:00), unacknowledged escalation (day 1 08:00) and AP2 overdue
	// (after day 1 12:00). The minutes fall due at day 2 08:00: tomorrow's.
	require.Equal(t, map[uuid.UUID]int{s.ben: 1, s.amina: 1}, people)
	var items int
	for _, d := range mailedAt[sendTime] {
		items += len(d.Items)
	}
	require.Equal(t, 4, items)
}
