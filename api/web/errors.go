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
