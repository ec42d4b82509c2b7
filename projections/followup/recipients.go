package followup

import (
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/projections/views"
)

// addressBook is an operation's focal points by component, read once per
// computation.
type addressBook struct {
	conveners []uuid.UUID
	byComp    map[uuid.UUID][]Recipient
}

func newAddressBook(src Sources, op uuid.UUID) addressBook {
	b := addressBook{byComp: map[uuid.UUID][]Recipient{}}
	for _, c := range src.Components.Map(op) {
		if c.Convener && !c.Withdrawn {
			b.conveners = append(b.conveners, c.ID)
		}
	}
	for _, c := range src.Contacts.List(op, false) {
		if !isFocalPoint(c) || src.FollowUp.Erased(c.PersonID) {
			continue
		}
		b.byComp[c.ComponentID] = append(b.byComp[c.ComponentID], Recipient{PersonID: c.PersonID, ContactID: c.ID,
			ComponentID: c.ComponentID, Name: strings.TrimSpace(c.GivenName + " " + c.FamilyName), Email: c.Email,
			Language: src.FollowUp.Language(c.ID)})
	}
	return b
}

// isFocalPoint: a contact of a component with a role (function) and an
// address to write to. An erased contact has no address left.
func isFocalPoint(c views.Contact) bool {
	return c.ComponentID != uuid.Nil && strings.TrimSpace(c.Function) != "" && strings.Contains(c.Email, "@")
}

// focalPoints are the people of the components, each once.
func (b addressBook) focalPoints(components []uuid.UUID) []Recipient {
	var out []Recipient
	for _, comp := range components {
		for _, r := range b.byComp[comp] {
			if !slices.ContainsFunc(out, func(o Recipient) bool { return o.PersonID == r.PersonID }) {
				out = append(out, r)
			}
		}
	}
	return out
}
