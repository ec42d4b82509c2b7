package keystore

import "errors"

// Errors of the key store. An erased person's key reads as
// personal.ErrErased, so sealing and opening treat it as gone for good.
var (
	ErrMissing      = errors.New("key store missing")
	ErrCorrupt      = errors.New("key store unreadable or corrupt")
	ErrNoKey        = errors.New("no key for this person")
	ErrUnavailable  = errors.New("key service unreachable")
	ErrUnauthorized = errors.New("key service refused the token")
	ErrInsecure     = errors.New("key service address is not safe for keys")
)
