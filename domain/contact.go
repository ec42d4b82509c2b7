package domain

import "github.com/google/uuid"

// Contact fields are personal: each sits next to person_id, the id under which
// the application service seals them (AES-256-GCM, a key per person) before
// they are written, and whose key erasure destroys.

// legacy marks a spec as read-only, upcast to the given current payload by
// up: the spec that declares a legacy version also says how to read it.
func legacy(s eventSpec, to Payload, up upcaster) eventSpec {
	s.upcastTo, s.upcast = to.EventType(), up
	return s
}

// Contact is one entry of the unified contact list.
type Contact struct {
	Base
	PersonID    uuid.UUID `json:"person_id"`
	ComponentID uuid.UUID `json:"component_id"`
	Removed     bool      `json:"removed"`
}

func (c *Contact) apply(p Payload) {
	switch e := p.(type) {
	case ContactAdded:
		c.PersonID, c.ComponentID = e.PersonID, e.ComponentID
	case ContactRemoved:
		c.Removed = true
	}
}
