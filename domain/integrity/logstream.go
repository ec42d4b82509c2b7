package integrity

import "time"

// The stream and event type under which checkpoints are recorded in the log
// itself. The embedded store keeps a checkpoint per commit in its own table;
// a log without one (KurrentDB) records them here, and logs written before
// format v2 recorded their digests here too. Views pass over this stream.
const (
	DigestStream    = "ledger-digests"
	DigestEventType = "ledger.digest.v1"
)

// Digest is the payload of a DigestEventType event: a signed checkpoint
// (Checkpoint, the note text) and where it stood when it was recorded.
type Digest struct {
	Position   uint64    `json:"position"` // the last global position covered
	Streams    uint64    `json:"streams,omitempty"`
	Events     uint64    `json:"events"` // leaves of the tree: events covered
	Root       Hash      `json:"root"`
	Time       time.Time `json:"time"`
	Checkpoint string    `json:"checkpoint,omitempty"` // the signed note
}
