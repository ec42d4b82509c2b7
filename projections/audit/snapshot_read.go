package audit

import (
	"fmt"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// snapshotReader is what the reader learns from the first sections and
// needs for the later ones.
type snapshotReader struct {
	entries, streams int
	words            []string
	ops              []*chain
	opIDs            []uuid.UUID
	components       []uuid.UUID
}

// The smallest encoding of one item of each list, bounding what a corrupt
// count can make the reader allocate.
const (
	minActor, minStream, minEntry, minLevel = 3, 22, 24, 17
)

func (t *Trail) readHeader(sr *sectionReader, rd *snapshotReader) error {
	d, err := sr.next()
	if err != nil {
		return err
	}
	if magic := d.str(); d.err == nil && magic != snapshotMagic {
		return fmt.Errorf("%w: not the audit trail's (%q)", errCorrupt, magic)
	}
	rd.entries, rd.streams = int(d.uvarint()), int(d.uvarint())
	if rd.entries >= 1<<31 || rd.streams > rd.entries {
		d.fail("counts")
	}
	return d.done()
}

func (t *Trail) readTables(sr *sectionReader, rd *snapshotReader) error {
	d, err := sr.next()
	if err != nil {
		return err
	}
	t.types.values = readList(d, 1, d.str)
	t.actors.values = readList(d, minActor, func() domain.Actor { return domain.Actor{ID: d.word(), Role: d.word(), Component: d.uuid()} })
	t.classes.values = readList(d, 1, func() domain.Classification { return domain.Classification(d.str()) })
	if len(t.types.values) >= 1<<16 || len(t.classes.values) >= 1<<8 {
		d.fail("table size")
	}
	rd.words = readList(d, 1, d.str)
	rd.opIDs = readList(d, 16, d.uuid)
	rd.components = readList(d, 16, d.uuid)
	for range d.count(minLevel) {
		id := d.uuid()
		t.levels[id] = domain.Level(pick(d, rd.words))
	}
	rd.ops = make([]*chain, len(rd.opIDs))
	for i, id := range rd.opIDs {
		rd.ops[i] = &chain{last: -1}
		t.ops[id] = rd.ops[i]
	}
	return d.done()
}

// pick reads an index into vs and returns its value, a zero value when the
// index is corrupt (the section's error says so).
func pick[T any](d *dec, vs []T) T {
	i := d.index(len(vs))
	if d.err != nil {
		var zero T
		return zero
	}
	return vs[i]
}

// readList reads a list written by writeList, each item at least min bytes.
func readList[T any](d *dec, min int, read func() T) []T {
	out := make([]T, d.count(min))
	for i := range out {
		out[i] = read()
	}
	return out
}

// readStreams reads the records a block at a time, each block in one
// allocation made once its bytes are there (a corrupt count in the header
// allocates nothing).
func (t *Trail) readStreams(sr *sectionReader, rd *snapshotReader) error {
	var subjects []int32
	for len(t.streams) < rd.streams {
		d, err := sr.next()
		if err != nil {
			return err
		}
		n := d.count(minStream)
		if n == 0 || n > rd.streams-len(t.streams) {
			d.fail("block of records")
			return d.err
		}
		block := make([]stream, n)
		for i := range block {
			subjects = append(subjects, t.readStream(d, rd, &block[i]))
			t.streams = append(t.streams, &block[i])
		}
		if err := d.done(); err != nil {
			return err
		}
	}
	for i, sub := range subjects {
		if sub >= 0 {
			t.streams[i].subject = t.streams[sub]
		}
	}
	return nil
}

// readStream reads one record and returns the index of its subject, -1
// for none.
func (t *Trail) readStream(d *dec, rd *snapshotReader, s *stream) int32 {
	s.ref.Kind = domain.Kind(pick(d, rd.words))
	s.ref.ID = d.uuid()
	op := d.index(len(rd.ops))
	if d.err == nil {
		s.operation, s.op = rd.opIDs[op], rd.ops[op]
	}
	s.component = pick(d, rd.components)
	s.level = domain.Level(pick(d, rd.words))
	s.class = domain.Classification(pick(d, rd.words))
	s.last = -1
	return d.optIndex(rd.streams)
}

// readEntries reads the chunks of entries and rebuilds, as Apply did, the
// chains through each record's and each operation's entries.
func (t *Trail) readEntries(sr *sectionReader, rd *snapshotReader) error {
	for t.entries.n < rd.entries {
		d, err := sr.next()
		if err != nil {
			return err
		}
		n := d.count(minEntry)
		if n == 0 || n > 1<<chunkBits || n > rd.entries-t.entries.n {
			d.fail("chunk of entries")
			return d.err
		}
		chunk := make([]entry, n, 1<<chunkBits)
		t.readChunk(d, chunk)
		if err := d.done(); err != nil {
			return err
		}
		t.entries.chunks = append(t.entries.chunks, chunk)
		t.entries.n += n
		if n < 1<<chunkBits && t.entries.n < rd.entries {
			return fmt.Errorf("%w: a short chunk of entries before the last", errCorrupt)
		}
	}
	return nil
}

func (t *Trail) readChunk(d *dec, chunk []entry) {
	var position uint64
	var recorded int64
	var sid int64
	base := int32(t.entries.n)
	streams, actors, types, classes := int64(len(t.streams)), uint64(len(t.actors.values)), uint64(len(t.types.values)), len(t.classes.values)
	for k := range chunk {
		en := &chunk[k]
		position += d.uvarint()
		en.position, en.eventID = position, d.uuid()
		recorded += d.varint()
		en.recorded = recorded
		en.occurred = recorded + d.varint()
		sid += d.varint()
		actor, version, typ, class := d.uvarint(), d.uvarint(), d.uvarint(), d.byte1()
		if sid < 0 || sid >= streams || actor >= actors || version >= 1<<32 || typ >= types || int(class) >= classes {
			d.fail("entry")
			return
		}
		en.stream, en.actor, en.version, en.typ, en.class = int32(sid), int32(actor), uint32(version), uint16(typ), class
		en.corrects = -1
		s := t.streams[sid]
		i := base + int32(k)
		en.prevInStream, en.prevInOp = s.last, s.op.last
		s.last, s.n = i, s.n+1
		s.op.last, s.op.n = i, s.op.n+1
	}
}

// readCorrections reads which entries correct which and what they changed.
func (t *Trail) readCorrections(sr *sectionReader, rd *snapshotReader) error {
	d, err := sr.next()
	if err != nil {
		return err
	}
	for range d.count(2) {
		i, c := d.index(rd.entries), d.index(rd.entries)
		if d.err != nil || c >= i {
			d.fail("correction link") // a correction follows what it corrects
			break
		}
		t.entries.at(i).corrects = c
		t.correctedBy[c] = append(t.correctedBy[c], i)
	}
	if n := d.count(2); n > 0 {
		d.own() // the values before and after keep the section's bytes
		t.corrections = make(corrections, n)
		all := make([]Correction, n) // one allocation for all
		for k := range all {
			i := d.index(rd.entries)
			c := &all[k]
			c.Reason = d.word()
			c.Fields = readList(d, 3, func() CorrectedField {
				return CorrectedField{Field: d.word(), Before: d.optBytes(), After: d.optBytes()}
			})
			t.corrections[i] = c
		}
	}
	return d.done()
}

// rebuildIndexes rebuilds what Apply keeps to find things: the tables' ids
// and the records by id.
func (t *Trail) rebuildIndexes() {
	reindex(&t.types)
	reindex(&t.actors)
	reindex(&t.classes)
	t.streamIDs = make(map[uuid.UUID]int32, len(t.streams))
	for i, s := range t.streams {
		if _, taken := t.streamIDs[s.ref.ID]; taken {
			t.sharedIDs[s.ref] = int32(i)
		} else {
			t.streamIDs[s.ref.ID] = int32(i)
		}
	}
}

func reindex[T comparable](tb *table[T]) {
	for i, v := range tb.values {
		tb.ids[v] = int32(i)
	}
}
