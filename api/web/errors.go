package web

import "errors"

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
