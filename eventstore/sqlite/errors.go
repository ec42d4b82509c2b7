package sqlite

import "errors"

// Errors of opening a data directory, on top of those of the eventstore port.
var (
	ErrNewerSchema = errors.New("data file was written by a newer version of the ledger")
	ErrNotLedger   = errors.New("file is not a ledger data file, or it is corrupt")
	ErrDataDir     = errors.New("data directory unusable")
	ErrLocked      = errors.New("data directory is in use by another ledger process")
)

// Errors of the signed log, refused at start so that no server runs on a log
// it cannot vouch for; `ledger recover` records the loss and starts anew.
var (
	// ErrRollback: the log is shorter than a checkpoint the ledger signed
	// (a truncated, emptied or deleted ledger.db, an old backup, lost WAL).
	ErrRollback = errors.New("the log is shorter than the last checkpoint the ledger signed")
	// ErrUnsigned: events follow the last checkpoint, written by something
	// other than the ledger.
	ErrUnsigned = errors.New("events follow the last signed checkpoint")
	// ErrFork: the checkpoint kept beside the log is not the log's own.
	ErrFork = errors.New("the checkpoint kept beside the log does not match the log")
	// ErrKeyMismatch: the log's checkpoints are not signed by this key.
	ErrKeyMismatch = errors.New("the log's last checkpoint is not signed by this signing key")
	// ErrDamagedWAL: the write-ahead log has committed frames SQLite would
	// skip after a bad checksum, so acknowledged writes would be lost.
	ErrDamagedWAL = errors.New("the write-ahead log is damaged")
	// ErrSignedLog: an append to a signed log through a store opened without
	// the signing key.
	ErrSignedLog = errors.New("this log is signed: append only through a store opened with its signing key")
)
