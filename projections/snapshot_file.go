package projections

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"time"

	"github.com/movementcoord/ledger/eventstore/atomicfile"
)

// A snapshot file is a header, then each view's body in the header's order:
//
//	magic "LEDGERSNAP", format uint16
//	position uint64, last recorded at, recorded until (unix ns, int64)
//	views uint16, then per view: name (uint16 length, bytes),
//	    SnapshotVersion uint32, body length uint64, CRC-32C of the body
//	SHA-256 of every header byte before it
//
// Integers are little-endian. Every part is checked when read: a file that
// fails any check is never used.
//
// Why a body's checksum is CRC-32C (format 2), not SHA-256 (format 1): it
// is there to catch damage (a disk, a write cut short), which CRC-32C
// detects as well, at a tenth of the cost; SHA-256 was 8% of a restore's
// CPU at 1M events. A keyless hash never stood against deliberate change,
// since whoever can rewrite the file can rewrite the hash: a sealed file's
// AEAD does (snapshot_seal.go). The views, the audit trail and the
// follow-up view also check a CRC-32C per section of their bodies.
const (
	snapshotMagic  = "LEDGERSNAP"
	snapshotFormat = 2
	maxSnapViews   = 1024
	maxSnapName    = 256
)

// errBadSnapshot is why a snapshot is discarded; it never stops a start.
var errBadSnapshot = errors.New("snapshot discarded")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// bodySum is a body's checksum as an entry holds it.
func bodySum(body []byte) (sum [crc32.Size]byte) {
	binary.BigEndian.PutUint32(sum[:], crc32.Checksum(body, castagnoli))
	return sum
}

// SnapshotHeader says what a snapshot holds and where in the log it stands.
type SnapshotHeader struct {
	Position uint64 // every view in it has applied the log up to here
	// LastRecordedAt is the recorded time of the event at Position: a
	// snapshot whose store does not have that event is not this store's.
	LastRecordedAt time.Time
	// RecordedUntil is the latest recorded time of any event up to Position,
	// so an as-of query by recorded time knows whether it may start here.
	RecordedUntil time.Time
	// Generation is the number of person erasures applied up to Position;
	// it names the key a sealed snapshot is sealed with (snapshot_seal.go).
	Generation uint64
	Views      []SnapshotEntry
}

// SnapshotEntry is one view's body in a snapshot.
type SnapshotEntry struct {
	Name    string
	Version uint32
	Length  uint64
	Sum     [crc32.Size]byte // CRC-32C, big-endian as hash/crc32 writes it
}

// snapshotBody is one view's encoded state, ready to be written.
type snapshotBody struct {
	entry SnapshotEntry
	data  *blocks
}

// writeSnapshotFile writes the header and bodies to path, replacing it
// atomically (mode 0600: view state holds personal data).
func writeSnapshotFile(path string, h SnapshotHeader, bodies []snapshotBody, seal sealer) error {
	h.Views = h.Views[:0]
	for _, b := range bodies {
		h.Views = append(h.Views, b.entry)
	}
	head := encodeHeader(h)
	return atomicfile.Write(path, 0o600, func(f *os.File) error {
		w, err := seal(f)
		if err != nil {
			return err
		}
		if _, err := w.Write(head); err != nil {
			return err
		}
		for _, b := range bodies {
			if _, err := b.data.WriteTo(w); err != nil {
				return err
			}
		}
		return w.Close()
	})
}

func encodeHeader(h SnapshotHeader) []byte {
	var b bytes.Buffer
	b.WriteString(snapshotMagic)
	put := func(v any) { _ = binary.Write(&b, binary.LittleEndian, v) } // a bytes.Buffer does not fail
	put(uint16(snapshotFormat))
	put(h.Position)
	put(h.LastRecordedAt.UnixNano())
	put(h.RecordedUntil.UnixNano())
	put(uint16(len(h.Views)))
	for _, v := range h.Views {
		put(uint16(len(v.Name)))
		b.WriteString(v.Name)
		put(v.Version)
		put(v.Length)
		b.Write(v.Sum[:])
	}
	sum := sha256.Sum256(b.Bytes())
	b.Write(sum[:])
	return b.Bytes()
}

// newSnapshotBody is one view's encoded state with its entry.
func newSnapshotBody(name string, version uint32, data *blocks) snapshotBody {
	e := SnapshotEntry{Name: name, Version: version, Length: uint64(data.n)}
	data.sum.Sum(e.Sum[:0])
	return snapshotBody{entry: e, data: data}
}

// readSnapshotHeader reads and checks the header at the start of r.
func readSnapshotHeader(r io.Reader) (SnapshotHeader, error) {
	hr := &hashingReader{r: r, h: sha256.New()}
	var h SnapshotHeader
	magic := make([]byte, len(snapshotMagic))
	var format, views uint16
	var last, until int64
	if err := readAll(hr, magic, &format); err != nil {
		return h, err
	}
	if string(magic) != snapshotMagic || format != snapshotFormat {
		return h, fmt.Errorf("%w: not a snapshot of format %d", errBadSnapshot, snapshotFormat)
	}
	if err := readAll(hr, &h.Position, &last, &until, &views); err != nil {
		return h, err
	}
	if views > maxSnapViews {
		return h, fmt.Errorf("%w: %d views", errBadSnapshot, views)
	}
	h.LastRecordedAt, h.RecordedUntil = time.Unix(0, last).UTC(), time.Unix(0, until).UTC()
	for range views {
		e, err := readEntry(hr)
		if err != nil {
			return h, err
		}
		h.Views = append(h.Views, e)
	}
	want := hr.h.Sum(nil)
	var got [sha256.Size]byte
	if _, err := io.ReadFull(r, got[:]); err != nil || !bytes.Equal(got[:], want) {
		return h, fmt.Errorf("%w: the header's checksum differs", errBadSnapshot)
	}
	return h, nil
}

func readEntry(r io.Reader) (SnapshotEntry, error) {
	var e SnapshotEntry
	var n uint16
	if err := readAll(r, &n); err != nil {
		return e, err
	}
	if n > maxSnapName {
		return e, fmt.Errorf("%w: a view name of %d bytes", errBadSnapshot, n)
	}
	name := make([]byte, n)
	if err := readAll(r, name, &e.Version, &e.Length, &e.Sum); err != nil {
		return e, err
	}
	e.Name = string(name)
	return e, nil
}

func readAll(r io.Reader, vs ...any) error {
	for _, v := range vs {
		if err := binary.Read(r, binary.LittleEndian, v); err != nil {
			return fmt.Errorf("%w: truncated header: %w", errBadSnapshot, err)
		}
	}
	return nil
}

type hashingReader struct {
	r io.Reader
	h interface {
		io.Writer
		Sum([]byte) []byte
	}
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	return n, err
}
