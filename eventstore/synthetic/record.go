package synthetic

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// Record is the events of one record, appended to its stream in one go.
type Record struct {
	Stream string
	Events []eventstore.EventData
}

// rec builds one record's events.
type rec struct {
	g    *Gen
	op   *opState
	ref  domain.Ref
	out  Record
	at   time.Time      // occurred time of the record's last event
	prev integrity.Hash // hash of the record's last event: the stream's chain
	opID uuid.UUID      // operation in the envelope; nil for a person's erasure
}

func (o *opState) newRec(kind domain.Kind) *rec {
	ref := domain.Ref{Kind: kind, ID: o.g.id()}
	if kind == domain.KindOperation {
		ref.ID = o.id
	}
	return &rec{g: o.g, op: o, ref: ref, out: Record{Stream: ref.Stream()}, at: o.clock, opID: o.id}
}

// add appends one event, its occurred time a little after the previous one.
func (r *rec) add(p domain.Payload) uuid.UUID {
	r.at = r.at.Add(time.Duration(1+r.g.rng.IntN(72)) * time.Hour)
	typ, data, err := domain.EncodePayload(p)
	if err != nil {
		panic(fmt.Sprintf("gen: encode %T: %v", p, err)) // a bug in the generator, not in the data
	}
	return r.addRaw(typ, data)
}

func (r *rec) addRaw(typ string, data []byte) uuid.UUID {
	env := domain.Envelope{
		OperationID: r.opID, OccurredAt: r.at, RecordedAt: r.at.Add(time.Duration(r.g.rng.IntN(48)) * time.Hour),
		Actor:          domain.Actor{ID: r.op.actors[r.g.rng.IntN(len(r.op.actors))], Role: "officer", Component: r.op.pick()},
		Classification: classes[r.g.rng.IntN(len(classes))], IdempotencyKey: r.g.id().String(),
	}
	meta, err := json.Marshal(env)
	if err != nil {
		panic(fmt.Sprintf("gen: encode envelope: %v", err))
	}
	id := r.g.id()
	// seal it as the write path does, so the log is as big as a real one and
	// passes verification
	meta, r.prev, err = r.g.hasher.Seal(integrity.Event{Stream: r.out.Stream, Version: uint64(len(r.out.Events) + 1),
		ID: id, Type: typ, Data: data, Metadata: meta}, r.prev)
	if err != nil {
		panic(fmt.Sprintf("gen: seal: %v", err))
	}
	r.out.Events = append(r.out.Events, eventstore.EventData{ID: id, Type: typ, Data: data, Metadata: meta})
	return id
}

// correct sometimes appends a correction of the record's first event.
func (r *rec) correct(changes string) {
	if r.g.rng.IntN(10) != 0 || len(r.out.Events) == 0 {
		return
	}
	first := r.out.Events[0]
	r.add(domain.CorrectionRecorded{CorrectsEventID: first.ID, CorrectsType: first.Type,
		Reason: "typo in the original record", Changes: json.RawMessage(changes)})
}

var classes = []domain.Classification{domain.ClassPublic, domain.ClassMovement, domain.ClassMovement,
	domain.ClassMovement, domain.ClassRestricted, domain.ClassConfidential}

func chance(rng *rand.Rand, pct int) bool { return rng.IntN(100) < pct }
