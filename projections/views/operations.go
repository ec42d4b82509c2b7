package views

import (
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// OperationsName is the checkpoint key of the operations list.
const OperationsName = "operations"

// Operation is a row of the operations list.
type Operation struct {
	Meta
	Name          string                            `json:"name"`
	Country       string                            `json:"country"`
	CrisisType    string                            `json:"crisis_type"`
	Glide         string                            `json:"glide,omitempty"`
	ExternalID    string                            `json:"external_id,omitempty"`
	StartedAt     time.Time                         `json:"started_at"`
	Phase         domain.Phase                      `json:"phase"`
	Severity      string                            `json:"severity"`
	ConveningRule *domain.OperationConveningRuleSet `json:"convening_rule,omitempty"`
	Ladder        []domain.Rung                     `json:"ladder,omitempty"`
}

// Operations lists the operations (across operations, by nature).
type Operations struct {
	sync.RWMutex
	byID map[uuid.UUID]*Operation
}

// NewOperations returns an empty list.
func NewOperations() *Operations { return &Operations{byID: map[uuid.UUID]*Operation{}} }

func (*Operations) Name() string { return OperationsName }

// Apply implements projections.Projection.
func (v *Operations) Apply(e *projections.Event) error {
	if e.Ref.Kind != domain.KindOperation {
		return nil
	}
	if p, ok := e.Payload.(domain.OperationOpened); ok {
		o := &Operation{Meta: newMeta(e), Name: p.Name, Country: p.Country, CrisisType: p.CrisisType,
			Glide: p.Glide, ExternalID: p.ExternalID, StartedAt: p.StartedAt, Phase: p.Phase, Severity: p.Severity}
		o.OperationID = e.Ref.ID // an operation belongs to itself
		v.byID[o.ID] = o
		return nil
	}
	if o := v.byID[e.Ref.ID]; o != nil {
		o.touch(e)
		o.apply(e.Payload)
	}
	return nil
}

func (o *Operation) apply(p domain.Payload) {
	switch p := p.(type) {
	case domain.OperationSeverityChanged:
		o.Severity = p.Severity
	case domain.OperationPhaseChanged:
		o.Phase = p.To
	case domain.OperationConveningRuleSet:
		o.ConveningRule = &p
	case domain.OperationEscalationLadderSet:
		o.Ladder = p.Rungs
	case domain.CorrectionRecorded:
		correct(o, p, operationFeeds)
	}
}

// List returns every operation, newest start first.
func (v *Operations) List() []Operation {
	v.RLock()
	defer v.RUnlock()
	out := make([]Operation, 0, len(v.byID))
	for _, o := range v.byID {
		out = append(out, *o)
	}
	slices.SortFunc(out, func(a, b Operation) int {
		if c := b.StartedAt.Compare(a.StartedAt); c != 0 {
			return c
		}
		return slices.Compare(a.ID[:], b.ID[:])
	})
	return out
}

// Get returns one operation.
func (v *Operations) Get(id uuid.UUID) (Operation, bool) {
	v.RLock()
	defer v.RUnlock()
	o, ok := v.byID[id]
	if !ok {
		return Operation{}, false
	}
	return *o, true
}

// operationFeeds are the columns corrected fields feed.
var operationFeeds = []feed[Operation]{
	column(domain.OperationOpened{}, "name", func(o *Operation) *string { return &o.Name }),
	column(domain.OperationOpened{}, "country", func(o *Operation) *string { return &o.Country }),
	column(domain.OperationOpened{}, "crisis_type", func(o *Operation) *string { return &o.CrisisType }),
	column(domain.OperationOpened{}, "glide", func(o *Operation) *string { return &o.Glide }),
	column(domain.OperationOpened{}, "external_id", func(o *Operation) *string { return &o.ExternalID }),
	column(domain.OperationOpened{}, "started_at", func(o *Operation) *time.Time { return &o.StartedAt }),
	column(domain.OperationOpened{}, "severity", func(o *Operation) *string { return &o.Severity }),
}
