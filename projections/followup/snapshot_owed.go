package followup

import "github.com/movementcoord/ledger/domain"

// writeOwed writes the reminders recorded and not yet delivered, by
// operation, each key with its reminder.sent.v1 event, when it was
// recorded and its channel (SnapshotVersion 4).
func (v *View) writeOwed(e *enc) {
	e.uvarint(uint64(len(v.owed.byOp)))
	for _, op := range sortedIDs(v.owed.byOp) {
		keys := v.owed.byOp[op]
		e.uuid(op)
		e.uvarint(uint64(len(keys)))
		for _, k := range sortedKeys(keys) {
			e.str(k)
			e.uuid(keys[k].event)
			e.time(keys[k].at)
			e.str(string(keys[k].channel))
		}
	}
}

func (v *View) readOwed(d *dec) {
	for range d.count(16 + 1) {
		op := d.uuid()
		n := d.count(1 + 16 + 3 + 1)
		keys := make(map[string]recorded, n)
		for range n {
			k := d.str()
			rec := recorded{event: d.uuid(), at: d.time(), channel: domain.Channel(d.str())}
			keys[k], v.owed.keyOf[rec.event] = rec, k
		}
		if n > 0 {
			v.owed.byOp[op] = keys
		}
	}
}
