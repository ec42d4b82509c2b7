package integrity

import (
	"crypto/ed25519"
	"fmt"

	"github.com/google/uuid"
)

// Proof shows that one event is covered by a digest.
type Proof struct {
	Stream   string    `json:"stream"`
	Version  uint64    `json:"version"`
	EventID  uuid.UUID `json:"event_id"`
	Position uint64    `json:"digest_position"` // the digest this proof leads to
	// Later are the content hashes of the stream's events after this one, up
	// to its head at the digest position, in version order.
	Later []Hash `json:"later"`
	// Leaf is the head's index among the digest's sorted heads; Path its
	// Merkle audit path.
	Leaf uint64 `json:"leaf"`
	Path []Hash `json:"path"`
}

// VerifyProof checks that ev (as stored, sealed) is covered by d, signed by
// trusted. It trusts nothing in the proof: every hash is recomputed.
func VerifyProof(ev Event, p Proof, d Digest, trusted ed25519.PublicKey) error {
	if err := VerifyDigest(d, trusted); err != nil {
		return err
	}
	if ev.Stream != p.Stream || ev.Version != p.Version || ev.ID != p.EventID || p.Position != d.Position {
		return fmt.Errorf("%w: it is for %s@%d (%s) at digest %d, not %s@%d (%s) at digest %d",
			ErrBadProof, p.Stream, p.Version, p.EventID, p.Position, ev.Stream, ev.Version, ev.ID, d.Position)
	}
	var x Hasher
	s, err := x.Open(&ev)
	if err != nil {
		return fmt.Errorf("%s@%d: %w", ev.Stream, ev.Version, err)
	}
	h := s.Hash
	for _, c := range p.Later {
		h = x.Link(h, c)
	}
	head := Head{Stream: ev.Stream, Version: ev.Version + uint64(len(p.Later)), Hash: h}
	if !VerifyPath(LeafHash(head), p.Leaf, d.Streams, p.Path, d.Root) {
		return fmt.Errorf("%w: %s@%d does not lead to root %s", ErrBadProof, ev.Stream, ev.Version, d.Root)
	}
	return nil
}
