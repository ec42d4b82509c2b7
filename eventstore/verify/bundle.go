package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"golang.org/x/mod/sumdb/note"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// BundleFormat names the bundle layout below.
const BundleFormat = "ledger.bundle.v2"

// Bundle is an accountability-review bundle: the events of one operation,
// each with its inclusion proof, and the signed checkpoint (with any
// witness cosignatures) they lead to. Payload and metadata are the exact
// stored bytes (base64 in JSON), because the hashes cover bytes.
type Bundle struct {
	Format     string        `json:"format"`
	Operation  uuid.UUID     `json:"operation"`
	Checkpoint string        `json:"checkpoint"` // the signed note
	Events     []BundleEvent `json:"events"`
}

// BundleEvent is one stored event, its leaf index and inclusion proof.
type BundleEvent struct {
	Position uint64           `json:"position"`
	Index    uint64           `json:"leaf_index"`
	Stream   string           `json:"stream"`
	Version  uint64           `json:"version"`
	ID       uuid.UUID        `json:"id"`
	Type     string           `json:"type"`
	Data     []byte           `json:"data"`
	Metadata []byte           `json:"metadata"`
	Proof    []integrity.Hash `json:"proof"`
}

// ExportBundle collects the events of operation op that the checkpoint
// covers and proves each of them.
func ExportBundle(ctx context.Context, store eventstore.Store, p *Prover, op uuid.UUID) (Bundle, error) {
	cp, signed := p.Checkpoint()
	b := Bundle{Format: BundleFormat, Operation: op, Checkpoint: string(signed)}
	for ev, err := range store.ReadAll(ctx, 0, 0) {
		if err != nil {
			return b, fmt.Errorf("bundle: read the log: %w", err)
		}
		if i, ok := p.t.index(ev.Position); !ok || i >= cp.Size {
			break
		}
		if operationOf(ev) != op {
			continue
		}
		pr, err := p.ProveEvent(ev)
		if err != nil {
			return b, fmt.Errorf("bundle: %w", err)
		}
		b.Events = append(b.Events, BundleEvent{Position: ev.Position, Index: pr.Index, Stream: ev.Stream, Version: ev.Version,
			ID: ev.ID, Type: ev.Type, Data: ev.Data, Metadata: ev.Metadata, Proof: pr.Proof})
	}
	return b, nil
}

func operationOf(ev eventstore.RecordedEvent) uuid.UUID {
	var env struct {
		OperationID uuid.UUID `json:"operation_id"`
	}
	_ = json.Unmarshal(ev.Metadata, &env)
	return env.OperationID
}

// VerifyBundle checks every event of b against its checkpoint, offline,
// with the ledger's public key; witness verifiers, when given, must each
// have cosigned the checkpoint.
func VerifyBundle(b Bundle, v *integrity.LogVerifier, witnesses ...note.Verifier) error {
	if b.Format != BundleFormat {
		return fmt.Errorf("bundle format %q, want %q", b.Format, BundleFormat)
	}
	cp, err := OpenCosigned([]byte(b.Checkpoint), v, witnesses...)
	if err != nil {
		return &Problem{Reason: "the bundle's checkpoint: " + err.Error(), Err: err}
	}
	var x integrity.Hasher
	for _, e := range b.Events {
		ev := integrity.Event{Stream: e.Stream, Version: e.Version, ID: e.ID, Type: e.Type, Data: e.Data, Metadata: e.Metadata}
		bad := func(err error) error {
			return &Problem{Stream: e.Stream, Version: e.Version, Position: e.Position, Reason: err.Error(), Err: err}
		}
		s, err := x.Open(&ev)
		if err != nil {
			return bad(err)
		}
		if err := integrity.VerifyInclusion(e.Index, cp.Size, integrity.LeafHash(s.Hash), e.Proof, cp.Root); err != nil {
			return bad(err)
		}
	}
	return nil
}

// OpenCosigned opens a checkpoint signed by the ledger and requires a
// cosignature from every witness given.
func OpenCosigned(signed []byte, v *integrity.LogVerifier, witnesses ...note.Verifier) (integrity.Checkpoint, error) {
	cp, n, err := v.Open(signed, witnesses...)
	if err != nil {
		return cp, err
	}
	for _, w := range witnesses {
		if !slices.ContainsFunc(n.Sigs, func(s note.Signature) bool { return s.Name == w.Name() && s.Hash == w.KeyHash() }) {
			return cp, fmt.Errorf("%w: no cosignature by witness %s", ErrNotWitnessed, w.Name())
		}
	}
	return cp, nil
}
