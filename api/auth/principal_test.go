package auth_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
)

func TestPrincipalPolicy(t *testing.T) {
	t.Parallel()
	mine, other := uuid.New(), uuid.New()
	officer := auth.Principal{Role: auth.RoleOfficer, Operations: []uuid.UUID{mine}}
	admin := auth.Principal{Role: auth.RoleAdmin}
	reviewer := auth.Principal{Role: auth.RoleReviewer}
	analyst := auth.Principal{Role: auth.RoleAnalyst}
	cases := []struct {
		name string
		got  bool
		want bool
	}{
		{"officer writes in its operation", officer.MayExecute("actionpoint.raise", mine), true},
		{"officer writes elsewhere", officer.MayExecute("actionpoint.raise", other), false},
		{"officer writes without operation", officer.MayExecute("actionpoint.raise", uuid.Nil), false},
		{"officer opens an operation", officer.MayExecute("operation.open", mine), false},
		{"officer steers its operation", officer.MayExecute("operation.change_phase", mine), true},
		{"admin opens an operation", admin.MayExecute("operation.open", uuid.Nil), true},
		{"admin raises an action point", admin.MayExecute("actionpoint.raise", mine), false},
		{"admin erases a person", admin.MayExecute("person.erase", uuid.Nil), true},
		{"officer erases a person", officer.MayExecute("person.erase", mine), false},
		{"officer sets the follow-up rules", officer.MayExecute("operation.set_followup_rules", mine), true},
		{"officer claims a reminder", officer.MayExecute("reminder.record", mine), false},
		{"admin claims a reminder", admin.MayExecute("reminder.record", mine), false},
		{"reviewer writes", reviewer.MayExecute("actionpoint.raise", mine), false},
		{"analyst writes", analyst.MayExecute("actionpoint.raise", mine), false},
		{"officer reads its operation", officer.MayRead(mine), true},
		{"officer reads elsewhere", officer.MayRead(other), false},
		{"reviewer reads anywhere", reviewer.MayRead(other), true},
		{"reviewer reads confidential", reviewer.MayReadClass(domain.ClassConfidential), true},
		{"analyst reads confidential", analyst.MayReadClass(domain.ClassConfidential), false},
		{"analyst reads restricted", analyst.MayReadClass(domain.ClassRestricted), true},
		{"analyst sees personal data", analyst.SeesPersonalData(), false},
		{"officer sees personal data", officer.SeesPersonalData(), true},
		{"officer writes at all", officer.Writes(), true},
		{"admin writes at all", admin.Writes(), true},
		{"reviewer writes at all", reviewer.Writes(), false},
		{"analyst writes at all", analyst.Writes(), false},
		{"admin manages tokens", admin.MayManageTokens(), true},
		{"officer manages tokens", officer.MayManageTokens(), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { require.Equal(t, tc.want, tc.got) })
	}
}

func TestParseRole(t *testing.T) {
	t.Parallel()
	r, err := auth.ParseRole(" Officer ")
	require.NoError(t, err)
	require.Equal(t, auth.RoleOfficer, r)
	_, err = auth.ParseRole("root")
	require.ErrorIs(t, err, auth.ErrUnknownRole)
}
