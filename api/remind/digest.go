package remind

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/followup"
)

// Digest is one message to one person: the reminders of a tick.
type Digest struct {
	To    followup.Recipient
	Day   time.Time // the UTC day of the tick
	Items []Item
}

// Item is one reminder as a reader sees it.
type Item struct {
	Operation  string // the operation's name
	OpID       uuid.UUID
	Rule       domain.ReminderRule
	Occurrence int
	Record     domain.Ref
	Title      string // empty when the recipient may not read the record's title
	Days       int
	Since      time.Time
}

// mayShowTitle: a focal point of a Movement component reads the titles of
// public and Movement-internal records; anyone else, public ones only.
// Restricted and confidential matters are named by their kind alone: the
// reader signs in to see them, where the visibility policy applies.
func mayShowTitle(class domain.Classification, external bool) bool {
	switch class {
	case domain.ClassPublic:
		return true
	case domain.ClassMovement, "":
		return !external
	}
	return false
}
