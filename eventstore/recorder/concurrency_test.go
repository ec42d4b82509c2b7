package recorder

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/memory"
)

// Writers racing on one record all land: each conflict means another writer
// succeeded, so n writers need at most n attempts.
func TestConcurrentWritersOnOneRecord(t *testing.T) {
	t.Parallel()
	const writers = 5
	mem := memory.New()
	s := newScene(t, mem)
	ap := s.run(domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "t", Owner: domain.Owner{ComponentID: s.hns}}).Ref
	svc := New(mem, WithAttempts(writers))
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := range writers {
		wg.Go(func() {
			_, err := svc.Execute(context.Background(), domain.ReportProgress{Header: hdr(s.op), ID: ap.ID, Percent: 10 * (i + 1), Note: "n"}, WriteOptions{})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	a, err := svc.Load(context.Background(), ap)
	require.NoError(t, err)
	require.Equal(t, uint64(writers+1), domain.BaseOf(a).Version)
}
