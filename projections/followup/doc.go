// Package followup is the read side of the follow-up loop: which reminders
// are due, to whom, and which were sent.
//
// View folds, from the log, each operation's follow-up rules
// (operation.followup_rules_set.v1, DefaultFollowUpRules until then), every
// reminder sent (reminder.sent.v1), each contact's language and every erased
// person. Due derives the reminders due at a clock reading from the registers
// (package views), the rules and that view: nothing is stored about what is
// due, so a restart or a second server computes the same list, and each
// reminder's Key (rule, record, recipient, occurrence) is the idempotency key
// under which the sender records it exactly once. The view also keeps the
// reminders recorded and not yet delivered (reminder.delivered.v1 takes one
// out): OwedReminders, what any server's sender still has to send.
//
// Who is reminded: the focal points of the component concerned (its
// contacts with a function and an e-mail address, not removed, not erased)
// and, for what the operation as a whole follows up, the focal points of its
// conveners. An address is read from the contact list (sealed in the log,
// opened by projections/unseal) only to deliver; the recorded event names
// the person's id.
package followup
