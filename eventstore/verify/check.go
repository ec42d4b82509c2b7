package verify

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

const latestSource = "the log's latest checkpoint"

// ProgressEvery is how many events pass between two progress calls.
const ProgressEvery = 1 << 17

// Expect is a signed checkpoint the log must still match: one kept by a
// reviewer, by a witness, or in the file beside the store.
type Expect struct {
	Note   []byte
	Source string // where it came from, for messages
}

// Options of Check.
type Options struct {
	// Verifier holds the trusted public key. Without it only the chains are
	// checked and Report.Untrusted is set.
	Verifier *integrity.LogVerifier
	// Checkpoints are checked besides the store's own latest one.
	Checkpoints []Expect
	// Progress, if set, is called every ProgressEvery events.
	Progress func(events, position uint64)
}

// Report is the outcome of Check. Problem is nil when the log is intact.
type Report struct {
	Streams     int            `json:"streams"`
	Events      uint64         `json:"events"`
	Position    uint64         `json:"position"` // last position read
	Root        integrity.Hash `json:"root"`     // of the tree over every event read
	Checkpoints int            `json:"checkpoints_checked"`
	Untrusted   bool           `json:"untrusted_key,omitempty"`
	// Unsigned: the store keeps checkpoints but holds none (a log written
	// before they existed, not yet adopted by a server start).
	Unsigned bool          `json:"unsigned,omitempty"`
	Elapsed  time.Duration `json:"elapsed"`
	Problem  *Problem      `json:"problem,omitempty"`
}

// EventsPerSecond is the verification rate of the walk.
func (r Report) EventsPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Events) / r.Elapsed.Seconds()
}

// Check recomputes every event hash, every chain and the Merkle tree of the
// whole log, and checks them against every signed checkpoint it is given
// and the store's own latest one. A tampered log is a Report with a Problem,
// not an error; the error is for a log that cannot be read.
func Check(ctx context.Context, store eventstore.Store, opts Options) (Report, error) {
	rep, _, err := check(ctx, store, opts)
	return rep, err
}

func check(ctx context.Context, store eventstore.Store, opts Options) (Report, *Tracker, error) {
	start := time.Now()
	rep := Report{Untrusted: opts.Verifier == nil}
	hist, native := store.(History)
	if !native && opts.Verifier != nil {
		hist = StreamHistory(store, opts.Verifier.Origin)
	}
	cps, p, err := gather(ctx, hist, opts)
	if err != nil {
		return rep, nil, err
	}
	t, err := fold(ctx, store, native, opts.Progress, &p)
	if err != nil {
		return rep, nil, err
	}
	for _, c := range cps {
		if p != nil {
			break
		}
		p = t.Match(ctx, c.cp, c.source, hist, opts.Verifier)
		rep.Checkpoints++
	}
	if p == nil && native && opts.Verifier != nil {
		p, rep.Unsigned = t.unsignedTail(cps)
	}
	rep.Streams, rep.Events, rep.Position, rep.Root = t.Streams(), t.Size(), t.Position(), t.tree.Root()
	rep.Elapsed, rep.Problem = time.Since(start), p
	return rep, t, nil
}

// fold walks the log into a tracker, stopping at the first problem.
func fold(ctx context.Context, store eventstore.Store, dense bool, progress func(uint64, uint64), p **Problem) (*Tracker, error) {
	t := NewTracker(dense)
	err := walk(ctx, store, func(ev *eventstore.RecordedEvent, s integrity.Sealed, leaf integrity.Hash, openErr error) bool {
		if *p == nil {
			*p = t.add(ev, s, leaf, openErr)
		}
		if progress != nil && t.Size()%ProgressEvery == 0 && *p == nil {
			progress(t.Size(), t.Position())
		}
		return *p == nil
	})
	if err != nil {
		return nil, fmt.Errorf("verify: read the log: %w", err)
	}
	return t, nil
}

type verified struct {
	cp     integrity.Checkpoint
	source string
	latest bool // the store's own newest checkpoint
}

// unsignedTail finds events past the store's newest checkpoint: the store
// signs every commit, so they were written by something else.
func (t *Tracker) unsignedTail(cps []verified) (*Problem, bool) {
	i := slices.IndexFunc(cps, func(v verified) bool { return v.latest })
	if i < 0 {
		return nil, t.Size() > 0
	}
	size := cps[i].cp.Size
	if size >= t.Size() {
		return nil, false
	}
	r := t.refs[size]
	return &Problem{Stream: r.stream(), Version: r.version, Position: r.position, Err: ErrUnsignedTail,
		Reason: fmt.Sprintf("%d event(s) from here follow the log's latest signed checkpoint (%d events): the ledger signs every commit, so they were appended by something else",
			t.Size()-size, size)}, false
}

// gather opens every checkpoint with the trusted key before the walk, in
// size order. A checkpoint that does not verify is the problem.
func gather(ctx context.Context, hist History, opts Options) ([]verified, *Problem, error) {
	expects := slices.Clone(opts.Checkpoints)
	if hist != nil {
		note, ok, err := hist.LatestCheckpoint(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("verify: read the latest checkpoint: %w", err)
		}
		if ok {
			expects = append(expects, Expect{Note: note, Source: latestSource})
		}
	}
	if opts.Verifier == nil {
		return nil, nil, nil
	}
	var out []verified
	for _, e := range expects {
		cp, _, err := opts.Verifier.Open(e.Note)
		if err != nil {
			return nil, &Problem{Reason: fmt.Sprintf("%s: %v (not signed by the trusted key %s)", e.Source, err, opts.Verifier.Key), Err: err}, nil
		}
		out = append(out, verified{cp: cp, source: e.Source, latest: e.Source == latestSource})
	}
	slices.SortFunc(out, func(a, b verified) int { return cmp.Compare(a.cp.Size, b.cp.Size) })
	return out, nil, nil
}
