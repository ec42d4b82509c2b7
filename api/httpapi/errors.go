package httpapi

import (
	"errors"
	"fmt"
	"net/http"
)

// ErrBodyUnreadable wraps whatever stopped a request body from being read to
// its end: malformed chunked framing, a connection that ended early, or a
// body that did not arrive in time. It is the client's fault, never a 5xx.
var ErrBodyUnreadable = errors.New("the request body could not be read")

// apiError is an error the HTTP layer itself detects (authentication, content
// type, preconditions, paging). Domain errors stay *domain.Error; both meet in
// problemFor.
type apiError struct {
	status int
	code   string
	detail string
	fields []FieldError
	// omitted counts field errors left out of fields (see MaxFieldErrors).
	omitted int
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.detail) }

func newAPIError(status int, code, detail string, fields ...FieldError) *apiError {
	return &apiError{status: status, code: code, detail: detail, fields: fields}
}

func errUnauthenticated(detail string) error {
	return newAPIError(http.StatusUnauthorized, "auth.unauthenticated", detail)
}

func errForbidden(detail string) error {
	return newAPIError(http.StatusForbidden, "auth.forbidden", detail)
}

func errBadParam(field, detail string) error {
	return newAPIError(http.StatusBadRequest, "input.invalid", detail, FieldError{Field: field, Detail: detail})
}

func errNotFound(code, detail string) error {
	return newAPIError(http.StatusNotFound, code, detail)
}

// Errors an Integrity returns.
var (
	// ErrIntegrityBroken wraps the first bad event the server found in its log.
	ErrIntegrityBroken = errors.New("the log failed its integrity check")
	// ErrNoDigestYet: the server has not finished checking the log.
	ErrNoDigestYet = errors.New("no checkpoint checked yet")
)
