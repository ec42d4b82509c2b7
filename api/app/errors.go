package app

import "errors"

// ErrRetriesExhausted means the record kept changing under the command: every
// attempt met a newer version. The caller may try again later.
var ErrRetriesExhausted = errors.New("the record changed concurrently too many times")

// ErrMissingID means a command that does not create a record named none.
var ErrMissingID = errors.New("the command names no record id")
