package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"github.com/google/uuid"
)

// secretPrefix marks ledger tokens so that secret scanners and people can
// recognise one in a log or a chat message.
const secretPrefix = "lgr_"

// Token is a stored token: everything but the secret, which is kept only as
// its hash.
type Token struct {
	ID         string      `json:"id"`
	Name       string      `json:"name"`
	Role       Role        `json:"role"`
	Operations []uuid.UUID `json:"operations,omitempty"`
	Component  uuid.UUID   `json:"component,omitzero"`
	Hash       string      `json:"sha256"`
	CreatedAt  time.Time   `json:"created_at"`
	RevokedAt  time.Time   `json:"revoked_at,omitzero"`
	// SignedOutAt ends every web session of the token begun before it, on
	// every server sharing the registry (see SignOut).
	SignedOutAt time.Time `json:"signed_out_at,omitzero"`
}

// Spec is what a new token is asked for with.
type Spec struct {
	Name       string
	Role       Role
	Operations []uuid.UUID
	Component  uuid.UUID
}

// Active reports whether the token still authenticates.
func (t Token) Active() bool { return t.RevokedAt.IsZero() }

// Principal is who the token acts for.
func (t Token) Principal() Principal {
	return Principal{ID: t.ID, Name: t.Name, Role: t.Role, Operations: t.Operations, Component: t.Component}
}

func (s Spec) validate() error {
	if _, err := ParseRole(string(s.Role)); err != nil {
		return err
	}
	if s.Name == "" {
		return ErrNameRequired
	}
	if s.Role == RoleOfficer && len(s.Operations) == 0 {
		return ErrOperationsRequired
	}
	return nil
}

// newSecret returns a fresh secret and its stored hash.
func newSecret() (secret, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	secret = secretPrefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, hashSecret(secret)
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// newTokenID is short enough to type in `ledger token revoke`.
func newTokenID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
