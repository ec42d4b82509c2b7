package recorder

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// Idempotency keys are scoped, fingerprinted and stored as keyed hashes (see
// the package doc). The hashes are HMAC-SHA256 under the ledger's secret.

// secretID is the key store entry holding the ledger's idempotency secret: a
// reserved id that no person has, so every server sharing the key store (the
// key service) hashes keys alike. Erasing it is refused (see Execute).
var secretID = uuid.NewSHA1(namespace, []byte("ledger\x00idempotency-secret"))

// unsealedSecret hashes keys on a ledger without a key store. Such a ledger
// seals no personal data and cannot erase anyone, so a fixed secret loses
// nothing: the key is still not stored as typed.
var unsealedSecret = sha256.Sum256([]byte("movementcoord ledger: idempotency keys without a key store"))

// serverSetFields are the header fields the server fills in, which differ
// between a request and its retry and so are left out of the fingerprint.
var serverSetFields = []string{"actor", "idempotency_key", "correlation_id"}

// secretCache holds the secret once read; a failed read is tried again.
type secretCache struct {
	mu  sync.Mutex
	key []byte
}

func (s *Service) secret(ctx context.Context) ([]byte, error) {
	s.idem.mu.Lock()
	defer s.idem.mu.Unlock()
	if s.idem.key != nil {
		return s.idem.key, nil
	}
	if s.keys == nil {
		s.idem.key = unsealedSecret[:]
		return s.idem.key, nil
	}
	k, err := s.keys.Ensure(ctx, secretID)
	if err != nil {
		return nil, fmt.Errorf("idempotency secret: %w", err)
	}
	s.idem.key = k
	return k, nil
}

// newWrite derives what the service needs from a command: its record (an id
// for a creating command that left it zero), its scoped key and fingerprint.
//
// Scope: a key is unique per principal and target. The target is the record
// the command names, or, for a creating command without an id, the operation
// and kind of record it creates; the record's id then derives from the
// scoped key, so a retry lands on the same stream and finds its first answer
// there, and the same key in another operation or from another principal
// creates another record.
func (s *Service) newWrite(ctx context.Context, cmd domain.Command, opts WriteOptions) (*write, error) {
	secret, err := s.secret(ctx)
	if err != nil {
		return nil, err
	}
	w := &write{cmd: cmd, ref: cmd.Target(), opts: opts}
	scope, err := scopeOf(cmd)
	if err != nil {
		return nil, err
	}
	if h := cmd.CommandHeader(); h.IdempotencyKey != "" {
		w.key = keyedHash(secret, "key", principalOf(h, opts), scope, h.IdempotencyKey)
	}
	if w.ref.ID == uuid.Nil {
		// Derived from the keyed hash, so nobody can tell from an id which
		// key made it. A command without a key is refused by the domain.
		w.ref.ID = uuid.NewSHA1(namespace, []byte("record\x00"+w.key))
	}
	body, err := canonicalBody(cmd)
	if err != nil {
		return nil, err
	}
	w.print = keyedHash(secret, "request", domain.CommandName(cmd), body)
	return w, nil
}

// scopeOf is the target a key is unique in: the record the command names,
// or the operation and kind of record a creating command without an id makes.
func scopeOf(cmd domain.Command) (string, error) {
	ref := cmd.Target()
	switch {
	case ref.ID != uuid.Nil:
		return ref.Stream(), nil
	case !domain.Creates(cmd):
		return "", fmt.Errorf("%s command: %w", ref.Kind, ErrMissingID)
	}
	return "new\x00" + cmd.CommandHeader().OperationID.String() + "\x00" + string(ref.Kind), nil
}

// principalOf is who a key belongs to: the caller's principal, else the actor.
func principalOf(h domain.Header, opts WriteOptions) string {
	if opts.Principal != "" {
		return opts.Principal
	}
	return h.Actor.ID
}

// keyedHash is the hex HMAC-SHA256 of parts joined by NUL, under secret.
func keyedHash(secret []byte, parts ...string) string {
	m := hmac.New(sha256.New, secret)
	for i, p := range parts {
		if i > 0 {
			m.Write([]byte{0})
		}
		m.Write([]byte(p))
	}
	return hex.EncodeToString(m.Sum(nil))
}

// inflight lets one request per scoped key through at a time in this
// process, so an identical request sent while the first is still being
// written waits for it and then finds it (a duplicate) rather than racing
// it. Across servers the append's expected version is the guard.
type inflight struct {
	mu   sync.Mutex
	busy map[string]chan struct{}
}

// enter waits until no other request with key is in flight here, and marks
// this one; leave must be called when it is done.
func (f *inflight) enter(ctx context.Context, key string) (leave func(), err error) {
	for {
		f.mu.Lock()
		done, busy := f.busy[key]
		if !busy {
			if f.busy == nil {
				f.busy = map[string]chan struct{}{}
			}
			mine := make(chan struct{})
			f.busy[key] = mine
			f.mu.Unlock()
			return func() { f.mu.Lock(); delete(f.busy, key); f.mu.Unlock(); close(mine) }, nil
		}
		f.mu.Unlock()
		select {
		case <-done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
