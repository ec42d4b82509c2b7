package sqlite_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
)

// TestReadersAlwaysNameTheStream reads the log in a tight loop while writers
// create new streams: a committed event must carry its stream's name even
// when it is read in the instant after its commit.
func TestReadersAlwaysNameTheStream(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := openTemp(t)
	const writers, streams = 4, 150
	done := make(chan struct{})
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range streams {
				_, err := store.Append(ctx, fmt.Sprintf("named-%d-%d", w, i), eventstore.NoStream(), benchEvents(1)...)
				require.NoError(t, err)
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	var after uint64
	seen := 0
	for finished := false; !finished; {
		select {
		case <-done:
			finished = true
		default:
		}
		for ev, err := range store.ReadAll(ctx, after, 0) {
			require.NoError(t, err)
			require.NotEmpty(t, ev.Stream, "event at position %d has no stream name", ev.Position)
			after = ev.Position
			seen++
		}
	}
	require.Equal(t, writers*streams, seen)
}
