package integrity

import (
	"encoding/hex"
	"fmt"
)

// The seal spliced before the closing brace of the metadata object.
const (
	sealPrev = `,"prev_hash":"`
	sealHash = `","hash":"`
	sealEnd  = `"}`
	// SealLen is the fixed length of the seal at the end of sealed metadata.
	SealLen = len(sealPrev) + 64 + len(sealHash) + 64 + len(sealEnd)
)

// Seal computes the hash of ev (whose Metadata is the unsealed envelope JSON
// object) chained to prev, and returns the metadata to store with the seal.
func (x *Hasher) Seal(ev Event, prev Hash) (sealed []byte, h Hash, err error) {
	m := ev.Metadata
	if len(m) < 3 || m[0] != '{' || m[len(m)-1] != '}' {
		return nil, Hash{}, fmt.Errorf("seal %s@%d: %w", ev.Stream, ev.Version, ErrNotObject)
	}
	body := m[:len(m)-1]
	h = x.Link(prev, x.content(&ev, body, "}"))
	out := make([]byte, 0, len(body)+SealLen)
	out = append(out, body...)
	out = append(out, sealPrev...)
	out = hex.AppendEncode(out, prev[:])
	out = append(out, sealHash...)
	out = hex.AppendEncode(out, h[:])
	return append(out, sealEnd...), h, nil
}

// Sealed is what a stored event's seal says and what its bytes give.
type Sealed struct {
	Prev    Hash // prev_hash as stored
	Hash    Hash // hash as stored
	Content Hash // content hash recomputed from the stored bytes
}

// Open reads the seal of a stored event and recomputes its content hash and
// link. It fails with ErrUnsealed when the seal is malformed and with
// ErrHashMismatch when the bytes no longer give the stored hash. Whether Prev
// is the previous event's hash is for the caller, who walks the stream.
func (x *Hasher) Open(ev *Event) (Sealed, error) {
	s, body, err := splitSeal(ev.Metadata)
	if err != nil {
		return s, err
	}
	s.Content = x.content(ev, body, "}")
	if got := x.Link(s.Prev, s.Content); got != s.Hash {
		return s, fmt.Errorf("%w: recomputed %s, stored %s", ErrHashMismatch, got, s.Hash)
	}
	return s, nil
}

// splitSeal parses the fixed-size seal and returns the metadata before it.
func splitSeal(m []byte) (Sealed, []byte, error) {
	var s Sealed
	n := len(m) - SealLen
	if n < 2 {
		return s, nil, ErrUnsealed
	}
	seal := m[n:]
	p := len(sealPrev)
	q := p + 64 + len(sealHash)
	if string(seal[:p]) != sealPrev || string(seal[p+64:q]) != sealHash || string(seal[q+64:]) != sealEnd {
		return s, nil, ErrUnsealed
	}
	if !decodeLowerHex(s.Prev[:], seal[p:p+64]) || !decodeLowerHex(s.Hash[:], seal[q:q+64]) {
		return s, nil, fmt.Errorf("%w: hashes must be 64 lowercase hex characters", ErrUnsealed)
	}
	return s, m[:n], nil
}

// decodeLowerHex accepts only lowercase hex, so every hash has exactly one
// stored spelling and no byte of a seal can change unnoticed.
func decodeLowerHex(dst, src []byte) bool {
	bad := byte(0)
	for i := range dst {
		hi, lo := unhex[src[2*i]], unhex[src[2*i+1]]
		bad |= hi | lo
		dst[i] = hi<<4 | lo&0x0f
	}
	return bad&0xf0 == 0
}

// unhex maps a lowercase hex digit to its value and anything else to 0xff,
// so one OR over a whole hash tells whether every character was valid.
var unhex = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c - '0')
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] = byte(c - 'a' + 10)
	}
	return t
}()

// ReadSeal returns the hashes stored in sealed metadata without checking
// them: the write path uses it to chain a new event to the stream's head.
func ReadSeal(meta []byte) (prev, h Hash, err error) {
	s, _, err := splitSeal(meta)
	return s.Prev, s.Hash, err
}
