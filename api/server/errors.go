package server

import "errors"

// ErrMissingKey: the signing key is gone but a signed log is there. A new
// key would sign a history nobody could tell from a forgery, so the start is
// refused instead of creating one.
var ErrMissingKey = errors.New("the signing key is missing beside an existing log")
