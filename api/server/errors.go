package server

import "errors"

// ErrMissingKey: the signing key is gone but a signed log is there. A new
// key would sign a history nobody could tell from a forgery, so the start is
// refused instead of creating one.
var ErrMissingKey = errors.New("the signing key is missing beside an existing log")

// ErrSigningKeyDiffers: the ledger's latest checkpoint was signed with
// another key than this server's. A ledger has one signing identity; a
// second one would make its checkpoints look like a fork.
var ErrSigningKeyDiffers = errors.New("this server's signing key is not the key of the ledger's latest checkpoint")
