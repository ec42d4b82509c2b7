package server

import (
	"context"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// runnerViews adapts the projections runner to what the API asks of views.
type runnerViews struct{ r *projections.Runner }

func (v runnerViews) Ready() bool         { return v.r.Ready() }
func (v runnerViews) NoteHead(pos uint64) { v.r.NoteHead(pos) }
func (v runnerViews) Status() []httpapi.ViewStatus {
	in := v.r.Status()
	out := make([]httpapi.ViewStatus, len(in))
	for i, s := range in {
		out[i] = httpapi.ViewStatus{Name: s.Name, State: s.State, Position: s.Position, Head: s.Head, Lag: s.Lag, Error: s.Error}
	}
	return out
}

// startViews runs every read model over the store, from the newest view
// snapshot when o says where they are. stop ends them (writing a last
// snapshot) and waits, so that the store is closed only after the last view
// read from it.
//
// The views hold personal data in clear, so their snapshots are sealed with
// keys of the key store (reserved ids, one per erasure generation: see
// recorder.SnapshotKeyID) and become unreadable when a person is erased.
// With no key store (keys nil: only tests) the log itself holds personal
// data unsealed, and the snapshots stay in clear as well.
func startViews(store eventstore.Store, keys keystore.Store, o Options) (r *projections.Runner, stop func(), err error) {
	r = readmodel.NewRunner(store)
	if dir := o.snapshotDir(); dir != "" {
		snaps, err := projections.OpenSnapshots(dir, o.Logger)
		if err != nil {
			return nil, nil, err
		}
		if keys != nil {
			snaps.SealWith(recorder.SnapshotKeys{Store: keys})
		}
		r.UseSnapshots(snaps, projections.SnapshotOptions{Every: o.SnapshotEvery})
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := r.Run(ctx); err != nil {
			o.Logger.Error("views stopped", "err", err)
		}
	}()
	return r, func() { cancel(); <-done }, nil
}
