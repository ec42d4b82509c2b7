package views

import (
	"fmt"
	"hash/crc32"
	"io"
	"reflect"
	"strings"

	"github.com/google/uuid"
)

// Each register writes its state for projections.Snapshotter with the row
// codec of snapshot_codec.go and snapshot_rows.go: a head section naming
// the register and counting each of its lists, then each list (its rows,
// once each, and the few lookups Apply needs that the rows do not say) in
// sections of rowChunk items. Maps that only index the rows (by id, per
// operation, the tracker's ordered lists) are rebuilt when read, sized
// from the head's counts, which is cheaper than storing them.

// snapshotVersion is a register's SnapshotVersion: base, which a change in
// what Apply means or in the codec bumps by hand, mixed with the shape of
// its rows (every field's name and type, through rows and domain values),
// so that adding, renaming or retyping a field discards older snapshots by
// itself. That the codec writes the new field is TestEveryRowFieldRoundTrips'.
func snapshotVersion(base uint32, shape any) uint32 {
	var b strings.Builder
	fmt.Fprintf(&b, "%d;", base)
	describeType(&b, reflect.TypeOf(shape), map[reflect.Type]bool{})
	return crc32.ChecksumIEEE([]byte(b.String()))
}

const modulePath = "github.com/movementcoord/ledger/"

func describeType(b *strings.Builder, t reflect.Type, seen map[reflect.Type]bool) {
	b.WriteString(t.String())
	if seen[t] || (t.Name() != "" && !strings.HasPrefix(t.PkgPath(), modulePath)) {
		return // a type of the standard library or a dependency (time.Time, uuid.UUID) keeps its own encoding
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Struct:
		b.WriteString("{")
		for i := range t.NumField() {
			f := t.Field(i)
			fmt.Fprintf(b, "%s:", f.Name)
			describeType(b, f.Type, seen)
			b.WriteString(";")
		}
		b.WriteString("}")
	case reflect.Slice, reflect.Array, reflect.Pointer:
		b.WriteString("[")
		describeType(b, t.Elem(), seen)
		b.WriteString("]")
	case reflect.Map:
		b.WriteString("[")
		describeType(b, t.Key(), seen)
		describeType(b, t.Elem(), seen)
		b.WriteString("]")
	}
}

// listOut is one list of a register as written: n items, item(e, i) each.
type listOut struct {
	n    int
	item func(e *enc, i int)
}

func list[T any](items []T, write func(e *enc, v T)) listOut {
	return listOut{n: len(items), item: func(e *enc, i int) { write(e, items[i]) }}
}

// writeRegister writes the head (the register's name and each list's
// count), then each list in sections of at most rowChunk items.
func writeRegister(w io.Writer, name string, lists ...listOut) error {
	sw := &sectionWriter{w: w, e: enc{words: map[string]uint64{}}}
	e := sw.begin()
	e.str(name)
	e.uvarint(uint64(len(lists)))
	for _, l := range lists {
		e.uvarint(uint64(l.n))
	}
	if err := sw.end(); err != nil {
		return err
	}
	for _, l := range lists {
		for i := 0; i < l.n; i += rowChunk {
			e := sw.begin()
			k := min(rowChunk, l.n-i)
			e.uvarint(uint64(k))
			for j := i; j < i+k; j++ {
				l.item(e, j)
			}
			if err := sw.end(); err != nil {
				return err
			}
		}
	}
	return nil
}

// readHead reads what writeRegister wrote first: the counts of the lists
// that follow, which must be as many as the register reads.
func readHead(r io.Reader, name string, lists int) (*sectionReader, []int, error) {
	sr := newSectionReader(r)
	d, err := sr.next()
	if err != nil {
		return nil, nil, err
	}
	if got := d.str(); d.err == nil && got != name {
		return nil, nil, fmt.Errorf("%w: %q's, not %q's", errCorrupt, got, name)
	}
	if d.uvarint() != uint64(lists) {
		d.fail("number of lists")
	}
	counts := make([]int, lists)
	for i := range counts {
		n := d.uvarint()
		if n >= 1<<40 {
			d.fail("count")
		}
		counts[i] = int(n)
	}
	return sr, counts, d.done()
}

// readList reads a list of n items written by writeRegister, each at least
// min bytes; read decodes the k items of one section.
func readList(sr *sectionReader, n, minSize int, read func(d *dec, k int)) error {
	for got := 0; got < n; {
		d, err := sr.next()
		if err != nil {
			return err
		}
		k := d.count(minSize)
		if k == 0 || k > n-got {
			d.fail("chunk")
		} else {
			read(d, k)
		}
		if err := d.done(); err != nil {
			return err
		}
		got += k
	}
	return nil
}

// readRows reads a list of n rows, each section's rows into one slice of
// values that stays where it is; it returns them as pointers, in order.
func readRows[T any](sr *sectionReader, n, minSize int, row func(*dec, *T)) ([]*T, error) {
	out := make([]*T, 0, min(n, maxPresize))
	err := readList(sr, n, minSize, func(d *dec, k int) {
		chunk := make([]T, k)
		for i := range chunk {
			row(d, &chunk[i])
			out = append(out, &chunk[i])
		}
	})
	return out, err
}

// readItems reads a list of n lookups into a slice.
func readItems[T any](sr *sectionReader, n, minSize int, item func(*dec) T) ([]T, error) {
	out := make([]T, 0, min(n, maxPresize))
	err := readList(sr, n, minSize, func(d *dec, k int) {
		for range k {
			out = append(out, item(d))
		}
	})
	return out, err
}

// pointers lists a register's rows, for writing.
func pointers[T any](byID map[uuid.UUID]*T) []*T {
	out := make([]*T, 0, len(byID))
	for _, r := range byID {
		out = append(out, r)
	}
	return out
}

// fileRows indexes rows read from a snapshot by id and per operation, in
// maps sized up front (growing them was a fifth of a restore).
func fileRows[T any](rows []*T, meta func(*T) *Meta, byOp perOp[T], byID *map[uuid.UUID]*T) {
	*byID = make(map[uuid.UUID]*T, len(rows))
	perOpCount := map[uuid.UUID]int{}
	for _, r := range rows {
		perOpCount[meta(r).OperationID]++
	}
	for op, n := range perOpCount {
		byOp[op] = make(map[uuid.UUID]*T, n)
	}
	for _, r := range rows {
		m := meta(r)
		byOp[m.OperationID][m.ID] = r
		(*byID)[m.ID] = r
	}
}
