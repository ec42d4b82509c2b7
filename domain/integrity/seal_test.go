package integrity

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func sampleEvent() Event {
	return Event{Stream: "decision-" + uuid.NewString(), Version: 3, ID: uuid.New(), Type: "decision.adopted.v1",
		Data: []byte(`{"text":"HNS leads"}`), Metadata: []byte(`{"operation_id":"x","actor":{"id":"u-1"}}`)}
}

func TestSealIsAFixedTailOfValidJSON(t *testing.T) {
	t.Parallel()
	var x Hasher
	ev := sampleEvent()
	prev := Hash{1, 2, 3}
	sealed, h, err := x.Seal(ev, prev)
	require.NoError(t, err)
	require.Len(t, sealed, len(ev.Metadata)-1+SealLen)
	require.Equal(t, string(ev.Metadata[:len(ev.Metadata)-1]), string(sealed[:len(ev.Metadata)-1]))

	var m map[string]any
	require.NoError(t, json.Unmarshal(sealed, &m))
	require.Equal(t, prev.String(), m["prev_hash"])
	require.Equal(t, h.String(), m["hash"])

	ev.Metadata = sealed
	s, err := x.Open(&ev)
	require.NoError(t, err)
	require.Equal(t, Sealed{Prev: prev, Hash: h, Content: s.Content}, s)
}

func TestOpenDetectsEveryChange(t *testing.T) {
	t.Parallel()
	var x Hasher
	base := sampleEvent()
	sealed, _, err := x.Seal(base, Zero)
	require.NoError(t, err)
	base.Metadata = sealed
	cases := []struct {
		name   string
		change func(*Event)
		want   error
	}{
		{"stream", func(e *Event) { e.Stream += "x" }, ErrHashMismatch},
		{"version", func(e *Event) { e.Version++ }, ErrHashMismatch},
		{"id", func(e *Event) { e.ID[0] ^= 1 }, ErrHashMismatch},
		{"type", func(e *Event) { e.Type = "decision.adopted.v2" }, ErrHashMismatch},
		{"payload byte", func(e *Event) { e.Data[3] ^= 1 }, ErrHashMismatch},
		{"metadata byte", func(e *Event) { e.Metadata[5] ^= 1 }, ErrHashMismatch},
		{"prev_hash hex", func(e *Event) { flipHex(e.Metadata, len(e.Metadata)-SealLen+20) }, ErrHashMismatch},
		{"hash hex", func(e *Event) { flipHex(e.Metadata, len(e.Metadata)-5) }, ErrHashMismatch},
		{"uppercase hex", func(e *Event) { upperFirstLetter(e.Metadata[len(e.Metadata)-SealLen:]) }, ErrUnsealed},
		{"seal removed", func(e *Event) { e.Metadata = []byte(`{"a":1}`) }, ErrUnsealed},
		{"seal key renamed", func(e *Event) { e.Metadata[len(e.Metadata)-SealLen+3] = 'q' }, ErrUnsealed},
		{"no metadata", func(e *Event) { e.Metadata = nil }, ErrUnsealed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ev := base
			ev.Data = append([]byte(nil), base.Data...)
			ev.Metadata = append([]byte(nil), base.Metadata...)
			c.change(&ev)
			var x Hasher
			_, err := x.Open(&ev)
			require.ErrorIs(t, err, c.want)
		})
	}
}

func flipHex(b []byte, i int) {
	if b[i] == '0' {
		b[i] = '1'
	} else {
		b[i] = '0'
	}
}

func upperFirstLetter(b []byte) {
	i := strings.IndexAny(string(b), "abcdef")
	b[i] -= 'a' - 'A'
}

func TestSealRefusesNonObjects(t *testing.T) {
	t.Parallel()
	for _, m := range []string{"", "{}", "[1]", `"x"`, "{\"a\":1} "} {
		var x Hasher
		ev := sampleEvent()
		ev.Metadata = []byte(m)
		_, _, err := x.Seal(ev, Zero)
		require.ErrorIs(t, err, ErrNotObject, m)
	}
}

// TestHashIsStable pins format v1: a change to the encoding breaks this test
// before it breaks every stored chain.
func TestHashIsStable(t *testing.T) {
	t.Parallel()
	var x Hasher
	ev := Event{Stream: "s", Version: 1, ID: uuid.MustParse("00000000-0000-0000-0000-000000000001"),
		Type: "t", Data: []byte("{}"), Metadata: []byte(`{"a":1}`)}
	sealed, h, err := x.Seal(ev, Zero)
	require.NoError(t, err)
	require.Equal(t, `{"a":1,"prev_hash":"`+strings.Repeat("0", 64)+`","hash":"`+h.String()+`"}`, string(sealed))
	require.Equal(t, pinnedHash, h.String())
}
