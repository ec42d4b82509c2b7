package projections

import (
	"hash"
	"hash/crc32"
	"io"
)

// blockSize is the unit a view's encoded state is kept in. A bytes.Buffer
// grown to a register's size (tens of MB at a million events) spent more
// time copying and clearing its backing array than gob spent encoding.
const blockSize = 1 << 20

// blocks is an append-only buffer of fixed blocks that hashes what it is
// given as it goes.
type blocks struct {
	list [][]byte
	n    int64
	sum  hash.Hash
}

func newBlocks() *blocks { return &blocks{sum: crc32.New(castagnoli)} }

func (b *blocks) Write(p []byte) (int, error) {
	b.sum.Write(p)
	b.n += int64(len(p))
	for rest := p; len(rest) > 0; {
		if len(b.list) == 0 || len(b.list[len(b.list)-1]) == blockSize {
			b.list = append(b.list, make([]byte, 0, blockSize))
		}
		last := &b.list[len(b.list)-1]
		k := min(len(rest), blockSize-len(*last))
		*last = append(*last, rest[:k]...)
		rest = rest[k:]
	}
	return len(p), nil
}

// WriteTo writes the blocks in order.
func (b *blocks) WriteTo(w io.Writer) (int64, error) {
	var total int64
	for _, blk := range b.list {
		n, err := w.Write(blk)
		total += int64(n)
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
