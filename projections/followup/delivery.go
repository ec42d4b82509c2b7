package followup

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// owed are the reminders recorded in the log (reminder.sent.v1) and not yet
// delivered (reminder.delivered.v1), by operation: what the sender still
// owes. A delivery takes a reminder out, so this holds only what is on its
// way, or what a server without a mail relay recorded.
type owed struct {
	byOp  map[uuid.UUID]map[string]uuid.UUID // operation -> reminder key -> its reminder.sent.v1 event
	keyOf map[uuid.UUID]string               // reminder.sent.v1 event -> reminder key
}

func newOwed() owed {
	return owed{byOp: map[uuid.UUID]map[string]uuid.UUID{}, keyOf: map[uuid.UUID]string{}}
}

func (o owed) add(op uuid.UUID, key string, event uuid.UUID) {
	if event == uuid.Nil {
		return // not from a store: nothing can name it as delivered
	}
	if o.byOp[op] == nil {
		o.byOp[op] = map[string]uuid.UUID{}
	}
	o.byOp[op][key] = event
	o.keyOf[event] = key
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
	Event uuid.UUID // its reminder.sent.v1 event, on the record's stream
}

// OwedAt lists the reminders recorded in the log, not yet delivered and
// still due at now, in Due's order. It reads the registers as Due does, so
// a reminder whose record was closed, whose recipient was erased or is no
// longer a focal point, whose operation closed or whose webhook was removed
// since it was recorded is not owed any more (it stays recorded, undelivered).
func OwedAt(src Sources, now time.Time) []Owed {
	var due []Reminder
	events := map[string]uuid.UUID{}
	for _, op := range src.FollowUp.owingOperations() {
		if o, ok := src.Operations.Get(op); !ok || o.Phase == domain.PhaseClosed {
			continue
		}
		for _, r := range dueIn(src, op, now) {
			if id, ok := src.FollowUp.owedEvent(op, r.Key()); ok {
				due, events[r.Key()] = append(due, r), id
			}
		}
	}
	sortReminders(due)
	out := make([]Owed, len(due))
	for i, r := range due {
		out[i] = Owed{Reminder: r, Event: events[r.Key()]}
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

func (v *View) owedEvent(op uuid.UUID, key string) (uuid.UUID, bool) {
	v.RLock()
	defer v.RUnlock()
	id, ok := v.owed.byOp[op][key]
	return id, ok
}
