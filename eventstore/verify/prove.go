package verify

import (
	"context"
	"fmt"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// Prover builds inclusion and consistency proofs against one signed
// checkpoint, from a tracker that has folded at least that much of the log.
type Prover struct {
	t    *Tracker
	cp   integrity.Checkpoint
	note []byte
}

// NewProver checks that the tracker's tree gives the checkpoint's root.
func NewProver(t *Tracker, cp integrity.Checkpoint, note []byte) (*Prover, error) {
	root, err := t.tree.RootAt(cp.Size)
	if err != nil || root != cp.Root {
		return nil, fmt.Errorf("prover: %w: the log does not give the root of checkpoint %d", integrity.ErrRootMismatch, cp.Size)
	}
	return &Prover{t: t, cp: cp, note: note}, nil
}

// Checkpoint is the checkpoint the proofs lead to, and its signed note.
func (p *Prover) Checkpoint() (integrity.Checkpoint, []byte) { return p.cp, p.note }

// Proven is one stored event with its leaf index and inclusion proof.
type Proven struct {
	Event eventstore.RecordedEvent
	Index uint64
	Proof []integrity.Hash
}

// Prove reads the event stream@version and proves it.
func (p *Prover) Prove(ctx context.Context, store eventstore.Store, stream string, version uint64) (Proven, error) {
	for ev, err := range store.ReadStream(ctx, stream, eventstore.ReadStreamOptions{From: version, Max: 1}) {
		if err != nil {
			return Proven{}, fmt.Errorf("prove %s@%d: %w", stream, version, err)
		}
		if ev.Version == version {
			return p.ProveEvent(ev)
		}
	}
	return Proven{}, fmt.Errorf("prove %s@%d: %w", stream, version, eventstore.ErrStreamNotFound)
}

// ProveEvent proves an event already read. Its stored bytes must still give
// the leaf the tree holds.
func (p *Prover) ProveEvent(ev eventstore.RecordedEvent) (Proven, error) {
	i, ok := p.t.index(ev.Position)
	if !ok || i >= p.cp.Size {
		return Proven{}, fmt.Errorf("%s@%d (position %d): %w of %d events", ev.Stream, ev.Version, ev.Position, ErrNotCovered, p.cp.Size)
	}
	proof, err := p.t.tree.InclusionProof(i, p.cp.Size)
	if err != nil {
		return Proven{}, err
	}
	var x integrity.Hasher
	iev := toIntegrity(ev)
	s, err := x.Open(&iev)
	if err != nil {
		return Proven{}, fmt.Errorf("prove %s@%d: %w", ev.Stream, ev.Version, err)
	}
	if integrity.VerifyInclusion(i, p.cp.Size, integrity.LeafHash(s.Hash), proof, p.cp.Root) != nil {
		return Proven{}, fmt.Errorf("prove %s@%d: %w: the stored event changed since it was checked", ev.Stream, ev.Version, integrity.ErrRootMismatch)
	}
	return Proven{Event: ev, Index: i, Proof: proof}, nil
}

// Consistency proves that the prover's checkpoint extends the tree of size
// from, so a reviewer who kept an older checkpoint can check that nothing
// it covered was changed since.
func (p *Prover) Consistency(from uint64) ([]integrity.Hash, error) {
	if from > p.cp.Size {
		return nil, fmt.Errorf("%w: size %d is past the checkpoint's %d", ErrNotCovered, from, p.cp.Size)
	}
	return p.t.tree.ConsistencyProof(from, p.cp.Size)
}
