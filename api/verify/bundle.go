package verify

import (
	"cmp"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// BundleFormat names the bundle layout below.
const BundleFormat = "ledger.bundle.v1"

// Bundle is an accountability-review bundle: the events of one operation,
// each with its proof, and the signed digest they lead to. Payload and
// metadata are kept as the exact stored bytes (base64 in JSON), because the
// hashes cover bytes, not meaning.
type Bundle struct {
	Format    string           `json:"format"`
	Operation uuid.UUID        `json:"operation"`
	Digest    integrity.Digest `json:"digest"`
	Events    []BundleEvent    `json:"events"`
}

// BundleEvent is one stored event and its inclusion proof.
type BundleEvent struct {
	Position uint64          `json:"position"`
	Stream   string          `json:"stream"`
	Version  uint64          `json:"version"`
	ID       uuid.UUID       `json:"id"`
	Type     string          `json:"type"`
	Data     []byte          `json:"data"`
	Metadata []byte          `json:"metadata"`
	Proof    integrity.Proof `json:"proof"`
}

// ExportBundle collects the events of operation op up to the prover's digest
// and proves each of them.
func ExportBundle(ctx context.Context, store eventstore.Store, p *Prover, op uuid.UUID) (Bundle, error) {
	b := Bundle{Format: BundleFormat, Operation: op, Digest: p.Digest()}
	byStream, err := operationEvents(ctx, store, op, b.Digest.Position)
	if err != nil {
		return b, err
	}
	for stream, versions := range byStream {
		proofs, evs, err := p.ProveStream(ctx, store, stream, versions)
		if err != nil {
			return b, fmt.Errorf("bundle: %w", err)
		}
		for i, ev := range evs {
			b.Events = append(b.Events, BundleEvent{Position: ev.Position, Stream: ev.Stream, Version: ev.Version,
				ID: ev.ID, Type: ev.Type, Data: ev.Data, Metadata: ev.Metadata, Proof: proofs[i]})
		}
	}
	slices.SortFunc(b.Events, func(x, y BundleEvent) int { return cmp.Compare(x.Position, y.Position) })
	return b, nil
}

// operationEvents lists, by stream, the versions of the events whose
// envelope names op, up to position upTo.
func operationEvents(ctx context.Context, store eventstore.Store, op uuid.UUID, upTo uint64) (map[string][]uint64, error) {
	out := map[string][]uint64{}
	for ev, err := range store.ReadAll(ctx, 0, 0) {
		if err != nil {
			return nil, fmt.Errorf("bundle: read the log: %w", err)
		}
		if ev.Position > upTo {
			break
		}
		var env struct {
			OperationID uuid.UUID `json:"operation_id"`
		}
		if json.Unmarshal(ev.Metadata, &env) == nil && env.OperationID == op {
			out[ev.Stream] = append(out[ev.Stream], ev.Version)
		}
	}
	return out, nil
}

// VerifyBundle checks every event of b against its digest, offline. With a
// nil trusted key the digest's own key is used, which proves consistency but
// not who signed.
func VerifyBundle(b Bundle, trusted ed25519.PublicKey) error {
	if b.Format != BundleFormat {
		return fmt.Errorf("bundle format %q, want %q", b.Format, BundleFormat)
	}
	if trusted == nil {
		trusted = b.Digest.PublicKey
	}
	for _, e := range b.Events {
		ev := integrity.Event{Stream: e.Stream, Version: e.Version, ID: e.ID, Type: e.Type, Data: e.Data, Metadata: e.Metadata}
		if e.Position > b.Digest.Position {
			return &Problem{Stream: e.Stream, Version: e.Version, Position: e.Position, Reason: "event is after the digest's position", Err: integrity.ErrBadProof}
		}
		if err := integrity.VerifyProof(ev, e.Proof, b.Digest, trusted); err != nil {
			return &Problem{Stream: e.Stream, Version: e.Version, Position: e.Position, Reason: err.Error(), Err: err}
		}
	}
	return nil
}

// Incomplete lists the streams of a verified bundle that lack some of their
// events up to the head the digest records. A proof shows an event is in the
// log, not that the bundle holds every event: this shows, per stream, that
// nothing was left out (a whole stream left out cannot be seen this way).
func Incomplete(b Bundle) []string {
	have := map[string]uint64{}
	head := map[string]uint64{}
	for _, e := range b.Events {
		have[e.Stream]++
		head[e.Stream] = e.Version + uint64(len(e.Proof.Later))
	}
	var out []string
	for s, n := range have {
		if n != head[s] {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}
