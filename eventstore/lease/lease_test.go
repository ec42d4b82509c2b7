package lease_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
	"github.com/movementcoord/ledger/eventstore/lease"
	"github.com/movementcoord/ledger/eventstore/memory"
)

const ttl = 30 * time.Second

// clock is a time the test moves by hand.
type clock struct{ now atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.now.Store(time.Date(2026, 2, 6, 4, 17, 0, 0, time.UTC).UnixNano())
	return c
}
func (c *clock) Now() time.Time          { return time.Unix(0, c.now.Load()).UTC() }
func (c *clock) Advance(d time.Duration) { c.now.Add(int64(d)) }

// stores are the backends a lease runs on: the memory store and the
// KurrentDB adapter's side store on the protocol test server.
func stores(t *testing.T) map[string]func(t *testing.T) eventstore.Store {
	return map[string]func(t *testing.T) eventstore.Store{
		"memory": func(t *testing.T) eventstore.Store {
			s := memory.New()
			t.Cleanup(func() { _ = s.Close() })
			return s
		},
		"kurrent side store": func(t *testing.T) eventstore.Store {
			db := esdbtest.Start(t, esdbtest.Options{})
			s, err := kurrent.Open(context.Background(), db.ConnString())
			require.NoError(t, err)
			t.Cleanup(func() { _ = s.Close() })
			return s.Side()
		},
	}
}

func contender(t *testing.T, store eventstore.Store, holder string, c *clock) *lease.Lease {
	t.Helper()
	l, err := lease.New(lease.Config{Store: store, Name: "signer", Holder: holder, TTL: ttl, Clock: c.Now})
	require.NoError(t, err)
	return l
}

func try(t *testing.T, l *lease.Lease) bool {
	t.Helper()
	held, err := l.Try(context.Background())
	require.NoError(t, err)
	return held
}

// Given a free lease, when two contenders try at once, then exactly one
// holds it, and the other sees who.
func TestTwoContendersOneWins(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			store, c := open(t), newClock()
			for range 5 { // each round a new lease, a new race
				a, b := contender(t, store, "a", c), contender(t, store, "b", c)
				var wins atomic.Int32
				var wg sync.WaitGroup
				for _, l := range []*lease.Lease{a, b} {
					wg.Go(func() {
						if try(t, l) {
							wins.Add(1)
						}
					})
				}
				wg.Wait()
				require.Equal(t, int32(1), wins.Load())
				require.NotEqual(t, a.Held(), b.Held())
				winner, loser := a, b
				if b.Held() {
					winner, loser = b, a
				}
				require.False(t, try(t, loser), "the loser cannot take a lease just renewed")
				require.NoError(t, winner.Release(context.Background()))
			}
		})
	}
}

// Given a holder that stops renewing (killed: no release), when a TTL has
// passed since the other contender saw the last renewal, then the other
// takes the lease, and not a moment before; the old holder knows it lost.
func TestTheOtherTakesOverATTLAfterTheHolderStops(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			store, c := open(t), newClock()
			a, b := contender(t, store, "a", c), contender(t, store, "b", c)
			require.True(t, try(t, a))
			for range 6 { // two TTLs of renewals every TTL/3: b never gets in
				require.False(t, try(t, b))
				c.Advance(ttl / 3)
				require.True(t, try(t, a))
			}
			require.Equal(t, "a", b.Holder())

			require.False(t, try(t, b)) // b sees a's last renewal now; a is killed
			c.Advance(ttl - time.Millisecond)
			require.True(t, a.Held(), "a's renewal is good for a TTL from when it was sent")
			require.False(t, try(t, b), "not before a TTL since b saw the last renewal")
			c.Advance(time.Millisecond)
			require.False(t, a.Held(), "a stops acting once its TTL is over")
			require.True(t, try(t, b))
			require.False(t, try(t, a), "a, back, finds b holding")
			require.Equal(t, "b", a.Holder())
			require.True(t, b.Held())
		})
	}
}

// Given a holder that releases, then another takes the lease at once.
func TestReleaseHandsOverAtOnce(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			store, c := open(t), newClock()
			a, b := contender(t, store, "a", c), contender(t, store, "b", c)
			require.True(t, try(t, a))
			require.False(t, try(t, b))
			require.NoError(t, a.Release(context.Background()))
			require.False(t, a.Held())
			require.True(t, try(t, b))
			require.NoError(t, a.Release(context.Background()), "releasing a lease not held does nothing")
			require.True(t, try(t, b))
		})
	}
}

func TestNewRefusesAnIncompleteConfig(t *testing.T) {
	store := memory.New()
	for name, cfg := range map[string]lease.Config{
		"no store":  {Name: "signer", Holder: "a", TTL: ttl},
		"no name":   {Store: store, Holder: "a", TTL: ttl},
		"no holder": {Store: store, Name: "signer", TTL: ttl},
		"no ttl":    {Store: store, Name: "signer", Holder: "a"},
	} {
		_, err := lease.New(cfg)
		require.ErrorIs(t, err, lease.ErrInvalidConfig, name)
	}
}

// Given a holder running its lease, when it is no longer eligible (a signer
// whose key is not the ledger's), then it releases and another takes the
// lease at once, without waiting a TTL.
func TestRunReleasesWhenNotEligible(t *testing.T) {
	store, c := memory.New(), newClock()
	mk := func(holder string) *lease.Lease {
		l, err := lease.New(lease.Config{Store: store, Name: "signer", Holder: holder, TTL: 90 * time.Millisecond})
		require.NoError(t, err)
		return l
	}
	a, b := mk("a"), contender(t, store, "b", c)
	var eligible atomic.Bool
	eligible.Store(true)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go a.Run(ctx, eligible.Load, func(err error) { t.Error(err) })
	require.Eventually(t, a.Held, time.Second, 5*time.Millisecond)
	require.False(t, try(t, b))
	eligible.Store(false)
	require.Eventually(t, func() bool { return !a.Held() }, time.Second, 5*time.Millisecond)
	require.Eventually(t, func() bool { return try(t, b) }, time.Second, 5*time.Millisecond, "b takes it at once, its clock unmoved")
}
