package audit

import (
	"cmp"
	"slices"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// streamBlock is how many records one section of the snapshot holds.
const streamBlock = 1 << 12

// snapshotIndex interns, for the writer, what the records repeat: the few
// kinds, levels and classifications (words), their operations and their
// components, each written once and referred to by index.
type snapshotIndex struct {
	words      table[string]
	ops        table[uuid.UUID]
	components table[uuid.UUID]
	corrects   [][2]int32 // (entry, the entry it corrects), gathered by writeEntries
}

func (t *Trail) snapshotIndex() *snapshotIndex {
	ix := &snapshotIndex{words: newTable[string](), ops: newTable[uuid.UUID](), components: newTable[uuid.UUID]()}
	for _, s := range t.streams {
		ix.words.id(string(s.ref.Kind))
		ix.words.id(string(s.level))
		ix.words.id(string(s.class))
		ix.ops.id(s.operation)
		ix.components.id(s.component)
	}
	for _, l := range t.levels {
		ix.words.id(string(l))
	}
	return ix
}

func (t *Trail) writeHeader(sw *sectionWriter, _ *snapshotIndex) error {
	e := sw.begin()
	e.str(snapshotMagic)
	e.uvarint(uint64(t.entries.n))
	e.uvarint(uint64(len(t.streams)))
	return sw.end()
}

func (t *Trail) writeTables(sw *sectionWriter, ix *snapshotIndex) error {
	e := sw.begin()
	writeList(e, t.types.values, e.str)
	writeList(e, t.actors.values, func(a domain.Actor) { e.str(a.ID); e.str(a.Role); e.uuid(a.Component) })
	writeList(e, t.classes.values, func(c domain.Classification) { e.str(string(c)) })
	writeList(e, ix.words.values, e.str)
	writeList(e, ix.ops.values, e.uuid)
	writeList(e, ix.components.values, e.uuid)
	mechanisms := make([]uuid.UUID, 0, len(t.levels))
	for id := range t.levels {
		mechanisms = append(mechanisms, id)
	}
	slices.SortFunc(mechanisms, func(a, b uuid.UUID) int { return slices.Compare(a[:], b[:]) })
	writeList(e, mechanisms, func(id uuid.UUID) { e.uuid(id); e.index(ix.words.ids[string(t.levels[id])]) })
	return sw.end()
}

func writeList[T any](e *enc, vs []T, write func(T)) {
	e.uvarint(uint64(len(vs)))
	for _, v := range vs {
		write(v)
	}
}

// writeStreams writes the records, streamBlock to a section; what chains
// their entries is rebuilt from the entries.
func (t *Trail) writeStreams(sw *sectionWriter, ix *snapshotIndex) error {
	for lo := 0; lo < len(t.streams); lo += streamBlock {
		block := t.streams[lo:min(lo+streamBlock, len(t.streams))]
		e := sw.begin()
		e.uvarint(uint64(len(block)))
		for _, s := range block {
			e.index(ix.words.ids[string(s.ref.Kind)])
			e.uuid(s.ref.ID)
			e.index(ix.ops.ids[s.operation])
			e.index(ix.components.ids[s.component])
			e.index(ix.words.ids[string(s.level)])
			e.index(ix.words.ids[string(s.class)])
			e.optIndex(t.subjectID(s))
		}
		if err := sw.end(); err != nil {
			return err
		}
	}
	return nil
}

// subjectID is the index of the record an escalation is about, -1 for none.
func (t *Trail) subjectID(s *stream) int32 {
	if s.subject == nil {
		return -1
	}
	id, _ := t.streamID(s.subject.ref)
	return id
}

// writeEntries writes one section per chunk of entries. Each entry is
// written against the one before it (positions and recorded times grow, a
// record's events often follow each other), its occurred time against its
// recorded time; the chains through records and operations are not written.
func (t *Trail) writeEntries(sw *sectionWriter, ix *snapshotIndex) error {
	base := int32(0)
	for _, chunk := range t.entries.chunks {
		e := sw.begin()
		e.uvarint(uint64(len(chunk)))
		var prev entry
		for k := range chunk {
			en := &chunk[k]
			e.uvarint(en.position - prev.position) // wraps, and unwraps on read, should a position go back
			e.uuid(en.eventID)
			e.varint(en.recorded - prev.recorded)
			e.varint(en.occurred - en.recorded)
			e.varint(int64(en.stream) - int64(prev.stream))
			e.index(en.actor)
			e.uvarint(uint64(en.version))
			e.uvarint(uint64(en.typ))
			e.byte1(en.class)
			if en.corrects >= 0 {
				ix.corrects = append(ix.corrects, [2]int32{base + int32(k), en.corrects})
			}
			prev = *en
		}
		if err := sw.end(); err != nil {
			return err
		}
		base += int32(len(chunk))
	}
	return nil
}

// writeCorrections writes which entries correct which, and what each
// correction changed: a few per thousand events.
func (t *Trail) writeCorrections(sw *sectionWriter, ix *snapshotIndex) error {
	e := sw.begin()
	writeList(e, ix.corrects, func(c [2]int32) { e.index(c[0]); e.index(c[1]) })
	ids := make([]int32, 0, len(t.corrections))
	for i := range t.corrections {
		ids = append(ids, i)
	}
	slices.SortFunc(ids, cmp.Compare)
	writeList(e, ids, func(i int32) {
		c := t.corrections[i]
		e.index(i)
		e.str(c.Reason)
		writeList(e, c.Fields, func(f CorrectedField) { e.str(f.Field); e.optBytes(f.Before); e.optBytes(f.After) })
	})
	return sw.end()
}
