package web

import (
	"errors"

	"github.com/movementcoord/ledger/domain"
)

var (
	// ErrNoSession: the request carries no valid session.
	ErrNoSession = errors.New("web: not signed in")
	// ErrBadCSRF: a form came without this session's CSRF token.
	ErrBadCSRF = errors.New("web: the form's CSRF token does not match")
	// ErrForbidden: the principal may not see or do this.
	ErrForbidden = errors.New("web: not allowed for this role")
	// ErrNotFound: no such record, or not one the principal may see.
	ErrNotFound = errors.New("web: not found")
)

// errHeldAtRequired: the meeting screen came without the time it was held.
var errHeldAtRequired = &domain.Error{Code: "input.required", Kind: domain.KindValidation, Field: "held_at", Message: "say when the meeting was held"}

// errUnknownMove: a status form named a change the tracker does not offer.
var errUnknownMove = &domain.Error{Code: "input.invalid", Kind: domain.KindValidation, Field: "to", Message: "choose a status change"}

// Outbox items (sync.go): a change that is not a JSON object, a seen version
// or captured time that does not parse.
var (
	errOutboxBody     = &domain.Error{Code: "input.invalid", Kind: domain.KindValidation, Field: "body", Message: "the change must be a JSON object"}
	errOutboxSeen     = &domain.Error{Code: "input.invalid", Kind: domain.KindValidation, Field: "seen_version", Message: "the seen version must be a whole number"}
	errOutboxCaptured = &domain.Error{Code: "input.invalid", Kind: domain.KindValidation, Field: "captured_at", Message: "the captured time must be an RFC 3339 time"}
	errOutboxKey      = &domain.Error{Code: "input.idempotency_key_required", Kind: domain.KindValidation, Field: "key", Message: "every outbox item carries the key made when its form opened"}
)

// errBadAsOf: the date or basis of "as it stood on" could not be read.
var errBadAsOf = errors.New("web: as_of is not a date or as_of_basis is not recorded or occurred")
