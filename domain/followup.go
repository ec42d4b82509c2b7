package domain

import "github.com/google/uuid"

// Follow-up rules are data: each operation has them (DefaultFollowUpRules
// until an officer sets its own with SetFollowUpRules), and the reminder
// scheduler reads them from the log. A day count of zero switches that rule
// off, so an operation can say "never remind before the due date".

// FollowUpRules says when the ledger reminds people of what they owe.
type FollowUpRules struct {
	RemindBeforeDays int `json:"remind_before_days" doc:"remind an action point's owner this many days before its due date (N); 0: not before"`
	OverdueEveryDays int `json:"overdue_every_days" doc:"once an action point is overdue, remind its owner every this many days (M); 0: never"`
	AcknowledgeDays  int `json:"acknowledge_days" doc:"flag an escalation nobody acknowledged after this many days (D); 0: never"`
	AnswerDays       int `json:"answer_days" doc:"flag an escalation with no answer this many days after it was raised (E); 0: never"`
	MinutesDays      int `json:"minutes_days" doc:"flag a held meeting whose minutes are not circulated this many days later (K); 0: never"`
	DecisionIdleDays int `json:"decision_idle_days" doc:"flag an adopted decision with no action point, or none progressing, this many days after adoption (P); 0: never"`
}

// DefaultFollowUpRules are what an operation follows until its officers
// change them: a nudge three days ahead, a weekly chase once overdue, two
// days for an escalation to be acknowledged and a week for an answer,
// minutes within five days, a decision acted on within two weeks.
func DefaultFollowUpRules() FollowUpRules {
	return FollowUpRules{RemindBeforeDays: 3, OverdueEveryDays: 7, AcknowledgeDays: 2, AnswerDays: 7,
		MinutesDays: 5, DecisionIdleDays: 14}
}

// maxFollowUpDays bounds every rule: a reminder a year away reminds nobody.
const maxFollowUpDays = 365

func (r FollowUpRules) check() error {
	fields := []struct {
		name string
		days int
	}{
		{"remind_before_days", r.RemindBeforeDays}, {"overdue_every_days", r.OverdueEveryDays},
		{"acknowledge_days", r.AcknowledgeDays}, {"answer_days", r.AnswerDays},
		{"minutes_days", r.MinutesDays}, {"decision_idle_days", r.DecisionIdleDays},
	}
	for _, f := range fields {
		if f.days < 0 || f.days > maxFollowUpDays {
			return ErrInvalid.at(f.name, "%s is a number of days from 0 (off) to %d, not %d", f.name, maxFollowUpDays, f.days)
		}
	}
	return nil
}

// OperationFollowUpRulesSet replaces the operation's follow-up rules.
type OperationFollowUpRulesSet struct {
	RemindBeforeDays int    `json:"remind_before_days" doc:"days before a due date the owner is reminded (N); 0: not before"`
	OverdueEveryDays int    `json:"overdue_every_days" doc:"days between reminders once overdue (M); 0: never"`
	AcknowledgeDays  int    `json:"acknowledge_days" doc:"days after which an unacknowledged escalation is flagged (D); 0: never"`
	AnswerDays       int    `json:"answer_days" doc:"days after which an unanswered escalation is flagged (E); 0: never"`
	MinutesDays      int    `json:"minutes_days" doc:"days after a meeting its uncirculated minutes are flagged (K); 0: never"`
	DecisionIdleDays int    `json:"decision_idle_days" doc:"days after adoption a decision with no action point or no progress is flagged (P); 0: never"`
	Reason           string `json:"reason" doc:"why the rules changed"`
}

func (OperationFollowUpRulesSet) EventType() string { return "operation.followup_rules_set.v1" }

// Rules returns the rules the event sets.
func (e OperationFollowUpRulesSet) Rules() FollowUpRules {
	return FollowUpRules{RemindBeforeDays: e.RemindBeforeDays, OverdueEveryDays: e.OverdueEveryDays,
		AcknowledgeDays: e.AcknowledgeDays, AnswerDays: e.AnswerDays, MinutesDays: e.MinutesDays,
		DecisionIdleDays: e.DecisionIdleDays}
}

// SetFollowUpRules changes when the operation's people are reminded.
type SetFollowUpRules struct {
	Header
	ID               uuid.UUID `json:"id"`
	RemindBeforeDays int       `json:"remind_before_days"`
	OverdueEveryDays int       `json:"overdue_every_days"`
	AcknowledgeDays  int       `json:"acknowledge_days"`
	AnswerDays       int       `json:"answer_days"`
	MinutesDays      int       `json:"minutes_days"`
	DecisionIdleDays int       `json:"decision_idle_days"`
	Reason           string    `json:"reason" required:"reason"`
}

func (c SetFollowUpRules) Target() Ref { return Ref{KindOperation, c.ID} }

func (c SetFollowUpRules) decide(*Scope) ([]Payload, error) {
	e := OperationFollowUpRulesSet{RemindBeforeDays: c.RemindBeforeDays, OverdueEveryDays: c.OverdueEveryDays,
		AcknowledgeDays: c.AcknowledgeDays, AnswerDays: c.AnswerDays, MinutesDays: c.MinutesDays,
		DecisionIdleDays: c.DecisionIdleDays, Reason: c.Reason}
	if err := e.Rules().check(); err != nil {
		return nil, err
	}
	return one(e)
}

var followUpEvents = []eventSpec{
	spec[OperationFollowUpRulesSet](KindOperation, "The operation's follow-up rules (when reminders are due) changed."),
}
