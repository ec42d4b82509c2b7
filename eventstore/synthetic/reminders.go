package synthetic

import (
	"strings"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// followUpSettings adds the follow-up loop's operation events (issue 18):
// the officers' rules, a calendar feed issued then revoked, a webhook set
// then removed.
func (o *opState) followUpSettings(op *rec) {
	op.add(domain.OperationFollowUpRulesSet{RemindBeforeDays: 2, OverdueEveryDays: 3, AcknowledgeDays: 1, AnswerDays: 5,
		MinutesDays: 4, DecisionIdleDays: 10, Reason: "emergency phase"})
	feed := o.g.id()
	op.add(domain.OperationCalendarFeedIssued{FeedID: feed, TokenSHA256: strings.Repeat("ab", 32), Label: "MCO Outlook"})
	op.add(domain.OperationCalendarFeedRevoked{FeedID: feed, Reason: "URL shared by mistake"})
	op.add(domain.OperationWebhookSet{URL: "https://tools.example.org/hooks/ledger"})
	op.add(domain.OperationWebhookRemoved{Reason: "tool retired"})
}

// remind adds the reminders an action point got from the scheduler: the
// weekly overdue chase of its owner's focal point, and the relay's
// acceptance of the digest that carried them.
func (o *opState) remind(r *rec, owner uuid.UUID) {
	var sent []uuid.UUID
	for i := range o.g.rng.IntN(3) {
		sent = append(sent, r.add(domain.ReminderSent{Rule: domain.RuleOverdue, Occurrence: i + 1, PersonID: o.g.id(), ComponentID: owner,
			Channel: domain.ChannelEmail, Days: 7 * i}))
	}
	if len(sent) > 0 {
		r.add(domain.ReminderDelivered{Reminders: sent, Channel: domain.ChannelEmail})
	}
}

// language sometimes sets the language a contact reads reminders in.
func (o *opState) language(r *rec) {
	if chance(o.g.rng, 30) {
		r.add(domain.ContactLanguageSet{Language: domain.LangFrench})
	}
}
