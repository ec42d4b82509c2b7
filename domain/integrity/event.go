package integrity

import (
	"crypto/sha256"
	"encoding/binary"

	"github.com/google/uuid"
)

// Event is what an event hash covers, as stored (Metadata sealed) or, when
// sealing, as about to be stored (Metadata unsealed).
type Event struct {
	Stream   string
	Version  uint64
	ID       uuid.UUID
	Type     string
	Data     []byte
	Metadata []byte
}

// Hasher computes event hashes. It lays each message out in one reused
// buffer and hashes it in a single call, which measured 5 to 20% faster on
// our 2-core machine (no SHA extensions) than writing the same bytes piece
// by piece into a hash.Hash. A Hasher is not safe for concurrent use; the
// zero value is ready.
type Hasher struct {
	buf []byte
}

// content hashes the event with covered metadata given as body + tail, so a
// sealed event is hashed without first rebuilding its unsealed metadata.
func (x *Hasher) content(ev *Event, body []byte, tail string) Hash {
	b := append(x.buf[:0], tagContent)
	b = binary.BigEndian.AppendUint64(b, uint64(len(ev.Stream)))
	b = append(b, ev.Stream...)
	b = binary.BigEndian.AppendUint64(b, ev.Version)
	b = append(b, ev.ID[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(len(ev.Type)))
	b = append(b, ev.Type...)
	b = binary.BigEndian.AppendUint64(b, uint64(len(ev.Data)))
	b = append(b, ev.Data...)
	b = binary.BigEndian.AppendUint64(b, uint64(len(body)+len(tail)))
	b = append(b, body...)
	b = append(b, tail...)
	x.buf = b
	return sha256.Sum256(b)
}

// Link is the chain step: the hash of an event whose content hash is content
// and whose stream predecessor has hash prev.
func (x *Hasher) Link(prev, content Hash) Hash {
	var b [1 + 2*len(Hash{})]byte
	b[0] = tagLink
	copy(b[1:], prev[:])
	copy(b[1+len(prev):], content[:])
	return sha256.Sum256(b[:])
}
