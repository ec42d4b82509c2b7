package server

import (
	"context"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/eventstore"
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
func startViews(store eventstore.Store, o Options) (r *projections.Runner, stop func(), err error) {
	r = readmodel.NewRunner(store)
	if dir := o.snapshotDir(); dir != "" {
		snaps, err := projections.OpenSnapshots(dir, o.Logger)
		if err != nil {
			return nil, nil, err
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
