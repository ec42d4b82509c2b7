package remind

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/followup"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// Actor is who records reminders: the scheduler, never a token.
var Actor = domain.Actor{ID: "system:followup", Role: "system"}

// Executor is the application service's write path.
type Executor interface {
	Execute(ctx context.Context, cmd domain.Command, opts recorder.WriteOptions) (recorder.Result, error)
}

// Config is what a Sender needs.
type Config struct {
	Service Executor
	Views   func() (*readmodel.Set, error) // the live views, read once per tick
	// WaitFor lets the views catch up with the scheduler's own writes
	// before the next tick; nil: the idempotency key alone prevents repeats.
	WaitFor func(ctx context.Context, position uint64) error
	Mail    Mailer // nil: reminders are recorded and shown, not mailed
	// Webhook posts to the operations' webhooks; nil: no webhook reminders
	// are recorded, since none would be sent.
	Webhook Poster
	// SendAt is when the digest of reminders recorded at now goes out: the
	// server mails once a day (NextDaily), so each person gets one message
	// a day whatever the number of ticks. Nil: at once.
	SendAt func(now time.Time) time.Time
	Clock  func() time.Time
	Log    *slog.Logger
}

// Sender is the follow-up scheduler. Tick is safe to call from one
// goroutine at a time; Status from any.
type Sender struct {
	cfg    Config
	mu     sync.Mutex
	outbox []*pending
	stats  Stats
}

// Stats are the scheduler's counters, for /metrics and the operation page.
type Stats struct {
	Ticks         int                     // ticks completed
	Recorded      int                     // reminders recorded by this process
	Duplicates    int                     // found already recorded (another server, or before a restart)
	RecordErrors  int                     // writes that failed; retried next tick
	Delivered     int                     // digests the relay accepted, webhook posts answered 2xx
	DeliveryFails int                     // failed delivery attempts
	Pending       int                     // digests waiting for a retry
	LastError     string                  // the relay's last error
	FailingOps    map[uuid.UUID]time.Time // operations with a digest not delivered, since
}

// pending is a digest or a hook waiting in the outbox.
type pending struct {
	digest  Digest
	hook    *Hook // set for a webhook post
	attempt int
	next    time.Time
	ops     []uuid.UUID
}

// New returns a Sender.
func New(cfg Config) *Sender {
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Sender{cfg: cfg, stats: Stats{FailingOps: map[uuid.UUID]time.Time{}}}
}

// Run ticks every interval until ctx ends.
func (s *Sender) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.cfg.Log.Warn("follow-up tick", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Tick records the reminders due now and mails them, one digest per
// person; it retries the digests whose relay failed before. It returns the
// digests handed to the mailer this tick.
func (s *Sender) Tick(ctx context.Context) ([]Digest, error) {
	set, err := s.cfg.Views()
	if err != nil {
		return nil, err
	}
	now := s.cfg.Clock().UTC()
	src := followup.Sources{Operations: set.Operations, Components: set.Components, Contacts: set.Contacts,
		Mechanisms: set.Mechanisms, Decisions: set.Decisions, Actions: set.Actions, Escalations: set.Escalations,
		FollowUp: set.FollowUp}
	due := followup.Due(src, now)
	if s.cfg.Webhook == nil {
		due = slices.DeleteFunc(due, func(r followup.Reminder) bool { return r.Channel == domain.ChannelWebhook })
	}
	fresh, last := s.record(ctx, due)
	if s.cfg.WaitFor != nil && last > 0 {
		_ = s.cfg.WaitFor(ctx, last) // best effort: the key still guards a lagging view
	}
	digests := group(fresh, set, now)
	s.queue(digests, now)
	s.queueHooks(hooks(fresh, set), now)
	s.deliver(ctx, now)
	s.mu.Lock()
	s.stats.Ticks++
	s.mu.Unlock()
	return digests, nil
}

// queueHooks adds one post per operation to the outbox, sent at once.
func (s *Sender) queueHooks(hs []Hook, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range hs {
		s.outbox = append(s.outbox, &pending{hook: &hs[i], next: now, ops: []uuid.UUID{hs[i].OperationID}})
	}
}

// hooks makes one post per operation of the webhook reminders recorded.
func hooks(fresh []followup.Reminder, set *readmodel.Set) []Hook {
	var out []Hook
	for _, r := range fresh {
		if r.Channel != domain.ChannelWebhook {
			continue
		}
		i := slices.IndexFunc(out, func(h Hook) bool { return h.OperationID == r.OperationID })
		if i < 0 {
			out = append(out, Hook{OperationID: r.OperationID, URL: set.FollowUp.Webhook(r.OperationID), Delivery: uuid.NewString()})
			i = len(out) - 1
		}
		it := HookItem{Record: r.Record, Rule: r.Rule, Occurrence: r.Occurrence, ComponentID: r.To.ComponentID, Days: r.Days, Since: r.Since}
		if mayShowTitle(r.Classification, false) {
			it.Title = r.Title
		}
		out[i].Reminders = append(out[i].Reminders, it)
	}
	return out
}

// queue adds the tick's digests to the outbox, merged into a person's
// digest still waiting for its first attempt, so the day's reminders go
// out as one message.
func (s *Sender) queue(digests []Digest, now time.Time) {
	at := now
	if s.cfg.SendAt != nil {
		at = s.cfg.SendAt(now)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range digests {
		d.Day = at.UTC().Truncate(followup.Day)
		i := slices.IndexFunc(s.outbox, func(p *pending) bool {
			return p.hook == nil && p.attempt == 0 && p.digest.To.PersonID == d.To.PersonID
		})
		if i < 0 {
			s.outbox = append(s.outbox, &pending{digest: d, next: at, ops: opsOf(d)})
			continue
		}
		p := s.outbox[i]
		p.digest.Items = append(p.digest.Items, d.Items...)
		p.ops = opsOf(p.digest)
	}
}

// NextDaily returns a SendAt that mails at the given time of day (UTC): the
// same day if that time is still ahead, else the next day.
func NextDaily(timeOfDay time.Duration) func(time.Time) time.Time {
	return func(now time.Time) time.Time {
		at := now.UTC().Truncate(followup.Day).Add(timeOfDay)
		if at.Before(now) {
			at = at.Add(followup.Day)
		}
		return at
	}
}

// record writes each reminder under its key and returns those that were
// new, with the last position written.
func (s *Sender) record(ctx context.Context, due []followup.Reminder) ([]followup.Reminder, uint64) {
	var fresh []followup.Reminder
	var last uint64
	for _, r := range due {
		res, err := s.cfg.Service.Execute(ctx, command(r), recorder.WriteOptions{Principal: Actor.ID})
		s.mu.Lock()
		switch {
		case errors.Is(err, recorder.ErrKeyReused) || (err == nil && res.Duplicate):
			s.stats.Duplicates++
		case err != nil:
			s.stats.RecordErrors++
			s.cfg.Log.Warn("follow-up: reminder not recorded; due again next tick", "record", r.Record.Stream(), "rule", r.Rule, "err", err)
		default:
			s.stats.Recorded++
			fresh, last = append(fresh, r), max(last, res.Position)
		}
		s.mu.Unlock()
	}
	return fresh, last
}

// command is the reminder as the write path takes it. Its body depends only
// on the reminder's identity, so a second server's write of the same
// reminder is recognised as a duplicate rather than a reused key.
func command(r followup.Reminder) domain.RecordReminder {
	return domain.RecordReminder{
		Header: domain.Header{Actor: Actor, IdempotencyKey: r.Key(), OperationID: r.OperationID},
		Record: r.Record, Rule: r.Rule, Occurrence: r.Occurrence, PersonID: r.To.PersonID,
		ComponentID: r.To.ComponentID, Channel: r.Channel, Days: r.Mark,
	}
}

// group makes one digest per person of the reminders recorded.
func group(fresh []followup.Reminder, set *readmodel.Set, now time.Time) []Digest {
	var out []Digest
	day := now.Truncate(followup.Day)
	names := map[uuid.UUID]string{}
	external := map[uuid.UUID]bool{}
	for _, r := range fresh {
		if r.Channel != domain.ChannelEmail {
			continue
		}
		if _, ok := names[r.OperationID]; !ok {
			op, _ := set.Operations.Get(r.OperationID)
			names[r.OperationID] = op.Name
			for _, c := range set.Components.Map(r.OperationID) {
				external[c.ID] = c.Kind == domain.ComponentExternal
			}
		}
		i := slices.IndexFunc(out, func(d Digest) bool { return d.To.PersonID == r.To.PersonID })
		if i < 0 {
			out = append(out, Digest{To: r.To, Day: day})
			i = len(out) - 1
		}
		it := Item{Operation: names[r.OperationID], OpID: r.OperationID, Rule: r.Rule, Occurrence: r.Occurrence,
			Record: r.Record, Days: r.Days, Since: r.Since}
		if mayShowTitle(r.Classification, external[r.To.ComponentID]) {
			it.Title = r.Title
		}
		out[i].Items = append(out[i].Items, it)
	}
	return out
}

func opsOf(d Digest) []uuid.UUID {
	var ops []uuid.UUID
	for _, it := range d.Items {
		if !slices.Contains(ops, it.OpID) {
			ops = append(ops, it.OpID)
		}
	}
	return ops
}

// deliver sends every digest whose time has come; a failure doubles its
// wait, from one minute up to an hour, and is kept.
func (s *Sender) deliver(ctx context.Context, now time.Time) {
	s.mu.Lock()
	if s.cfg.Mail == nil { // digests are recorded and shown on the web only
		s.outbox = slices.DeleteFunc(s.outbox, func(p *pending) bool { return p.hook == nil })
	}
	ready := slices.Clone(s.outbox)
	s.mu.Unlock()
	for _, p := range ready {
		if p.next.After(now) {
			continue
		}
		err := s.send(ctx, p)
		s.mu.Lock()
		if err != nil {
			p.attempt++
			p.next = now.Add(backoff(p.attempt))
			s.stats.DeliveryFails++
			s.stats.LastError = err.Error()
			for _, op := range p.ops {
				if _, ok := s.stats.FailingOps[op]; !ok {
					s.stats.FailingOps[op] = now
				}
			}
			s.cfg.Log.Warn("follow-up: digest not delivered; retrying", "attempt", p.attempt, "next", p.next, "err", err)
		} else {
			s.stats.Delivered++
			s.outbox = slices.DeleteFunc(s.outbox, func(q *pending) bool { return q == p })
			s.clearFailing()
		}
		s.mu.Unlock()
	}
}

func (s *Sender) send(ctx context.Context, p *pending) error {
	if p.hook != nil {
		return s.cfg.Webhook.Post(ctx, *p.hook)
	}
	return s.cfg.Mail.Send(ctx, p.digest)
}

// clearFailing forgets operations with nothing left in the outbox.
func (s *Sender) clearFailing() {
	for op := range s.stats.FailingOps {
		still := slices.ContainsFunc(s.outbox, func(p *pending) bool { return p.attempt > 0 && slices.Contains(p.ops, op) })
		if !still {
			delete(s.stats.FailingOps, op)
		}
	}
}

func backoff(attempt int) time.Duration {
	d := time.Minute << min(attempt-1, 6)
	return min(d, time.Hour)
}

// Status returns a copy of the counters.
func (s *Sender) Status() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Pending = len(s.outbox)
	st.FailingOps = make(map[uuid.UUID]time.Time, len(s.stats.FailingOps))
	for k, v := range s.stats.FailingOps {
		st.FailingOps[k] = v
	}
	return st
}
