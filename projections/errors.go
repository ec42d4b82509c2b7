package projections

import (
	"errors"
)

var (
	// ErrFailed marks a view that stopped on an event it could not apply.
	ErrFailed = errors.New("projection failed")
	// ErrUnknownView is returned for a name no registered view has.
	ErrUnknownView = errors.New("unknown projection")
	// ErrRebuildInProgress refuses a second rebuild of the same view.
	ErrRebuildInProgress = errors.New("rebuild already in progress")
)

// errUnnamedStream: a store handed over an event without its stream name,
// which the port never allows (the conformance suite checks it).
var errUnnamedStream = errors.New("the store returned an event without its stream name")
