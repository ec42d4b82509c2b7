// Package unseal opens the sealed personal fields of events as the views read
// them. It wraps the store the views follow: events of types with personal
// fields come back with those fields in plaintext, or reading "[erased]"
// once their person's key is destroyed; every other event passes through
// untouched. The write path and the integrity verifier use the store itself,
// since what is stored, and hashed, is the ciphertext.
package unseal

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"reflect"
	"sync"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore"
)

// Store is a read view of a store with personal fields opened.
type Store struct {
	eventstore.Store
	keys     personal.Keys
	personal map[string]bool // event types that have personal fields
	// erased holds every person whose erasure event this view has read.
	// The log is the authority on erasure: once the event is seen, the
	// person's data stays closed here whatever a key store still answers,
	// such as another server's cached key, or a key whose destruction
	// was interrupted.
	erased sync.Map // uuid.UUID → struct{}
}

var erasedType = domain.PersonErased{}.EventType()

// New wraps store; keys gives a person's key (personal.ErrErased once erased).
func New(store eventstore.Store, keys personal.Keys) *Store {
	types := map[string]bool{}
	for _, doc := range domain.Catalogue() {
		for _, f := range doc.Fields {
			types[doc.Type] = types[doc.Type] || f.Personal
		}
	}
	s := &Store{Store: store, personal: types}
	s.keys = func(p uuid.UUID) ([]byte, error) {
		if s.Erased(p) {
			return nil, fmt.Errorf("person %s: %w", p, personal.ErrErased)
		}
		return keys(p)
	}
	return s
}

// Erased reports whether this view has read the person's erasure event.
func (s *Store) Erased(person uuid.UUID) bool {
	_, gone := s.erased.Load(person)
	return gone
}

// noteErasure remembers the person an erasure event is about.
func (s *Store) noteErasure(rec eventstore.RecordedEvent) {
	if ref, err := domain.ParseStream(rec.Stream); err == nil && ref.Kind == domain.KindPerson {
		s.erased.Store(ref.ID, struct{}{})
	}
}

// ReadStream implements eventstore.Store.
func (s *Store) ReadStream(ctx context.Context, stream string, opts eventstore.ReadStreamOptions) iter.Seq2[eventstore.RecordedEvent, error] {
	return s.open(s.Store.ReadStream(ctx, stream, opts))
}

// ReadAll implements eventstore.Store.
func (s *Store) ReadAll(ctx context.Context, after uint64, max int) iter.Seq2[eventstore.RecordedEvent, error] {
	return s.open(s.Store.ReadAll(ctx, after, max))
}

// SubscribeAll implements eventstore.Store.
func (s *Store) SubscribeAll(ctx context.Context, after uint64) iter.Seq2[eventstore.RecordedEvent, error] {
	return s.open(s.Store.SubscribeAll(ctx, after))
}

func (s *Store) open(events iter.Seq2[eventstore.RecordedEvent, error]) iter.Seq2[eventstore.RecordedEvent, error] {
	return func(yield func(eventstore.RecordedEvent, error) bool) {
		for rec, err := range events {
			if err == nil && rec.Type == erasedType {
				s.noteErasure(rec)
			}
			if err == nil && s.personal[rec.Type] {
				rec.Data, err = s.openData(rec.Type, rec.Data)
				if err != nil {
					err = fmt.Errorf("event at position %d: %w", rec.Position, err)
				}
			}
			if !yield(rec, err) || err != nil {
				return
			}
		}
	}
}

// openData decodes a payload of its own type, opens its personal fields and
// encodes it again. A legacy version (upcast on decode) was written before
// sealing existed and is left as stored.
func (s *Store) openData(typ string, data []byte) ([]byte, error) {
	p, err := domain.DecodePayload(typ, data)
	if err != nil {
		return nil, err
	}
	if p.EventType() != typ {
		return data, nil
	}
	ptr := reflect.New(reflect.TypeOf(p))
	ptr.Elem().Set(reflect.ValueOf(p))
	if err := personal.OpenFields(ptr.Interface(), s.keys); err != nil {
		return nil, fmt.Errorf("%s: %w", typ, err)
	}
	return json.Marshal(ptr.Interface())
}
