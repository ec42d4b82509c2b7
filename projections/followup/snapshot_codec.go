package followup

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// The view's snapshot is one body, its length before it and its CRC-32C
// after it; within it numbers are varints and strings length-prefixed.

var errCorrupt = errors.New("corrupt snapshot")

// enc appends values to the body being written.
type enc struct{ b []byte }

func (e *enc) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) uuid(u uuid.UUID) { e.b = append(e.b, u[:]...) }
func (e *enc) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *enc) flag(v bool)      { e.b = append(e.b, boolByte(v)) }

// time keeps the instant and the zone offset it was read with.
func (e *enc) time(t time.Time) {
	_, offset := t.Zone()
	e.varint(t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
	e.varint(int64(offset))
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// dec reads the body back; the first error sticks and later reads return
// zero values, so the caller checks once at the end. Strings repeat (rules,
// channels, kinds): each distinct one is allocated once.
type dec struct {
	b     []byte
	err   error
	words map[string]string
}

func (d *dec) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: bad %s", errCorrupt, what)
	}
	d.b = nil
}

func (d *dec) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) int() int { return int(d.varint()) }

func (d *dec) uuid() (u uuid.UUID) {
	if len(d.b) < len(u) {
		d.fail("id")
		return u
	}
	copy(u[:], d.b)
	d.b = d.b[len(u):]
	return u
}

func (d *dec) str() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail("length")
		return ""
	}
	b := d.b[:n]
	d.b = d.b[n:]
	if s, ok := d.words[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(d.words) < 1024 {
		d.words[s] = s
	}
	return s
}

func (d *dec) flag() bool {
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail("flag")
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *dec) time() time.Time {
	sec, nsec, offset := d.varint(), d.uvarint(), d.varint()
	if nsec >= 1e9 || offset <= -1<<17 || offset >= 1<<17 {
		d.fail("time")
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec))
	if offset == 0 {
		return t.UTC()
	}
	return t.In(time.FixedZone("", int(offset)))
}

// count reads a number of items, each at least min bytes long: a corrupt
// count cannot make the reader allocate more than the body holds.
func (d *dec) count(min int) int {
	n := d.uvarint()
	if n > uint64(len(d.b)/min) {
		d.fail("count")
		return 0
	}
	return int(n)
}

// done is the body's error: a failed read, or bytes left unread.
func (d *dec) done() error {
	if d.err == nil && len(d.b) != 0 {
		d.fail("end")
	}
	return d.err
}
