package auth

import "errors"

var (
	// ErrUnauthenticated means the request carried no token, or one that is
	// unknown or revoked.
	ErrUnauthenticated = errors.New("a valid bearer token is required")
	// ErrForbidden means the principal is known but its role does not allow
	// the request.
	ErrForbidden = errors.New("the token's role does not allow this")
	// ErrUnknownRole means a token was asked for with a role that does not exist.
	ErrUnknownRole = errors.New("unknown role; use officer, reviewer, analyst or admin")
	// ErrTokenNotFound means no token has the given id.
	ErrTokenNotFound = errors.New("no token with this id")
	// ErrOperationsRequired means an officer token was asked for without operations.
	ErrOperationsRequired = errors.New("an officer token needs at least one --operation")
	// ErrNameRequired means a token was asked for without a name.
	ErrNameRequired = errors.New("a token needs a name saying who holds it")
)
