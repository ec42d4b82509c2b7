// Package remind is the sending side of the follow-up loop: the scheduler
// that records each reminder due (reminder.sent.v1) through the application
// service and delivers the day's reminders as one digest per person.
//
// A tick reads the live views (projections/followup.Due), records every
// reminder due under its idempotency key (rule, record, person,
// occurrence) as the scheduler's own principal, and keeps only those whose
// write was new: a reminder another server, or this one before a restart,
// already recorded comes back as a duplicate and is not sent again. On the
// embedded store the record's expected version makes that exact; on
// KurrentDB it is the same append with an expected version, so two servers
// may both tick and still each reminder is recorded, and mailed, once.
//
// The new reminders of a tick are grouped into one Digest per person, in
// their language, and handed to the Mailer. A relay that fails keeps the
// digest in the outbox, retried with back-off (1 min doubling to 1 h), and
// the failure shows in Status (the /metrics counters and the operation's
// page). A digest is never dropped while the process lives; a process killed
// between recording and delivering leaves the reminder recorded (and shown
// on the web page) but not mailed: recording first means a restart never
// mails twice.
package remind
