package accesslog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/eventstore"
)

// SharedStream is the access log's stream in a shared store (KurrentDB's
// side store): every server of one ledger appends to it, so a reviewer
// queries one log for the whole ledger, whichever server answered the read.
const SharedStream = "access-confidential"

// EntryType is the event type of one entry.
const EntryType = "ledger.access.confidential.v1"

// sharedMetadata classifies the stream's events: they name who read which
// confidential record, and are confidential themselves (the policy serves
// them to reviewers only, GET /api/v1/access-log).
var sharedMetadata = []byte(`{"class":"confidential","access_log":true}`)

// sharedTimeout bounds one append or query.
const sharedTimeout = 10 * time.Second

// Shared is the access log in a shared store.
type Shared struct {
	store eventstore.Store
}

// OpenShared opens the access log kept in SharedStream of store.
func OpenShared(store eventstore.Store) *Shared { return &Shared{store: store} }

// Record appends one entry; the store acknowledges it durably before the
// read is served, as the file's sync does.
func (l *Shared) Record(e Entry) error {
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	ev := eventstore.EventData{ID: uuid.New(), Type: EntryType, Data: data, Metadata: sharedMetadata}
	if _, err := l.store.Append(ctx, SharedStream, eventstore.Any(), ev); err != nil {
		return fmt.Errorf("write access log: %w", err)
	}
	return nil
}

// Query returns the entries that match f, oldest first, at most limit.
func (l *Shared) Query(f Filter, limit int) ([]Entry, error) {
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	var out []Entry
	for ev, err := range l.store.ReadStream(ctx, SharedStream, eventstore.ReadStreamOptions{}) {
		if errors.Is(err, eventstore.ErrStreamNotFound) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read access log: %w", err)
		}
		var e Entry
		if err := json.Unmarshal(ev.Data, &e); err != nil {
			return nil, fmt.Errorf("access log: version %d is not an entry: %w", ev.Version, err)
		}
		if f.match(e) {
			out = append(out, e)
		}
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out, nil
}

// Close does nothing: the store is closed by its owner.
func (l *Shared) Close() error { return nil }
