// Package storetest is the conformance suite of the eventstore port. Every
// backend runs it with one call:
//
//	storetest.Run(t, func(t *testing.T) eventstore.Store { return open(t) }, storetest.Options{})
//
// Each case gets a fresh, empty store from the factory.
package storetest

import (
	"testing"

	"github.com/movementcoord/ledger/eventstore"
)

// Factory opens a fresh, empty store for one test and arranges (with
// t.Cleanup) for it to be closed.
type Factory func(t *testing.T) eventstore.Store

// Options describe what a backend promises beyond the port's minimum.
type Options struct {
	// GaplessPositions: global positions are exactly 1, 2, 3, ...
	GaplessPositions bool
	// StrictEventIDs: an event id can never be stored twice, even when a new
	// append mixes it with fresh events. KurrentDB checks ids only for
	// retries of the same append, so its adapter leaves this off.
	StrictEventIDs bool
}

type suite struct {
	open Factory
	opts Options
}

// Run runs every conformance case against the backend.
func Run(t *testing.T, open Factory, opts Options) {
	s := suite{open: open, opts: opts}
	cases := map[string]func(t *testing.T){
		"AppendExpectations":        s.appendExpectations,
		"WrongVersionCarriesActual": s.wrongVersionCarriesActual,
		"IdempotentRetry":           s.idempotentRetry,
		"IdempotentRetryAny":        s.idempotentRetryAny,
		"DuplicateIDElsewhere":      s.duplicateIDElsewhere,
		"RoundTrip":                 s.roundTrip,
		"ReadStreamForward":         s.readStreamForward,
		"ReadStreamBackward":        s.readStreamBackward,
		"ReadStreamNotFound":        s.readStreamNotFound,
		"ReadStopsEarly":            s.readStopsEarly,
		"ReadAll":                   s.readAll,
		"Validation":                s.validation,
		"SubscribeCatchUpThenLive":  s.subscribeCatchUpThenLive,
		"SubscribeFromPosition":     s.subscribeFromPosition,
		"SubscribeEndsWithContext":  s.subscribeEndsWithContext,
		"ConcurrentAppendersRace":   s.concurrentAppendersRace,
		"ManyStreamsAtOnce":         s.manyStreamsAtOnce,
		"SubscribeWhileWriting":     s.subscribeWhileWriting,
	}
	for name, c := range cases {
		t.Run(name, c)
	}
}
