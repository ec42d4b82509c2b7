package sqlite

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// WAL layout (https://sqlite.org/fileformat2.html#walformat): a 32-byte
// header, then frames of a 24-byte header and one page.
const (
	walHeaderLen  = 32
	walFrameHead  = 24
	walMagicLE    = 0x377f0682
	walMagicBE    = 0x377f0683
	walMaxPageLen = 65536
)

// checkWAL refuses a write-ahead log that SQLite would silently cut short.
// SQLite replays frames up to the first one whose checksum fails and drops
// the rest, even committed transactions: a flipped byte in the WAL loses
// acknowledged appends without an error, and the next append reuses their
// positions. A frame of the current WAL generation (same salts) that ends a
// transaction after a bad frame is that case; a torn last transaction of a
// crash is not (it was never acknowledged), nor are old frames of an earlier
// generation, which carry other salts.
func checkWAL(dbPath string) error {
	path := dbPath + "-wal"
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(b) == 0 {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: %w: %s; run `ledger recover` to accept the loss and record it", path, ErrDamagedWAL, fmt.Sprintf(format, args...))
	}
	if len(b) < walHeaderLen {
		return bad("%d bytes, shorter than its header", len(b))
	}
	var order binary.ByteOrder
	switch binary.BigEndian.Uint32(b) {
	case walMagicLE:
		order = binary.LittleEndian
	case walMagicBE:
		order = binary.BigEndian
	default:
		return bad("its header is not a WAL header")
	}
	page := int(binary.BigEndian.Uint32(b[8:]))
	if page == 1 {
		page = walMaxPageLen
	}
	s0, s1 := walSum(order, 0, 0, b[:24])
	if s0 != binary.BigEndian.Uint32(b[24:]) || s1 != binary.BigEndian.Uint32(b[28:]) {
		if len(b) > walHeaderLen {
			return bad("its header checksum fails, so SQLite would ignore every frame in it")
		}
		return nil
	}
	salt := b[16:24]
	broken := -1
	for i, off := 0, walHeaderLen; off+walFrameHead+page <= len(b); i, off = i+1, off+walFrameHead+page {
		fh := b[off : off+walFrameHead]
		if string(fh[8:16]) != string(salt) {
			continue // a frame of an earlier generation, or never written
		}
		commit := binary.BigEndian.Uint32(fh[4:]) != 0
		if broken >= 0 {
			if commit {
				return bad("frame %d fails its checksum and committed frame %d follows it", broken, i)
			}
			continue
		}
		s0, s1 = walSum(order, s0, s1, fh[:8])
		s0, s1 = walSum(order, s0, s1, b[off+walFrameHead:off+walFrameHead+page])
		if s0 != binary.BigEndian.Uint32(fh[16:]) || s1 != binary.BigEndian.Uint32(fh[20:]) {
			broken = i
		}
	}
	return nil
}

// walSum is SQLite's WAL checksum, continued from (s0, s1) over b.
func walSum(order binary.ByteOrder, s0, s1 uint32, b []byte) (uint32, uint32) {
	for i := 0; i+8 <= len(b); i += 8 {
		s0 += order.Uint32(b[i:]) + s1
		s1 += order.Uint32(b[i+4:]) + s0
	}
	return s0, s1
}
