package domain

import (
	"slices"

	"github.com/google/uuid"
)

// ReminderDelivered records that reminders recorded on this record
// (reminder.sent.v1) reached their recipient: the SMTP relay accepted the
// digest that carried them, or the operation's webhook answered 2xx. A
// reminder recorded and not (yet) delivered is owed: whichever server holds
// the scheduler next sends it. A server killed between the relay's answer
// and this event leaves the reminder owed, so it may be sent twice then,
// never lost.
type ReminderDelivered struct {
	Reminders []uuid.UUID `json:"reminders" doc:"ids of this record's reminder.sent.v1 events the message carried"`
	Channel   Channel     `json:"channel" doc:"email (a digest the relay accepted) or webhook (a post answered 2xx)"`
}

func (ReminderDelivered) EventType() string { return "reminder.delivered.v1" }

var reminderDeliveryEvents = []eventSpec{
	spec[ReminderDelivered](KindAny, "Reminders recorded on this record reached their recipient (mail relay or webhook)."),
}

// RecordReminderDelivery notes that a message carrying reminders of this
// record was delivered. Only the follow-up scheduler sends it. It is allowed
// in a closed operation: a message on its way when the operation closed was
// still delivered.
type RecordReminderDelivery struct {
	Header
	Record    Ref         `json:"record"`
	Reminders []uuid.UUID `json:"reminders"`
	Channel   Channel     `json:"channel"`
}

func (c RecordReminderDelivery) Target() Ref      { return c.Record }
func (RecordReminderDelivery) allowedWhenClosed() {}

func (c RecordReminderDelivery) decide(s *Scope) ([]Payload, error) {
	if err := checkEnum("channel", c.Channel); err != nil {
		return nil, err
	}
	if len(c.Reminders) == 0 {
		return nil, ErrRequired.at("reminders", "name the reminders the message carried")
	}
	for i, id := range c.Reminders {
		if slices.Contains(c.Reminders[:i], id) {
			return nil, ErrInvalid.at("reminders", "reminder %s is named twice", id)
		}
		if err := c.checkReminder(s.Self.base(), id); err != nil {
			return nil, err
		}
	}
	return one(ReminderDelivered{Reminders: slices.Clone(c.Reminders), Channel: c.Channel})
}

// checkReminder: the id is a reminder of this record, sent on this channel.
func (c RecordReminderDelivery) checkReminder(b *Base, id uuid.UUID) error {
	ev, ok := b.event(id)
	if !ok {
		return ErrEventNotInStream.at("reminders", "event %s is not part of %s %s", id, c.Record.Kind, c.Record.ID)
	}
	sent, ok := ev.Payload.(ReminderSent)
	switch {
	case !ok:
		return ErrInvalid.at("reminders", "event %s is a %s, not a reminder", id, ev.Payload.EventType())
	case sent.Channel != c.Channel:
		return ErrInvalid.at("channel", "reminder %s was sent by %s, not %s", id, sent.Channel, c.Channel)
	}
	return nil
}
