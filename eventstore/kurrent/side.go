package kurrent

import (
	"context"
	"iter"
	"strings"

	"github.com/movementcoord/ledger/eventstore"
)

// sideMark starts the names of the ledger's side streams inside its
// namespace: state that several ledger servers share but that is not part
// of the ledger's record (the token registry, the access log of
// confidential reads). No record stream can start with it (records are
// <kind>-<uuid>), the views never see these streams, and they carry the
// ledger's marker like every event it writes.
const sideMark = "_ledger."

// Side is the ledger's side store on the same node and connection: its
// streams live under the namespace's side mark, invisible to ReadAll and
// SubscribeAll of the ledger. Closing it does nothing; close the Store.
func (s *Store) Side() eventstore.Store {
	cfg := s.cfg
	cfg.side = sideMark
	return sideStore{&Store{cfg: cfg, clients: s.clients, foreign: s.foreign}}
}

type sideStore struct{ *Store }

func (sideStore) ReadAll(context.Context, uint64, int) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		yield(eventstore.RecordedEvent{}, ErrSideStreamsOnly)
	}
}

func (sideStore) SubscribeAll(context.Context, uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		yield(eventstore.RecordedEvent{}, ErrSideStreamsOnly)
	}
}

func (sideStore) Close() error { return nil }

// isSide reports whether a stream of $all is one of the ledger's side
// streams: skipped by the log's readers, and not foreign either.
func (s *Store) isSide(stream string) bool {
	return strings.HasPrefix(stream, s.cfg.prefix+sideMark)
}
