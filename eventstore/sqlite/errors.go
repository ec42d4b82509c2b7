package sqlite

import "errors"

// Errors of opening a data directory, on top of those of the eventstore port.
var (
	ErrNewerSchema = errors.New("data file was written by a newer version of the ledger")
	ErrNotLedger   = errors.New("file is not a ledger data file, or it is corrupt")
	ErrDataDir     = errors.New("data directory unusable")
	ErrLocked      = errors.New("data directory is in use by another ledger process")
)
