package domain

import (
	"time"

	"github.com/google/uuid"
)

func activeSelf(s *Scope) (*Component, error) {
	c := self[*Component](s)
	if c.Withdrawn {
		return nil, ErrComponentWithdrawn.withf("%s has withdrawn; nothing more is recorded for it", c.Name)
	}
	return c, nil
}

// SignAgreement records the coordination agreement signature.
type SignAgreement struct {
	Header
	ID           uuid.UUID `json:"id"`
	AgreementRef string    `json:"agreement_ref" required:"true"`
	SignedAt     time.Time `json:"signed_at"` // defaults to the occurred time
}

func (c SignAgreement) Target() Ref { return Ref{KindComponent, c.ID} }

func (c SignAgreement) decide(s *Scope) ([]Payload, error) {
	comp, err := activeSelf(s)
	if err != nil {
		return nil, err
	}
	if comp.AgreementSigned {
		return nil, ErrWrongState.withf("%s has already signed the coordination agreement", comp.Name)
	}
	if c.SignedAt.IsZero() {
		c.SignedAt = s.Occurred
	}
	return one(ComponentAgreementSigned{AgreementRef: c.AgreementRef, SignedAt: c.SignedAt.UTC()})
}

// ReportStaffing records staffing figures.
type ReportStaffing struct {
	Header
	ID                 uuid.UUID `json:"id"`
	AsOf               time.Time `json:"as_of"`
	NationalStaff      int       `json:"national_staff"`
	InternationalStaff int       `json:"international_staff"`
	Volunteers         int       `json:"volunteers"`
}

func (c ReportStaffing) Target() Ref { return Ref{KindComponent, c.ID} }

func (c ReportStaffing) decide(s *Scope) ([]Payload, error) {
	if _, err := activeSelf(s); err != nil {
		return nil, err
	}
	if c.NationalStaff < 0 || c.InternationalStaff < 0 || c.Volunteers < 0 {
		return nil, ErrInvalid.at("staffing", "staffing figures cannot be negative")
	}
	if c.AsOf.IsZero() {
		c.AsOf = s.Occurred
	}
	return one(ComponentStaffingReported{AsOf: c.AsOf.UTC(), NationalStaff: c.NationalStaff,
		InternationalStaff: c.InternationalStaff, Volunteers: c.Volunteers})
}

// WithdrawComponent records a component leaving; it is final.
type WithdrawComponent struct {
	Header
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason" required:"reason"`
}

func (c WithdrawComponent) Target() Ref { return Ref{KindComponent, c.ID} }

func (c WithdrawComponent) decide(s *Scope) ([]Payload, error) {
	if _, err := activeSelf(s); err != nil {
		return nil, err
	}
	return one(ComponentWithdrawn{Reason: c.Reason})
}

// JoinComponent adds an organisation to the operation.
type JoinComponent struct {
	Header
	ID      uuid.UUID     `json:"id"`
	Name    string        `json:"name" required:"true"`
	Acronym string        `json:"acronym"`
	Kind    ComponentKind `json:"kind"`
	Country string        `json:"country"`
}

func (c JoinComponent) Target() Ref { return Ref{KindComponent, c.ID} }

func (JoinComponent) creates() {}

func (c JoinComponent) decide(s *Scope) ([]Payload, error) {
	if err := c.Kind.check("kind"); err != nil {
		return nil, err
	}
	if c.Country != "" {
		if err := countryCode(c.Country); err != nil {
			return nil, err
		}
	}
	return one(ComponentJoined{Name: c.Name, Acronym: c.Acronym, Kind: c.Kind, Country: c.Country})
}
