package recorder

import (
	"context"
	"crypto/rand"
	"fmt"
	"sync"

	"github.com/google/uuid"
)

// sessionKeyID is the key store entry holding the key that signs the web's
// session cookies: a reserved id no person has, beside the idempotency
// secret (secretID) but not it, so that neither key can be learnt from what
// the other signs. Every server sharing the key store (the key service)
// signs alike, so a session made on one is good on all and after a restart.
// Erasing it is refused, as for the secret (see writable).
var sessionKeyID = uuid.NewSHA1(namespace, []byte("ledger\x00web-session-key"))

// processSessionKey signs sessions on a ledger without a key store: random,
// made once per process and never stored, so sessions end when the process
// does (nothing else keeps them). A fixed key would let anyone who read this
// source forge a session, which is why there is none.
var processSessionKey = sync.OnceValue(func() []byte {
	k := make([]byte, 32)
	_, _ = rand.Read(k) // crypto/rand.Read never fails (Go 1.24+)
	return k
})

// SessionKey is the key the web signs its session cookies with: the key
// store's reserved entry, made on first use, or without a key store one
// random key for this process. The web keeps it once read.
func (s *Service) SessionKey(ctx context.Context) ([]byte, error) {
	if s.keys == nil {
		return processSessionKey(), nil
	}
	k, err := s.keys.Ensure(ctx, sessionKeyID)
	if err != nil {
		return nil, fmt.Errorf("session key: %w", err)
	}
	return k, nil
}

// reservedID reports whether id is a key store entry of the ledger's own
// rather than a person's key, which no erasure may destroy.
func reservedID(id uuid.UUID) bool { return id == secretID || id == sessionKeyID }
