package views

import (
	"encoding/gob"
	"fmt"
	"hash/crc32"
	"io"
	"reflect"
	"strings"

	"github.com/google/uuid"
)

// Each register writes its state for projections.Snapshotter as one gob
// value of an exported mirror struct (snapshot_views.go): its rows, once
// each, and the few lookups Apply needs that the rows do not say. Maps
// that only index the rows (by id, per operation, the tracker's ordered
// lists) are rebuilt when read, which is cheaper than storing them.

// snapshotVersion is a register's SnapshotVersion: base, which a change in
// what Apply means bumps by hand, mixed with the shape of the mirror (every
// field's name and type, through rows and domain values), so that adding,
// renaming or retyping a field discards older snapshots by itself instead
// of reading them with the new field left empty.
func snapshotVersion(base uint32, mirror any) uint32 {
	var b strings.Builder
	fmt.Fprintf(&b, "%d;", base)
	describeType(&b, reflect.TypeOf(mirror), map[reflect.Type]bool{})
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

// rowChunk is how many rows go in one gob value. Encoding a register as one
// value made gob grow a buffer the size of the register, copying it over
// and over; chunks keep its buffer small and reused.
const rowChunk = 1024

// writeGob writes the mirror's small fields as one value (its row lists
// left nil), then each row list in chunks, in the order given.
func writeGob(w io.Writer, mirror any, rowLists ...func(*gob.Encoder) error) error {
	enc := gob.NewEncoder(w)
	if err := enc.Encode(mirror); err != nil {
		return err
	}
	for _, rows := range rowLists {
		if err := rows(enc); err != nil {
			return err
		}
	}
	return nil
}

// rowsOut writes rows as a count, then chunks of at most rowChunk.
func rowsOut[T any](rows []T) func(*gob.Encoder) error {
	return func(enc *gob.Encoder) error {
		if err := enc.Encode(len(rows)); err != nil {
			return err
		}
		for i := 0; i < len(rows); i += rowChunk {
			if err := enc.Encode(rows[i:min(i+rowChunk, len(rows))]); err != nil {
				return err
			}
		}
		return nil
	}
}

// readGob reads what writeGob wrote, into the mirror and the row lists.
func readGob(r io.Reader, mirror any, rowLists ...func(*gob.Decoder) error) error {
	dec := gob.NewDecoder(r)
	if err := dec.Decode(mirror); err != nil {
		return err
	}
	for _, rows := range rowLists {
		if err := rows(dec); err != nil {
			return err
		}
	}
	return nil
}

// rowsIn reads what rowsOut wrote into one slice of values.
func rowsIn[T any](into *[]T) func(*gob.Decoder) error {
	return func(dec *gob.Decoder) error {
		var n int
		if err := dec.Decode(&n); err != nil {
			return err
		}
		if n < 0 {
			return fmt.Errorf("snapshot: %d rows", n)
		}
		out := make([]T, 0, min(n, 1<<22))
		var chunk []T
		for len(out) < n {
			chunk = chunk[:0]
			if err := dec.Decode(&chunk); err != nil {
				return err
			}
			if len(chunk) == 0 {
				return fmt.Errorf("snapshot: an empty chunk of rows")
			}
			out = append(out, chunk...)
		}
		*into = out
		return nil
	}
}

// pointers lists a register's rows, for writing: gob writes what they
// point to, and reads it back as a slice of values.
func pointers[T any](byID map[uuid.UUID]*T) []*T {
	out := make([]*T, 0, len(byID))
	for _, r := range byID {
		out = append(out, r)
	}
	return out
}

// fileRows indexes rows read from a snapshot by id and per operation, in
// maps sized up front (growing them was a fifth of a restore). The rows stay
// in the one slice they were read into.
func fileRows[T any](rows []T, meta func(*T) *Meta, byOp perOp[T], byID *map[uuid.UUID]*T) {
	*byID = make(map[uuid.UUID]*T, len(rows))
	perOpCount := map[uuid.UUID]int{}
	for i := range rows {
		perOpCount[meta(&rows[i]).OperationID]++
	}
	for op, n := range perOpCount {
		byOp[op] = make(map[uuid.UUID]*T, n)
	}
	for i := range rows {
		r := &rows[i]
		m := meta(r)
		byOp[m.OperationID][m.ID] = r
		(*byID)[m.ID] = r
	}
}

// Gob reads an empty slice back as nil, and a row's JSON tells the two apart
// ("members": [] or null). emptySlices remembers which rows held an empty,
// non-nil slice, so that they read back as they were written.
type emptySlices []uuid.UUID

func noteEmpty[S ~[]E, E any](e *emptySlices, id uuid.UUID, s S) {
	if s != nil && len(s) == 0 {
		*e = append(*e, id)
	}
}
