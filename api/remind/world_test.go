package remind_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/remind"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/unseal"
)

// clock is the fake clock every part of a world reads.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.now = t }

// world is a ledger in memory: one store, the write path, and views that
// any number of "servers" (senders with their own views) read.
type world struct {
	t     *testing.T
	clock *clock
	store eventstore.Store
	keys  *keystore.File
	svc   *recorder.Service // the officers' writes
}

func newWorld(t *testing.T, start time.Time) *world { return newWorldOn(t, start, memory.New()) }

// newWorldOn is a world on a given store (the embedded one, KurrentDB).
func newWorldOn(t *testing.T, start time.Time, store eventstore.Store) *world {
	t.Helper()
	keys, err := keystore.OpenFile(context.Background(), t.TempDir(), false)
	require.NoError(t, err)
	w := &world{t: t, clock: &clock{now: start}, store: store, keys: keys}
	w.svc = recorder.New(w.store, recorder.WithKeys(keys), recorder.WithClock(w.clock.Now))
	return w
}

func (w *world) hdr(op uuid.UUID) domain.Header {
	return domain.Header{Actor: domain.Actor{ID: "u-1", Role: "officer"}, IdempotencyKey: uuid.NewString(), OperationID: op}
}

func (w *world) run(cmd domain.Command) uuid.UUID {
	w.t.Helper()
	res, err := w.svc.Execute(context.Background(), cmd, recorder.WriteOptions{})
	require.NoError(w.t, err)
	return res.Ref.ID
}

// server is one process: its own write path, its own views, caught up
// from the log before each tick, and its own sender. A new server is a
// restart, or a second server on the same store.
type server struct {
	w      *world
	set    *readmodel.Set
	opened *unseal.Store
	pos    uint64
	frozen bool // its views stop following the log: a server that lags
	sender *remind.Sender
}

func (w *world) server(mail remind.Mailer) *server {
	s := &server{w: w, set: readmodel.NewSet()}
	s.opened = unseal.New(w.store, func(p uuid.UUID) ([]byte, error) { return w.keys.Key(context.Background(), p) })
	svc := recorder.New(w.store, recorder.WithKeys(w.keys), recorder.WithClock(w.clock.Now))
	s.sender = remind.New(remind.Config{Service: svc, Views: s.views, Mail: mail, Clock: w.clock.Now})
	return s
}

func (s *server) views() (*readmodel.Set, error) {
	if s.frozen {
		return s.set, nil
	}
	for rec, err := range s.opened.ReadAll(context.Background(), s.pos, 0) {
		if err != nil {
			return nil, err
		}
		ev, err := projections.Decode(&rec)
		if err != nil {
			return nil, err
		}
		for _, v := range s.set.All() {
			if err := v.Apply(&ev); err != nil {
				return nil, err
			}
		}
		s.pos = rec.Position
	}
	return s.set, nil
}

// inbox is a Mailer that keeps what it is given.
type inbox struct {
	mu   sync.Mutex
	got  []remind.Digest
	fail bool
}

func (b *inbox) Send(_ context.Context, d remind.Digest) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fail {
		return errRelayDown
	}
	b.got = append(b.got, d)
	return nil
}

func (b *inbox) take() []remind.Digest {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.got
	b.got = nil
	return out
}
