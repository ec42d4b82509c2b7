package integrity

import (
	"bytes"
	"crypto/ed25519"
	"encoding/binary"
	"fmt"
	"time"
)

// The digest stream and event type under which digests are recorded in the
// log itself.
const (
	DigestStream    = "ledger-digests"
	DigestEventType = "ledger.digest.v1"
)

// digestTag starts the signed message, so a digest signature can never be
// taken for a signature over anything else made with the same key.
const digestTag = "coordination-ledger digest v1\x00"

// Digest commits to every stream head at a global position.
type Digest struct {
	Position  uint64            `json:"position"`   // the last global position covered
	Streams   uint64            `json:"streams"`    // leaves of the tree (DigestStream excluded)
	Events    uint64            `json:"events"`     // events covered: the sum of head versions
	Root      Hash              `json:"root"`       // RFC 6962 root over the heads
	Time      time.Time         `json:"time"`       // when the digest was taken
	PublicKey ed25519.PublicKey `json:"public_key"` // base64
	Signature []byte            `json:"signature"`  // base64 Ed25519 over DigestMessage
}

// DigestMessage is the exact byte string a digest's signature covers.
func DigestMessage(d Digest) []byte {
	b := make([]byte, 0, len(digestTag)+3*8+32+8+ed25519.PublicKeySize)
	b = append(b, digestTag...)
	b = binary.BigEndian.AppendUint64(b, d.Position)
	b = binary.BigEndian.AppendUint64(b, d.Streams)
	b = binary.BigEndian.AppendUint64(b, d.Events)
	b = append(b, d.Root[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(d.Time.UnixNano()))
	return append(b, d.PublicKey...)
}

// Sign fills in the public key and signature of d with key.
func Sign(d Digest, key ed25519.PrivateKey) Digest {
	d.PublicKey = key.Public().(ed25519.PublicKey)
	d.Signature = ed25519.Sign(key, DigestMessage(d))
	return d
}

// VerifyDigest checks that d is signed by trusted. The key inside the digest
// is only a hint: a forger signs with a key of his own.
func VerifyDigest(d Digest, trusted ed25519.PublicKey) error {
	if len(trusted) != ed25519.PublicKeySize || !bytes.Equal(d.PublicKey, trusted) {
		return fmt.Errorf("digest at position %d: %w", d.Position, ErrWrongKey)
	}
	if !ed25519.Verify(trusted, DigestMessage(d), d.Signature) {
		return fmt.Errorf("digest at position %d: %w", d.Position, ErrBadSignature)
	}
	return nil
}

// CheckHeads recomputes the root of heads (sorted by stream) against d.
func CheckHeads(d Digest, heads []Head) error {
	var events uint64
	for _, h := range heads {
		events += h.Version
	}
	root := HeadsTree(heads).Root()
	if root != d.Root || uint64(len(heads)) != d.Streams || events != d.Events {
		return fmt.Errorf("digest at position %d: root %s over %d streams, %d events; recomputed %s over %d, %d",
			d.Position, d.Root, d.Streams, d.Events, root, len(heads), events)
	}
	return nil
}
