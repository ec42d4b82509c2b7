package kurrent

import (
	"bytes"
	"encoding/base64"
	"encoding/json"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/movementcoord/ledger/eventstore"
)

// What the adapter stores as an event's custom metadata on KurrentDB is a
// JSON object that KurrentDB and its tools understand, around our own
// metadata bytes, which come back byte for byte (the integrity seal is
// computed over them): {"$correlationId":"…","$causationId":"…",
// "ledgerNamespace":"t1-","meta":<our JSON>}.
//
// $correlationId and $causationId are the names KurrentDB's system
// projection $by_correlation_id reads (its default correlationIdProperty is
// "$correlationId", see "System projections" in the KurrentDB docs), so that
// $bc-<id> follows one request across streams. They come from our
// envelope's correlation_id and causation_id; without them, the first event
// id of the append correlates its events.
//
// ledgerNamespace is the ledger's marker: an event in our prefix without it
// was not written by a ledger (an operator's test write, another
// application) and is skipped like any other foreign event.
//
// meta holds our metadata when it is JSON, verbatim (the encoder is
// bypassed so that not one byte changes); meta64 holds it in base64 when
// it is not JSON.
type envelope struct {
	Namespace *string         `json:"ledgerNamespace"`
	Meta      json.RawMessage `json:"meta"`
	Meta64    []byte          `json:"meta64"`
}

// ids is the part of our metadata KurrentDB's tools want to see.
type ids struct {
	Correlation string `json:"correlation_id"`
	Causation   string `json:"causation_id"`
}

// wrapMetadata builds the stored metadata of ev, one event of an append
// whose first event id is first.
func (s *Store) wrapMetadata(ev eventstore.EventData, first string) []byte {
	var own ids
	_ = json.Unmarshal(ev.Metadata, &own) // not JSON, or no ids: the defaults below
	if own.Correlation == "" {
		own.Correlation = first
	}
	if own.Causation == "" {
		own.Causation = own.Correlation
	}
	var b bytes.Buffer
	b.WriteString(`{"$correlationId":`)
	writeJSON(&b, own.Correlation)
	b.WriteString(`,"$causationId":`)
	writeJSON(&b, own.Causation)
	b.WriteString(`,"ledgerNamespace":`)
	writeJSON(&b, s.cfg.prefix)
	switch {
	case len(ev.Metadata) == 0:
	case json.Valid(ev.Metadata):
		b.WriteString(`,"meta":`)
		b.Write(ev.Metadata)
	default:
		b.WriteString(`,"meta64":`)
		writeJSON(&b, base64.StdEncoding.EncodeToString(ev.Metadata))
	}
	b.WriteByte('}')
	return b.Bytes()
}

func writeJSON(b *bytes.Buffer, s string) {
	out, _ := json.Marshal(s) // a string always encodes
	b.Write(out)
}

// unwrap reads the stored metadata: our metadata and whether the ledger's
// marker for this namespace is on it.
func (s *Store) unwrap(stored []byte) ([]byte, bool) {
	var env envelope
	if json.Unmarshal(stored, &env) != nil || env.Namespace == nil || *env.Namespace != s.cfg.prefix {
		return stored, false
	}
	switch {
	case env.Meta != nil:
		return []byte(env.Meta), true
	case env.Meta64 != nil:
		return env.Meta64, true
	}
	return nil, true
}

// marked reports whether r carries this ledger's marker; events written
// before markers existed count as marked when the operator says so
// (WithUnmarkedEvents).
// It returns our metadata too, so that an event's metadata is parsed once.
func (s *Store) marked(r *esdb.RecordedEvent) ([]byte, bool) {
	meta, ok := s.unwrap(r.UserMetadata)
	return meta, ok || s.cfg.acceptUnmarked
}
