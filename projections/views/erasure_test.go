package views_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/views"
)

func TestErasureDropsThePersonsFieldsFromEveryView(t *testing.T) {
	t.Parallel()
	person, other := uuid.New(), uuid.New()
	contacts, actions, issues := views.NewContacts(), views.NewActions(), views.NewCompliance()
	for _, v := range []projections.Projection{contacts, actions, issues} {
		f := newFold(t, v)
		f.new(domain.KindContact, T, domain.ContactAdded{PersonID: person, GivenName: "Amina", FamilyName: "Hassan", Email: "a@x.org"})
		f.new(domain.KindContact, T, domain.ContactAdded{PersonID: other, GivenName: "Jean", FamilyName: "Dupont"})
		f.new(domain.KindActionPoint, T, domain.ActionPointRaised{Title: "x", Owner: domain.Owner{PersonID: person, Name: "Amina Hassan"}})
		f.new(domain.KindCompliance, T, domain.ComplianceReported{Category: domain.CatEmblem, ReporterPersonID: person, ReporterName: "Amina Hassan"})
		f.on(domain.KindPerson, person, day(1), domain.ClassMovement, domain.PersonErased{Reason: "request"})
		switch v := v.(type) {
		case *views.Contacts:
			got := v.List(f.op, true)
			require.Len(t, got, 2)
			require.Equal(t, views.Contact{Meta: got[0].Meta, PersonID: person, GivenName: personal.Erased}, got[0],
				"only the pseudonymous id is left, and the name says erased")
			require.Equal(t, "Dupont", got[1].FamilyName, "other people are untouched")
		case *views.Actions:
			require.Equal(t, personal.Erased, v.List(f.op, views.ActionFilter{})[0].Owner.Name)
		case *views.Compliance:
			require.Equal(t, personal.Erased, v.List(f.op, views.IssueFilter{})[0].ReporterName)
		}
	}
}
