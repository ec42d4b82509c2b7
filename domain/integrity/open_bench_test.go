package integrity

import (
	"crypto/sha256"
	"testing"

	"github.com/google/uuid"
)

// BenchmarkOpen is the per-event cost of verification for a 700-byte event,
// against one SHA-256 pass over the same bytes (the floor).
func BenchmarkOpen(b *testing.B) {
	ev := Event{Stream: "actionpoint-" + uuid.NewString(), Version: 7, ID: uuid.New(), Type: "actionpoint.progress_reported.v1",
		Data: make([]byte, 250), Metadata: append(append([]byte(`{"a":"`), make([]byte, 300)...), `"}`...)}
	var x Hasher
	sealed, _, err := x.Seal(ev, Zero)
	if err != nil {
		b.Fatal(err)
	}
	ev.Metadata = sealed
	b.Run("open", func(b *testing.B) {
		b.SetBytes(int64(len(ev.Data) + len(ev.Metadata)))
		for range b.N {
			if _, err := x.Open(&ev); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sha256-floor", func(b *testing.B) {
		buf := append(append([]byte(ev.Stream+ev.Type), ev.Data...), ev.Metadata...)
		b.SetBytes(int64(len(ev.Data) + len(ev.Metadata)))
		for range b.N {
			sha256.Sum256(buf)
		}
	})
}
