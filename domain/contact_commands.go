package domain

import "github.com/google/uuid"

// AddContact puts a person on the unified contact list. PersonID may be zero
// for a person new to the ledger; it then defaults to the contact's id.
type AddContact struct {
	Header
	ID          uuid.UUID `json:"id"`
	PersonID    uuid.UUID `json:"person_id"`
	GivenName   string    `json:"given_name" required:"true"`
	FamilyName  string    `json:"family_name"`
	Email       string    `json:"email"`
	Phone       string    `json:"phone"`
	Function    string    `json:"function"`
	ComponentID uuid.UUID `json:"component_id"`
}

func (c AddContact) Target() Ref { return Ref{KindContact, c.ID} }
func (AddContact) creates()      {}

func (c AddContact) decide(s *Scope) ([]Payload, error) {
	if c.Email == "" && c.Phone == "" {
		return nil, ErrRequired.at("email", "give an email or a phone number, or the contact cannot be reached")
	}
	if c.ComponentID != uuid.Nil {
		if _, err := s.activeComponent(c.ComponentID, "component_id"); err != nil {
			return nil, err
		}
	}
	if c.PersonID == uuid.Nil {
		c.PersonID = s.ID
	}
	return one(ContactAdded{PersonID: c.PersonID, GivenName: c.GivenName, FamilyName: c.FamilyName,
		Email: c.Email, Phone: c.Phone, Function: c.Function, ComponentID: c.ComponentID})
}

// UpdateContact replaces a contact's details.
type UpdateContact struct {
	Header
	ID         uuid.UUID `json:"id"`
	GivenName  string    `json:"given_name" required:"true"`
	FamilyName string    `json:"family_name"`
	Email      string    `json:"email"`
	Phone      string    `json:"phone"`
	Function   string    `json:"function"`
}

func (c UpdateContact) Target() Ref { return Ref{KindContact, c.ID} }

func (c UpdateContact) decide(s *Scope) ([]Payload, error) {
	ct := self[*Contact](s)
	if ct.Removed {
		return nil, ErrWrongState.withf("contact %s was removed from the list; add it again instead", ShortRef("CT", ct.ID))
	}
	return one(ContactUpdated{PersonID: ct.PersonID, GivenName: c.GivenName, FamilyName: c.FamilyName,
		Email: c.Email, Phone: c.Phone, Function: c.Function})
}

// RemoveContact takes a person off the list.
type RemoveContact struct {
	Header
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason" required:"reason"`
}

func (c RemoveContact) Target() Ref { return Ref{KindContact, c.ID} }

func (c RemoveContact) decide(s *Scope) ([]Payload, error) {
	if self[*Contact](s).Removed {
		return nil, ErrWrongState.withf("contact %s is already removed", ShortRef("CT", c.ID))
	}
	return one(ContactRemoved{Reason: c.Reason})
}
