package followup

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// Day is the unit of every follow-up rule.
const Day = 24 * time.Hour

// Sources are the registers Due reads: the server's live views (or any
// set built for a test).
type Sources struct {
	Operations  *views.Operations
	Components  *views.Components
	Contacts    *views.Contacts
	Mechanisms  *views.Mechanisms
	Decisions   *views.Decisions
	Actions     *views.Actions
	Escalations *views.Escalations
	FollowUp    *View
}

// Reminder is one reminder due to one person.
type Reminder struct {
	OperationID    uuid.UUID
	Record         domain.Ref
	Title          string // the record's title, for whoever may read it
	Classification domain.Classification
	Rule           domain.ReminderRule
	Occurrence     int       // from 1
	Since          time.Time // the date the rule counts from: due date, raised, held, adopted
	Days           int       // whole days from Since to the clock (negative: before a due date)
	Mark           int       // the day of the rule this occurrence stands for (recorded: the same on every server)
	Channel        domain.Channel
	To             Recipient // for the webhook: the component concerned, no person
}

// Recipient is a person reminded, a focal point of a component; or, for
// the webhook, the component alone.
type Recipient struct {
	PersonID    uuid.UUID
	ContactID   uuid.UUID
	ComponentID uuid.UUID
	Name        string
	Email       string
	Language    domain.Language
}

// Key is the reminder's idempotency key: one rule, one record, one person,
// one occurrence. The sender records the reminder under it, so it is sent
// once whoever computes it again.
func (r Reminder) Key() string { return key(r.Rule, r.Record, r.To.PersonID, r.Occurrence) }

// key is "followup:<rule>:<record's stream>:<person>:<occurrence>", made
// in one allocation: a restored view makes one per reminder in the log.
func key(rule domain.ReminderRule, rec domain.Ref, person uuid.UUID, occurrence int) string {
	b := make([]byte, 0, len("followup:")+len(rule)+len(rec.Kind)+2*36+24)
	b = append(b, "followup:"...)
	b = append(append(b, rule...), ':')
	b = append(append(b, rec.Kind...), '-')
	b = append(appendUUID(b, rec.ID), ':')
	b = append(appendUUID(b, person), ':')
	return string(strconv.AppendInt(b, int64(occurrence), 10))
}

// appendUUID appends the canonical 8-4-4-4-12 form of id, as id.String().
func appendUUID(b []byte, id uuid.UUID) []byte {
	for i, c := range id {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hexDigits[c>>4], hexDigits[c&0xf])
	}
	return b
}

const hexDigits = "0123456789abcdef"

// Due lists the reminders due at now in every operation that is not closed
// and that have not been sent, sorted by recipient then record.
func Due(src Sources, now time.Time) []Reminder {
	var out []Reminder
	for _, op := range src.Operations.List() {
		out = append(out, DueIn(src, op.ID, now)...)
	}
	sortReminders(out)
	return out
}

// DueIn lists the reminders due at now in one operation (none once it is
// closed) that have not been sent.
func DueIn(src Sources, op uuid.UUID, now time.Time) []Reminder {
	if o, ok := src.Operations.Get(op); !ok || o.Phase == domain.PhaseClosed {
		return nil
	}
	out := slices.DeleteFunc(dueIn(src, op, now), func(r Reminder) bool { return src.FollowUp.WasSent(r.Key()) })
	sortReminders(out)
	return out
}

func sortReminders(out []Reminder) {
	slices.SortFunc(out, func(a, b Reminder) int {
		return cmp.Or(strings.Compare(a.To.PersonID.String(), b.To.PersonID.String()),
			a.Since.Compare(b.Since), strings.Compare(a.Record.Stream(), b.Record.Stream()),
			strings.Compare(string(a.Rule), string(b.Rule)))
	})
}

// item is a rule firing on a record, before it is addressed to people.
type item struct {
	rec        domain.Ref
	title      string
	class      domain.Classification
	rule       domain.ReminderRule
	occurrence int
	since      time.Time
	days       int
	mark       int
	components []uuid.UUID // whose focal points are reminded
}

func dueIn(src Sources, op uuid.UUID, now time.Time) []Reminder {
	rules := src.FollowUp.Rules(op)
	book := newAddressBook(src, op)
	var items []item
	items = append(items, actionItems(src, op, rules, now, book.conveners)...)
	items = append(items, escalationItems(src, op, rules, now, book.conveners)...)
	items = append(items, meetingItems(src, op, rules, now, book.conveners)...)
	items = append(items, decisionItems(src, op, rules, now, book.conveners)...)
	hook := src.FollowUp.Webhook(op) != ""
	var out []Reminder
	for _, it := range items {
		r := Reminder{OperationID: op, Record: it.rec, Title: it.title, Classification: it.class,
			Rule: it.rule, Occurrence: it.occurrence, Since: it.since, Days: it.days, Mark: it.mark, Channel: domain.ChannelEmail}
		for _, to := range book.focalPoints(it.components) {
			r.To = to
			out = append(out, r)
		}
		if hook && len(it.components) > 0 {
			r.Channel, r.To = domain.ChannelWebhook, Recipient{ComponentID: it.components[0]}
			out = append(out, r)
		}
	}
	return out
}

// wholeDays counts whole days from since to now (negative before since).
func wholeDays(since, now time.Time) int {
	d := now.Sub(since)
	if d < 0 {
		return -int((-d + Day - 1) / Day)
	}
	return int(d / Day)
}
