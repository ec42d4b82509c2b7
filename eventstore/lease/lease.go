// Package lease lets several processes sharing one event store agree that
// exactly one of them does a job at a time (signing checkpoints, sending
// reminders), with fail-over when the one doing it stops.
//
// A lease is a stream. Its holder appends a renewal every TTL/3 with the
// stream's version it last read as expected version, so of two contenders
// appending at once exactly one wins. A contender takes the lease only once
// the stream has not moved for a whole TTL by its own clock, counted from
// when it first saw the last renewal: no clocks of two machines are ever
// compared. The holder stops acting once its last successful renewal was
// sent TTL ago, which is never later than a contender may take over.
// Contenders look every TTL/10, so a dead holder is replaced at most
// TTL + 2×TTL/10 after its last renewal.
//
// On a store one process owns (the embedded store) a lease is not needed:
// that process holds every lease.
package lease

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/eventstore"
)

// Event types of a lease stream.
const (
	TypeRenewed  = "lease.renewed.v1"
	TypeReleased = "lease.released.v1"
)

// StreamPrefix starts every lease stream's name: lease-<name>.
const StreamPrefix = "lease-"

// The holder renews every TTL/renewDivisor; Run looks every TTL/pollDivisor.
const (
	renewDivisor = 3
	pollDivisor  = 10
)

// Config names a lease and its contender.
type Config struct {
	Store  eventstore.Store
	Name   string // the job, e.g. "signer"
	Holder string // this process, unique among the contenders
	TTL    time.Duration
	// Clock is the time; default time.Now. Only durations on this one
	// clock matter.
	Clock func() time.Time
}

// record is a lease event's data.
type record struct {
	Holder string `json:"holder"`
	TTLMs  int64  `json:"ttl_ms"`
}

// Lease is one contender's view of a lease. Safe for concurrent use.
type Lease struct {
	cfg Config

	mu         sync.Mutex
	version    uint64    // the stream's version last read or written; 0: none
	holder     string    // who the last event says holds it ("" released)
	seenAt     time.Time // when this contender first saw version
	sentAt     time.Time // when this contender sent its last renewal
	validUntil time.Time // this contender holds the lease until then
}

// New prepares a contender; it holds nothing until Try succeeds.
func New(cfg Config) (*Lease, error) {
	if cfg.Store == nil || cfg.Name == "" || cfg.Holder == "" || cfg.TTL <= 0 {
		return nil, ErrInvalidConfig
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	return &Lease{cfg: cfg}, nil
}

// Stream is the lease's stream name.
func (l *Lease) Stream() string { return StreamPrefix + l.cfg.Name }

// Held reports whether this contender holds the lease now.
func (l *Lease) Held() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.heldLocked(l.cfg.Clock())
}

func (l *Lease) heldLocked(now time.Time) bool { return now.Before(l.validUntil) }

// Holder is who holds the lease as last read ("" when free or unknown).
func (l *Lease) Holder() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.holder
}

// Try renews the lease if this contender holds it, or takes it if it is
// free, released, or was not renewed for a TTL; it reports whether this
// contender holds it afterwards. Losing a race is not an error.
func (l *Lease) Try(ctx context.Context) (bool, error) {
	sent := l.cfg.Clock()
	if err := l.read(ctx, sent); err != nil {
		return l.Held(), err
	}
	l.mu.Lock()
	mine, expected := l.holder == l.cfg.Holder, l.expected()
	free := l.holder == "" || sent.Sub(l.seenAt) >= l.cfg.TTL
	fresh := mine && l.heldLocked(sent) && sent.Sub(l.sentAt) < l.cfg.TTL/renewDivisor
	l.mu.Unlock()
	if fresh {
		return true, nil // renewed less than TTL/3 ago
	}
	if !mine && !free {
		return false, nil
	}
	res, err := l.append(ctx, expected, TypeRenewed)
	if errors.Is(err, eventstore.ErrWrongExpectedVersion) {
		return false, nil // another contender moved first; read again next time
	}
	if err != nil {
		return l.Held(), err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.version, l.holder, l.seenAt, l.sentAt, l.validUntil = res.Version, l.cfg.Holder, sent, sent, sent.Add(l.cfg.TTL)
	return true, nil
}

// Release gives the lease up at once, so another contender need not wait a
// TTL. Releasing a lease not held does nothing.
func (l *Lease) Release(ctx context.Context) error {
	l.mu.Lock()
	held, expected := l.heldLocked(l.cfg.Clock()), l.expected()
	l.validUntil = time.Time{}
	l.mu.Unlock()
	if !held {
		return nil
	}
	_, err := l.append(ctx, expected, TypeReleased)
	if errors.Is(err, eventstore.ErrWrongExpectedVersion) {
		return nil // taken already
	}
	return err
}

// Run looks every TTL/10 until ctx ends (renewing every TTL/3 what it
// holds): it tries while eligible
// (nil: always) says so and releases otherwise, so a contender that cannot
// do the job leaves it to the others. It does not release when ctx ends (a
// caller that stops in order calls Release). onErr sees store errors.
func (l *Lease) Run(ctx context.Context, eligible func() bool, onErr func(error)) {
	tick := time.NewTicker(l.cfg.TTL / pollDivisor)
	defer tick.Stop()
	for {
		var err error
		if eligible == nil || eligible() {
			_, err = l.Try(ctx)
		} else {
			err = l.Release(ctx)
		}
		if err != nil && ctx.Err() == nil && onErr != nil {
			onErr(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// read takes the stream's last event; a version not seen before starts its
// TTL now.
func (l *Lease) read(ctx context.Context, now time.Time) error {
	var last *eventstore.RecordedEvent
	for ev, err := range l.cfg.Store.ReadStream(ctx, l.Stream(), eventstore.ReadStreamOptions{Direction: eventstore.Backward, Max: 1}) {
		if errors.Is(err, eventstore.ErrStreamNotFound) {
			break
		}
		if err != nil {
			return fmt.Errorf("read lease %s: %w", l.cfg.Name, err)
		}
		last = &ev
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if last == nil {
		l.version, l.holder = 0, ""
		return nil
	}
	if last.Version == l.version {
		return nil
	}
	var r record
	if err := json.Unmarshal(last.Data, &r); err != nil || last.Type == TypeReleased {
		r.Holder = "" // released, or unreadable: free
	}
	if r.Holder != l.cfg.Holder {
		l.validUntil = time.Time{} // someone else moved it: not ours any more
	}
	l.version, l.holder, l.seenAt = last.Version, r.Holder, now
	return nil
}

// expected is the version the next append must find.
func (l *Lease) expected() eventstore.ExpectedVersion {
	if l.version == 0 {
		return eventstore.NoStream()
	}
	return eventstore.Exact(l.version)
}

func (l *Lease) append(ctx context.Context, expected eventstore.ExpectedVersion, typ string) (eventstore.AppendResult, error) {
	data, err := json.Marshal(record{Holder: l.cfg.Holder, TTLMs: l.cfg.TTL.Milliseconds()})
	if err != nil {
		return eventstore.AppendResult{}, err
	}
	res, err := l.cfg.Store.Append(ctx, l.Stream(), expected, eventstore.EventData{ID: uuid.New(), Type: typ, Data: data})
	if err != nil {
		return res, fmt.Errorf("append to lease %s: %w", l.cfg.Name, err)
	}
	return res, nil
}
