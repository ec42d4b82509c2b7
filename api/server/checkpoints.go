package server

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// DefaultCheckpointEvery is how often a server on KurrentDB signs a
// checkpoint into the log; the embedded store signs one in every commit.
const DefaultCheckpointEvery = 10 * time.Second

// startCheckpointing signs, on a log that cannot carry a checkpoint in each
// commit (KurrentDB), a checkpoint of the tree the follower recomputed every
// interval, and records it in the log (stream ledger-digests). It signs only
// once the follower has checked the log's latest checkpoint, only a tree
// that extends it, and only while held says this server holds the signer
// lease (several servers share the log: one signs at a time, lease.go).
func startCheckpointing(li *ledgerIntegrity, svc *recorder.Service, o Options, held func() bool) (stop func()) {
	if li.native || li.signer == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(o.CheckpointEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if !held() {
					continue
				}
				if err := li.signNext(ctx, svc); err != nil && ctx.Err() == nil {
					o.Logger.Error("checkpoint not recorded", "err", err)
				}
			}
		}
	})
	return func() { cancel(); wg.Wait() }
}

// signNext records a checkpoint of every event the follower checked, when
// there are new ones, never with another key than the ledger's.
func (li *ledgerIntegrity) signNext(ctx context.Context, svc *recorder.Service) error {
	if err := li.checkIdentity(ctx); err != nil {
		return err
	}
	li.checkSigned(ctx)
	if _, found, err := li.hist.LatestCheckpoint(ctx); err != nil {
		return err
	} else if found && li.vouchedSize() == 0 {
		return nil // the follower has not reached the latest checkpoint yet
	}
	d, err := li.nextCheckpoint()
	if err != nil || d == nil {
		return err
	}
	if _, err := svc.RecordDigest(ctx, *d); err != nil {
		return fmt.Errorf("record checkpoint %d: %w", d.Events, err)
	}
	li.signed.Add(1)
	return nil
}

// checkpointMetrics counts the checkpoints this server signed: on a shared
// store, only the signer lease's holder's count grows.
func checkpointMetrics(li *ledgerIntegrity) prometheus.Collector {
	return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "ledger_checkpoints_signed_total",
		Help: "Checkpoints this server signed into the log (KurrentDB; the embedded store signs in each commit)."},
		func() float64 { return float64(li.signed.Load()) })
}

func (li *ledgerIntegrity) vouchedSize() uint64 {
	li.mu.Lock()
	defer li.mu.Unlock()
	return li.cp.Size
}

// nextCheckpoint signs the follower's tree if it grew and extends the
// checkpoint vouched for before; nil when there is nothing new.
func (li *ledgerIntegrity) nextCheckpoint() (*integrity.Digest, error) {
	li.mu.Lock()
	defer li.mu.Unlock()
	size := li.tracker.Size()
	if li.problem != nil || size == 0 || size == li.cp.Size {
		return nil, li.problem
	}
	// the vouched checkpoint is a root of this same append-only tree, so
	// the new root extends it by construction
	root := li.tracker.Tree().Root()
	note, err := li.signer.Sign(size, root)
	if err != nil {
		return nil, err
	}
	return &integrity.Digest{Position: li.tracker.Position(), Events: size, Root: root,
		Time: time.Now().UTC(), Checkpoint: string(note)}, nil
}
