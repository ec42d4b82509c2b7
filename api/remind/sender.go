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
	// done are reminders (their reminder.sent.v1 events) this process
	// delivered whose delivery the views do not show yet; unrecorded are
	// deliveries whose write failed, written again at the next tick.
	done       map[uuid.UUID]bool
	unrecorded []delivery
}

// Stats are the scheduler's counters, for /metrics and the operation page.
type Stats struct {
	Ticks         int                     // ticks completed
	Recorded      int                     // reminders recorded by this process
	Duplicates    int                     // found already recorded (another server, or before a restart)
	RecordErrors  int                     // writes that failed; retried next tick
	Delivered     int                     // digests the relay accepted, webhook posts answered 2xx
	DeliveryFails int                     // failed delivery attempts
	Pending       int                     // digests and posts owed: waiting for their send time or a retry
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
	carried []followup.Owed // the reminders in it, recorded delivered once it is
}

// New returns a Sender.
func New(cfg Config) *Sender {
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Sender{cfg: cfg, stats: Stats{FailingOps: map[uuid.UUID]time.Time{}}, done: map[uuid.UUID]bool{}}
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

// Tick records the reminders due now, then fills the outbox from the
// views: every reminder recorded (by this process or any other, before a
// restart or a lease hand-over) and not yet delivered, for the channels
// this Sender can send. It mails what is due, one digest per person, and
// retries the digests whose relay failed before. It returns the digests
// added to the outbox this tick.
func (s *Sender) Tick(ctx context.Context) ([]Digest, error) {
	set, err := s.cfg.Views()
	if err != nil {
		return nil, err
	}
	now := s.cfg.Clock().UTC()
	due := followup.Due(sources(set), now)
	if s.cfg.Webhook == nil {
		due = slices.DeleteFunc(due, func(r followup.Reminder) bool { return r.Channel == domain.ChannelWebhook })
	}
	if last := s.record(ctx, due); last > 0 {
		if s.cfg.WaitFor != nil {
			_ = s.cfg.WaitFor(ctx, last) // best effort: a reminder the views miss now is owed at the next tick
		}
		if set, err = s.cfg.Views(); err != nil {
			return nil, err
		}
	}
	s.recordAgain(ctx)
	owed := s.owedNow(set)
	digests := s.queue(owed, set, now)
	s.queueHooks(owed, set, now)
	s.deliver(ctx, now)
	s.mu.Lock()
	s.stats.Ticks++
	s.mu.Unlock()
	return digests, nil
}

func sources(set *readmodel.Set) followup.Sources {
	return followup.Sources{Operations: set.Operations, Components: set.Components, Contacts: set.Contacts,
		Mechanisms: set.Mechanisms, Decisions: set.Decisions, Actions: set.Actions, Escalations: set.Escalations,
		FollowUp: set.FollowUp}
}

// queueHooks adds one post per operation of the webhook reminders owed,
// sent at once.
func (s *Sender) queueHooks(owed []followup.Owed, set *readmodel.Set, now time.Time) {
	byOp := map[uuid.UUID][]followup.Owed{}
	var ops []uuid.UUID
	for _, o := range owed {
		if o.Channel != domain.ChannelWebhook {
			continue
		}
		if byOp[o.OperationID] == nil {
			ops = append(ops, o.OperationID)
		}
		byOp[o.OperationID] = append(byOp[o.OperationID], o)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, op := range ops {
		h := hooks(reminders(byOp[op]), set)[0]
		h.Delivery = postID(byOp[op])
		s.outbox = append(s.outbox, &pending{hook: &h, next: now, ops: []uuid.UUID{op}, carried: byOp[op]})
	}
}

// hooks makes one post per operation of the webhook reminders.
func hooks(rs []followup.Reminder, set *readmodel.Set) []Hook {
	var out []Hook
	for _, r := range rs {
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

// queue adds the e-mail reminders owed to the outbox, one digest per person
// and send time, merged into a person's digest still waiting for its first
// attempt at that time, so the day's reminders go out as one message. A
// reminder goes out at the SendAt of when it was recorded, or at once when
// that has passed (its sender died, or this one restarted, before it).
func (s *Sender) queue(owed []followup.Owed, set *readmodel.Set, now time.Time) []Digest {
	type slot struct {
		person uuid.UUID
		at     time.Time
	}
	bySlot := map[slot][]followup.Owed{}
	var slots []slot
	for _, o := range owed {
		if o.Channel != domain.ChannelEmail {
			continue
		}
		k := slot{o.To.PersonID, s.sendAt(o.Recorded, now)}
		if bySlot[k] == nil {
			slots = append(slots, k)
		}
		bySlot[k] = append(bySlot[k], o)
	}
	var out []Digest
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range slots {
		d := group(reminders(bySlot[k]), set, k.at)[0]
		d.Day = k.at.UTC().Truncate(followup.Day)
		out = append(out, d)
		i := slices.IndexFunc(s.outbox, func(p *pending) bool {
			return p.hook == nil && p.attempt == 0 && p.digest.To.PersonID == k.person && p.next.Equal(k.at)
		})
		if i < 0 {
			s.outbox = append(s.outbox, &pending{digest: d, next: k.at, ops: opsOf(d), carried: bySlot[k]})
			continue
		}
		p := s.outbox[i]
		p.digest.Items = append(p.digest.Items, d.Items...)
		p.ops, p.carried = opsOf(p.digest), append(p.carried, bySlot[k]...)
	}
	return out
}

// sendAt is when a reminder recorded at recorded goes out: at the send
// time that followed its recording, or now if that has passed.
func (s *Sender) sendAt(recorded, now time.Time) time.Time {
	if s.cfg.SendAt == nil {
		return now
	}
	if at := s.cfg.SendAt(recorded); at.After(now) {
		return at
	}
	return now
}

func reminders(owed []followup.Owed) []followup.Reminder {
	out := make([]followup.Reminder, len(owed))
	for i, o := range owed {
		out[i] = o.Reminder
	}
	return out
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

// record writes each reminder under its key and returns the last position
// written. What it records is sent from the views, as owed.
func (s *Sender) record(ctx context.Context, due []followup.Reminder) uint64 {
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
			last = max(last, res.Position)
		}
		s.mu.Unlock()
	}
	return last
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

// group makes one digest per person of the reminders.
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
			for _, o := range p.carried {
				s.done[o.Event] = true
			}
		}
		s.mu.Unlock()
		if err == nil {
			s.recordDelivery(ctx, p)
		}
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
