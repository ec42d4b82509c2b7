package recorder

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore/keystore"
)

// WithKeys makes the service seal every personal field with its person's key
// from ks before anything is written (see domain/personal), and destroy the
// key when a person is erased.
func WithKeys(ks keystore.Store) Option { return func(s *Service) { s.keys = ks } }

// protect seals the personal fields of each event's payload. It works on a
// copy, so the caller's command and its slices are never changed; a payload
// of a type that holds no personal field is left as it is, uncopied.
func (s *Service) protect(ctx context.Context, events []domain.Event) error {
	if s.keys == nil {
		return nil
	}
	ensure := func(p uuid.UUID) ([]byte, error) { return s.keys.Ensure(ctx, p) }
	for i := range events {
		if t := reflect.TypeOf(events[i].Payload); t.Kind() == reflect.Struct && !personal.Holds(t) {
			continue
		}
		p, err := sealedCopy(events[i].Payload, ensure)
		if err != nil {
			return fmt.Errorf("%s: %w", events[i].Payload.EventType(), err)
		}
		events[i].Payload = p
	}
	return nil
}

func sealedCopy(p domain.Payload, keys personal.Keys) (domain.Payload, error) {
	raw, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	cp := reflect.New(reflect.TypeOf(p))
	if err := json.Unmarshal(raw, cp.Interface()); err != nil {
		return nil, err
	}
	if err := personal.SealFields(cp.Interface(), keys); err != nil {
		return nil, err
	}
	return cp.Elem().Interface().(domain.Payload), nil
}

// writable refuses, once the caller is authorised, what this service cannot
// write: an erasure without a key store, of a key store entry that holds
// one of the ledger's own keys (reservedID) rather than a person's, or of a person
// about whom nothing personal was ever recorded (no key was ever made for
// them: every personal field is sealed with its person's key).
func (s *Service) writable(ctx context.Context, cmd domain.Command) error {
	erase, ok := cmd.(domain.ErasePerson)
	switch {
	case !ok:
		return nil
	case s.keys == nil:
		return ErrNoKeyStore
	case reservedID(erase.ID):
		return fmt.Errorf("person %s: %w", erase.ID, ErrReservedID)
	}
	if _, err := s.keys.Key(ctx, erase.ID); errors.Is(err, keystore.ErrNoKey) {
		return fmt.Errorf("person %s: %w", erase.ID, ErrUnknownPerson)
	}
	return nil // a key, an erased key (a second erasure), or a key store to retry later
}

// afterErasure destroys the person's key once the erasure is on record. It
// also runs when the erasure was already recorded (a retry, or a second
// request), so a key left behind by a crash between the two is destroyed.
func (s *Service) afterErasure(ctx context.Context, cmd domain.ErasePerson, res Result, err error) (Result, error) {
	if err != nil && !errors.Is(err, domain.ErrAlreadyExists) {
		return res, err
	}
	if eraseErr := s.keys.Erase(ctx, cmd.ID); eraseErr != nil {
		return res, fmt.Errorf("erasure of %s is recorded but its key is not yet destroyed (retry the request): %w", cmd.ID, eraseErr)
	}
	return res, err
}
