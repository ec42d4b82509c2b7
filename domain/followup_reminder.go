package domain

import "github.com/google/uuid"

// ReminderRule names the follow-up rule a reminder comes from.
type ReminderRule string

const (
	RuleDueSoon                  ReminderRule = "due_soon"                  // N days before an action point's due date
	RuleOverdue                  ReminderRule = "overdue"                   // every M days once overdue
	RuleEscalationUnacknowledged ReminderRule = "escalation_unacknowledged" // D days with no acknowledgement
	RuleEscalationUnanswered     ReminderRule = "escalation_unanswered"     // E days with no answer
	RuleMinutesNotCirculated     ReminderRule = "minutes_not_circulated"    // K days after a meeting
	RuleDecisionIdle             ReminderRule = "decision_idle"             // P days with no action point or progress
)

// Channel is how a reminder reached its recipient.
type Channel string

const (
	ChannelEmail   Channel = "email"   // in the recipient's daily digest
	ChannelWebhook Channel = "webhook" // posted to the operation's webhook
)

// ReminderSent records that someone was reminded of a record, so the audit
// trail and the figures can say "overdue 12 days, reminded 3 times". It
// names the recipient by id, never by address: the address is personal data
// sealed in the contact list, and erasing the person leaves this event
// pointing at nobody readable.
type ReminderSent struct {
	Rule        ReminderRule `json:"rule" doc:"follow-up rule that made the reminder due"`
	Occurrence  int          `json:"occurrence" doc:"which reminder of this rule for this record this is, from 1 (the second weekly overdue chase is 2)"`
	PersonID    uuid.UUID    `json:"person_id,omitzero" doc:"person reminded (a focal point of the owner component, or of a convener)"`
	ComponentID uuid.UUID    `json:"component_id,omitzero" doc:"component whose person was reminded, or that was reminded as a whole"`
	Channel     Channel      `json:"channel" doc:"email (the daily digest) or webhook"`
	Days        int          `json:"days" doc:"days before the due date (negative) or past the rule's start (positive) when it was sent"`
}

func (ReminderSent) EventType() string { return "reminder.sent.v1" }

var reminderEvents = []eventSpec{
	spec[ReminderSent](KindAny, "Someone was reminded of this record by the follow-up scheduler."),
}

// RecordReminder notes a reminder on the record it is about. Only the
// follow-up scheduler sends it, with an idempotency key made of the rule,
// the record, the recipient and the occurrence, so the same reminder is
// recorded, and sent, once whatever the number of servers or restarts.
type RecordReminder struct {
	Header
	Record      Ref          `json:"record"`
	Rule        ReminderRule `json:"rule"`
	Occurrence  int          `json:"occurrence"`
	PersonID    uuid.UUID    `json:"person_id"`
	ComponentID uuid.UUID    `json:"component_id"`
	Channel     Channel      `json:"channel"`
	Days        int          `json:"days"`
}

func (c RecordReminder) Target() Ref { return c.Record }

func (c RecordReminder) decide(*Scope) ([]Payload, error) {
	err := firstErr(checkEnum("rule", c.Rule), checkEnum("channel", c.Channel))
	switch {
	case err != nil:
		return nil, err
	case c.Occurrence < 1:
		return nil, ErrInvalid.at("occurrence", "occurrence counts from 1, not %d", c.Occurrence)
	case c.PersonID == uuid.Nil && c.ComponentID == uuid.Nil:
		return nil, ErrRequired.at("person_id", "say who was reminded: a person or a component")
	}
	return one(ReminderSent{Rule: c.Rule, Occurrence: c.Occurrence, PersonID: c.PersonID,
		ComponentID: c.ComponentID, Channel: c.Channel, Days: c.Days})
}
