package kurrent

import (
	"errors"

	"github.com/movementcoord/ledger/eventstore"
)

// Errors of this adapter beyond the port's own.
var (
	// ErrInvalidConnString is returned by Open for a connection string the
	// client cannot use.
	ErrInvalidConnString = errors.New("invalid KurrentDB connection string")
	// ErrAccessDenied: the credentials in the connection string were
	// refused, or lack the rights for the call.
	ErrAccessDenied = errors.New("KurrentDB refused the credentials or their rights")
	// ErrHistoryRemoved: events of a ledger stream were hidden or removed
	// on the node (stream metadata $tb, $maxCount or $maxAge set by an
	// operator, a soft delete, a scavenge). The stream is not read as a
	// shorter history.
	ErrHistoryRemoved = eventstore.ErrHistoryRemoved
	// ErrForeignEvent: a ledger stream holds an event the ledger did not
	// write (no marker): someone else wrote into its namespace.
	ErrForeignEvent = errors.New("an event not written by the ledger is in a ledger stream")
)

// Internal causes, always reported wrapped in eventstore.ErrUnavailable.
var (
	// errCallTimeout: a call outlasted the call timeout, typically stuck
	// waiting for a connection.
	errCallTimeout = errors.New("no reply within the call timeout")
	// errClientRetired: the client was replaced while the call waited.
	errClientRetired = errors.New("client replaced after losing its connection")
	// errNotSent: the client was replaced before the call began.
	errNotSent = errors.New("client replaced before the call")
	// errStopped: the consumer stopped ranging; nothing more may be yielded.
	errStopped = errors.New("consumer stopped")
)

// ErrSideStreamsOnly: the side store serves named streams, not the log.
var ErrSideStreamsOnly = errors.New("the side store has no global log: read its streams by name")
