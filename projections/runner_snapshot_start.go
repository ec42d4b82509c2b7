package projections

import "context"

// startUp catches every view up: the Snapshotters from the newest valid
// snapshot and the log after it, the other views (or all, when no snapshot
// serves) by replaying the whole log.
func (r *Runner) startUp(ctx context.Context) error {
	if r.snap == nil {
		return r.rebuild(ctx, r.slots)
	}
	st, rest, err := r.restore(ctx)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		events, err := r.rebuildFrom(ctx, rest, freshOf(rest), 0)
		if err != nil {
			return err
		}
		r.snap.since = max(r.snap.since, events)
		if !st.Restored {
			st.TailEvents = events
		}
	}
	r.startMu.Lock()
	r.snap.started = st
	r.startMu.Unlock()
	r.snap.dir.log.Info("views caught up", "restored", st.Restored, "snapshot_position", st.SnapshotPosition,
		"tail_events", st.TailEvents, "replayed_from_zero", st.ReplayedFromZero)
	return nil
}

// restore fills the Snapshotters from the newest valid snapshot and replays
// the log after it; rest are the slots left to replay from zero.
func (r *Runner) restore(ctx context.Context) (st StartUp, rest []*slot, err error) {
	views, res, ok, err := r.snap.dir.Restore(ctx, r.store, func() []Projection { return freshOf(r.slots) }, nil)
	if err != nil || !ok {
		return StartUp{ReplayedFromZero: names(r.slots)}, r.slots, err
	}
	var restored []*slot
	var restoredViews []Projection
	for i, s := range r.slots {
		if res.FromSnapshot[i] {
			restored, restoredViews = append(restored, s), append(restoredViews, views[i])
		} else {
			rest = append(rest, s)
		}
	}
	h := res.Header
	r.snap.clock.note(h.Position, h.LastRecordedAt)
	r.snap.clock.note(0, h.RecordedUntil)
	r.snap.lastPos = h.Position
	r.snap.dir.restartGenerations(h)
	tail, err := r.rebuildFrom(ctx, restored, restoredViews, h.Position)
	if err != nil {
		return st, nil, err
	}
	r.snap.since = tail
	return StartUp{Restored: true, SnapshotPosition: h.Position, TailEvents: tail, ReplayedFromZero: names(rest)}, rest, nil
}

func freshOf(slots []*slot) []Projection {
	out := make([]Projection, len(slots))
	for i, s := range slots {
		out[i] = s.factory()
	}
	return out
}

func names(slots []*slot) []string {
	out := make([]string, len(slots))
	for i, s := range slots {
		out[i] = s.name
	}
	return out
}
