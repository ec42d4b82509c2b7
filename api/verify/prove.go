package verify

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// ErrNotCovered means an event is not covered by the digest asked for.
var ErrNotCovered = errors.New("the event is not covered by the digest")

// Prover builds inclusion proofs against one digest file.
type Prover struct {
	file File
	tree *integrity.Tree
}

// NewProver checks that f's heads give its root and builds the Merkle tree once.
func NewProver(f File) (*Prover, error) {
	if err := integrity.CheckHeads(f.Digest, f.Heads); err != nil {
		return nil, fmt.Errorf("prover: %w", err)
	}
	return &Prover{file: f, tree: integrity.HeadsTree(f.Heads)}, nil
}

// Digest is the digest the proofs lead to.
func (p *Prover) Digest() integrity.Digest { return p.file.Digest }

// Prove returns the stored event (stream, version) and its proof. It reads
// the stream from the event to the head the digest recorded; the later
// events must still be intact, or no proof can be made.
func (p *Prover) Prove(ctx context.Context, store eventstore.Store, stream string, version uint64) (eventstore.RecordedEvent, integrity.Proof, error) {
	proofs, evs, err := p.ProveStream(ctx, store, stream, []uint64{version})
	if err != nil {
		return eventstore.RecordedEvent{}, integrity.Proof{}, err
	}
	return evs[0], proofs[0], nil
}

// ProveStream proves several events of one stream with a single read.
func (p *Prover) ProveStream(ctx context.Context, store eventstore.Store, stream string, versions []uint64) ([]integrity.Proof, []eventstore.RecordedEvent, error) {
	leaf, ok := slices.BinarySearchFunc(p.file.Heads, stream, func(h integrity.Head, s string) int { return cmp.Compare(h.Stream, s) })
	if !ok || len(versions) == 0 {
		return nil, nil, fmt.Errorf("%s: %w", stream, ErrNotCovered)
	}
	head := p.file.Heads[leaf]
	from := slices.Min(versions)
	if from == 0 || slices.Max(versions) > head.Version {
		return nil, nil, fmt.Errorf("%s@%d..%d (head %d): %w", stream, from, slices.Max(versions), head.Version, ErrNotCovered)
	}
	evs, contents, err := readChain(ctx, store, stream, from, head)
	if err != nil {
		return nil, nil, err
	}
	path, err := p.tree.Path(uint64(leaf))
	if err != nil {
		return nil, nil, err
	}
	proofs := make([]integrity.Proof, len(versions))
	out := make([]eventstore.RecordedEvent, len(versions))
	for i, v := range versions {
		k := v - from
		out[i] = evs[k]
		proofs[i] = integrity.Proof{Stream: stream, Version: v, EventID: evs[k].ID, Position: p.file.Digest.Position,
			Later: contents[k+1:], Leaf: uint64(leaf), Path: path}
	}
	return proofs, out, nil
}

// readChain reads versions from..head.Version of stream, checks them against
// the digest's head, and returns them with their content hashes.
func readChain(ctx context.Context, store eventstore.Store, stream string, from uint64, head integrity.Head) ([]eventstore.RecordedEvent, []integrity.Hash, error) {
	var (
		x        integrity.Hasher
		evs      []eventstore.RecordedEvent
		contents []integrity.Hash
		last     integrity.Hash
	)
	n := int(head.Version - from + 1)
	for ev, err := range store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{From: from, Max: n}) {
		if err != nil {
			return nil, nil, fmt.Errorf("prove %s: %w", stream, err)
		}
		iev := toIntegrity(ev)
		s, err := x.Open(&iev)
		if err != nil {
			return nil, nil, fmt.Errorf("prove %s@%d: %w", stream, ev.Version, err)
		}
		if len(evs) > 0 && s.Prev != last || ev.Version != from+uint64(len(evs)) {
			return nil, nil, fmt.Errorf("prove %s@%d: %w", stream, ev.Version, integrity.ErrBrokenLink)
		}
		evs, contents, last = append(evs, ev), append(contents, s.Content), s.Hash
	}
	if len(evs) != n || last != head.Hash {
		return nil, nil, fmt.Errorf("prove %s: the store's chain no longer reaches the digest's head at version %d: %w",
			stream, head.Version, ErrDigestMismatch)
	}
	return evs, contents, nil
}
