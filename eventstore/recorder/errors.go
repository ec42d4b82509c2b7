package recorder

import (
	"errors"
	"fmt"

	"github.com/movementcoord/ledger/domain"
)

// ErrRetriesExhausted means the record kept changing under the command: every
// attempt met a newer version. The caller may try again later.
var ErrRetriesExhausted = errors.New("the record changed concurrently too many times")

// ErrMissingID means a command that does not create a record named none.
var ErrMissingID = errors.New("the command names no record id")

// ErrVersionMismatch is what a *PreconditionError matches with errors.Is.
var ErrVersionMismatch = errors.New("the record is not at the expected version")

// ErrKeyReused is what a *KeyReusedError matches with errors.Is.
var ErrKeyReused = errors.New("the idempotency key was used for another request")

// ErrReservedID means a command named the id the ledger keeps for itself in
// the key store (its idempotency secret): no person has it.
var ErrReservedID = errors.New("the id is reserved by the ledger")

// ErrOutOfReach is what an Authorise func wraps into its error when the
// principal may not see the operation at all (not merely not write in it).
// For a record that already exists the service then answers exactly as for
// a record that does not, so nobody outside an operation can probe its ids.
var ErrOutOfReach = errors.New("the record is outside the principal's operations")

// ErrUnknownPerson: an erasure names a person about whom nothing personal
// was ever recorded, so there is nothing to erase (a typo in the id, most
// likely).
var ErrUnknownPerson = errors.New("no personal data was ever recorded about this person")

// PreconditionError: the caller expected the record at one version (If-Match)
// and it is at another. Nothing was written.
type PreconditionError struct{ Expected, Actual uint64 }

func (e *PreconditionError) Error() string {
	return fmt.Sprintf("the record is at version %d, not %d", e.Actual, e.Expected)
}

func (e *PreconditionError) Unwrap() error { return ErrVersionMismatch }

// KeyReusedError: the principal sent this idempotency key to this target
// before with another command or body. Ref is the first request's record.
// Nothing was written.
type KeyReusedError struct{ Ref domain.Ref }

func (e *KeyReusedError) Error() string {
	return fmt.Sprintf("the idempotency key was already used for another request on %s %s; send a new key for a new request",
		e.Ref.Kind, e.Ref.ID)
}

func (e *KeyReusedError) Unwrap() error { return ErrKeyReused }

// ErrNoKeyStore: an erasure was asked of a service that seals nothing.
var ErrNoKeyStore = errors.New("no key store: personal data is not sealed, so it cannot be erased by destroying keys")
