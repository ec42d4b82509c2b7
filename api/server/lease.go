package server

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/eventstore/backend"
	"github.com/movementcoord/ledger/eventstore/lease"
)

// DefaultLeaseTTL is how long a job lease (signer, reminders) lasts without
// a renewal; the holder renews it every third of that. A server killed while
// holding one leaves the job undone for at most a TTL plus one interval.
const DefaultLeaseTTL = 15 * time.Second

// The jobs that one server at a time does on a shared store.
const (
	signerLease    = "signer"
	remindersLease = "reminders"
)

// releaseOnStop: a server stopping in order hands its leases over at once.
// Tests turn it off to stop a server as if it were killed.
var releaseOnStop atomic.Bool

func init() { releaseOnStop.Store(true) }

// jobLeases are the leases this server contends for; on the embedded store
// (one process) there are none and every job is this server's.
type jobLeases struct {
	all     map[string]*lease.Lease
	refused func() error // why this server does not contend to sign
	holder  string       // this server's name among the contenders
	stop    context.CancelFunc
	wg      sync.WaitGroup
}

// startLeases contends, on a shared store, for the signer lease (only while
// this server's key is the ledger's) and the reminders lease.
func startLeases(b *backing, o Options, li *ledgerIntegrity) (*jobLeases, error) {
	j := &jobLeases{all: map[string]*lease.Lease{}, stop: func() {}, refused: li.signingRefused}
	sh, ok := backend.SharedOf(b.store)
	if !ok {
		return j, nil
	}
	b.leases = j
	holder := holderID()
	j.holder = holder
	eligible := map[string]func() bool{signerLease: li.mayContendToSign, remindersLease: nil}
	ctx, cancel := context.WithCancel(context.Background())
	j.stop = cancel
	for name, ok := range eligible {
		l, err := lease.New(lease.Config{Store: sh.Side(), Name: name, Holder: holder, TTL: o.LeaseTTL})
		if err != nil {
			cancel()
			return nil, err
		}
		j.all[name] = l
		j.wg.Go(func() {
			l.Run(ctx, ok, func(err error) { o.Logger.Warn("job lease not renewed", "lease", name, "err", err) })
		})
	}
	fmt.Fprintf(o.Out, "ledger: shared store: this server (%s) signs checkpoints and sends reminders only while it holds their lease (TTL %v)\n", holder, o.LeaseTTL)
	return j, nil
}

// held reports whether this server may do the job now.
func (j *jobLeases) held(name string) func() bool {
	l, ok := j.all[name]
	if !ok {
		return func() bool { return true }
	}
	return l.Held
}

// holders is who holds each lease, for /readyz.
func (j *jobLeases) holders() map[string]string {
	if len(j.all) == 0 {
		return nil
	}
	out := map[string]string{}
	for name, l := range j.all {
		out[name] = l.Holder()
	}
	return out
}

// Close stops contending and, in an orderly stop, releases what it holds.
func (j *jobLeases) Close() {
	j.stop()
	j.wg.Wait()
	if !releaseOnStop.Load() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, l := range j.all {
		_ = l.Release(ctx) // not released: the others wait a TTL
	}
}

// holderID names this server among the contenders: its host, process and a
// random part, so that two servers on one host differ.
func holderID() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), uuid.NewString()[:8])
}
