package audit

import (
	"fmt"
	"sync"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// Name is the checkpoint key of the audit trail.
const Name = "audit"

// Trail is the audit trail across operations, and the source of timelines.
type Trail struct {
	sync.RWMutex
	entries     entries
	streams     []*stream
	streamIDs   map[uuid.UUID]int32  // by record id: hashing 16 bytes is cheap
	sharedIDs   map[domain.Ref]int32 // records whose id another kind's record already has
	types       table[string]
	actors      table[domain.Actor]
	classes     table[domain.Classification]
	ops         map[uuid.UUID]*chain
	correctedBy map[int32][]int32
	corrections corrections                // what each correction changed, before and after
	levels      map[uuid.UUID]domain.Level // mechanism -> level, for meetings and decisions
	lastActor   domain.Actor               // the events of one command share their actor
	lastActorID int32
}

// New returns an empty trail.
func New() *Trail {
	return &Trail{
		streamIDs: map[uuid.UUID]int32{}, sharedIDs: map[domain.Ref]int32{}, types: newTable[string](), actors: newTable[domain.Actor](),
		classes: newTable[domain.Classification](), ops: map[uuid.UUID]*chain{},
		correctedBy: map[int32][]int32{}, levels: map[uuid.UUID]domain.Level{}, lastActorID: -1,
	}
}

func (*Trail) Name() string { return Name }

// Apply implements projections.Projection.
func (t *Trail) Apply(e *projections.Event) error {
	s, sid := t.stream(e)
	if len(t.types.values) >= 1<<16-1 || len(t.classes.values) >= 1<<8-1 {
		return fmt.Errorf("audit trail: more than %d event types or %d classifications", 1<<16-1, 1<<8-1)
	}
	en := entry{
		position: e.Position, eventID: e.ID, recorded: e.RecordedAt.UnixNano(), occurred: e.Env.OccurredAt.UnixNano(),
		corrects: -1, prevInStream: s.last, prevInOp: s.op.last, stream: sid, actor: t.actor(e.Env.Actor), version: uint32(e.Version),
		typ: uint16(t.types.id(e.Type)), class: uint8(t.classes.id(e.Env.Classification)),
	}
	if c, ok := e.Payload.(domain.CorrectionRecorded); ok {
		en.corrects = t.find(s, c.CorrectsEventID)
	}
	i := t.entries.add(en)
	s.last, s.n = i, s.n+1
	s.class = domain.Strictest(s.class, e.Env.Classification)
	s.op.last, s.op.n = i, s.op.n+1
	if en.corrects >= 0 {
		t.correctedBy[en.corrects] = append(t.correctedBy[en.corrects], i)
	}
	t.corrections.note(i, e)
	t.describe(s, e)
	return nil
}

// stream returns the record the event belongs to, adding it on first sight.
func (t *Trail) stream(e *projections.Event) (*stream, int32) {
	// A record's events all carry the operation of its first event: the
	// domain checks the operation of every command on an existing record.
	if id, ok := t.streamID(e.Ref); ok {
		return t.streams[id], id
	}
	s := &stream{ref: e.Ref, operation: e.Env.OperationID, last: -1, op: t.ops[e.Env.OperationID]}
	if s.op == nil {
		s.op = &chain{last: -1}
		t.ops[e.Env.OperationID] = s.op
	}
	id := int32(len(t.streams))
	t.streams = append(t.streams, s)
	if _, taken := t.streamIDs[e.Ref.ID]; taken {
		t.sharedIDs[e.Ref] = id
	} else {
		t.streamIDs[e.Ref.ID] = id
	}
	return s, id
}

// find returns the entry of an event of the stream; a correction points to
// an event of its own stream (the domain checks it).
func (t *Trail) find(s *stream, id uuid.UUID) int32 {
	for i := s.last; i >= 0; i = t.entries.at(i).prevInStream {
		if t.entries.at(i).eventID == id {
			return i
		}
	}
	return -1
}

// lookup returns the stream of a record, if the trail has seen it.
func (t *Trail) lookup(ref domain.Ref) (*stream, bool) {
	id, ok := t.streamID(ref)
	if !ok {
		return nil, false
	}
	return t.streams[id], true
}

// streamID finds a record by id, then, when the id belongs to a record of
// another kind (a contact and its person may share one), by reference.
func (t *Trail) streamID(ref domain.Ref) (int32, bool) {
	if id, ok := t.streamIDs[ref.ID]; ok && t.streams[id].ref == ref {
		return id, true
	}
	id, ok := t.sharedIDs[ref]
	return id, ok
}

// actor returns the id of a in the actor table; the events of one command
// share their actor, so the last one is checked first.
func (t *Trail) actor(a domain.Actor) int32 {
	if t.lastActorID < 0 || a != t.lastActor {
		t.lastActor, t.lastActorID = a, t.actors.id(a)
	}
	return t.lastActorID
}
