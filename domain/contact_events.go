package domain

import "github.com/google/uuid"

// ContactAddedV1 is the first version of contact.added, with one name field.
// It is no longer written; DecodePayload upcasts it to ContactAdded.
type ContactAddedV1 struct {
	PersonID    uuid.UUID `json:"person_id" doc:"pseudonymous id of the person; key of their personal data"`
	Name        string    `json:"name" doc:"full name" personal:"true"`
	Email       string    `json:"email,omitempty" doc:"email address" personal:"true"`
	Phone       string    `json:"phone,omitempty" doc:"phone number" personal:"true"`
	Function    string    `json:"function,omitempty" doc:"job title or function, e.g. 'health coordinator'"`
	ComponentID uuid.UUID `json:"component_id,omitzero" doc:"component the person works for"`
}

// ContactAdded puts a person on the operation's unified contact list.
type ContactAdded struct {
	PersonID    uuid.UUID `json:"person_id" doc:"pseudonymous id of the person; key of their personal data"`
	GivenName   string    `json:"given_name" doc:"given name" personal:"true"`
	FamilyName  string    `json:"family_name,omitempty" doc:"family name" personal:"true"`
	Email       string    `json:"email,omitempty" doc:"email address" personal:"true"`
	Phone       string    `json:"phone,omitempty" doc:"phone number" personal:"true"`
	Function    string    `json:"function,omitempty" doc:"job title or function, e.g. 'health coordinator'"`
	ComponentID uuid.UUID `json:"component_id,omitzero" doc:"component the person works for"`
}

// ContactUpdated replaces the contact's details.
type ContactUpdated struct {
	PersonID   uuid.UUID `json:"person_id" doc:"pseudonymous id of the person"`
	GivenName  string    `json:"given_name" doc:"given name" personal:"true"`
	FamilyName string    `json:"family_name,omitempty" doc:"family name" personal:"true"`
	Email      string    `json:"email,omitempty" doc:"email address" personal:"true"`
	Phone      string    `json:"phone,omitempty" doc:"phone number" personal:"true"`
	Function   string    `json:"function,omitempty" doc:"job title or function"`
}

// ContactRemoved takes a person off the list (they left, or the entry was wrong).
type ContactRemoved struct {
	Reason string `json:"reason" doc:"why the contact was removed"`
}

func (ContactAddedV1) EventType() string { return "contact.added.v1" }

func (ContactAdded) EventType() string { return "contact.added.v2" }

func (ContactUpdated) EventType() string { return "contact.updated.v1" }

func (ContactRemoved) EventType() string { return "contact.removed.v1" }

var contactEvents = []eventSpec{
	legacy(spec[ContactAddedV1](KindContact, "A person was added to the contact list (one name field)."), ContactAdded{}, upcastContactAddedV1),
	spec[ContactAdded](KindContact, "A person was added to the operation's unified contact list."),
	spec[ContactUpdated](KindContact, "A contact's details changed."),
	spec[ContactRemoved](KindContact, "A person was taken off the contact list."),
}
