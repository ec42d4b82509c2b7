package verify

import (
	"cmp"
	"context"
	"crypto/ed25519"
	"fmt"
	"slices"
	"time"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// ProgressEvery is how many events pass between two progress calls.
const ProgressEvery = 1 << 17

// Expect is a digest the store must still match. Heads, when known (a
// digest file), let a mismatch name the stream that differs.
type Expect struct {
	Digest integrity.Digest
	Heads  []integrity.Head
	Source string // where the digest came from, for messages
}

// Options of Check.
type Options struct {
	// Digests are checked at their positions during the walk.
	Digests []Expect
	// Key is the trusted public key. When nil, each digest is checked
	// against the key it carries, and Report.Untrusted is set.
	Key ed25519.PublicKey
	// Progress, if set, is called every ProgressEvery events.
	Progress func(events, position uint64)
}

// Report is the outcome of Check. Problem is nil when the store is intact.
type Report struct {
	Streams   int           `json:"streams"`
	Events    uint64        `json:"events"`
	Position  uint64        `json:"position"` // last position read
	Digests   int           `json:"digests_checked"`
	Untrusted bool          `json:"untrusted_key,omitempty"`
	Elapsed   time.Duration `json:"elapsed"`
	Problem   *Problem      `json:"problem,omitempty"`
}

// EventsPerSecond is the verification rate of the walk.
func (r Report) EventsPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Events) / r.Elapsed.Seconds()
}

// Check recomputes every chain of store and checks the digests of opts. A
// tampered store is a Report with a Problem, not an error; the error is for
// a store that cannot be read.
func Check(ctx context.Context, store eventstore.Store, opts Options) (Report, error) {
	start := time.Now()
	rep := Report{}
	pending, p := signed(opts, &rep)
	c := newChains()
	err := walk(ctx, store, func(ev *eventstore.RecordedEvent, s integrity.Sealed, openErr error) bool {
		for p == nil && len(pending) > 0 && ev.Position > pending[0].Digest.Position {
			p = checkAt(c, pending[0], false)
			pending, rep.Digests = pending[1:], rep.Digests+1
		}
		if p == nil {
			p = c.add(ev, s, openErr)
		}
		if opts.Progress != nil && c.events%ProgressEvery == 0 && p == nil {
			opts.Progress(c.events, c.last)
		}
		return p == nil
	})
	if err != nil {
		return rep, fmt.Errorf("verify: read the log: %w", err)
	}
	for p == nil && len(pending) > 0 {
		p = checkAt(c, pending[0], true)
		pending, rep.Digests = pending[1:], rep.Digests+1
	}
	rep.Streams, rep.Events, rep.Position = len(c.heads), c.events, c.last
	rep.Elapsed, rep.Problem = time.Since(start), p
	return rep, nil
}

// signed checks the signatures and the heads lists of the expected digests
// before the walk, and returns them in position order.
func signed(opts Options, rep *Report) ([]Expect, *Problem) {
	out := slices.Clone(opts.Digests)
	slices.SortFunc(out, func(a, b Expect) int { return cmp.Compare(a.Digest.Position, b.Digest.Position) })
	for _, e := range out {
		key := opts.Key
		if key == nil {
			key, rep.Untrusted = e.Digest.PublicKey, true
		}
		if err := integrity.VerifyDigest(e.Digest, key); err != nil {
			return nil, &Problem{Position: e.Digest.Position, Reason: fmt.Sprintf("%s: %v", e.Source, err), Err: err}
		}
		if e.Heads != nil {
			if err := integrity.CheckHeads(e.Digest, e.Heads); err != nil {
				return nil, &Problem{Position: e.Digest.Position, Reason: fmt.Sprintf("%s: its heads list does not give its root: %v", e.Source, err), Err: err}
			}
		}
	}
	return out, nil
}
