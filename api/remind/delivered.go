package remind

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/followup"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// owedNow is what the outbox lacks of what the views say is owed: the
// reminders recorded, not delivered and still due, for the channels this
// Sender can send, less those already queued here and those this process
// delivered whose delivery the views do not show yet. A queued message
// carrying a reminder no longer owed (delivered by another server, or no
// longer due) is dropped first; what else it carried is queued again.
func (s *Sender) owedNow(set *readmodel.Set) []followup.Owed {
	var channels []domain.Channel
	for _, c := range []domain.Channel{domain.ChannelEmail, domain.ChannelWebhook} {
		if s.sends(c) {
			channels = append(channels, c)
		}
	}
	all := followup.OwedReminders(sources(set), channels...)
	owing := make(map[uuid.UUID]bool, len(all))
	for _, o := range all {
		owing[o.Event] = true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for id := range s.done {
		if !owing[id] { // the views show it delivered now
			delete(s.done, id)
		}
	}
	s.outbox = slices.DeleteFunc(s.outbox, func(p *pending) bool {
		return slices.ContainsFunc(p.carried, func(o followup.Owed) bool { return !owing[o.Event] })
	})
	s.clearFailing()
	queued := map[uuid.UUID]bool{}
	for _, p := range s.outbox {
		for _, o := range p.carried {
			queued[o.Event] = true
		}
	}
	return slices.DeleteFunc(all, func(o followup.Owed) bool {
		return queued[o.Event] || s.done[o.Event]
	})
}

// sends: a reminder by e-mail needs a relay; one by webhook, a poster.
func (s *Sender) sends(c domain.Channel) bool {
	switch c {
	case domain.ChannelEmail:
		return s.cfg.Mail != nil
	case domain.ChannelWebhook:
		return s.cfg.Webhook != nil
	}
	return false
}

// delivery is a message's reminders of one record, to record as delivered.
type delivery struct {
	op      uuid.UUID
	record  domain.Ref
	events  []uuid.UUID
	channel domain.Channel
}

// recordDelivery writes, for each record whose reminders the message
// carried, that they were delivered. A process killed before this write
// leaves them owed: the next holder sends them again (at least once).
func (s *Sender) recordDelivery(ctx context.Context, p *pending) {
	channel := domain.ChannelEmail
	if p.hook != nil {
		channel = domain.ChannelWebhook
	}
	var ds []delivery
	for _, o := range p.carried {
		i := slices.IndexFunc(ds, func(d delivery) bool { return d.record == o.Record })
		if i < 0 {
			ds = append(ds, delivery{op: o.OperationID, record: o.Record, channel: channel})
			i = len(ds) - 1
		}
		ds[i].events = append(ds[i].events, o.Event)
	}
	for _, d := range ds {
		s.write(ctx, d)
	}
}

// recordAgain writes the deliveries whose write failed before.
func (s *Sender) recordAgain(ctx context.Context) {
	s.mu.Lock()
	again := s.unrecorded
	s.unrecorded = nil
	s.mu.Unlock()
	for _, d := range again {
		s.write(ctx, d)
	}
}

func (s *Sender) write(ctx context.Context, d delivery) {
	_, err := s.cfg.Service.Execute(ctx, d.command(), recorder.WriteOptions{Principal: Actor.ID})
	if err == nil || errors.Is(err, recorder.ErrKeyReused) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.RecordErrors++
	var refused *domain.Error
	if errors.As(err, &refused) { // no second try would be accepted
		s.cfg.Log.Error("follow-up: delivery refused; the reminders stay owed", "record", d.record.Stream(), "err", err)
		return
	}
	s.unrecorded = append(s.unrecorded, d)
	s.cfg.Log.Warn("follow-up: delivery not recorded; retried next tick", "record", d.record.Stream(), "err", err)
}

// command is the delivery as the write path takes it, under a key made of
// the record, the channel and the reminders: written again after a
// timeout, it is a duplicate.
func (d delivery) command() domain.RecordReminderDelivery {
	ids := make([]string, len(d.events))
	for i, id := range d.events {
		ids[i] = id.String()
	}
	slices.Sort(ids)
	sum := sha256.Sum256([]byte(d.record.Stream() + "|" + string(d.channel) + "|" + strings.Join(ids, ",")))
	return domain.RecordReminderDelivery{
		Header: domain.Header{Actor: Actor, IdempotencyKey: "followup-delivered:" + hex.EncodeToString(sum[:]), OperationID: d.op},
		Record: d.record, Reminders: d.events, Channel: d.channel,
	}
}

// postID is a post's Delivery: the same for the same reminders whichever
// server posts them, so a receiver drops the repeat a server killed
// between the answer and the delivery's record makes.
func postID(owed []followup.Owed) string {
	ids := make([]string, len(owed))
	for i, o := range owed {
		ids[i] = o.Event.String()
	}
	slices.Sort(ids)
	return uuid.NewSHA1(postNamespace, []byte(strings.Join(ids, ","))).String()
}

var postNamespace = uuid.MustParse("5b0e5c6e-3f8a-4d1e-9a57-6f2d1c0b7e41")
