package accesslog

import (
	"errors"
	"os"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// gatedSync stands in for the file's sync: each call notes how many lines
// the file held when it started, and the first one waits for release.
type gatedSync struct {
	mu       sync.Mutex
	path     string
	release  chan struct{}
	started  chan struct{}
	sawLines []int
	fail     error
}

func (g *gatedSync) sync() error {
	raw, err := os.ReadFile(g.path)
	if err != nil {
		return err
	}
	g.mu.Lock()
	g.sawLines = append(g.sawLines, countLines(raw))
	first := len(g.sawLines) == 1
	g.mu.Unlock()
	if first {
		close(g.started)
		<-g.release
	}
	return g.fail
}

func countLines(raw []byte) int {
	n := 0
	for _, b := range raw {
		if b == '\n' {
			n++
		}
	}
	return n
}

// openGated is an access log whose first sync waits until the file holds
// want lines: the Records that come meanwhile must wait for a sync of their
// own lines, and share it.
func openGated(t *testing.T, fail error) (*File, *gatedSync) {
	t.Helper()
	l, err := Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	g := &gatedSync{path: l.path, release: make(chan struct{}), started: make(chan struct{}), fail: fail}
	l.sync = g.sync
	return l, g
}

// recordWhileFirstSyncs records one entry, waits until its sync started,
// then records others concurrently, releases the first sync once they are
// all written, and returns each Record's error.
func recordWhileFirstSyncs(t *testing.T, l *File, g *gatedSync, others int) []error {
	t.Helper()
	errs := make([]error, others+1)
	var wg sync.WaitGroup
	wg.Go(func() { errs[0] = l.Record(Entry{Principal: "first"}) })
	<-g.started
	for i := 1; i <= others; i++ {
		wg.Go(func() { errs[i] = l.Record(Entry{Principal: "later"}) })
	}
	for { // every later line is written before the first sync ends
		raw, err := os.ReadFile(l.path)
		require.NoError(t, err)
		if countLines(raw) == others+1 {
			break
		}
	}
	close(g.release)
	wg.Wait()
	return errs
}

func TestRecordsWrittenDuringASyncShareTheNextOne(t *testing.T) {
	t.Parallel()
	l, g := openGated(t, nil)
	for _, err := range recordWhileFirstSyncs(t, l, g, 5) {
		require.NoError(t, err)
	}
	require.Equal(t, []int{1, 6}, g.sawLines,
		"the first sync covers the first line; the five written meanwhile wait for one more sync, which covers them all")
	all, err := l.Query(Filter{}, 0)
	require.NoError(t, err)
	require.Len(t, all, 6)
}

func TestAFailedSyncFailsTheRecordsItCovered(t *testing.T) {
	t.Parallel()
	broken := errors.New("disk gone")
	l, g := openGated(t, broken)
	errs := recordWhileFirstSyncs(t, l, g, 3)
	for _, err := range errs {
		require.ErrorIs(t, err, broken, "no Record returns success before its line is synced")
	}
	require.Equal(t, []int{1, 4}, g.sawLines)
}
