package personal_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/personal"
)

func key(t *testing.T) []byte {
	k, err := personal.NewKey()
	require.NoError(t, err)
	return k
}

func TestSealAndUnseal(t *testing.T) {
	t.Parallel()
	k, other := key(t), key(t)
	alice, bob := uuid.New(), uuid.New()
	sealed, err := personal.Seal(k, alice, "alice@example.org")
	require.NoError(t, err)
	require.True(t, personal.IsSealed(sealed))
	require.NotContains(t, sealed, "alice")

	plain, err := personal.Unseal(k, alice, sealed)
	require.NoError(t, err)
	require.Equal(t, "alice@example.org", plain)

	tampered := sealed[:len(sealed)-2] + "AA"
	cases := []struct {
		name   string
		key    []byte
		person uuid.UUID
		value  string
		want   error
	}{
		{"another key", other, alice, sealed, personal.ErrCorrupt},
		{"moved to another person", k, bob, sealed, personal.ErrCorrupt},
		{"altered", k, alice, tampered, personal.ErrCorrupt},
		{"truncated", k, alice, "pii1:AAAA", personal.ErrCorrupt},
		{"not sealed", k, alice, "alice@example.org", personal.ErrCorrupt},
		{"short key", k[:16], alice, sealed, personal.ErrBadKey},
	}
	for _, c := range cases {
		_, err := personal.Unseal(c.key, c.person, c.value)
		require.ErrorIs(t, err, c.want, c.name)
	}
}

// keyring is an in-memory key store for the tests.
type keyring map[uuid.UUID][]byte

func (r keyring) keys(t *testing.T) personal.Keys {
	return func(p uuid.UUID) ([]byte, error) {
		k, ok := r[p]
		if !ok {
			return nil, personal.ErrErased
		}
		return k, nil
	}
}

func TestSealFieldsCoversEveryPersonalFieldOfTheDomain(t *testing.T) {
	t.Parallel()
	alice, bob, carol := uuid.New(), uuid.New(), uuid.New()
	ring := keyring{alice: key(t), bob: key(t), carol: key(t)}
	payloads := []any{
		&domain.ContactAdded{PersonID: alice, GivenName: "Alice", FamilyName: "Moreau", Email: "alice@example.org", Phone: "+41 22 555 0100"},
		&domain.ActionPointRaised{Title: "Distribute kits", Owner: domain.Owner{PersonID: bob, Name: "Bob Okafor"}},
		&domain.MeetingHeld{Attendees: []domain.Attendee{{PersonID: alice, Name: "Alice Moreau"}, {PersonID: carol, Name: "Carol Ng"}}},
		&domain.ComplianceReported{Summary: "appeal without agreement", ReporterPersonID: carol, ReporterName: "Carol Ng"},
	}
	secrets := []string{"Alice", "Moreau", "alice@example.org", "555 0100", "Bob Okafor", "Carol Ng"}
	for _, p := range payloads {
		before, err := json.Marshal(p)
		require.NoError(t, err)
		require.NoError(t, personal.SealFields(p, ring.keys(t)))
		after, err := json.Marshal(p)
		require.NoError(t, err)
		for _, s := range secrets {
			require.NotContains(t, string(after), s, "%T is sealed", p)
		}
		require.NotEmpty(t, personal.Persons(p))

		require.NoError(t, personal.OpenFields(p, ring.keys(t)))
		reopened, err := json.Marshal(p)
		require.NoError(t, err)
		require.JSONEq(t, string(before), string(reopened), "%T opens to what it was", p)
	}
}

func TestOpenFieldsOfAnErasedPerson(t *testing.T) {
	t.Parallel()
	alice, bob := uuid.New(), uuid.New()
	ring := keyring{alice: key(t), bob: key(t)}
	held := &domain.MeetingHeld{Attendees: []domain.Attendee{{PersonID: alice, Name: "Alice Moreau"}, {PersonID: bob, Name: "Bob Okafor"}}}
	require.NoError(t, personal.SealFields(held, ring.keys(t)))
	delete(ring, alice)

	require.NoError(t, personal.OpenFields(held, ring.keys(t)))
	require.Equal(t, personal.Erased, held.Attendees[0].Name)
	require.Equal(t, "Bob Okafor", held.Attendees[1].Name, "others are untouched")
}

func TestSealFieldsRefusesPersonalDataWithoutAPerson(t *testing.T) {
	t.Parallel()
	raised := &domain.ActionPointRaised{Title: "Distribute kits", Owner: domain.Owner{Name: "Bob Okafor"}}
	err := personal.SealFields(raised, keyring{}.keys(t))
	require.ErrorIs(t, err, personal.ErrNoPerson)
	require.Contains(t, err.Error(), "owner_name")
	require.Equal(t, "Bob Okafor", raised.Owner.Name, "the refused value is left as it was")
}

func TestSealFieldsPassesOnKeyStoreErrors(t *testing.T) {
	t.Parallel()
	broken := errors.New("key store unreachable")
	contact := &domain.ContactAdded{PersonID: uuid.New(), GivenName: "Alice"}
	err := personal.SealFields(contact, func(uuid.UUID) ([]byte, error) { return nil, broken })
	require.ErrorIs(t, err, broken)
	require.True(t, strings.HasPrefix(contact.GivenName, "Alice"))
}
