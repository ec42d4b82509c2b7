package domain

import "github.com/google/uuid"

// ErasePerson erases a person's personal data across every operation. ID is
// the person's pseudonymous id (person_id, owner_person_id, ...). Reason is
// one of ErasureReasons and RequestRef a register reference (see
// checkRequestRef): the erasure's own record never names the person.
type ErasePerson struct {
	Header
	ID         uuid.UUID     `json:"id"`
	Reason     ErasureReason `json:"reason" required:"true"`
	RequestRef string        `json:"request_ref"`
}

func (c ErasePerson) Target() Ref      { return Ref{KindPerson, c.ID} }
func (ErasePerson) creates()           {}
func (ErasePerson) allowedWhenClosed() {}
func (ErasePerson) spansOperations()   {}

func (c ErasePerson) decide(*Scope) ([]Payload, error) {
	if c.ID == uuid.Nil {
		return nil, ErrRequired.at("id", "say whose data to erase: the person's id")
	}
	err := firstErr(oneOf("reason", c.Reason, ErasureReasons()...), checkRequestRef(c.RequestRef))
	if err != nil {
		return nil, err
	}
	return one(PersonErased{Reason: string(c.Reason), RequestRef: c.RequestRef})
}
