package kurrent

import (
	"strings"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/movementcoord/ledger/eventstore"
)

// toEventData always carries our event id: the client gives a nil id a
// random one, which would turn a retried append into a duplicate. Our
// metadata travels inside the custom metadata (see envelope.go).
func toEventData(ev eventstore.EventData, metadata []byte) esdb.EventData {
	return esdb.EventData{
		EventID:     ev.ID,
		EventType:   ev.Type,
		ContentType: esdb.ContentTypeJson,
		Data:        ev.Data,
		Metadata:    metadata,
	}
}

// toExpectedRevision always states our expectation: the client's default
// is Any, which would silently drop optimistic concurrency. Our versions
// count from 1, KurrentDB revisions from 0.
func toExpectedRevision(e eventstore.ExpectedVersion) esdb.ExpectedRevision {
	if v, ok := e.ExactVersion(); ok {
		return esdb.Revision(v - 1)
	}
	switch {
	case e.IsNoStream():
		return esdb.NoStream{}
	case e.IsStreamExists():
		return esdb.StreamExists{}
	}
	return esdb.Any{}
}

// fromRecorded maps a KurrentDB event to ours, with the metadata marked
// already read out of its envelope; RecordedAt is the server's "created"
// timestamp.
func (s *Store) fromRecorded(r *esdb.RecordedEvent, meta []byte) eventstore.RecordedEvent {
	return eventstore.RecordedEvent{
		ID:         r.EventID,
		Stream:     strings.TrimPrefix(r.StreamID, s.cfg.prefix+s.cfg.side),
		Version:    r.EventNumber + 1,
		Position:   r.Position.Commit,
		Type:       r.EventType,
		Data:       r.Data,
		Metadata:   meta,
		RecordedAt: r.CreatedDate,
	}
}

// allPosition is where a $all read or subscription starts for our position
// after. For events written by gRPC appends commit and prepare positions
// are equal, so our single number is enough to rebuild KurrentDB's pair.
func allPosition(after uint64) esdb.AllPosition {
	if after == 0 {
		return esdb.Start{}
	}
	return esdb.Position{Commit: after, Prepare: after}
}
