package projections

// Status is one view's health, for readiness checks and metrics.
type Status struct {
	Name     string `json:"name"`
	State    string `json:"state"` // ok, failed or rebuilding
	Position uint64 `json:"position"`
	Head     uint64 `json:"head"` // highest position known to exist
	Lag      uint64 `json:"lag"`  // head - position
	Error    string `json:"error,omitempty"`
}

// View states reported by Status.
const (
	StateOK         = "ok"
	StateFailed     = "failed"
	StateRebuilding = "rebuilding"
	StateStalled    = "stalled" // the store cannot be read; the view is stale
)

// Status reports every view in registration order.
func (r *Runner) Status() []Status {
	head := r.head.Load()
	var storeErr error
	if p := r.storeErr.Load(); p != nil {
		storeErr = *p
	}
	out := make([]Status, 0, len(r.slots))
	for _, s := range r.slots {
		pos, err := s.prog.get()
		st := Status{Name: s.name, State: StateOK, Position: pos, Head: max(head, pos)}
		st.Lag = st.Head - pos
		switch {
		case err != nil:
			st.State, st.Error = StateFailed, err.Error()
		case storeErr != nil:
			st.State, st.Error = StateStalled, storeErr.Error()
		case s.rebuilding.Load() || !r.caughtUp.Load():
			st.State = StateRebuilding // the first catch-up of Run counts as one
		}
		out = append(out, st)
	}
	return out
}

// Ready reports whether every view is healthy, none is rebuilding, and the
// store can be read.
func (r *Runner) Ready() bool {
	for _, st := range r.Status() {
		if st.State != StateOK {
			return false
		}
	}
	return true
}
