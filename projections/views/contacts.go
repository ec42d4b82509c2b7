package views

import (
	"cmp"
	"slices"
	"sync"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// ContactsName is the checkpoint key of the contact list.
const ContactsName = "contacts"

// Contact is a row of the unified contact list. The personal fields are
// what the API must leave out of exports meant for outside the Movement.
type Contact struct {
	Meta
	PersonID    uuid.UUID `json:"person_id"`
	GivenName   string    `json:"given_name" personal:"true"`
	FamilyName  string    `json:"family_name,omitempty" personal:"true"`
	Email       string    `json:"email,omitempty" personal:"true"`
	Phone       string    `json:"phone,omitempty" personal:"true"`
	Function    string    `json:"function,omitempty"`
	ComponentID uuid.UUID `json:"component_id,omitzero"`
	Removed     bool      `json:"removed"`
}

// Contacts is the contact list of each operation.
type Contacts struct {
	sync.RWMutex
	rows perOp[Contact]
	byID map[uuid.UUID]*Contact
}

// NewContacts returns an empty list.
func NewContacts() *Contacts {
	return &Contacts{rows: perOp[Contact]{}, byID: map[uuid.UUID]*Contact{}}
}

func (*Contacts) Name() string { return ContactsName }

// Apply implements projections.Projection. Old contact.added.v1 events
// arrive already upcast to the current payload.
func (v *Contacts) Apply(e *projections.Event) error {
	if person, ok := erased(e); ok {
		v.erase(person)
		return nil
	}
	if e.Ref.Kind != domain.KindContact {
		return nil
	}
	if p, ok := e.Payload.(domain.ContactAdded); ok {
		c := &Contact{Meta: newMeta(e), PersonID: p.PersonID, GivenName: p.GivenName, FamilyName: p.FamilyName,
			Email: p.Email, Phone: p.Phone, Function: p.Function, ComponentID: p.ComponentID}
		v.rows.put(c.OperationID, c.ID, c)
		v.byID[c.ID] = c
		return nil
	}
	c := v.byID[e.Ref.ID]
	if c == nil {
		return nil
	}
	c.touch(e)
	switch p := e.Payload.(type) {
	case domain.ContactUpdated:
		c.GivenName, c.FamilyName, c.Email, c.Phone, c.Function = p.GivenName, p.FamilyName, p.Email, p.Phone, p.Function
	case domain.ContactRemoved:
		c.Removed = true
	}
	return nil
}

// List returns an operation's contacts sorted by family then given name;
// removed contacts only when asked.
func (v *Contacts) List(op uuid.UUID, withRemoved bool) []Contact {
	v.RLock()
	defer v.RUnlock()
	var out []Contact
	for _, c := range v.rows[op] {
		if withRemoved || !c.Removed {
			out = append(out, *c)
		}
	}
	slices.SortFunc(out, func(a, b Contact) int {
		return cmp.Or(cmp.Compare(a.FamilyName, b.FamilyName), cmp.Compare(a.GivenName, b.GivenName),
			slices.Compare(a.ID[:], b.ID[:]))
	})
	return out
}
