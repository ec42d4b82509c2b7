package views

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"time"

	"github.com/google/uuid"
)

// A register's snapshot is a sequence of sections, each its length, its
// bytes and their CRC-32C, as the audit trail's: a truncated or altered
// snapshot is refused before any of its bytes is decoded, and the reader
// never reads past the register's last byte (the next view's follows it).
// Within a section numbers are varints, UUIDs 16 raw bytes, strings
// length-prefixed, and a slice says whether it is nil (JSON tells nil from
// empty: "members": [] or null).
//
// CRC-32C, not a cryptographic hash, is enough here: it detects the
// damage a disk or a cut-short write does, and the file's own body hash
// (and, when sealed, its AEAD) is what stands against deliberate change.

// maxSection bounds a section, and so what a corrupt length can make the
// reader allocate. A chunk of rowChunk rows is a few hundred KB.
const maxSection = 1 << 26

// rowChunk is how many rows (or lookups) one section holds: the buffers
// stay small and reused whatever the register's size.
const rowChunk = 1024

// maxPresize caps how far a list's count in the head sizes maps up front:
// a count past it is still read, the maps then grow as they fill.
const maxPresize = 1 << 22

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

var errCorrupt = errors.New("corrupt view snapshot")

// enc appends values to a section being written.
type enc struct {
	b     []byte
	words map[string]uint64 // see word; kept across a register's sections
}

func (e *enc) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) int(v int)        { e.varint(int64(v)) }
func (e *enc) uuid(u uuid.UUID) { e.b = append(e.b, u[:]...) }
func (e *enc) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }

// word writes a string that repeats across rows (states, kinds, countries,
// sectors, owners' names): the first time as 0 and the string, which the
// reader adds to its list, then as its place in that list plus one. Reading
// a word is then an index, not a string allocated or a map looked up.
func (e *enc) word(s string) {
	if i, ok := e.words[s]; ok {
		e.uvarint(i)
		return
	}
	e.uvarint(0)
	e.str(s)
	e.words[s] = uint64(len(e.words)) + 1
}

func (e *enc) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
		return
	}
	e.b = append(e.b, 0)
}

// Time flags: the zero time (which has no Unix time worth writing), a UTC
// time, or one with its zone's offset, read back in a zone of that offset
// (JSON writes the same). Seconds and nanoseconds apart, unlike UnixNano,
// cover every year.
const (
	timeZero = iota
	timeUTC
	timeOffset
)

func (e *enc) time(t time.Time) {
	switch {
	case t.IsZero():
		e.b = append(e.b, timeZero)
		return
	case t.Location() == time.UTC:
		e.b = append(e.b, timeUTC)
	default:
		_, off := t.Zone()
		e.b = append(e.b, timeOffset)
		e.varint(int64(off))
	}
	e.varint(t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
}

// sliceOut writes a slice's length plus one, 0 for nil, then its items.
func sliceOut[T any](e *enc, s []T, item func(T)) {
	if s == nil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(len(s)) + 1)
	for _, v := range s {
		item(v)
	}
}

// dec reads the values of one section; the first error sticks and every
// later read returns a zero value, so callers check once at the end.
type dec struct {
	b     []byte
	i     int
	err   error
	short bool                     // a read ran past the end (set without a call, to stay inlined)
	words *[]string                // see word; shared by a register's sections
	zones map[int64]*time.Location // a fixed zone per offset, shared too
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

func (d *dec) int() int { return int(d.varint()) }

func (d *dec) byte1() uint8 {
	if i := d.i; i < len(d.b) {
		d.i = i + 1
		return d.b[i]
	}
	d.i, d.short = len(d.b), true
	return 0
}

func (d *dec) bool() bool {
	switch d.byte1() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail("flag")
	return false
}

func (d *dec) uuid() uuid.UUID {
	if i := d.i; i+16 <= len(d.b) {
		d.i = i + 16
		return uuid.UUID(d.b[i:])
	}
	d.i, d.short = len(d.b), true
	return uuid.Nil
}

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

// word reads what enc.word wrote: each distinct word is allocated once.
// The list grows by at least a byte of the snapshot per word.
func (d *dec) word() string {
	i := d.uvarint()
	words := *d.words
	if i == 0 {
		s := d.str()
		*d.words = append(words, s)
		return s
	}
	if i > uint64(len(words)) {
		d.fail("word")
		return ""
	}
	return words[i-1]
}

func (d *dec) time() time.Time {
	flag := d.byte1()
	if flag == timeZero {
		return time.Time{}
	}
	off := int64(0)
	if flag == timeOffset {
		off = d.varint()
	} else if flag != timeUTC {
		d.fail("time")
		return time.Time{}
	}
	sec, nsec := d.varint(), d.uvarint()
	if nsec >= 1e9 || off <= -1<<20 || off >= 1<<20 {
		d.fail("time")
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec))
	if flag == timeUTC {
		return t.UTC()
	}
	zone := d.zones[off]
	if zone == nil {
		zone = time.FixedZone("", int(off))
		d.zones[off] = zone
	}
	return t.In(zone)
}

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

// sliceIn reads what sliceOut wrote, each item at least min bytes.
func sliceIn[T any](d *dec, min int, item func() T) []T {
	n := d.uvarint()
	if n == 0 {
		return nil
	}
	if n-1 > uint64(d.left()/min) {
		d.fail("count")
		return nil
	}
	out := make([]T, n-1)
	for i := range out {
		out[i] = item()
	}
	return out
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
		return fmt.Errorf("view snapshot section of %d bytes: more than %d", n, maxSection)
	}
	binary.LittleEndian.PutUint32(s.e.b, uint32(n))
	s.e.b = binary.LittleEndian.AppendUint32(s.e.b, crc32.Checksum(s.e.b[4:], castagnoli))
	_, err := s.w.Write(s.e.b)
	return err
}

// sectionReader reads the sections back, checking each one's length and CRC.
type sectionReader struct {
	r     io.Reader
	buf   []byte
	words []string
	zones map[int64]*time.Location
}

func newSectionReader(r io.Reader) *sectionReader {
	return &sectionReader{r: r, zones: map[int64]*time.Location{}}
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
	return &dec{b: body, words: &s.words, zones: s.zones}, nil
}

func truncated(err error) error {
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: truncated: %w", errCorrupt, io.ErrUnexpectedEOF)
	}
	return err
}
