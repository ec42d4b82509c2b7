package integrity

import (
	"encoding/hex"
	"fmt"
)

// Hash is a SHA-256 value. It encodes as 64 lowercase hex characters.
type Hash [32]byte

// Zero is the previous hash of a stream's first event.
var Zero Hash

// Domain tags, the first byte of every hashed message (see the package doc).
const (
	tagLeaf    byte = 0x00
	tagNode    byte = 0x01
	tagContent byte = 0x02
	tagLink    byte = 0x03
)

func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// MarshalText implements encoding.TextMarshaler.
func (h Hash) MarshalText() ([]byte, error) {
	out := make([]byte, 64)
	hex.Encode(out, h[:])
	return out, nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (h *Hash) UnmarshalText(b []byte) error {
	if len(b) != 64 {
		return fmt.Errorf("hash: want 64 hex characters, got %d", len(b))
	}
	if _, err := hex.Decode(h[:], b); err != nil {
		return fmt.Errorf("hash: %w", err)
	}
	return nil
}

// ParseHash reads a hash from 64 hex characters.
func ParseHash(s string) (Hash, error) {
	var h Hash
	err := h.UnmarshalText([]byte(s))
	return h, err
}
