// Package remind is the sending side of the follow-up loop: the scheduler
// that records each reminder due (reminder.sent.v1) through the application
// service, delivers the day's reminders as one digest per person, and
// records each delivery (reminder.delivered.v1).
//
// A tick reads the live views (projections/followup.Due), records every
// reminder due under its idempotency key (rule, record, person,
// occurrence) as the scheduler's own principal: a reminder another server,
// or this one before a restart, already recorded comes back as a duplicate.
// On the embedded store the record's expected version makes that exact; on
// KurrentDB it is the same append with an expected version, so two servers
// may both tick and still each reminder is recorded once.
//
// What is sent is read from the log, not from what this process recorded:
// the follow-up view keeps the reminders recorded and not yet delivered
// (followup.OwedReminders), and every tick fills the outbox with those it
// lacks, for the channels this Sender can send. So a server killed between
// recording and the send time, or one that loses the reminders lease
// (api/server/lease.go), leaves its reminders owed, and the next holder
// mails them at the send time that followed their recording, or at once if
// that has passed. They are grouped into one Digest per person, in their
// language, and handed to the Mailer; webhook reminders are posted at once.
// A relay that fails keeps the digest in the outbox, retried with back-off
// (1 min doubling to 1 h), and the failure shows in Status (the /metrics
// counters and the operation's page).
//
// Once the relay accepts a digest (or the webhook answers 2xx), the sender
// records reminder.delivered.v1 on each record whose reminders it carried,
// and later ticks, on any server, skip them. Delivery is at least once: a
// server that dies after the relay accepted and before that event is
// written leaves the reminders owed, and they are sent again. In the normal
// case nothing is sent twice. Nothing recorded is lost, save a reminder
// that stopped being due before it went out (its record closed, its
// recipient erased or no longer a focal point, its operation closed).
package remind
