package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/eventstore"
)

// SharedStream is the token registry's stream in a shared store. Several
// ledger servers on one KurrentDB read and write it, so that a token
// created on one authenticates on all, and a revocation on one holds on
// all, within SharedFreshness.
const SharedStream = "tokens"

// SharedFreshness bounds how stale a server's copy of the shared registry
// may be: a revocation elsewhere takes effect here within it. A secret not
// in the copy triggers a read at once, so a new token works at once.
const SharedFreshness = 500 * time.Millisecond

// sharedTimeout bounds one read or append of the registry.
const sharedTimeout = 5 * time.Second

// The registry's event types. Only hashes are stored, as in tokens.json.
const (
	tokenCreated = "ledger.token.created.v1"
	tokenRevoked = "ledger.token.revoked.v1"
	// tokenSignedOut ends the token's web sessions begun before it. A
	// server of an older version skips it (fold ignores unknown types).
	tokenSignedOut = "ledger.token.signed_out.v1"
)

type revocation struct {
	ID        string    `json:"id"`
	RevokedAt time.Time `json:"revoked_at"`
}

type signOut struct {
	ID          string    `json:"id"`
	SignedOutAt time.Time `json:"signed_out_at"`
}

// OpenShared opens the token registry kept in stream SharedStream of store,
// a store every ledger server shares (KurrentDB's side store).
func OpenShared(store eventstore.Store) (*Store, error) {
	return open(&sharedBacking{store: store, now: time.Now})
}

// sharedBacking folds the registry's events into the token list.
type sharedBacking struct {
	store   eventstore.Store
	now     func() time.Time
	version uint64 // of the last event folded
	list    []Token
	read    time.Time // of the last read
	loaded  bool
}

func (b *sharedBacking) load(urgent bool) ([]Token, bool, error) {
	since := b.now().Sub(b.read)
	// An unknown secret always looks: reads are serialised by the Store's
	// lock and a read with nothing new is one small round trip, so a flood
	// of bad tokens costs one read each, no more than the request itself.
	if b.loaded && !urgent && since < SharedFreshness {
		return nil, false, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	n, err := b.readNew(ctx)
	if err != nil {
		return nil, false, err
	}
	changed := n > 0 || !b.loaded
	b.read, b.loaded = b.now(), true
	return append([]Token(nil), b.list...), changed, nil
}

// readNew folds the events after the last one read.
func (b *sharedBacking) readNew(ctx context.Context) (int, error) {
	n := 0
	for ev, err := range b.store.ReadStream(ctx, SharedStream, eventstore.ReadStreamOptions{From: b.version + 1}) {
		if errors.Is(err, eventstore.ErrStreamNotFound) {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("token registry: %w", err)
		}
		if err := b.fold(ev); err != nil {
			return n, err
		}
		b.version = ev.Version
		n++
	}
	return n, nil
}

func (b *sharedBacking) fold(ev eventstore.RecordedEvent) error {
	switch ev.Type {
	case tokenCreated:
		var t Token
		if err := json.Unmarshal(ev.Data, &t); err != nil {
			return fmt.Errorf("token registry: version %d: %w", ev.Version, err)
		}
		b.list = append(b.list, t)
	case tokenRevoked:
		var r revocation
		if err := json.Unmarshal(ev.Data, &r); err != nil {
			return fmt.Errorf("token registry: version %d: %w", ev.Version, err)
		}
		for i := range b.list {
			if b.list[i].ID == r.ID && b.list[i].Active() {
				b.list[i].RevokedAt = r.RevokedAt
			}
		}
	case tokenSignedOut:
		var o signOut
		if err := json.Unmarshal(ev.Data, &o); err != nil {
			return fmt.Errorf("token registry: version %d: %w", ev.Version, err)
		}
		for i := range b.list {
			if b.list[i].ID == o.ID && o.SignedOutAt.After(b.list[i].SignedOutAt) {
				b.list[i].SignedOutAt = o.SignedOutAt
			}
		}
	}
	return nil
}

// save appends what changed from the registry's list to next, expecting
// the registry's version: when another server wrote first, it reads the
// newer list, applies change again and retries.
func (b *sharedBacking) save(next []Token, change func([]Token) ([]Token, error)) error {
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	for attempt := 0; ; attempt++ {
		events, err := diff(b.list, next)
		if err != nil || len(events) == 0 {
			return err
		}
		expected := eventstore.Exact(b.version)
		if b.version == 0 {
			expected = eventstore.NoStream()
		}
		_, err = b.store.Append(ctx, SharedStream, expected, events...)
		if !errors.Is(err, eventstore.ErrWrongExpectedVersion) || attempt == 4 {
			if err != nil {
				return fmt.Errorf("token registry: %w", err)
			}
			b.read = time.Time{} // the next load reads what was written
			return nil
		}
		if _, err := b.readNew(ctx); err != nil {
			return err
		}
		if next, err = change(append([]Token(nil), b.list...)); err != nil {
			return err
		}
	}
}

// diff turns the change from old to next into events: tokens created,
// revoked and signed out (the only changes the Store makes).
func diff(old, next []Token) ([]eventstore.EventData, error) {
	known := make(map[string]Token, len(old))
	for _, t := range old {
		known[t.ID] = t
	}
	var out []eventstore.EventData
	for _, t := range next {
		for _, c := range changesOf(known, t) {
			data, err := json.Marshal(c.body)
			if err != nil {
				return nil, fmt.Errorf("token registry: %w", err)
			}
			out = append(out, eventstore.EventData{ID: uuid.New(), Type: c.typ, Data: data})
		}
	}
	return out, nil
}

type change struct {
	typ  string
	body any
}

// changesOf is what happened to t since the registry's copy in known.
func changesOf(known map[string]Token, t Token) []change {
	prev, had := known[t.ID]
	if !had {
		return []change{{tokenCreated, t}}
	}
	var out []change
	if prev.Active() && !t.Active() {
		out = append(out, change{tokenRevoked, revocation{ID: t.ID, RevokedAt: t.RevokedAt}})
	}
	if t.SignedOutAt.After(prev.SignedOutAt) {
		out = append(out, change{tokenSignedOut, signOut{ID: t.ID, SignedOutAt: t.SignedOutAt}})
	}
	return out
}
