package followup

import (
	"maps"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// owed are the reminders recorded in the log (reminder.sent.v1) and not yet
// delivered (reminder.delivered.v1), by operation: what the sender still
// owes. A delivery takes a reminder out, so this holds only what is on its
// way, or what a server without a mail relay recorded.
type owed struct {
	byOp  map[uuid.UUID]map[string]recorded // operation -> reminder key -> its reminder.sent.v1 event
	keyOf map[uuid.UUID]string              // reminder.sent.v1 event -> reminder key
}

// recorded is a reminder.sent.v1 event: its id, when it was recorded and
// its channel.
type recorded struct {
	event   uuid.UUID
	at      time.Time
	channel domain.Channel
}

func newOwed() owed {
	return owed{byOp: map[uuid.UUID]map[string]recorded{}, keyOf: map[uuid.UUID]string{}}
}

func (o owed) add(op uuid.UUID, key string, rec recorded) {
	if rec.event == uuid.Nil {
		return // not from a store: nothing can name it as delivered
	}
	if o.byOp[op] == nil {
		o.byOp[op] = map[string]recorded{}
	}
	o.byOp[op][key] = rec
	o.keyOf[rec.event] = key
}

func (o owed) remove(op uuid.UUID, events []uuid.UUID) {
	for _, id := range events {
		key, ok := o.keyOf[id]
		if !ok {
			continue // delivered twice (at least once): already out
		}
		delete(o.keyOf, id)
		delete(o.byOp[op], key)
		if len(o.byOp[op]) == 0 {
			delete(o.byOp, op)
		}
	}
}

// Owed is a reminder recorded and not delivered, still due: what a sender
// mails (or posts) and then records as delivered, naming Event.
type Owed struct {
	Reminder
	Event    uuid.UUID // its reminder.sent.v1 event, on the record's stream
	Recorded time.Time // when it was recorded (the event's occurred time)
}

// OwedReminders lists the reminders recorded in the log and not yet
// delivered, by the channels given (a sender without a relay does not
// read the rules again for the e-mails it will never send), in Due's order, each as it was due when it was recorded: the
// rules are read again at that time, on the registers as they stand, so a
// reminder whose record was closed, whose recipient was erased or is no
// longer a focal point, whose operation closed or whose webhook was removed
// since is not owed any more (it stays recorded, undelivered).
func OwedReminders(src Sources, channels ...domain.Channel) []Owed {
	var due []Reminder
	events := map[string]recorded{}
	for _, op := range src.FollowUp.owingOperations() {
		if o, ok := src.Operations.Get(op); !ok || o.Phase == domain.PhaseClosed {
			continue
		}
		owing := src.FollowUp.owedIn(op)
		maps.DeleteFunc(owing, func(_ string, rec recorded) bool { return !slices.Contains(channels, rec.channel) })
		byTime := map[time.Time][]Reminder{} // one reading of the rules per time recorded
		for _, rec := range owing {
			if _, done := byTime[rec.at]; !done {
				byTime[rec.at] = dueIn(src, op, rec.at)
			}
		}
		for at, rs := range byTime {
			for _, r := range rs {
				if rec, ok := owing[r.Key()]; ok && rec.at.Equal(at) {
					due, events[r.Key()] = append(due, r), rec
				}
			}
		}
	}
	sortReminders(due)
	out := make([]Owed, len(due))
	for i, r := range due {
		rec := events[r.Key()]
		out[i] = Owed{Reminder: r, Event: rec.event, Recorded: rec.at}
	}
	return out
}

// OwedIn counts the operation's reminders recorded and not yet delivered.
func (v *View) OwedIn(op uuid.UUID) int {
	v.RLock()
	defer v.RUnlock()
	return len(v.owed.byOp[op])
}

func (v *View) owingOperations() []uuid.UUID {
	v.RLock()
	defer v.RUnlock()
	return sortedIDs(v.owed.byOp)
}

// owedIn is a copy of the operation's owed reminders, by key.
func (v *View) owedIn(op uuid.UUID) map[string]recorded {
	v.RLock()
	defer v.RUnlock()
	return maps.Clone(v.owed.byOp[op])
}
