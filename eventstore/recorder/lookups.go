package recorder

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
)

// maxLookups bounds the records kept for the domain's cross-record rules:
// operations, components, mechanisms, decisions and the like, far fewer than
// the records written in them.
const maxLookups = 4096

// lookups keeps the records the domain's rules read (every action point
// raised in an operation reads the operation and its owner's component), as
// folded at a version. A record is used again only while its stream is still
// at that version, which the store is asked for on every use: the store's
// own count where it keeps one (eventstore.StreamVersioner), otherwise a read
// of the stream past that version. So a record another server changed is
// folded again, never trusted, and the expected-version append still guards
// the command's own record, which is never kept here.
//
// A kept aggregate is shared by concurrent commands: the domain only reads
// the records it looks up, and a refold makes a new one.
type lookups struct {
	versions eventstore.StreamVersioner // nil: the store keeps no count
	mu       sync.Mutex
	kept     map[domain.Ref]folded
}

func newLookups(store eventstore.Store) *lookups {
	v, _ := eventstore.VersionerOf(store)
	return &lookups{versions: v}
}

type folded struct {
	agg     domain.Aggregate
	version uint64
}

// load returns ref's record as it is now in store.
func (l *lookups) load(ctx context.Context, store eventstore.Store, ref domain.Ref) (domain.Aggregate, error) {
	if f, ok := l.get(ref); ok {
		current, err := l.isCurrent(ctx, store, ref.Stream(), f.version)
		if err != nil {
			return nil, err
		}
		if current {
			return f.agg, nil
		}
	}
	rec, err := loadFrom(ctx, store, ref, "")
	if err != nil {
		return nil, err
	}
	if rec.version > 0 {
		l.put(ref, folded{agg: rec.agg, version: rec.version})
	}
	return rec.agg, nil
}

func (l *lookups) get(ref domain.Ref) (folded, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f, ok := l.kept[ref]
	return f, ok
}

// put keeps f unless a fold at a later version is already kept (two commands
// folded the record at once and the other read more of it).
func (l *lookups) put(ref domain.Ref, f folded) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if old, ok := l.kept[ref]; ok && old.version > f.version {
		return
	}
	if l.kept == nil {
		l.kept = map[domain.Ref]folded{}
	}
	if _, ok := l.kept[ref]; !ok && len(l.kept) >= maxLookups {
		for evict := range l.kept { // any one: a record not kept is only folded again
			delete(l.kept, evict)
			break
		}
	}
	l.kept[ref] = f
}

// isCurrent reports whether stream is still at version.
func (l *lookups) isCurrent(ctx context.Context, store eventstore.Store, stream string, version uint64) (bool, error) {
	if l.versions != nil {
		now, err := l.versions.StreamVersion(ctx, stream)
		if err != nil {
			return false, fmt.Errorf("version of %s: %w", stream, err)
		}
		return now == version, nil
	}
	for _, err := range store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{From: version + 1, Max: 1}) {
		if err != nil && !errors.Is(err, eventstore.ErrStreamNotFound) {
			return false, fmt.Errorf("read %s: %w", stream, err)
		}
		return false, nil // an event past version, or the stream is gone: fold again
	}
	return true, nil
}
