package backend

import (
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
)

// Shared is what a store that several ledger servers share (KurrentDB)
// offers beside the log: a side store for the state the servers must agree
// on (token registry, access log), and what it found on the node that is
// not the ledger's.
type Shared interface {
	// Side holds named streams the views never read (see kurrent.Store.Side).
	Side() eventstore.Store
	// Foreign counts the events of other writers that the log skipped.
	Foreign() kurrent.ForeignStats
	// Retention lists ledger streams whose events the node hides.
	Retention() []kurrent.RetentionFinding
}

// SharedOf reports whether store is shared by several servers, and how.
// The embedded store is one process's: it has no side store, and its data
// directory keeps tokens.json and the access log file.
func SharedOf(store eventstore.Store) (Shared, bool) {
	s, ok := store.(*kurrent.Store)
	return s, ok
}
