package verify

import "errors"

var (
	// ErrNotWitnessed: a checkpoint lacks a cosignature the verifier requires.
	ErrNotWitnessed = errors.New("the checkpoint is not cosigned by a required witness")
	// ErrBroken: the log fails verification, so nothing is signed over it.
	ErrBroken = errors.New("the log fails verification")
	// ErrUnsignedTail: events follow the store's newest signed checkpoint.
	ErrUnsignedTail = errors.New("events are not covered by any signed checkpoint")
)

// ErrNotCovered means an event is not covered by the checkpoint asked for.
var ErrNotCovered = errors.New("the event is not covered by the checkpoint")
