package views

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/projections"
)

// erased returns the person whose personal data e erases, if it does. The
// personal fields the views hold are sealed per person anyway (unreadable
// once the key is gone); the views also drop them, so that nothing derived
// from an erased person is served. Erasure is rare: the views scan for the
// person's rows rather than keep an index per person.
func erased(e *projections.Event) (uuid.UUID, bool) {
	if _, ok := e.Payload.(domain.PersonErased); ok && e.Ref.Kind == domain.KindPerson {
		return e.Ref.ID, true
	}
	return uuid.Nil, false
}

// The name fields of an erased person read personal.Erased, so registers
// and exports say the person was erased rather than leave a blank that
// looks like a missing entry; the other personal fields are emptied.
func (v *Contacts) erase(person uuid.UUID) {
	for _, c := range v.byID {
		if c.PersonID == person {
			c.GivenName, c.FamilyName, c.Email, c.Phone = personal.Erased, "", "", ""
		}
	}
}

func (v *Actions) erase(person uuid.UUID) {
	for _, a := range v.byID {
		if a.Owner.PersonID == person {
			a.Owner.Name = personal.Erased
		}
	}
}

func (v *Compliance) erase(person uuid.UUID) {
	for _, i := range v.byID {
		if i.ReporterPersonID == person {
			i.ReporterName = personal.Erased
		}
	}
}
