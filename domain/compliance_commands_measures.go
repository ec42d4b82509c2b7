package domain

import (
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
)

// ProposeMeasure proposes a corrective measure. Its id is derived from the
// issue id and its rank, so the domain stays deterministic.
type ProposeMeasure struct {
	Header
	ID               uuid.UUID `json:"id"`
	Description      string    `json:"description" required:"true"`
	OwnerComponentID uuid.UUID `json:"owner_component_id"`
	DueAt            time.Time `json:"due_at"`
}

func (c ProposeMeasure) Target() Ref { return Ref{KindCompliance, c.ID} }

func (c ProposeMeasure) decide(s *Scope) ([]Payload, error) {
	is, err := openIssue(s)
	if err != nil {
		return nil, err
	}
	if _, err := s.activeComponent(c.OwnerComponentID, "owner_component_id"); err != nil {
		return nil, err
	}
	id := uuid.NewSHA1(is.ID, fmt.Appendf(nil, "measure-%d", len(is.Measures)+1))
	return one(ComplianceMeasureProposed{MeasureID: id, Description: c.Description,
		OwnerComponentID: c.OwnerComponentID, DueAt: c.DueAt.UTC()})
}

func findMeasure(is *ComplianceIssue, id uuid.UUID) (Measure, error) {
	i := slices.IndexFunc(is.Measures, func(m Measure) bool { return m.ID == id })
	if i < 0 {
		return Measure{}, ErrMeasureUnknown.at("measure_id", "issue %s has no measure %s", is.Ref(), id)
	}
	return is.Measures[i], nil
}

// AgreeMeasure records agreement on a proposed measure.
type AgreeMeasure struct {
	Header
	ID        uuid.UUID   `json:"id"`
	MeasureID uuid.UUID   `json:"measure_id"`
	AgreedBy  []uuid.UUID `json:"agreed_by"`
}

func (c AgreeMeasure) Target() Ref { return Ref{KindCompliance, c.ID} }

func (c AgreeMeasure) decide(s *Scope) ([]Payload, error) {
	is, err := openIssue(s)
	if err != nil {
		return nil, err
	}
	m, err := findMeasure(is, c.MeasureID)
	if err != nil {
		return nil, err
	}
	if m.Agreed {
		return nil, ErrWrongState.at("measure_id", "the measure is already agreed")
	}
	if len(c.AgreedBy) == 0 {
		return nil, ErrRequired.at("agreed_by", "list the components that agreed")
	}
	if err := s.activeComponents(c.AgreedBy, "agreed_by"); err != nil {
		return nil, err
	}
	return one(ComplianceMeasureAgreed{MeasureID: c.MeasureID, AgreedBy: c.AgreedBy})
}

// CompleteMeasure records that an agreed measure was carried out.
type CompleteMeasure struct {
	Header
	ID        uuid.UUID `json:"id"`
	MeasureID uuid.UUID `json:"measure_id"`
	Note      string    `json:"note"`
}

func (c CompleteMeasure) Target() Ref { return Ref{KindCompliance, c.ID} }

func (c CompleteMeasure) decide(s *Scope) ([]Payload, error) {
	is, err := openIssue(s)
	if err != nil {
		return nil, err
	}
	m, err := findMeasure(is, c.MeasureID)
	if err != nil {
		return nil, err
	}
	if !m.Agreed || m.Completed {
		return nil, ErrWrongState.at("measure_id", "only an agreed measure not yet carried out can be completed")
	}
	return one(ComplianceMeasureCompleted{MeasureID: c.MeasureID, Note: c.Note})
}
