package audit

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// A snapshot whose checksums were recomputed after a change (a bug in a
// writer, not a disk) passes the CRC; the reader still checks every index
// and count, and either refuses it or yields a trail whose queries and
// further applies run: it never panics, now or later.
func TestTheReaderChecksWhatTheChecksumPasses(t *testing.T) {
	t.Parallel()
	tr := New()
	for i := range 300 {
		require.NoError(t, tr.Apply(testEvent(i)))
	}
	var b bytes.Buffer
	require.NoError(t, tr.WriteSnapshot(&b))
	snap := b.Bytes()
	refused := 0
	tried := 0
	for start := 0; start < len(snap); {
		n := int(binary.LittleEndian.Uint32(snap[start:]))
		for at := 0; at < n; at += 1 + n/40 {
			for _, flip := range []byte{0x01, 0x80, 0xff} {
				body := bytes.Clone(snap)
				body[start+4+at] ^= flip
				binary.LittleEndian.PutUint32(body[start+4+n:], crc32.Checksum(body[start+4:start+4+n], castagnoli))
				tried++
				restored := New()
				if restored.ReadSnapshot(bytes.NewReader(body)) != nil {
					refused++
					continue
				}
				useEverything(t, restored)
			}
		}
		start += 4 + n + 4
	}
	require.Positive(t, refused, "of %d", tried)
}

// useEverything runs every query over every record and applies one more event.
func useEverything(t *testing.T, tr *Trail) {
	for _, s := range tr.streams {
		tr.Entity(s.ref, Page{})
	}
	for op := range tr.ops {
		tr.Timeline(op, TimelineFilter{Level: domain.LevelOperational})
	}
	for _, a := range tr.actors.values {
		tr.Actor(a.ID, Page{})
	}
	tr.Window(time.Time{}, time.Now(), true, Page{})
	require.NoError(t, tr.Apply(testEvent(1000)))
}

// testEvent is the i-th of a small log: a few records of a few kinds, with
// corrections and escalations.
func testEvent(i int) *projections.Event {
	op := uuid.UUID{0: byte(i % 3)}
	kinds := []domain.Kind{domain.KindDecision, domain.KindMechanism, domain.KindCompliance, domain.KindEscalation}
	ref := domain.Ref{Kind: kinds[i%4], ID: uuid.UUID{0: byte(i % 3), 1: byte(i % 17)}}
	var p domain.Payload = domain.DecisionAdopted{}
	switch ref.Kind {
	case domain.KindMechanism:
		p = domain.MechanismEstablished{Level: domain.LevelOperational}
	case domain.KindEscalation:
		p = domain.EscalationRaised{SubjectKind: domain.KindCompliance, SubjectID: uuid.UUID{0: byte(i % 3), 1: byte((i + 2) % 17)}}
	case domain.KindDecision:
		if i%8 == 4 {
			p = domain.CorrectionRecorded{CorrectsEventID: uuid.UUID{0: byte(i - 16)}, Reason: "r", Changes: []byte(`{"a":1}`)}
		}
	}
	return &projections.Event{Position: uint64(i + 1), ID: uuid.UUID{0: byte(i), 1: byte(i >> 8)}, Version: uint64(i/17 + 1),
		Type: p.EventType(), RecordedAt: time.Unix(int64(i), 0), Ref: ref, Payload: p,
		Env: domain.Envelope{OperationID: op, OccurredAt: time.Unix(int64(i*7), 0),
			Actor: domain.Actor{ID: string(rune('a' + i%5))}, Classification: domain.ClassMovement}}
}
