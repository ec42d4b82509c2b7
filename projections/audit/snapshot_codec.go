package audit

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"github.com/google/uuid"
)

// The snapshot is a sequence of sections, each its length, its bytes and
// their CRC-32C: a truncated or altered snapshot is refused before any of
// its bytes is decoded, and the reader never reads past the snapshot's last
// byte (the runner may hold more after it). Within a section, numbers are
// varints and strings are length-prefixed.

// maxSection bounds a section, and so what a corrupt length can make the
// reader allocate. The largest section is a chunk of entries (about 150 KB).
const maxSection = 1 << 26

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

var errCorrupt = errors.New("corrupt snapshot")

// enc appends values to a section being written.
type enc struct{ b []byte }

func (e *enc) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) uuid(u uuid.UUID) { e.b = append(e.b, u[:]...) }
func (e *enc) byte1(v uint8)    { e.b = append(e.b, v) }
func (e *enc) index(i int32)    { e.uvarint(uint64(i)) }
func (e *enc) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *enc) optIndex(i int32) { e.uvarint(uint64(i + 1)) } // -1 (none) is 0
func (e *enc) optBytes(b []byte) { // nil and empty stay apart
	if b == nil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(len(b)) + 1)
	e.b = append(e.b, b...)
}

// dec reads the values of one section; the first error sticks and every
// later read returns a zero value, so callers check once at the end. The
// hot reads are small enough to be inlined; anything else calls out.
type dec struct {
	b     []byte
	i     int // what is read so far
	err   error
	short bool              // a read ran past the end (set without a call, to stay inlined)
	words map[string]string // see word
}

func (d *dec) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: bad %s", errCorrupt, what)
	}
	d.i = len(d.b)
}

func (d *dec) left() int { return len(d.b) - d.i }

func (d *dec) uvarint() uint64 {
	if i := d.i; i < len(d.b) && d.b[i] < 0x80 { // most values fit a byte
		d.i = i + 1
		return uint64(d.b[i])
	}
	return d.uvarintLong()
}

func (d *dec) uvarintLong() uint64 {
	v, n := binary.Uvarint(d.b[d.i:])
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.i += n
	return v
}

func (d *dec) varint() int64 {
	u := d.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (d *dec) byte1() uint8 {
	if i := d.i; i < len(d.b) {
		d.i = i + 1
		return d.b[i]
	}
	d.i, d.short = len(d.b), true
	return 0
}

func (d *dec) uuid() uuid.UUID {
	if i := d.i; i+16 <= len(d.b) {
		d.i = i + 16
		return uuid.UUID(d.b[i:])
	}
	d.i, d.short = len(d.b), true
	return uuid.Nil
}

// index reads an index into a table of n values.
func (d *dec) index(n int) int32 {
	v := d.uvarint()
	if v >= uint64(n) {
		d.fail("index")
		return 0
	}
	return int32(v)
}

// optIndex reads an index into a table of n values, or -1.
func (d *dec) optIndex(n int) int32 { return d.index(n+1) - 1 }

func (d *dec) bytes(n uint64) []byte {
	if n > uint64(d.left()) {
		d.fail("length")
		return nil
	}
	i := d.i
	d.i += int(n)
	return d.b[i:d.i:d.i]
}

func (d *dec) str() string { return string(d.bytes(d.uvarint())) }

// word reads a string that repeats (an actor's id and role, a correction's
// reason and fields): each distinct one is allocated once.
func (d *dec) word() string {
	b := d.bytes(d.uvarint())
	if s, ok := d.words[string(b)]; ok {
		return s
	}
	if d.words == nil {
		d.words = map[string]string{}
	}
	s := string(b)
	d.words[s] = s
	return s
}

// optBytes reads bytes written by enc.optBytes. They share the section's
// buffer: the caller owns it (see own).
func (d *dec) optBytes() []byte {
	n := d.uvarint()
	if n == 0 {
		return nil
	}
	return d.bytes(n - 1)
}

// own copies the rest of the section, so that what is read from it may keep
// its bytes after the next section is read.
func (d *dec) own() { d.b, d.i = append([]byte(nil), d.b[d.i:]...), 0 }

// count reads a number of items, each at least min bytes long: a corrupt
// count cannot make the reader allocate more than the section holds.
func (d *dec) count(min int) int {
	n := d.uvarint()
	if n > uint64(d.left()/min) {
		d.fail("count")
		return 0
	}
	return int(n)
}

// done is the section's error: a failed read, or bytes left unread.
func (d *dec) done() error {
	switch {
	case d.err != nil:
	case d.short:
		d.fail("length")
	case d.left() != 0:
		d.fail("section end")
	}
	return d.err
}

// sectionWriter writes sections: begin, append to the enc, end.
type sectionWriter struct {
	w io.Writer
	e enc
}

func (s *sectionWriter) begin() *enc {
	s.e.b = append(s.e.b[:0], 0, 0, 0, 0) // the length, filled in by end
	return &s.e
}

func (s *sectionWriter) end() error {
	n := len(s.e.b) - 4
	if n > maxSection {
		return fmt.Errorf("snapshot section of %d bytes: more than %d", n, maxSection)
	}
	binary.LittleEndian.PutUint32(s.e.b, uint32(n))
	s.e.b = binary.LittleEndian.AppendUint32(s.e.b, crc32.Checksum(s.e.b[4:], castagnoli))
	_, err := s.w.Write(s.e.b)
	return err
}

// sectionReader reads the sections back, checking each one's length and CRC.
type sectionReader struct {
	r   io.Reader
	buf []byte
}

// next returns a decoder over the next section; its bytes are valid until
// the following call.
func (s *sectionReader) next() (*dec, error) {
	var head [4]byte
	if _, err := io.ReadFull(s.r, head[:]); err != nil {
		return nil, truncated(err)
	}
	n := int(binary.LittleEndian.Uint32(head[:]))
	if n > maxSection {
		return nil, fmt.Errorf("%w: a section of %d bytes", errCorrupt, n)
	}
	if cap(s.buf) < n+4 {
		s.buf = make([]byte, n+4)
	}
	s.buf = s.buf[:n+4]
	if _, err := io.ReadFull(s.r, s.buf); err != nil {
		return nil, truncated(err)
	}
	body := s.buf[:n]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(s.buf[n:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	return &dec{b: body}, nil
}

func truncated(err error) error {
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: truncated: %w", errCorrupt, io.ErrUnexpectedEOF)
	}
	return err
}
