package views

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// Meta is what every register row carries besides its own fields.
type Meta struct {
	ID             uuid.UUID             `json:"id"`
	OperationID    uuid.UUID             `json:"operation_id"`
	Classification domain.Classification `json:"classification"`
	CreatedAt      time.Time             `json:"created_at"` // occurred time of the creating event
	UpdatedAt      time.Time             `json:"updated_at"` // occurred time of the last event applied
	Version        uint64                `json:"version"`    // stream version of the last event applied
}

// Record is what the visibility policy needs of a row: its operation and
// its classification (the strictest of its events', and of the records it
// is about).
func (m Meta) Record() (uuid.UUID, domain.Classification) { return m.OperationID, m.Classification }

func newMeta(e *projections.Event) Meta {
	return Meta{
		ID: e.Ref.ID, OperationID: e.Env.OperationID, Classification: e.Env.Classification,
		CreatedAt: e.Env.OccurredAt, UpdatedAt: e.Env.OccurredAt, Version: e.Version,
	}
}

// touch records that e changed the record. The classification of a record is
// the highest any of its events carried, so a later restricted event is not
// exposed under an earlier public one.
func (m *Meta) touch(e *projections.Event) {
	m.UpdatedAt, m.Version = e.Env.OccurredAt, e.Version
	m.Classification = domain.Strictest(m.Classification, e.Env.Classification)
}

// perOp is a register partitioned by operation: operation -> record id -> row.
type perOp[T any] map[uuid.UUID]map[uuid.UUID]*T

func (p perOp[T]) put(op, id uuid.UUID, row *T) {
	m := p[op]
	if m == nil {
		m = map[uuid.UUID]*T{}
		p[op] = m
	}
	m[id] = row
}

// rows copies an operation's rows out, so callers hold no pointer into the view.
func (p perOp[T]) rows(op uuid.UUID) []T {
	m := p[op]
	out := make([]T, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	return out
}
