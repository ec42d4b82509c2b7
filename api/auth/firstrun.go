package auth

import (
	"fmt"
	"path/filepath"
)

// AdminTokenFile is where the first-run admin token is written.
const AdminTokenFile = "admin-token"

// EnsureAdmin creates an admin token when no token exists yet, so that a
// fresh `ledger serve` can be used at once. It writes the secret to
// <dir>/admin-token (mode 0600) and returns it; secret is empty when tokens
// already existed and nothing was created.
func EnsureAdmin(s *Store, dir string) (secret string, err error) {
	empty, err := s.Empty()
	if err != nil || !empty {
		return "", err
	}
	_, secret, err = s.Create(Spec{Name: "first-run admin", Role: RoleAdmin})
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, AdminTokenFile)
	if err := WriteSecretFile(path, []byte(secret+"\n")); err != nil {
		return "", fmt.Errorf("first-run admin token: %w", err)
	}
	return secret, nil
}
