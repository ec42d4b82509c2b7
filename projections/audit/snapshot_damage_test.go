package audit_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/projections/audit"
)

// A snapshot cut short or with any byte altered is refused with an error;
// the trail is never filled from part of it.
func TestADamagedSnapshotIsRefused(t *testing.T) {
	t.Parallel()
	tr := audit.New()
	apply(t, tr, append(handMadeLog(), syntheticEvents(t, 5_000)...))
	snap := snapshot(t, tr)
	type damage struct {
		name string
		body []byte
	}
	var cases []damage
	for _, n := range []int{0, 1, 4, 20, len(snap) / 3, len(snap) / 2, len(snap) - 5, len(snap) - 1} {
		cases = append(cases, damage{"cut to " + itoa(n) + " bytes", snap[:n]})
	}
	for _, at := range spread(len(snap), 300) {
		body := bytes.Clone(snap)
		body[at] ^= 0x10
		cases = append(cases, damage{"byte " + itoa(at) + " altered", body})
	}
	for _, tc := range cases {
		err := audit.New().ReadSnapshot(bytes.NewReader(tc.body))
		require.Error(t, err, tc.name)
	}
}

// The reader stops at the snapshot's last byte: whatever follows it in the
// same file is left for its owner.
func TestASnapshotIsReadToItsEndAndNoFurther(t *testing.T) {
	t.Parallel()
	tr := audit.New()
	apply(t, tr, handMadeLog())
	after := []byte("the next view's snapshot")
	r := bytes.NewReader(append(snapshot(t, tr), after...))
	require.NoError(t, audit.New().ReadSnapshot(r))
	rest, err := io.ReadAll(r)
	require.NoError(t, err)
	require.Equal(t, after, rest)
}

// spread is n offsets spread over [0, size), the first and last included.
func spread(size, n int) []int {
	out := make([]int, 0, n)
	for k := range n {
		out = append(out, k*(size-1)/(n-1))
	}
	return out
}

func itoa(n int) string { return string(bytesOf(n)) }

func bytesOf(n int) []byte {
	if n < 10 {
		return []byte{byte('0' + n)}
	}
	return append(bytesOf(n/10), byte('0'+n%10))
}
