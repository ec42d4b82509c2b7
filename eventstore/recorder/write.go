package recorder

import (
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// WriteOptions is what a caller knows about a write besides the command.
// The zero value writes as the command's actor, with no version check and
// no authorisation (the demo, tests, scripts on their own store).
type WriteOptions struct {
	// Principal scopes idempotency keys: the same key from another principal
	// is another request. Empty: the command's actor id (for HTTP, the token).
	Principal string
	// ExpectedVersion is the record version the caller last saw (If-Match).
	// A record at another version answers *PreconditionError, unless the
	// command's key and body are already in the stream (a retry), which
	// answers the first result. Nil: decide on whatever version is current,
	// retrying a bounded number of times when another write lands first.
	ExpectedVersion *uint64
	// Authorise is asked, before the version is compared and before anything
	// is decided, whether the caller may write to a record of operation op:
	// the stored record's operation, or for a new record the one its command
	// names (an operation is its own). Its error is returned as it is. Nil:
	// no check.
	Authorise func(op uuid.UUID) error
}

// write is one command on its way through the service, with what the
// service derived from it once: its record, its scoped key and fingerprint.
type write struct {
	cmd   domain.Command
	ref   domain.Ref
	opts  WriteOptions
	key   string // keyed hash of the idempotency key in its scope; "" when the command has none
	print string // keyed hash of the command's name and canonical body
}

// admit checks a loaded record against the write, in the order that leaks
// nothing: existence, then authorisation, then idempotency, then the
// expected version. A non-nil Result is the first answer to a retry.
func (w *write) admit(rec record) (*Result, error) {
	base := domain.BaseOf(rec.agg)
	if !base.Exists() && !domain.Creates(w.cmd) {
		return nil, w.notFound()
	}
	if w.opts.Authorise != nil {
		if err := w.opts.Authorise(w.operation(base)); err != nil {
			if errors.Is(err, ErrOutOfReach) && base.Exists() && !domain.Creates(w.cmd) {
				return nil, w.notFound()
			}
			return nil, err
		}
	}
	if rec.seen != nil {
		if rec.seenPrint != w.print {
			return nil, &KeyReusedError{Ref: w.ref}
		}
		return rec.seen, nil
	}
	if exp := w.opts.ExpectedVersion; exp != nil && *exp != rec.version {
		return nil, &PreconditionError{Expected: *exp, Actual: rec.version}
	}
	return nil, nil
}

// operation is the operation a command acts in: the stored record's, or
// for a new record the one its header names (an operation is its own).
func (w *write) operation(base *domain.Base) uuid.UUID {
	switch {
	case base.Exists():
		return base.OperationID
	case w.ref.Kind == domain.KindOperation:
		return w.ref.ID
	}
	return w.cmd.CommandHeader().OperationID
}

// notFound is the answer for a record that does not exist, and for one the
// principal may not know exists.
func (w *write) notFound() error {
	return &domain.Error{Code: domain.ErrNotFound.Code, Kind: domain.KindNotFound,
		Message: fmt.Sprintf("no %s has id %s", w.ref.Kind, w.ref.ID)}
}
