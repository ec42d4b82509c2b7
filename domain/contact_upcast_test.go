package domain

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestContactAddedV1IsUpcastToV2(t *testing.T) {
	t.Parallel()
	person, comp := uuid.New(), uuid.New()
	cases := []struct {
		name          string
		v1Name        string
		given, family string
	}{
		{"two words", "Amina Osman", "Amina", "Osman"},
		{"three words", "Jean Paul Sartre", "Jean Paul", "Sartre"},
		{"one word", "Mononym", "Mononym", ""},
		{"extra spaces", "  Ana   Lima ", "Ana", "Lima"},
		{"empty", "", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			stored := `{"person_id":"` + person.String() + `","name":"` + tc.v1Name +
				`","email":"a@example.org","function":"health coordinator","component_id":"` + comp.String() + `"}`
			p, err := DecodePayload("contact.added.v1", []byte(stored))
			require.NoError(t, err)
			require.Equal(t, ContactAdded{PersonID: person, GivenName: tc.given, FamilyName: tc.family,
				Email: "a@example.org", Function: "health coordinator", ComponentID: comp}, p)
		})
	}
}

func TestUpcastFoldsLikeCurrentVersion(t *testing.T) {
	t.Parallel()
	p, err := DecodePayload("contact.added.v1", []byte(`{"person_id":"`+uuid.NewString()+`","name":"A B","phone":"+249"}`))
	require.NoError(t, err)
	c := New(Ref{KindContact, uuid.New()}).(*Contact)
	Fold(c, Event{Payload: p})
	require.True(t, c.Exists())
	require.NotEqual(t, uuid.Nil, c.PersonID)
}

func TestLegacyTypeIsDocumentedButNeverWritten(t *testing.T) {
	t.Parallel()
	var found bool
	for _, d := range Catalogue() {
		if d.Type == "contact.added.v1" {
			found = true
			require.Equal(t, "contact.added.v2", d.UpcastTo)
		}
	}
	require.True(t, found)
	require.Equal(t, 2, versionOf(ContactAdded{}.EventType()))
}
